# --8<-- [start:revision]
"""Phase 1 : ajouter la colonne full_name

Revision ID: 02e543633361
Revises: c3da80b56567
Create Date: 2024-04-08 10:00:00.000000

"""

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "02e543633361"
down_revision: str | Sequence[str] | None = "c3da80b56567"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Ajouter la nouvelle colonne, qui accepte NULL : l'application en service l'ignore
    with op.batch_alter_table("core_user") as batch_op:
        batch_op.add_column(sa.Column("full_name", sa.String(100), nullable=True))

    # Le code de l'application ne change pas encore


def downgrade() -> None:
    with op.batch_alter_table("core_user") as batch_op:
        batch_op.drop_column("full_name")


# --8<-- [end:revision]


# --8<-- [start:check]
def pre_test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into(
        "core_user",
        {
            "id": "lea",
            "username": "lea",
            "name": "Léa Petit",
            "role": "admin",
            "created_at": datetime(2023, 5, 1, 10, 0),
            "email": "lea@example.com",
        },
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    # L'ancienne version de l'application insère encore des lignes sans full_name
    alembic_connection.execute(
        sa.text(
            "INSERT INTO core_user (id, username, name, role, created_at, email)"
            " VALUES ('malik', 'malik', 'Malik Benali', 'member', '2024-03-01', 'malik@example.com')"
        )
    )
    full_names = (
        alembic_connection.execute(sa.text("SELECT full_name FROM core_user WHERE id IN ('lea', 'malik')"))
        .scalars()
        .all()
    )
    assert full_names == [None, None], full_names


# --8<-- [end:check]
