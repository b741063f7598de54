# --8<-- [start:revision]
"""Refondre les documents des membres

Revision ID: c5a0f3e8b217
Revises: 7b2e91c4d0a8
Create Date: 2024-06-10 10:00:00.000000

"""

from collections.abc import Sequence
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "c5a0f3e8b217"
down_revision: str | Sequence[str] | None = "7b2e91c4d0a8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Ce que squawk signale dans le SQL de cette révision, et pourquoi la révision le garde
SQUAWK: dict[str, str] = {
    "ban-drop-table": (
        "core_document est supprimée puis recréée dans la même transaction, avec un nouveau schéma : ses "
        "lignes ne sont pas reprises."
    ),
    "ban-drop-type": "le type documenttype est recréé aussitôt, pour la nouvelle table.",
}


class OldDocumentType(Enum):
    idCard = "idCard"
    studentCard = "studentCard"


class DocumentType(Enum):
    idCard = "idCard"
    studentCard = "studentCard"
    medicalCertificate = "medicalCertificate"


def upgrade() -> None:
    # 1. Supprimer l'ancienne table, puis son type
    op.drop_table("core_document")
    sa.Enum(OldDocumentType, name="documenttype").drop(op.get_bind(), checkfirst=False)

    # 2. Créer le nouveau type explicitement, puis la table qui l'utilise sans le recréer.
    # Dans un même « alembic upgrade », Alembic note chaque type créé par op.create_table :
    # s'il a créé documenttype plus tôt dans l'exécution, il ne le recrée pas ici.
    sa.Enum(DocumentType, name="documenttype").create(op.get_bind(), checkfirst=True)
    op.create_table(
        "core_document",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("user_id", sa.String(), sa.ForeignKey("core_user.id", ondelete="CASCADE"), nullable=False),
        sa.Column("type", postgresql.ENUM(DocumentType, name="documenttype", create_type=False), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.Column("validated", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("core_document")
    sa.Enum(DocumentType, name="documenttype").drop(op.get_bind(), checkfirst=False)
    sa.Enum(OldDocumentType, name="documenttype").create(op.get_bind(), checkfirst=True)
    op.create_table(
        "core_document",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("user_id", sa.String(), sa.ForeignKey("core_user.id", ondelete="CASCADE"), nullable=False),
        sa.Column("type", postgresql.ENUM(OldDocumentType, name="documenttype", create_type=False), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
    )


# --8<-- [end:revision]


# --8<-- [start:check]
def pre_test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into(
        "core_user",
        {
            "id": "wanda",
            "username": "wanda",
            "name": "Wanda",
            "full_name": "Wanda Martin",
            "role": "member",
            "created_at": datetime(2024, 5, 1, 10, 0),
            "email": "wanda@example.com",
        },
    )
    # Les documents de la première version seront effacés
    alembic_runner.insert_into(
        "core_document",
        {"id": "carte-wanda", "user_id": "wanda", "type": "studentCard", "uploaded_at": datetime(2024, 6, 1, 9, 0)},
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into(
        "core_document",
        {
            "id": "certificat-wanda",
            "user_id": "wanda",
            "type": "medicalCertificate",
            "uploaded_at": datetime(2024, 6, 12, 9, 0),
        },
    )
    rows = alembic_connection.execute(
        sa.text("SELECT type, validated FROM core_document WHERE user_id = 'wanda'")
    ).all()
    assert rows == [("medicalCertificate", False)], rows


# --8<-- [end:check]
