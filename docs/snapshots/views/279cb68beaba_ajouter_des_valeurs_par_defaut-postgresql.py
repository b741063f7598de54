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
    uuid_default = sa.text("gen_random_uuid()")

    with op.batch_alter_table("core_user") as batch_op:
        # Booléen avec une valeur par défaut côté serveur
        batch_op.add_column(
            sa.Column(
                "email_notifications",
                sa.Boolean(),
                server_default=sa.sql.true(),  # s'écrit true ou 1 selon la base
                nullable=False,
            )
        )

        # Date de dernière connexion : sans valeur par défaut, les utilisateurs existants gardent NULL
        batch_op.add_column(sa.Column("last_login", sa.DateTime(), nullable=True))

        # UUID avec une valeur par défaut côté serveur, une expression par base
        batch_op.add_column(
            sa.Column(
                "uuid",
                sa.String(),
                server_default=uuid_default,
                nullable=False,
            )
        )

    # Puis la valeur par défaut, qui ne vaut que pour les nouvelles lignes
    with op.batch_alter_table("core_user") as batch_op:
        batch_op.alter_column("last_login", existing_type=sa.DateTime(), server_default=sa.func.now())


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
    # Personne ne s'est connecté depuis l'ajout de la colonne : pas de date inventée
    assert [row.last_login for row in rows] == [None, None], rows
    # Chaque ligne existante a reçu son propre identifiant
    assert len({str(row.uuid) for row in rows}) == 2, rows
    assert all(len(str(row.uuid).replace("-", "")) == 32 for row in rows), rows
    # Un nouvel utilisateur reçoit la date de son inscription
    alembic_connection.execute(
        sa.text(
            "INSERT INTO core_user (id, username, name, role, created_at, email)"
            " VALUES ('lou', 'lou', 'Lou', 'member', '2024-03-26', 'lou@example.com')"
        )
    )
    new = alembic_connection.execute(sa.text("SELECT last_login FROM core_user WHERE id = 'lou'")).scalar_one()
    assert new is not None


# --8<-- [end:check]
