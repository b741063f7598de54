# --8<-- [start:revision]
"""Créer le schéma de base

Revision ID: 13f406f72dc1
Revises:
Create Date: 2024-01-08 09:00:00.000000

"""

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "13f406f72dc1"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

membership = sa.Enum("aeecl", "useecl", name="available_association_membership")


def upgrade() -> None:
    op.create_table(
        "core_user",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("username", sa.String(50), nullable=False),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("role", sa.Enum("admin", "member", name="core_user_role"), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "core_group",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
    )
    op.create_table(
        "core_event",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("event_title", sa.String(200), nullable=False),
        sa.Column("event_description", sa.Text()),
        sa.Column("scheduled_date", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_date", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "core_association",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("group_id", sa.String(), sa.ForeignKey("core_group.id"), nullable=False),
    )
    op.create_table(
        "core_association_membership",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("membership", membership, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("core_association_membership")
    op.drop_table("core_association")
    op.drop_table("core_event")
    op.drop_table("core_group")
    op.drop_table("core_user")
    # drop_table ne supprime pas les types enum que create_table a créés
    sa.Enum(name="available_association_membership").drop(op.get_bind(), checkfirst=True)
    sa.Enum(name="core_user_role").drop(op.get_bind(), checkfirst=True)


# --8<-- [end:revision]


# --8<-- [start:check]
def pre_test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    """Rien à insérer : la base est vide avant la première révision."""


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into(
        "core_user",
        {
            "id": "alice",
            "username": "alice",
            "name": "Alice",
            "role": "admin",
            "created_at": datetime(2023, 5, 1, 10, 0),
        },
    )
    alembic_runner.insert_into("core_group", {"id": "admin", "name": "Admin"})
    alembic_runner.insert_into("core_association", {"id": "bde", "name": "BDE", "group_id": "admin"})
    rows = alembic_connection.execute(
        sa.text(
            "SELECT core_group.name, core_association.name FROM core_association"
            " JOIN core_group ON core_group.id = core_association.group_id WHERE core_association.id = 'bde'"
        )
    ).all()
    assert rows == [("Admin", "BDE")], rows


# --8<-- [end:check]
