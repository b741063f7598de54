# --8<-- [start:revision]
"""Créer la relation User <-> Group

Revision ID: 8c5d6006b21d
Revises: bad5f401205d
Create Date: 2024-03-11 10:00:00.000000

"""

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "8c5d6006b21d"
down_revision: str | Sequence[str] | None = "bad5f401205d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Ce que squawk signale dans le SQL de cette révision, et pourquoi la révision le garde
SQUAWK: dict[str, str] = {
    "adding-foreign-key-constraint": (
        "la table core_membership est créée vide dans la même transaction : la vérification est instantanée."
    ),
    "adding-serial-primary-key-field": "la clé primaire est posée sur une table vide, créée dans la même transaction.",
    "constraint-missing-not-valid": "la table est vide : il n'y a aucune ligne à vérifier.",
}


def upgrade() -> None:
    # 1. Table d'association
    op.create_table(
        "core_membership",
        sa.Column("user_id", sa.String(), nullable=False),
        sa.Column("group_id", sa.String(), nullable=False),
        sa.Column("joined_at", sa.DateTime(), server_default=sa.func.now()),
        sa.Column("role", sa.String(50), server_default="member"),
    )

    # 2. Clé primaire composite
    with op.batch_alter_table("core_membership") as batch_op:
        batch_op.create_primary_key("pk_core_membership", ["user_id", "group_id"])

        # 3. Clés étrangères
        batch_op.create_foreign_key(
            "fk_core_membership_user_id",
            "core_user",
            ["user_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_foreign_key(
            "fk_core_membership_group_id",
            "core_group",
            ["group_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    op.drop_table("core_membership")


# --8<-- [end:revision]


# --8<-- [start:check]
def pre_test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into(
        "core_user",
        {
            "id": "ines",
            "username": "ines",
            "name": "Inès",
            "role": "admin",
            "created_at": datetime(2023, 5, 1, 10, 0),
            "email": "ines@example.com",
        },
    )
    alembic_runner.insert_into("core_group", [{"id": "bda", "name": "BDA"}, {"id": "fanfare", "name": "Fanfare"}])


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into(
        "core_membership",
        [{"user_id": "ines", "group_id": "bda"}, {"user_id": "ines", "group_id": "fanfare"}],
    )
    roles = (
        alembic_connection.execute(sa.text("SELECT role FROM core_membership WHERE user_id = 'ines'")).scalars().all()
    )
    assert roles == ["member", "member"], roles  # valeur par défaut du serveur
    # La clé primaire composite refuse deux fois la même adhésion
    try:
        with alembic_connection.begin_nested():
            alembic_connection.execute(
                sa.text("INSERT INTO core_membership (user_id, group_id) VALUES ('ines', 'bda')")
            )
    except sa.exc.IntegrityError:
        pass
    else:
        raise AssertionError("the same membership was accepted twice")


# --8<-- [end:check]
