"""L'environnement Alembic des exemples du guide.

La connexion vient, dans cet ordre :
- de ``config.attributes["connection"]`` : un Engine, ou une Connection ouverte,
  utilisée telle quelle (celle du démarrage, ``startup.py``, ou de pytest-alembic) ;
- de la variable d'environnement ``DATABASE_URL`` ;
- de ``sqlalchemy.url`` dans ``alembic.ini``.

Écarts avec ``migrations/env.py`` d'Hyperion, qui lit sa base dans ses réglages
(``get_settings()``) : ``transaction_per_migration``, ``render_as_batch``, le
verrou consultatif autour de la commande ``alembic``, et les délais d'attente de
PostgreSQL (``lock_timeout``, ``statement_timeout``).
"""

import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection, create_engine, text

from models import Base
from startup import migration_lock

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def database_url() -> str:
    url = os.environ.get("DATABASE_URL") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("set DATABASE_URL or sqlalchemy.url in alembic.ini")
    return url


def run_migrations_offline() -> None:
    """Écrire le SQL sur la sortie standard au lieu de l'exécuter (``--sql``)."""
    context.configure(
        url=database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


# --8<-- [start:timeouts]
# Un ALTER qui attend son verrou fait attendre toutes les requêtes arrivées après lui :
# il abandonne au bout de LOCK_TIMEOUT, et la migration peut être relancée.
LOCK_TIMEOUT = os.environ.get("MIGRATION_LOCK_TIMEOUT", "2s")
STATEMENT_TIMEOUT = os.environ.get("MIGRATION_STATEMENT_TIMEOUT", "5min")


def set_timeouts(connection: Connection) -> None:
    """Sur PostgreSQL, borner l'attente d'un verrou et la durée d'une requête, pour la session."""
    if connection.dialect.name == "postgresql" and not connection.in_transaction():
        connection.execute(text(f"SET lock_timeout = '{LOCK_TIMEOUT}'"))
        connection.execute(text(f"SET statement_timeout = '{STATEMENT_TIMEOUT}'"))
        connection.commit()  # un SET validé vaut pour toute la session


# --8<-- [end:timeouts]


def run_migrations(connection: Connection) -> None:
    set_timeouts(connection)
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is None:
        connectable = create_engine(database_url())
    if isinstance(connectable, Connection):
        # Une connexion ouverte : telle quelle, le verrou est l'affaire de l'appelant
        run_migrations(connectable)
    else:
        # Un Engine : la commande alembic, ou un test
        with connectable.connect() as connection, migration_lock(connection):
            run_migrations(connection)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
