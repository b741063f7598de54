# --8<-- [start:revision]
"""Relier les utilisateurs à leur école sans bloquer

Revision ID: 2b2092d18b12
Revises: ec8b5eac2908
Create Date: 2024-07-01 10:00:00.000000

"""

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "2b2092d18b12"
down_revision: str | Sequence[str] | None = "ec8b5eac2908"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Les bases où upgrade valide lui-même une partie de son travail (autocommit_block), lu par les tests
COMMITS_MIDWAY_ON: tuple[str, ...] = ("postgresql",)


# Ce que squawk signale dans le SQL de cette révision, et pourquoi la révision le garde
SQUAWK: dict[str, str] = {
    "ban-drop-constraint": (
        "DROP CONSTRAINT IF EXISTS retire la clé NOT VALID qu'une exécution interrompue a pu laisser, "
        "pour relancer la révision."
    ),
}


def upgrade() -> None:
    # Une clé étrangère directe lirait toute la table en bloquant les écritures sur core_user et core_school.
    # 0. Une exécution interrompue a pu laisser la clé NOT VALID : repartir de zéro
    op.execute("ALTER TABLE core_user DROP CONSTRAINT IF EXISTS fk_core_user_school_id")
    # 1. NOT VALID : seules les nouvelles lignes sont vérifiées, l'ajout est instantané
    op.create_foreign_key(
        "fk_core_user_school_id",
        "core_user",
        "core_school",
        ["school_id"],
        ["id"],
        postgresql_not_valid=True,
    )
    with op.get_context().autocommit_block():
        # 2. Vérifier les lignes existantes sans bloquer les écritures
        op.execute("ALTER TABLE core_user VALIDATE CONSTRAINT fk_core_user_school_id")


def downgrade() -> None:
    with op.batch_alter_table("core_user") as batch_op:
        batch_op.drop_constraint("fk_core_user_school_id", type_="foreignkey")


# --8<-- [end:revision]


# --8<-- [start:check]
def pre_test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into("core_school", {"id": "centrale", "name": "Centrale Lyon"})
    alembic_runner.insert_into(
        "core_user",
        {
            "id": "yanis",
            "username": "yanis",
            "name": "Yanis",
            "full_name": "Yanis Simon",
            "role": "member",
            "created_at": datetime(2024, 6, 1, 10, 0),
            "email": "yanis@example.com",
            "school_id": "centrale",
        },
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    school = alembic_connection.execute(sa.text("SELECT school_id FROM core_user WHERE id = 'yanis'")).scalar_one()
    assert school == "centrale"  # le rattachement existant est gardé
    if alembic_connection.dialect.name != "postgresql":
        # SQLite ne vérifie les clés étrangères qu'après PRAGMA foreign_keys = ON : lire leur déclaration
        keys = alembic_connection.execute(sa.text("PRAGMA foreign_key_list(core_user)")).mappings().all()
        assert [(key["from"], key["table"], key["to"]) for key in keys] == [("school_id", "core_school", "id")], keys
        return
    key = alembic_connection.execute(
        sa.text(
            "SELECT confrelid::regclass::text AS referred, convalidated"
            " FROM pg_constraint WHERE conname = 'fk_core_user_school_id'"
        )
    ).one()
    assert key.referred == "core_school", key
    assert key.convalidated is True  # VALIDATE CONSTRAINT a été exécuté
    try:
        with alembic_connection.begin_nested():
            alembic_connection.execute(sa.text("UPDATE core_user SET school_id = 'inconnue' WHERE id = 'yanis'"))
    except sa.exc.IntegrityError:
        pass
    else:
        raise AssertionError("a school that does not exist was accepted")


# --8<-- [end:check]
