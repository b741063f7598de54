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
    "ban-drop-table": (
        "core_event est remplacée par sa copie, dans la même transaction : aucun client ne voit la table manquer."
    ),
    "renaming-table": "la copie prend le nom de l'ancienne table : le code qui lit core_event continue de la trouver.",
}


def upgrade() -> None:
    # 1. Create the new table
    op.create_table(
        "core_event_new",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text()),
        sa.Column("event_date", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_date", sa.DateTime(), nullable=False),
    )

    # 2. Migrate the data: read every row of the old table...
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT * FROM core_event")).mappings().all()

    # ...transform each row and insert them all in one executemany
    if rows:
        connection.execute(
            sa.text(
                "INSERT INTO core_event_new (id, title, description, event_date, status, created_date)"
                " VALUES (:id, :title, :desc, :date, :status, :created)"
            ),
            [
                {
                    "id": row["id"],
                    "title": row["event_title"],  # renamed
                    "desc": row["event_description"],
                    "date": row["scheduled_date"],
                    "status": row["status"],
                    "created": row["created_date"],
                }
                for row in rows
            ],
        )

    # 3. Drop the old table and rename the new one
    op.drop_table("core_event")
    op.rename_table("core_event_new", "core_event")


def downgrade() -> None:
    op.create_table(
        "core_event_old",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("event_title", sa.String(200), nullable=False),
        sa.Column("event_description", sa.Text()),
        sa.Column("scheduled_date", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_date", sa.DateTime(), nullable=False),
    )
    op.execute(
        "INSERT INTO core_event_old (id, event_title, event_description, scheduled_date, status, created_date)"
        " SELECT id, title, description, event_date, status, created_date FROM core_event"
    )
    op.drop_table("core_event")
    op.rename_table("core_event_old", "core_event")


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
    """Le downgrade recopie les lignes : rien n'est perdu."""
    titles = alembic_connection.execute(sa.text("SELECT event_title FROM core_event ORDER BY id")).scalars().all()
    assert titles == ["Gala", "Soirée d'intégration"], titles


# --8<-- [end:check]
