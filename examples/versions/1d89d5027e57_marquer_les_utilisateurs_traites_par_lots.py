# --8<-- [start:revision]
"""Marquer les utilisateurs traités, par lots

Revision ID: 1d89d5027e57
Revises: 93a98f3e389b
Create Date: 2024-05-06 10:00:00.000000

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
revision: str = "1d89d5027e57"
down_revision: str | Sequence[str] | None = "93a98f3e389b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Les bases où upgrade valide lui-même une partie de son travail (autocommit_block), lu par les tests
COMMITS_MIDWAY_ON: tuple[str, ...] = ("postgresql", "sqlite")

logger = logging.getLogger("migrations")

# Lignes par lot. Sur PostgreSQL, un lot verrouille ses lignes le temps de sa mise à jour : de petits lots
# laissent passer les écritures de l'application. SQLite verrouille toute la base à chaque lot, et chaque
# validation écrit son journal sur le disque : de plus gros lots y coûtent moins, pour une attente encore brève.
BATCH_SIZES = {"postgresql": 2_000, "sqlite": 50_000}

# La colonne suivie, lot après lot. Sur SQLite, le rowid : l'ordre où la table est rangée, lu sans détour.
# Sur PostgreSQL, la clé primaire : l'emplacement d'une ligne (ctid) change à chaque mise à jour, et une
# ligne que l'application modifie pendant le parcours pourrait passer derrière lui.
WALKED = {"postgresql": ("id", ""), "sqlite": ("rowid", 0)}  # colonne, valeur avant la première ligne


def batch_statements(column: str) -> tuple[sa.TextClause, sa.TextClause]:
    """La fin du lot suivant, lue dans l'index (la n-ième valeur après la dernière traitée), et sa mise à jour.

    Chaque lot coûte le même prix, quelle que soit sa place.
    """
    end_of_batch = sa.text(
        f"SELECT max({column}) FROM (SELECT {column} FROM core_user WHERE {column} > :after "
        f"ORDER BY {column} LIMIT :size) AS batch"
    )
    update_batch = sa.text(
        f"UPDATE core_user SET processed = true WHERE {column} > :after AND {column} <= :until AND processed IS NULL"
    )
    return end_of_batch, update_batch


def mark_processed_in_batches(connection: sa.Connection, batch_size: int | None = None) -> int:
    """Parcourir core_user dans l'ordre de WALKED, un lot à la fois ; renvoie le nombre de lignes traitées."""
    batch_size = batch_size or BATCH_SIZES.get(connection.dialect.name, 2_000)
    column, after = WALKED.get(connection.dialect.name, WALKED["postgresql"])
    end_of_batch, update_batch = batch_statements(column)
    done = 0
    while (until := connection.execute(end_of_batch, {"after": after, "size": batch_size}).scalar()) is not None:
        done += connection.execute(update_batch, {"after": after, "until": until}).rowcount
        after = until
        logger.info("Traité %d enregistrements", done)
    return done


def upgrade() -> None:
    connection = op.get_bind()
    # Une exécution qui a échoué a pu valider la colonne et des lots : reprendre là
    if "processed" not in {column["name"] for column in sa.inspect(connection).get_columns("core_user")}:
        # Une colonne nullable sans valeur par défaut : instantané, même sur une grande table
        op.add_column("core_user", sa.Column("processed", sa.Boolean(), nullable=True))

    # Chaque requête du bloc est validée seule : un lot ne garde ses verrous que le temps de sa mise à jour
    with op.get_context().autocommit_block():
        mark_processed_in_batches(connection)


def downgrade() -> None:
    with op.batch_alter_table("core_user") as batch_op:
        batch_op.drop_column("processed")


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
                "id": f"lot{i:05d}",
                "username": f"lot{i}",
                "name": f"Lot {i}",
                "full_name": f"Lot {i}",
                "role": "member",
                "created_at": datetime(2024, 1, 1, 10, 0),
                "email": f"lot{i}@example.com",
            }
            for i in range(BATCH_SIZES["postgresql"] + 5)  # sur PostgreSQL, un lot complet et un lot partiel
        ],
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    counts = alembic_connection.execute(
        sa.text("SELECT processed, count(*) FROM core_user WHERE id LIKE 'lot%' GROUP BY processed")
    ).all()
    assert counts == [(True, BATCH_SIZES["postgresql"] + 5)], counts
    left = alembic_connection.execute(sa.text("SELECT count(*) FROM core_user WHERE processed IS NULL")).scalar()
    assert left == 0, f"{left} rows were not processed"


# --8<-- [end:check]
