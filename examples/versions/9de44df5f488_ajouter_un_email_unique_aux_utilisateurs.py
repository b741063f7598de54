# --8<-- [start:revision]
"""Ajouter un email unique aux utilisateurs

Revision ID: 9de44df5f488
Revises: ae1027a6acf
Create Date: 2024-02-05 14:00:00.000000

"""

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "9de44df5f488"
down_revision: str | Sequence[str] | None = "ae1027a6acf"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Ce que squawk signale dans le SQL de cette révision, et pourquoi la révision le garde
SQUAWK: dict[str, str] = {
    "adding-not-nullable-field": (
        "SET NOT NULL lit toute la table sous verrou ACCESS EXCLUSIVE, comme la mise à jour et l'index "
        "unique. make bench en mesure la durée."
    ),
    "constraint-missing-not-valid": (
        "la contrainte unique construit son index en lisant toute la table, sous le même verrou."
    ),
    "disallowed-unique-constraint": (
        "l'index unique est construit sous verrou, sans CONCURRENTLY : acceptable sur une petite table seulement."
    ),
}


def upgrade() -> None:
    with op.batch_alter_table("core_user") as batch_op:
        # 1. Ajouter d'abord la colonne, qui accepte NULL
        batch_op.add_column(sa.Column("email", sa.String(255), nullable=True))

    # 2. La remplir pour les lignes existantes
    connection = op.get_bind()
    connection.execute(
        sa.text(
            """
            UPDATE core_user
            SET email = username || '@example.com'
            WHERE email IS NULL
            """
        )
    )

    # 3. Ajouter les contraintes
    with op.batch_alter_table("core_user") as batch_op:
        batch_op.alter_column("email", existing_type=sa.String(255), nullable=False)
        batch_op.create_unique_constraint("uq_core_user_email", ["email"])


def downgrade() -> None:
    with op.batch_alter_table("core_user") as batch_op:
        batch_op.drop_constraint("uq_core_user_email", type_="unique")
        batch_op.drop_column("email")


# --8<-- [end:revision]


# --8<-- [start:check]
def pre_test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into(
        "core_user",
        [
            {
                "id": "david",
                "username": "david",
                "name": "David",
                "role": "admin",
                "created_at": datetime(2023, 5, 1, 10, 0),
            },
            {
                "id": "emma",
                "username": "emma",
                "name": "Emma",
                "role": "member",
                "created_at": datetime(2024, 3, 1, 10, 0),
            },
        ],
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    emails = (
        alembic_connection.execute(sa.text("SELECT email FROM core_user WHERE id IN ('david', 'emma') ORDER BY id"))
        .scalars()
        .all()
    )
    assert emails == ["david@example.com", "emma@example.com"], emails
    # La contrainte d'unicité refuse un second compte avec le même email
    try:
        with alembic_connection.begin_nested():
            alembic_connection.execute(
                sa.text(
                    "INSERT INTO core_user (id, username, name, role, created_at, email)"
                    " VALUES ('david2', 'david2', 'David', 'member', '2024-04-01', 'david@example.com')"
                )
            )
    except sa.exc.IntegrityError:
        pass
    else:
        raise AssertionError("a second account with the same email was accepted")


# --8<-- [end:check]
