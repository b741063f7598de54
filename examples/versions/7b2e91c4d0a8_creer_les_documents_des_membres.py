# --8<-- [start:revision]
"""Créer les documents des membres

Revision ID: 7b2e91c4d0a8
Revises: 06405da15a7a
Create Date: 2024-06-03 10:00:00.000000

"""

from collections.abc import Sequence
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "7b2e91c4d0a8"
down_revision: str | Sequence[str] | None = "06405da15a7a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


class DocumentType(Enum):
    idCard = "idCard"
    studentCard = "studentCard"


def upgrade() -> None:
    # sa.Enum(DocumentType) : le type PostgreSQL prend le nom par défaut, documenttype,
    # et op.create_table le crée avec la table
    op.create_table(
        "core_document",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("user_id", sa.String(), sa.ForeignKey("core_user.id", ondelete="CASCADE"), nullable=False),
        sa.Column("type", sa.Enum(DocumentType), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("core_document")
    # op.drop_table ne connaît pas les colonnes : le type reste, le supprimer à part
    sa.Enum(DocumentType).drop(op.get_bind(), checkfirst=True)


# --8<-- [end:revision]


# --8<-- [start:check]
def pre_test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into(
        "core_user",
        {
            "id": "victor",
            "username": "victor",
            "name": "Victor",
            "full_name": "Victor Martin",
            "role": "member",
            "created_at": datetime(2024, 5, 1, 10, 0),
            "email": "victor@example.com",
        },
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into(
        "core_document",
        {"id": "carte-victor", "user_id": "victor", "type": "studentCard", "uploaded_at": datetime(2024, 6, 1, 9, 0)},
    )
    types = (
        alembic_connection.execute(sa.text("SELECT type FROM core_document WHERE user_id = 'victor'")).scalars().all()
    )
    assert types == ["studentCard"], types


# --8<-- [end:check]
