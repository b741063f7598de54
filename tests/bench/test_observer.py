"""The observer of guide/bench/observer.py sees what PostgreSQL really does, on small data (make bench: 1M rows).

Three revisions whose behaviour PostgreSQL documents: an ADD COLUMN then SET NOT NULL
takes ACCESS EXCLUSIVE; a volatile default (gen_random_uuid()) rewrites the table; an
index built without CONCURRENTLY takes a SHARE lock, which blocks writes, not reads.
"""

import pytest

from guide.bench.observer import conditions, observe
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
