# --8<-- [start:revision]
"""Ajouter le champ is_active avec une valeur par défaut

Revision ID: f306beed3e3e
Revises: 13f406f72dc1
Create Date: 2024-01-15 10:00:00.000000

"""

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "f306beed3e3e"
down_revision: str | Sequence[str] | None = "13f406f72dc1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # 1. Ajouter la colonne : la valeur par défaut du serveur donne true à chaque ligne existante
    with op.batch_alter_table("core_user") as batch_op:
        batch_op.add_column(
            sa.Column("is_active", sa.Boolean(), server_default=sa.true()),
        )

    # 2. Corriger les lignes existantes qui ne doivent pas garder la valeur par défaut
    connection = op.get_bind()
    connection.execute(
        sa.text("UPDATE core_user SET is_active = false WHERE created_at < :date"),
        {"date": "2024-01-01"},
    )


def downgrade() -> None:
    with op.batch_alter_table("core_user") as batch_op:
        batch_op.drop_column("is_active")


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
                "id": "bruno",
                "username": "bruno",
                "name": "Bruno",
                "role": "admin",
                "created_at": datetime(2023, 5, 1, 10, 0),
            },
            {
                "id": "chloe",
                "username": "chloe",
                "name": "Chloé",
                "role": "member",
                "created_at": datetime(2024, 3, 1, 10, 0),
            },
        ],
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    rows = alembic_connection.execute(
        sa.text("SELECT id, is_active FROM core_user WHERE id IN ('bruno', 'chloe') ORDER BY id")
    ).all()
    assert rows == [("bruno", False), ("chloe", True)], rows


# --8<-- [end:check]
