# --8<-- [start:revision]
"""Marquer les utilisateurs traités, par lots

Revision ID: 1d89d5027e57
Revises: 93a98f3e389b
Create Date: 2024-05-06 10:00:00.000000

"""

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "1d89d5027e57"
down_revision: str | Sequence[str] | None = "93a98f3e389b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

logger = logging.getLogger("migrations")

BATCH_SIZE = 10_000


def upgrade() -> None:
    connection = op.get_bind()
    # Une exécution qui a échoué a pu valider la colonne et des lots : reprendre là
    if "processed" not in {column["name"] for column in sa.inspect(connection).get_columns("core_user")}:
        # Une colonne nullable sans valeur par défaut : instantané, même sur une grande table
        op.add_column("core_user", sa.Column("processed", sa.Boolean(), nullable=True))

    done = 0
    # Chaque lot de 10 000 lignes est validé seul : pas de verrou long
    with op.get_context().autocommit_block():
        while True:
            result = connection.execute(
                sa.text(
                    """
                    UPDATE core_user
                    SET processed = true
                    WHERE id IN (
                        SELECT id FROM core_user
                        WHERE processed IS NULL
                        LIMIT :batch_size
                    )
                    """
                ),
                {"batch_size": BATCH_SIZE},
            )
            if result.rowcount == 0:
                break
            done += result.rowcount
            logger.info("Traité %d enregistrements", done)


def downgrade() -> None:
    with op.batch_alter_table("core_user") as batch_op:
        batch_op.drop_column("processed")


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
                "id": f"lot{i:05d}",
                "username": f"lot{i}",
                "name": f"Lot {i}",
                "full_name": f"Lot {i}",
                "role": "member",
                "created_at": datetime(2024, 1, 1, 10, 0),
                "email": f"lot{i}@example.com",
            }
            for i in range(BATCH_SIZE + 5)  # un lot complet et un lot partiel
        ],
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    counts = alembic_connection.execute(
        sa.text("SELECT processed, count(*) FROM core_user WHERE id LIKE 'lot%' GROUP BY processed")
    ).all()
    assert counts == [(True, BATCH_SIZE + 5)], counts
    left = alembic_connection.execute(sa.text("SELECT count(*) FROM core_user WHERE processed IS NULL")).scalar()
    assert left == 0, f"{left} rows were not processed"


# --8<-- [end:check]
