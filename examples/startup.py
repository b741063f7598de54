"""Le démarrage d'Hyperion : créer ou mettre à jour la base avant de servir.

``update_db_tables`` reprend la logique de ``update_db_tables`` dans ``app/app.py``
d'Hyperion : sur une base vide, ``create_all`` puis ``stamp head`` ; sinon,
``upgrade head`` avec la connexion de l'application, déjà dans une transaction.
``update_db_tables_proposed`` est la version que ce guide propose à Hyperion.

Écarts avec Hyperion : le paramètre ``revision``, pour que les tests montent une
révision à la fois (l'application, elle, monte toujours à ``head``) ; ni ``drop_db``
ni journal ; ``alembic.ini`` est cherché à côté de ce fichier.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import alembic.command
import alembic.config
import alembic.migration
from sqlalchemy import Connection, Engine, text

from models import Base

ALEMBIC_INI = Path(__file__).with_name("alembic.ini")

# Clé du verrou consultatif PostgreSQL qui sérialise les migrations
MIGRATION_LOCK_KEY = 7_356_012_024


def get_alembic_config(connection: Connection) -> alembic.config.Config:
    config = alembic.config.Config(str(ALEMBIC_INI))
    config.attributes["connection"] = connection
    return config


def get_alembic_current_revision(connection: Connection) -> str | None:
    return alembic.migration.MigrationContext.configure(connection).get_current_revision()


def stamp_alembic_head(connection: Connection) -> None:
    alembic.command.stamp(get_alembic_config(connection), "head")


def run_alembic_upgrade(connection: Connection, revision: str = "head") -> None:
    alembic.command.upgrade(get_alembic_config(connection), revision)


# --8<-- [start:today]
def update_db_tables(engine: Engine, revision: str = "head") -> None:
    """Comme Hyperion aujourd'hui."""
    with engine.connect() as conn:
        # Cette lecture ouvre une transaction, qui reste ouverte
        alembic_current_revision = get_alembic_current_revision(conn)

        if alembic_current_revision is None:
            # Base vide : les tables des modèles, puis la version de tête
            Base.metadata.create_all(conn)
            conn.commit()
            stamp_alembic_head(conn)
            conn.commit()
        else:
            # Alembic reçoit une connexion déjà dans une transaction :
            # il ne valide rien lui-même, tout est validé ici, à la fin
            run_alembic_upgrade(conn, revision)
            conn.commit()


# --8<-- [end:today]


# --8<-- [start:proposed]
def update_db_tables_proposed(engine: Engine, revision: str = "head") -> None:
    """La version proposée : un verrou, et Alembic maître de ses transactions."""
    with engine.connect() as conn, migration_lock(conn):
        alembic_current_revision = get_alembic_current_revision(conn)
        # Fermer la transaction de la lecture : Alembic ouvre alors les siennes,
        # une par révision, et autocommit_block() peut valider en cours de route
        conn.commit()

        if alembic_current_revision is None:
            Base.metadata.create_all(conn)
            conn.commit()
            stamp_alembic_head(conn)
        else:
            run_alembic_upgrade(conn, revision)


# --8<-- [end:proposed]


# --8<-- [start:lock]
@contextmanager
def migration_lock(connection: Connection) -> Iterator[None]:
    """Sur PostgreSQL, une seule migration à la fois, toutes instances confondues.

    Deux instances de l'application qui démarrent ensemble appliqueraient les mêmes
    révisions. La seconde attend ici, puis relit la version une fois la première finie.

    Elle attend en interrogeant ``pg_try_advisory_lock``, hors de toute transaction :
    bloquée dans ``pg_advisory_lock``, elle garderait un instantané ouvert, et un
    ``CREATE INDEX CONCURRENTLY`` de la première l'attendrait : un interblocage.
    """
    if connection.dialect.name != "postgresql" or connection.in_transaction():
        yield  # SQLite, ou une connexion dont la transaction appartient à l'appelant
        return
    while True:
        locked = connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        connection.commit()  # le verrou appartient à la session : fermer la transaction qui l'a demandé
        if locked:
            break
        time.sleep(0.2)
    try:
        yield
        connection.commit()  # ce qu'Alembic a laissé ouvert, comme la table des versions d'une base vide
    except BaseException:
        connection.rollback()
        raise
    finally:
        connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
        connection.commit()


# --8<-- [end:lock]
