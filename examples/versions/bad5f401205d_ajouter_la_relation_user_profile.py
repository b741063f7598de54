# --8<-- [start:revision]
"""Ajouter la relation User -> Profile

Revision ID: bad5f401205d
Revises: 4f649f7df079
Create Date: 2024-03-04 10:00:00.000000

"""

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "bad5f401205d"
down_revision: str | Sequence[str] | None = "4f649f7df079"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # 1. Create the related table
    op.create_table(
        "core_user_profile",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("user_id", sa.String(), nullable=False),
        sa.Column("bio", sa.Text()),
        sa.Column("avatar_url", sa.String(500)),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now()),
    )

    # 2. Add the foreign key and the unique constraint (one profile per user)
    with op.batch_alter_table("core_user_profile") as batch_op:
        batch_op.create_foreign_key(
            "fk_core_user_profile_user_id",
            "core_user",
            ["user_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_unique_constraint("uq_core_user_profile_user_id", ["user_id"])


def downgrade() -> None:
    op.drop_table("core_user_profile")


# --8<-- [end:revision]


# --8<-- [start:check]
def pre_test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into(
        "core_user",
        {
            "id": "u1",
            "username": "alice",
            "name": "Alice",
            "role": "admin",
            "created_at": datetime(2023, 5, 1, 10, 0),
            "email": "alice@example.com",
        },
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into("core_user_profile", {"id": "p1", "user_id": "u1", "bio": "Présidente"})
    created_at = alembic_connection.execute(sa.text("SELECT created_at FROM core_user_profile")).scalar_one()
    assert created_at is not None  # filled by the server default
    # A second profile for the same user breaks the unique constraint
    with pytest.raises(sa.exc.IntegrityError), alembic_connection.begin_nested():
        alembic_connection.execute(sa.text("INSERT INTO core_user_profile (id, user_id) VALUES ('p2', 'u1')"))


# --8<-- [end:check]
