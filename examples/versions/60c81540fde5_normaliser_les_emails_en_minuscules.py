# --8<-- [start:revision]
"""Normaliser les emails en minuscules

Revision ID: 60c81540fde5
Revises: 1d89d5027e57
Create Date: 2024-05-13 10:00:00.000000

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
revision: str = "60c81540fde5"
down_revision: str | Sequence[str] | None = "1d89d5027e57"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# `alembic upgrade` affiche les messages de ce journal (voir alembic.ini)
logger = logging.getLogger("migrations")


def upgrade() -> None:
    logger.info("Début de la migration des emails")

    connection = op.get_bind()

    # Compter les lignes avant
    result = connection.execute(sa.text("SELECT COUNT(*) FROM core_user"))
    count_before = result.scalar()
    logger.info("Enregistrements avant migration : %s", count_before)

    # La migration elle-même
    result = connection.execute(sa.text("UPDATE core_user SET email = lower(email) WHERE email != lower(email)"))
    logger.info("Emails mis en minuscules : %s", result.rowcount)

    # Compter après
    result = connection.execute(sa.text("SELECT COUNT(*) FROM core_user WHERE email IS NOT NULL"))
    count_after = result.scalar()
    logger.info("Enregistrements avec email après migration : %s", count_after)


def downgrade() -> None:
    pass  # La casse d'origine des emails n'est pas gardée : rien à restaurer


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
                "id": "rose",
                "username": "rose",
                "name": "Rose",
                "full_name": "Rose Martin",
                "role": "admin",
                "created_at": datetime(2023, 5, 1, 10, 0),
                "email": "Rose.Martin@Example.com",
            },
            {
                "id": "sami",
                "username": "sami",
                "name": "Sami",
                "full_name": "Sami Durand",
                "role": "member",
                "created_at": datetime(2024, 3, 1, 10, 0),
                "email": "sami@example.com",
            },
        ],
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    emails = (
        alembic_connection.execute(sa.text("SELECT email FROM core_user WHERE id IN ('rose', 'sami') ORDER BY id"))
        .scalars()
        .all()
    )
    assert emails == ["rose.martin@example.com", "sami@example.com"], emails


# --8<-- [end:check]
