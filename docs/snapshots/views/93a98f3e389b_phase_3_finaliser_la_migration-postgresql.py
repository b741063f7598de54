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

# Les bases où upgrade valide lui-même une partie de son travail (autocommit_block), lu par les tests
COMMITS_MIDWAY_ON: tuple[str, ...] = ("postgresql",)

# Ce que squawk signale dans le SQL de cette révision, et pourquoi la révision le garde
SQUAWK: dict[str, str] = {
    "ban-drop-constraint": "la contrainte CHECK a servi à SET NOT NULL ; NOT NULL la remplace.",
}


def upgrade() -> None:
    # Un SET NOT NULL direct lirait toute la table sous verrou ACCESS EXCLUSIVE.
    # 0. Une exécution interrompue a pu laisser la contrainte : repartir de zéro
    op.execute("ALTER TABLE core_user DROP CONSTRAINT IF EXISTS ck_core_user_full_name_not_null")
    # 1. NOT VALID : seules les nouvelles lignes sont vérifiées, l'ajout est instantané
    op.execute(
        "ALTER TABLE core_user ADD CONSTRAINT ck_core_user_full_name_not_null CHECK (full_name IS NOT NULL) NOT VALID"
    )
    with op.get_context().autocommit_block():
        # 2. Vérifier les lignes existantes sans bloquer les lectures ni les écritures
        op.execute("ALTER TABLE core_user VALIDATE CONSTRAINT ck_core_user_full_name_not_null")
    # 3. La contrainte validée dispense PostgreSQL de relire la table : le verrou ne dure qu'un instant
    op.alter_column("core_user", "full_name", existing_type=sa.String(100), nullable=False)
    op.execute("ALTER TABLE core_user DROP CONSTRAINT ck_core_user_full_name_not_null")
    # Plus tard, quand plus aucun code ne la lit : supprimer la colonne name, dans une révision à part


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
