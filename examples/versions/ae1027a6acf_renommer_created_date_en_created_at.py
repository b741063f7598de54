# --8<-- [start:revision]
"""Renommer created_date en created_at

Revision ID: ae1027a6acf
Revises: 04dd617630ea
Create Date: 2024-01-22 11:00:00.000000

"""

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "ae1027a6acf"
down_revision: str | Sequence[str] | None = "04dd617630ea"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Ce que squawk signale dans le SQL de cette révision, et pourquoi la révision le garde
SQUAWK: dict[str, str] = {
    "renaming-column": (
        "le renommage est instantané, mais le code qui lit created_date doit être déployé avec la révision."
    ),
}


def upgrade() -> None:
    with op.batch_alter_table("core_event") as batch_op:
        batch_op.alter_column("created_date", new_column_name="created_at")


def downgrade() -> None:
    with op.batch_alter_table("core_event") as batch_op:
        batch_op.alter_column("created_at", new_column_name="created_date")


# --8<-- [end:revision]


# --8<-- [start:check]
def pre_test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into(
        "core_event",
        {
            "id": "forum",
            "title": "Forum des entreprises",
            "event_date": datetime(2025, 2, 8, 19, 0),
            "status": "draft",
            "created_date": datetime(2024, 7, 1, 9, 0),
        },
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    core_event = alembic_runner.table_at_revision("core_event")
    created_at = alembic_connection.execute(
        sa.select(core_event.c.created_at).where(core_event.c.id == "forum")
    ).scalar_one()
    assert created_at == datetime(2024, 7, 1, 9, 0), created_at


def test_downgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    core_event = alembic_runner.table_at_revision("core_event")
    created_date = alembic_connection.execute(
        sa.select(core_event.c.created_date).where(core_event.c.id == "forum")
    ).scalar_one()
    assert created_date == datetime(2024, 7, 1, 9, 0), created_date


# --8<-- [end:check]
