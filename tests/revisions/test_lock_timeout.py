"""env.py's lock_timeout, on PostgreSQL: an ALTER stuck behind a long reader gives up, instead of stalling every reader.

A session holds a read lock on core_user (a long report, say). The revision 9de44df5f488
needs ACCESS EXCLUSIVE on core_user: it waits in the lock queue, and every query that
arrives after it waits behind it. Without a lock_timeout, the readers wait as long as the
report runs; with one, the migration fails after lock_timeout, nothing of the revision
stays, and it passes once run again.
"""

import contextlib
import threading
import time

import psycopg
import pytest
import sqlalchemy as sa

from guide.harness.database import upgrade
from guide.harness.postgres import libpq_url
from guide.harness.sessions import Client, running
from guide.rules import revisions, snapshots

REVISION = "9de44df5f488"  # ADD COLUMN, UPDATE, SET NOT NULL, ADD UNIQUE on core_user
REPORT_SECONDS = 1.5  # how long the long reader holds its lock


pytestmark = pytest.mark.dialects("postgresql")


@contextlib.contextmanager
def long_report(url: str, seconds: float):
    """A transaction that has read core_user and stays open for ``seconds``."""
    connection = psycopg.connect(url)
    connection.execute("SELECT count(*) FROM core_user")
    timer = threading.Timer(seconds, connection.rollback)
    timer.start()
    try:
        yield
    finally:
        timer.join()
        connection.close()


def upgrade_while_reporting(url: str, lock_timeout: str, monkeypatch: pytest.MonkeyPatch) -> tuple:
    """Upgrade to REVISION while a report runs; (error or None, seconds, longest wait of a reader)."""
    monkeypatch.setenv("MIGRATION_LOCK_TIMEOUT", lock_timeout)
    reader = Client(libpq_url(url), "SELECT count(*) FROM core_user", pause=0.005)
    error = None
    with long_report(libpq_url(url), REPORT_SECONDS), running(reader, settle=0.1):
        start = time.perf_counter()
        try:
            upgrade(url, REVISION)
        except sa.exc.OperationalError as raised:
            error = raised
        seconds = time.perf_counter() - start
    return error, seconds, reader.longest


def current(url: str) -> str:
    with psycopg.connect(libpq_url(url)) as connection:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_without_lock_timeout_readers_wait_for_the_report(database_url: str, monkeypatch) -> None:
    upgrade(database_url, revisions.find(REVISION).down_revision)
    error, _, longest = upgrade_while_reporting(database_url, "0", monkeypatch)  # 0: no limit
    assert error is None
    assert current(database_url) == REVISION
    assert longest > REPORT_SECONDS * 0.6, f"a reader waited {longest:.2f} s only"


def test_with_lock_timeout_the_migration_gives_up_and_passes_when_run_again(
    database_url: str, monkeypatch, keep
) -> None:
    parent = revisions.find(REVISION).down_revision
    upgrade(database_url, parent)
    error, seconds, longest = upgrade_while_reporting(database_url, "200ms", monkeypatch)
    assert error is not None and isinstance(error.orig, psycopg.errors.LockNotAvailable), error
    assert seconds < REPORT_SECONDS, f"the migration waited {seconds:.2f} s"
    assert longest < REPORT_SECONDS * 0.6, f"a reader waited {longest:.2f} s"
    assert current(database_url) == parent, "the failed revision left its version"
    keep(
        snapshots.error("lock-timeout-postgresql"),
        f"{type(error.orig).__module__}.{type(error.orig).__name__}: {error.orig}\n",
    )

    upgrade(database_url, REVISION)  # the report is over: run again
    assert current(database_url) == REVISION
