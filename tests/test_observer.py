"""The observer of tests/observer.py sees what PostgreSQL really does, on small data (make bench: 1M rows).

Three revisions whose behaviour PostgreSQL documents: an ADD COLUMN then SET NOT NULL
takes ACCESS EXCLUSIVE; a volatile default (gen_random_uuid()) rewrites the table; an
index built without CONCURRENTLY takes a SHARE lock, which blocks writes, not reads.
"""

import pytest

from conventions.revisions import find
from tests.observer import observe

ROWS = 2000
PAUSE = 0.2  # seconds the migration's transaction stays open before its version is written


@pytest.fixture
def dialect() -> str:
    return "postgresql"


def test_a_not_null_column_takes_access_exclusive_and_stalls_readers(database_url: str) -> None:
    observation = observe(database_url, find("9de44df5f488"), ROWS, pause=PAUSE)
    core_user = observation.tables["core_user"]
    assert core_user.lock == "AccessExclusiveLock"
    assert core_user.blocking_seconds >= PAUSE * 0.9
    assert observation.reader_max_seconds >= PAUSE * 0.9, "a reader should have waited for the lock"
    assert not core_user.rewritten


def test_a_volatile_default_rewrites_the_table(database_url: str) -> None:
    observation = observe(database_url, find("279cb68beaba"), ROWS, pause=PAUSE)
    assert observation.tables["core_user"].rewritten


def test_a_plain_index_blocks_writers_not_readers(database_url: str) -> None:
    # a longer pause: a reader that does not wait still sees a loaded machine's delays (0.18 s in one CI run)
    pause = 5 * PAUSE
    observation = observe(database_url, find("5674d61de320"), ROWS, pause=pause)
    assert observation.tables["core_user"].lock == "ShareLock"
    assert observation.writer_max_seconds >= pause * 0.9, "a writer should have waited for the lock"
    assert observation.reader_max_seconds < pause * 0.5, "a reader should not have waited"
