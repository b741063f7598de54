# --8<-- [start:revision]
"""Ajouter la relation User -> Profile

Revision ID: bad5f401205d
Revises: 4f649f7df079
Create Date: 2024-03-04 10:00:00.000000

"""

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "bad5f401205d"
down_revision: str | Sequence[str] | None = "4f649f7df079"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Ce que squawk signale dans le SQL de cette révision, et pourquoi la révision le garde
SQUAWK: dict[str, str] = {
    "adding-foreign-key-constraint": (
        "la table core_user_profile est créée vide dans la même transaction : la vérification est instantanée."
    ),
    "constraint-missing-not-valid": "la table est vide : il n'y a aucune ligne à vérifier.",
    "disallowed-unique-constraint": "l'index unique est construit sur une table vide.",
}


def upgrade() -> None:
    # 1. Créer la table liée
    op.create_table(
        "core_user_profile",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("user_id", sa.String(), nullable=False),
        sa.Column("bio", sa.Text()),
        sa.Column("avatar_url", sa.String(500)),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now()),
    )

    # 2. Ajouter la clé étrangère et la contrainte unique (un profil par utilisateur)
    with op.batch_alter_table("core_user_profile") as batch_op:
        batch_op.create_foreign_key(
            "fk_core_user_profile_user_id",
            "core_user",
            ["user_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_unique_constraint("uq_core_user_profile_user_id", ["user_id"])


def downgrade() -> None:
    op.drop_table("core_user_profile")


# --8<-- [end:revision]


# --8<-- [start:check]
def pre_test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into(
        "core_user",
        {
            "id": "hugo",
            "username": "hugo",
            "name": "Hugo",
            "role": "admin",
            "created_at": datetime(2023, 5, 1, 10, 0),
            "email": "hugo@example.com",
        },
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into("core_user_profile", {"id": "profil-hugo", "user_id": "hugo", "bio": "Président"})
    created_at = alembic_connection.execute(
        sa.text("SELECT created_at FROM core_user_profile WHERE user_id = 'hugo'")
    ).scalar_one()
    assert created_at is not None  # rempli par la valeur par défaut du serveur
    # Un second profil pour le même utilisateur viole la contrainte d'unicité
    try:
        with alembic_connection.begin_nested():
            alembic_connection.execute(
                sa.text("INSERT INTO core_user_profile (id, user_id) VALUES ('profil-hugo-2', 'hugo')")
            )
    except sa.exc.IntegrityError:
        pass
    else:
        raise AssertionError("a second profile for the same user was accepted")


# --8<-- [end:check]
