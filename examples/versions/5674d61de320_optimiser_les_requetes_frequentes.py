# --8<-- [start:revision]
"""Optimiser les requêtes fréquentes

Revision ID: 5674d61de320
Revises: 8c5d6006b21d
Create Date: 2024-03-18 10:00:00.000000

"""

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "5674d61de320"
down_revision: str | Sequence[str] | None = "8c5d6006b21d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Ce que squawk signale dans le SQL de cette révision, et pourquoi la révision le garde
SQUAWK: dict[str, str] = {
    "require-concurrent-index-creation": (
        "index ordinaires, qui bloquent les écritures pendant leur construction : la version sans blocage est "
        "la révision 06405da15a7a."
    ),
}


def upgrade() -> None:
    # Index simple, pour les recherches
    op.create_index("idx_core_user_username", "core_user", ["username"])

    # Index composite, pour les requêtes filtrées
    op.create_index("idx_core_event_date_status", "core_event", ["event_date", "status"])

    # Index partiel : seulement les utilisateurs actifs (PostgreSQL et SQLite le permettent)
    op.create_index(
        "idx_core_user_active",
        "core_user",
        ["created_at"],
        postgresql_where=sa.text("is_active = true"),
        sqlite_where=sa.text("is_active = 1"),
    )


def downgrade() -> None:
    op.drop_index("idx_core_user_active", table_name="core_user")
    op.drop_index("idx_core_event_date_status", table_name="core_event")
    op.drop_index("idx_core_user_username", table_name="core_user")


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
                "id": f"index{i}",
                "username": f"index{i}",
                "name": f"Index {i}",
                "role": "member",
                "created_at": datetime(2024, 1, i, 10, 0),
                "email": f"index{i}@example.com",
                "is_active": i % 2 == 0,
            }
            for i in range(1, 21)
        ],
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    indexes = {index["name"] for index in sa.inspect(alembic_connection).get_indexes("core_user")}
    assert {"idx_core_user_username", "idx_core_user_active"} <= indexes, indexes
    # La requête que sert l'index partiel ne renvoie toujours que les utilisateurs actifs
    active = alembic_connection.execute(
        sa.text(
            "SELECT count(*) FROM core_user WHERE is_active = true AND created_at >= '2024-01-10' AND id LIKE 'index%'"
        )
    ).scalar_one()
    assert active == 6, active


# --8<-- [end:check]
