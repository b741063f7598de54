# --8<-- [start:revision]
"""Restructurer la table des événements

Revision ID: 04dd617630ea
Revises: f306beed3e3e
Create Date: 2024-01-20 15:30:00.000000

"""

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "04dd617630ea"
down_revision: str | Sequence[str] | None = "f306beed3e3e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Ce que squawk signale dans le SQL de cette révision, et pourquoi la révision le garde
SQUAWK: dict[str, str] = {
    "renaming-column": (
        "les renommages sont instantanés, mais le code qui lit les anciens noms doit être déployé avec la révision."
    ),
}


def upgrade() -> None:
    # Renommer sur place : PostgreSQL ne change que le catalogue, sans copier une ligne,
    # et les clés étrangères qui visent core_event restent en place.
    with op.batch_alter_table("core_event") as batch_op:
        batch_op.alter_column("event_title", new_column_name="title")
        batch_op.alter_column("event_description", new_column_name="description")
        batch_op.alter_column("scheduled_date", new_column_name="event_date")


def downgrade() -> None:
    with op.batch_alter_table("core_event") as batch_op:
        batch_op.alter_column("title", new_column_name="event_title")
        batch_op.alter_column("description", new_column_name="event_description")
        batch_op.alter_column("event_date", new_column_name="scheduled_date")


# --8<-- [end:revision]


# --8<-- [start:check]
def pre_test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into(
        "core_event",
        [
            {
                "id": "gala",
                "event_title": "Gala",
                "event_description": None,
                "scheduled_date": datetime(2025, 2, 8, 19, 0),
                "status": "draft",
                "created_date": datetime(2024, 7, 1, 9, 0),
            },
            {
                "id": "integration",
                "event_title": "Soirée d'intégration",
                "event_description": "Au foyer",
                "scheduled_date": datetime(2024, 9, 12, 20, 0),
                "status": "confirmed",
                "created_date": datetime(2024, 6, 1, 9, 0),
            },
        ],
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    rows = alembic_connection.execute(
        sa.text("SELECT id, title, description, status FROM core_event ORDER BY id")
    ).all()
    assert rows == [
        ("gala", "Gala", None, "draft"),
        ("integration", "Soirée d'intégration", "Au foyer", "confirmed"),
    ], rows


def test_downgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    """Le downgrade rend leurs anciens noms aux colonnes : rien n'est perdu."""
    titles = alembic_connection.execute(sa.text("SELECT event_title FROM core_event ORDER BY id")).scalars().all()
    assert titles == ["Gala", "Soirée d'intégration"], titles


# --8<-- [end:check]
