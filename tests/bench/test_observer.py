"""The observer of guide/bench/observer.py sees what PostgreSQL really does, on small data (make bench: 1M rows).

Three revisions whose behaviour PostgreSQL documents: an ADD COLUMN then SET NOT NULL
takes ACCESS EXCLUSIVE; a volatile default (gen_random_uuid()) rewrites the table; an
index built without CONCURRENTLY takes a SHARE lock, which blocks writes, not reads.
"""

import time

import psycopg
import pytest

from guide.bench.observer import APPLICATION_NAME, POLL_SECONDS, Watcher, conditions, observe
from guide.harness.postgres import libpq_url
from guide.harness.sessions import running
from guide.rules.measures import LOCK_MODES
from guide.rules.revisions import find

ROWS = 2000
PAUSE = 0.2  # seconds the migration's transaction stays open before its version is written


def watch(url: str, revision: str, pause: float):
    return observe(url, find(revision), conditions(url, ROWS), pause=pause)


pytestmark = pytest.mark.dialects("postgresql")


def test_a_not_null_column_takes_access_exclusive_and_stalls_readers(database_url: str) -> None:
    observation = watch(database_url, "9de44df5f488", PAUSE)
    core_user = observation.tables["core_user"]
    assert core_user.lock == "AccessExclusiveLock"
    assert core_user.blocking_seconds >= PAUSE * 0.9
    assert observation.reader_max_seconds >= PAUSE * 0.9, "a reader should have waited for the lock"
    assert not core_user.rewritten


def test_a_volatile_default_rewrites_the_table(database_url: str) -> None:
    observation = watch(database_url, "279cb68beaba", PAUSE)
    assert observation.tables["core_user"].rewritten


def test_a_plain_index_blocks_writers_not_readers(database_url: str) -> None:
    # a longer pause: a reader that does not wait still sees a loaded machine's delays (0.18 s in one CI run)
    pause = 5 * PAUSE
    observation = watch(database_url, "5674d61de320", pause)
    assert observation.tables["core_user"].lock == "ShareLock"
    assert observation.writer_max_seconds >= pause * 0.9, "a writer should have waited for the lock"
    assert observation.reader_max_seconds < pause * 0.5, "a reader should not have waited"


def held_until_seen(connection, watcher: Watcher, mode: str, seen: float) -> float:
    """Lock core_user in ``mode`` until the watcher has counted more blocking time than ``seen``; how long."""
    start = time.perf_counter()
    deadline = start + 60
    with connection.transaction():
        connection.execute(f"LOCK TABLE core_user IN {mode} MODE")
        while watcher.blocking.get("core_user", 0.0) <= seen:
            assert time.perf_counter() < deadline, f"the watcher never saw {mode}"
            time.sleep(0.001)
    return time.perf_counter() - start


def test_blocked_writes_are_the_sum_of_the_windows(database_url: str) -> None:
    """Two short ACCESS EXCLUSIVE locks around a long SHARE UPDATE EXCLUSIVE one, as 93a98f3e389b takes them
    (NOT VALID, VALIDATE, SET NOT NULL): only the two short windows blocked writes."""
    url = libpq_url(database_url)
    with psycopg.connect(url, autocommit=True) as setup:
        setup.execute("CREATE TABLE core_user (id integer)")
    watcher = Watcher(url)
    with running(watcher), psycopg.connect(url, application_name=APPLICATION_NAME) as migration:
        first = held_until_seen(migration, watcher, "ACCESS EXCLUSIVE", 0.0)
        with migration.transaction():
            migration.execute("LOCK TABLE core_user IN SHARE UPDATE EXCLUSIVE MODE")
            time.sleep(1.0)  # what is measured is the watcher's count, not this pause
        last = held_until_seen(migration, watcher, "ACCESS EXCLUSIVE", watcher.blocking["core_user"])
    assert watcher.error is None
    assert watcher.strongest["core_user"] == LOCK_MODES.index("AccessExclusiveLock")
    # Between two sightings the lock was held: the count never exceeds the windows, plus one poll for each
    assert watcher.blocking["core_user"] <= first + last + 2 * POLL_SECONDS, watcher.blocking
