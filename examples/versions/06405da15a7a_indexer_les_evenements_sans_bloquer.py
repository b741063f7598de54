# --8<-- [start:revision]
"""Indexer la date de création des événements sans bloquer

Revision ID: 06405da15a7a
Revises: d444106134d6
Create Date: 2024-05-27 10:00:00.000000

"""

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "06405da15a7a"
down_revision: str | Sequence[str] | None = "d444106134d6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Les bases où upgrade valide lui-même une partie de son travail (autocommit_block), lu par les tests
COMMITS_MIDWAY_ON: tuple[str, ...] = ("postgresql", "sqlite")


def upgrade() -> None:
    # CREATE INDEX CONCURRENTLY refuse de s'exécuter dans une transaction : autocommit_block.
    # SQLite ignore postgresql_concurrently et crée un index ordinaire.
    with op.get_context().autocommit_block():
        # Une construction interrompue laisse un index invalide : le supprimer d'abord
        op.drop_index(
            "idx_core_event_created_at",
            table_name="core_event",
            postgresql_concurrently=True,
            if_exists=True,
        )
        op.create_index(
            "idx_core_event_created_at",
            "core_event",
            ["created_at"],
            postgresql_concurrently=True,
        )


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index(
            "idx_core_event_created_at",
            table_name="core_event",
            postgresql_concurrently=True,
        )


# --8<-- [end:revision]


# --8<-- [start:check]
def pre_test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into(
        "core_event",
        {
            "id": "concert",
            "title": "Concert de printemps",
            "event_date": datetime(2025, 4, 8, 19, 0),
            "status": "draft",
            "created_at": datetime(2024, 7, 1, 9, 0),
        },
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    indexes = {
        index["name"]: index["column_names"] for index in sa.inspect(alembic_connection).get_indexes("core_event")
    }
    assert indexes["idx_core_event_created_at"] == ["created_at"], indexes
    if alembic_connection.dialect.name == "postgresql":
        # Une construction CONCURRENTLY qui échoue laisse un index INVALID : celui-ci est valide
        valid = alembic_connection.execute(
            sa.text("SELECT indisvalid FROM pg_index WHERE indexrelid = 'idx_core_event_created_at'::regclass")
        ).scalar_one()
        assert valid is True


# --8<-- [end:check]
