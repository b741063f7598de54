"""Alembic environment of the guide's examples.

The connection comes, in this order, from:
- ``config.attributes["connection"]``: an Engine or a live Connection, as
  pytest-alembic injects it (a Connection is used as it is);
- the ``DATABASE_URL`` environment variable;
- ``sqlalchemy.url`` in ``alembic.ini``.
"""

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection, create_engine, text

from models import Base

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata

# Key of the PostgreSQL advisory lock that serializes concurrent upgrades
MIGRATION_LOCK_KEY = 7_356_012_024


def database_url() -> str:
    url = os.environ.get("DATABASE_URL") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("set DATABASE_URL or sqlalchemy.url in alembic.ini")
    return url


def run_migrations_offline() -> None:
    """Write the SQL to standard output instead of running it (``--sql``)."""
    context.configure(
        url=database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations(connection: Connection) -> None:
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
        # A live connection (pytest-alembic's experimental tests): use it as it is
        run_migrations(connectable)
    else:
        # An Engine, or an object that hands out connections like one
        with connectable.connect() as connection, migration_lock(connection):
            run_migrations(connection)


# --8<-- [start:lock]
@contextmanager
def migration_lock(connection: Connection) -> Iterator[None]:
    """On PostgreSQL, one migration run at a time.

    Two ``alembic upgrade head`` started together (two application instances that
    migrate at start-up) would both apply the same revisions. The second one waits
    here, then reads the version table once the first has finished.

    It waits by polling ``pg_try_advisory_lock``, outside any transaction: blocked in
    ``pg_advisory_lock``, it would keep a snapshot open, and a ``CREATE INDEX
    CONCURRENTLY`` of the first run would wait for it: a deadlock.
    """
    if connection.dialect.name != "postgresql" or connection.in_transaction():
        yield  # SQLite, or a connection whose transaction belongs to the caller
        return
    while True:
        locked = connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        connection.commit()  # the lock belongs to the session: end the transaction that asked for it
        if locked:
            break
        time.sleep(0.2)
    try:
        yield
        connection.commit()  # what Alembic left open, such as the version table of an empty database
    except BaseException:
        connection.rollback()
        raise
    finally:
        connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
        connection.commit()


# --8<-- [end:lock]


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
