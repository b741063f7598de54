# --8<-- [start:revision]
"""Rendre les noms d'utilisateur uniques sans bloquer

Revision ID: c5b7bf66f650
Revises: c5a0f3e8b217
Create Date: 2024-06-17 10:00:00.000000

"""

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "c5b7bf66f650"
down_revision: str | Sequence[str] | None = "c5a0f3e8b217"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Les bases où upgrade valide lui-même une partie de son travail (autocommit_block), lu par les tests
COMMITS_MIDWAY_ON: tuple[str, ...] = ("postgresql",)


def upgrade() -> None:
    # Un ADD CONSTRAINT UNIQUE direct construirait l'index sous verrou ACCESS EXCLUSIVE.
    with op.get_context().autocommit_block():
        # 1. Une construction interrompue laisse un index invalide : le supprimer d'abord
        op.drop_index("uq_core_user_username", table_name="core_user", postgresql_concurrently=True, if_exists=True)
        # 2. Construire l'index unique sans bloquer les lectures ni les écritures
        op.create_index(
            "uq_core_user_username",
            "core_user",
            ["username"],
            unique=True,
            postgresql_concurrently=True,
        )
    # 3. La contrainte reprend l'index tout fait : le verrou ne dure qu'un instant
    op.execute("ALTER TABLE core_user ADD CONSTRAINT uq_core_user_username UNIQUE USING INDEX uq_core_user_username")


def downgrade() -> None:
    with op.batch_alter_table("core_user") as batch_op:
        batch_op.drop_constraint("uq_core_user_username", type_="unique")


# --8<-- [end:revision]


# --8<-- [start:check]
def pre_test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into(
        "core_user",
        {
            "id": "lina",
            "username": "lina",
            "name": "Lina",
            "full_name": "Lina Roux",
            "role": "member",
            "created_at": datetime(2024, 6, 1, 10, 0),
            "email": "lina@example.com",
        },
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    unique = sa.inspect(alembic_connection).get_unique_constraints("core_user")
    assert {"name": "uq_core_user_username", "column_names": ["username"]} in [
        {"name": constraint["name"], "column_names": constraint["column_names"]} for constraint in unique
    ], unique
    try:
        with alembic_connection.begin_nested():
            alembic_connection.execute(
                sa.text(
                    "INSERT INTO core_user (id, username, name, full_name, role, created_at, email)"
                    " VALUES ('lina2', 'lina', 'Lina', 'Lina Blanc', 'member', '2024-06-02', 'lina2@example.com')"
                )
            )
    except sa.exc.IntegrityError:
        pass
    else:
        raise AssertionError("a second user named lina was accepted")


# --8<-- [end:check]
