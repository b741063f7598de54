# --8<-- [start:revision]
"""Utiliser un Enum PostgreSQL existant

Revision ID: 4f649f7df079
Revises: ba0022e5a923
Create Date: 2024-02-19 10:00:00.000000

"""

from collections.abc import Sequence
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "4f649f7df079"
down_revision: str | Sequence[str] | None = "ba0022e5a923"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Réutiliser le type créé avec core_association_membership (sans le recréer)
    op.add_column(
        "core_association",
        sa.Column(
            "membership_type",
            postgresql.ENUM(
                "aeecl",
                "useecl",
                name="available_association_membership",
                create_type=False,  # Important : le type existe déjà
            ),
            nullable=True,
        ),
    )


def downgrade() -> None:
    # Le type reste : core_association_membership l'utilise encore
    with op.batch_alter_table("core_association") as batch_op:
        batch_op.drop_column("membership_type")


# --8<-- [end:revision]


# --8<-- [start:check]
def pre_test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into("core_group", {"id": "sport", "name": "Sport"})
    alembic_runner.insert_into("core_association", {"id": "bds", "name": "BDS", "group_id": "sport"})


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_connection.execute(sa.text("UPDATE core_association SET membership_type = 'aeecl' WHERE id = 'bds'"))
    value = alembic_connection.execute(
        sa.text("SELECT membership_type FROM core_association WHERE id = 'bds'")
    ).scalar_one()
    assert value == "aeecl", value
    if alembic_connection.dialect.name == "postgresql":
        # La colonne utilise bien le type partagé : PostgreSQL refuse toute autre valeur
        column_type = alembic_connection.execute(
            sa.text(
                "SELECT udt_name FROM information_schema.columns"
                " WHERE table_name = 'core_association' AND column_name = 'membership_type'"
            )
        ).scalar_one()
        assert column_type == "available_association_membership", column_type


# --8<-- [end:check]
