# --8<-- [start:revision]
"""Valider le format des emails sans bloquer les écritures

Revision ID: d444106134d6
Revises: 60c81540fde5
Create Date: 2024-05-20 10:00:00.000000

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
revision: str = "d444106134d6"
down_revision: str | Sequence[str] | None = "60c81540fde5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

POSTGRESQL_ONLY = (
    "NOT VALID et VALIDATE CONSTRAINT n'existent que sur PostgreSQL."
    " Sur SQLite, le mode batch recrée la table avec la contrainte, qui vérifie alors toutes les lignes."
)


def upgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        with op.batch_alter_table("core_user") as batch_op:
            batch_op.create_check_constraint("ck_core_user_email_format", "email LIKE '%@%'")
        return

    # 1. NOT VALID: only new rows are checked, the ALTER is instant
    op.create_check_constraint(
        "ck_core_user_email_format",
        "core_user",
        "email LIKE '%@%'",
        postgresql_not_valid=True,
    )
    # 2. VALIDATE in its own transaction: it reads the table without blocking writes
    with op.get_context().autocommit_block():
        op.execute("ALTER TABLE core_user VALIDATE CONSTRAINT ck_core_user_email_format")


def downgrade() -> None:
    with op.batch_alter_table("core_user") as batch_op:
        batch_op.drop_constraint("ck_core_user_email_format", type_="check")


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
            "full_name": "Alice Martin",
            "role": "admin",
            "created_at": datetime(2023, 5, 1, 10, 0),
            "email": "alice@example.com",
        },
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    validated = alembic_connection.execute(
        sa.text("SELECT convalidated FROM pg_constraint WHERE conname = 'ck_core_user_email_format'")
    ).scalar_one()
    assert validated is True  # VALIDATE CONSTRAINT ran
    with pytest.raises(sa.exc.IntegrityError), alembic_connection.begin_nested():
        alembic_connection.execute(
            sa.text(
                "INSERT INTO core_user (id, username, name, full_name, role, created_at, email)"
                " VALUES ('u2', 'bob', 'Bob', 'Bob Durand', 'member', '2024-03-01', 'bob-at-example.com')"
            )
        )


# --8<-- [end:check]
