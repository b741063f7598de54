# --8<-- [start:revision]
"""Créer les écoles des utilisateurs

Revision ID: ec8b5eac2908
Revises: c5b7bf66f650
Create Date: 2024-06-24 10:00:00.000000

"""

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "ec8b5eac2908"
down_revision: str | Sequence[str] | None = "c5b7bf66f650"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "core_school",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
    )
    # Nullable : l'ajout ne touche aucune ligne existante. La clé étrangère vient dans la révision suivante.
    op.add_column("core_user", sa.Column("school_id", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("core_user") as batch_op:
        batch_op.drop_column("school_id")
    op.drop_table("core_school")


# --8<-- [end:revision]


# --8<-- [start:check]
def pre_test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into(
        "core_user",
        {
            "id": "maya",
            "username": "maya",
            "name": "Maya",
            "full_name": "Maya Petit",
            "role": "member",
            "created_at": datetime(2024, 6, 1, 10, 0),
            "email": "maya@example.com",
        },
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_connection.execute(sa.text("INSERT INTO core_school (id, name) VALUES ('insa', 'INSA Lyon')"))
    # Les utilisateurs existants n'ont pas encore d'école
    school = alembic_connection.execute(sa.text("SELECT school_id FROM core_user WHERE id = 'maya'")).scalar_one()
    assert school is None


# --8<-- [end:check]
