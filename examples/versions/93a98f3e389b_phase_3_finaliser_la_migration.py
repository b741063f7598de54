# --8<-- [start:revision]
"""Phase 3 : finaliser la migration

Revision ID: 93a98f3e389b
Revises: f68b48b3a6d9
Create Date: 2024-04-22 10:00:00.000000

"""

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "93a98f3e389b"
down_revision: str | Sequence[str] | None = "f68b48b3a6d9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Ce que squawk signale dans le SQL de cette révision, et pourquoi la révision le garde
SQUAWK: dict[str, str] = {
    "adding-not-nullable-field": (
        "SET NOT NULL lit toute la table sous verrou ACCESS EXCLUSIVE. make bench en mesure la durée."
    ),
}


def upgrade() -> None:
    # Make the new column NOT NULL
    with op.batch_alter_table("core_user") as batch_op:
        batch_op.alter_column("full_name", existing_type=sa.String(100), nullable=False)
        # Later, once no code reads it: batch_op.drop_column("name")


def downgrade() -> None:
    with op.batch_alter_table("core_user") as batch_op:
        batch_op.alter_column("full_name", existing_type=sa.String(100), nullable=True)


# --8<-- [end:revision]


# --8<-- [start:check]
def pre_test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into(
        "core_user",
        {
            "id": "paul",
            "username": "paul",
            "name": "Paul Martin",
            "full_name": "Paul Martin",
            "role": "admin",
            "created_at": datetime(2023, 5, 1, 10, 0),
            "email": "paul@example.com",
        },
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    full_name = alembic_connection.execute(sa.text("SELECT full_name FROM core_user WHERE id = 'paul'")).scalar_one()
    assert full_name == "Paul Martin", full_name
    # Une ligne sans full_name est désormais refusée
    try:
        with alembic_connection.begin_nested():
            alembic_connection.execute(
                sa.text(
                    "INSERT INTO core_user (id, username, name, role, created_at, email)"
                    " VALUES ('quentin', 'quentin', 'Quentin', 'member', '2024-03-01', 'quentin@example.com')"
                )
            )
    except sa.exc.IntegrityError:
        pass
    else:
        raise AssertionError("a user without full_name was accepted")


# --8<-- [end:check]
