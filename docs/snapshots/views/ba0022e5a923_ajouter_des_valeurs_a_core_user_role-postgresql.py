# --8<-- [start:revision]
"""Ajouter de nouvelles valeurs à CoreUserRole

Revision ID: ba0022e5a923
Revises: 9de44df5f488
Create Date: 2024-02-12 10:00:00.000000

"""

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "ba0022e5a923"
down_revision: str | Sequence[str] | None = "9de44df5f488"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Ce que squawk signale dans le SQL de cette révision, et pourquoi la révision le garde
SQUAWK: dict[str, str] = {
    "require-enum-value-ordering": (
        "les nouvelles valeurs s'ajoutent à la fin : l'ordre des valeurs n'a pas de sens pour les rôles."
    ),
}

OLD_ROLES = ("admin", "member")
NEW_ROLES = ("admin", "member", "moderator", "contributor")


def upgrade() -> None:
    # PostgreSQL : les valeurs appartiennent au type core_user_role, pas à la colonne
    for value in NEW_ROLES[len(OLD_ROLES) :]:
        op.execute(f"ALTER TYPE core_user_role ADD VALUE IF NOT EXISTS '{value}'")


def downgrade() -> None:
    # Attention : les lignes qui utilisent une des nouvelles valeurs doivent d'abord changer
    # (comparées comme texte : PostgreSQL refuse une nouvelle valeur d'enum dans la transaction qui l'a ajoutée)
    op.execute("UPDATE core_user SET role = 'member' WHERE CAST(role AS TEXT) IN ('moderator', 'contributor')")

    # PostgreSQL ne sait pas retirer une valeur d'un type : recréer le type
    op.execute("ALTER TYPE core_user_role RENAME TO core_user_role_old")
    sa.Enum(*OLD_ROLES, name="core_user_role").create(op.get_bind())
    op.execute("ALTER TABLE core_user ALTER COLUMN role TYPE core_user_role USING role::text::core_user_role")
    op.execute("DROP TYPE core_user_role_old")


# --8<-- [end:revision]


# --8<-- [start:check]
def pre_test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into(
        "core_user",
        {
            "id": "farid",
            "username": "farid",
            "name": "Farid",
            "role": "admin",
            "created_at": datetime(2023, 5, 1, 10, 0),
            "email": "farid@example.com",
        },
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    # Une ligne peut prendre une nouvelle valeur : sur PostgreSQL, le type l'a bien reçue
    alembic_runner.insert_into(
        "core_user",
        {
            "id": "gaelle",
            "username": "gaelle",
            "name": "Gaëlle",
            "role": "moderator",
            "created_at": datetime(2024, 3, 1, 10, 0),
            "email": "gaelle@example.com",
        },
    )
    roles = (
        alembic_connection.execute(sa.text("SELECT role FROM core_user WHERE id IN ('farid', 'gaelle') ORDER BY id"))
        .scalars()
        .all()
    )
    assert roles == ["admin", "moderator"], roles


def test_downgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    """Le downgrade ramène les nouvelles valeurs à 'member'."""
    roles = (
        alembic_connection.execute(sa.text("SELECT role FROM core_user WHERE id IN ('farid', 'gaelle') ORDER BY id"))
        .scalars()
        .all()
    )
    assert roles == ["admin", "member"], roles


# --8<-- [end:check]
