# --8<-- [start:revision]
"""Ajouter des valeurs par défaut côté serveur

Revision ID: 279cb68beaba
Revises: 5674d61de320
Create Date: 2024-03-25 10:00:00.000000

"""

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "279cb68beaba"
down_revision: str | Sequence[str] | None = "5674d61de320"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Ce que squawk signale dans le SQL de cette révision, et pourquoi la révision le garde
SQUAWK: dict[str, str] = {
    "adding-field-with-default": (
        "gen_random_uuid() est volatile : PostgreSQL réécrit core_user sous verrou ACCESS EXCLUSIVE."
        " make bench en mesure la durée."
    ),
}


def upgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        uuid_default = sa.text("gen_random_uuid()")
    else:
        # SQLite has no gen_random_uuid(): 16 random bytes in hexadecimal
        uuid_default = sa.text("(lower(hex(randomblob(16))))")

    with op.batch_alter_table("core_user") as batch_op:
        # Boolean with a server default
        batch_op.add_column(
            sa.Column(
                "email_notifications",
                sa.Boolean(),
                server_default=sa.sql.true(),  # ✅ rendered as true or 1 depending on the database
                nullable=False,
            )
        )

        # DateTime with a server default
        batch_op.add_column(
            sa.Column(
                "last_login",
                sa.DateTime(),
                server_default=sa.func.now(),
                nullable=True,
            )
        )

        # UUID with a server default, one expression per database
        batch_op.add_column(
            sa.Column(
                "uuid",
                sa.String(),
                server_default=uuid_default,
                nullable=False,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("core_user") as batch_op:
        batch_op.drop_column("uuid")
        batch_op.drop_column("last_login")
        batch_op.drop_column("email_notifications")


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
                "id": "jade",
                "username": "jade",
                "name": "Jade",
                "role": "admin",
                "created_at": datetime(2023, 5, 1, 10, 0),
                "email": "jade@example.com",
            },
            {
                "id": "karim",
                "username": "karim",
                "name": "Karim",
                "role": "member",
                "created_at": datetime(2024, 3, 1, 10, 0),
                "email": "karim@example.com",
            },
        ],
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    rows = alembic_connection.execute(
        sa.text("SELECT email_notifications, last_login, uuid FROM core_user WHERE id IN ('jade', 'karim')")
    ).all()
    assert [row.email_notifications for row in rows] == [True, True], rows
    assert all(row.last_login is not None for row in rows), rows
    # Chaque ligne existante a reçu son propre identifiant
    assert len({str(row.uuid) for row in rows}) == 2, rows
    assert all(len(str(row.uuid).replace("-", "")) == 32 for row in rows), rows


# --8<-- [end:check]
