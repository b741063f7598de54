# --8<-- [start:revision]
"""Valider le format des emails sans bloquer les écritures

Revision ID: d444106134d6
Revises: 60c81540fde5
Create Date: 2024-05-20 10:00:00.000000

"""

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

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

# Les bases où upgrade valide lui-même une partie de son travail (autocommit_block), lu par les tests
COMMITS_MIDWAY_ON: tuple[str, ...] = ("postgresql",)

# Ce que squawk signale dans le SQL de cette révision, et pourquoi la révision le garde
SQUAWK: dict[str, str] = {
    "ban-drop-constraint": (
        "DROP CONSTRAINT IF EXISTS retire la contrainte NOT VALID qu'une exécution interrompue a pu laisser, "
        "pour relancer la révision."
    ),
}


def upgrade() -> None:
    # 0. Une exécution qui a échoué a pu laisser la contrainte NOT VALID : repartir de zéro
    op.execute("ALTER TABLE core_user DROP CONSTRAINT IF EXISTS ck_core_user_email_format")
    # 1. NOT VALID : seules les nouvelles lignes sont vérifiées, l'ALTER est instantané
    op.create_check_constraint(
        "ck_core_user_email_format",
        "core_user",
        "email LIKE '%@%'",
        postgresql_not_valid=True,
    )
    # 2. VALIDATE dans sa propre transaction : il lit la table sans bloquer les écritures
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
            "id": "theo",
            "username": "theo",
            "name": "Théo",
            "full_name": "Théo Martin",
            "role": "admin",
            "created_at": datetime(2023, 5, 1, 10, 0),
            "email": "theo@example.com",
        },
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    validated = alembic_connection.execute(
        sa.text("SELECT convalidated FROM pg_constraint WHERE conname = 'ck_core_user_email_format'")
    ).scalar_one()
    assert validated is True  # VALIDATE CONSTRAINT a été exécuté
    try:
        with alembic_connection.begin_nested():
            alembic_connection.execute(
                sa.text(
                    "INSERT INTO core_user (id, username, name, full_name, role, created_at, email)"
                    " VALUES ('ugo', 'ugo', 'Ugo', 'Ugo Durand', 'member', '2024-03-01', 'ugo-at-example.com')"
                )
            )
    except sa.exc.IntegrityError:
        pass
    else:
        raise AssertionError("an email without @ was accepted")


# --8<-- [end:check]
