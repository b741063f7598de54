# --8<-- [start:revision]
"""Ajouter un email obligatoire aux groupes

Revision ID: c3da80b56567
Revises: 279cb68beaba
Create Date: 2024-04-02 10:00:00.000000

"""

from collections.abc import Sequence
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "c3da80b56567"
down_revision: str | Sequence[str] | None = "279cb68beaba"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Ce que squawk signale dans le SQL de cette révision, et pourquoi la révision le garde
SQUAWK: dict[str, str] = {
    "adding-not-nullable-field": (
        "SET NOT NULL lit toute la table sous verrou ACCESS EXCLUSIVE. core_group reste petite."
    ),
}


def upgrade() -> None:
    # 1. Ajouter la colonne, qui accepte NULL
    op.add_column("core_group", sa.Column("email", sa.String(255), nullable=True))

    # 2. Remplir les valeurs manquantes
    connection = op.get_bind()
    connection.execute(sa.text("UPDATE core_group SET email = lower(name) || '@temp.local' WHERE email IS NULL"))

    # 3. Poser la contrainte NOT NULL
    with op.batch_alter_table("core_group") as batch_op:
        batch_op.alter_column("email", existing_type=sa.String(255), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("core_group") as batch_op:
        batch_op.drop_column("email")


# --8<-- [end:revision]


# --8<-- [start:check]
def pre_test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into(
        "core_group", [{"id": "cinema", "name": "Cinema"}, {"id": "robotique", "name": "Robotique"}]
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    emails = (
        alembic_connection.execute(
            sa.text("SELECT email FROM core_group WHERE id IN ('cinema', 'robotique') ORDER BY id")
        )
        .scalars()
        .all()
    )
    assert emails == ["cinema@temp.local", "robotique@temp.local"], emails
    # NOT NULL s'applique désormais
    try:
        with alembic_connection.begin_nested():
            alembic_connection.execute(sa.text("INSERT INTO core_group (id, name) VALUES ('echecs', 'Échecs')"))
    except sa.exc.IntegrityError:
        pass
    else:
        raise AssertionError("a group without email was accepted")


# --8<-- [end:check]
