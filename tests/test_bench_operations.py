"""The safety table (tests/bench_operations.py; make bench measures it at 1M rows) replayed on small data.

Each operation runs on PostgreSQL, and what does not depend on the table's size must
match the snapshot the page shows: the locks of each step run in a transaction (read
from the step's own session, so exact), and the tables rewritten. The snapshot must
also describe the operations as they are defined now, and every recipe must be a
revision that a page shows.
"""

import json

import pytest

from conventions import snapshots
from conventions.layout import SNAPSHOTS
from conventions.revisions import find
from tests import bench_operations
from tests.bench_operations import OPERATIONS, Operation, deterministic

ROWS = 2000
REMEASURE = "run `python -m tests.bench --only operations` (make bench) and review the diff"


@pytest.fixture(scope="module")
def measured(postgres_url: str) -> dict[str, dict]:
    return {result["key"]: result for result in bench_operations.measure_all(postgres_url, ROWS)}


@pytest.fixture(scope="module")
def snapshot() -> dict[str, dict]:
    kept = json.loads((SNAPSHOTS / snapshots.OPERATIONS).read_text(encoding="utf-8"))
    return {result["key"]: result for result in kept["operations"]}


def test_the_snapshot_describes_the_operations_as_defined(snapshot: dict[str, dict]) -> None:
    assert list(snapshot) == [operation.key for operation in OPERATIONS], f"operations added or removed: {REMEASURE}"
    for operation in OPERATIONS:
        kept = {key: snapshot[operation.key][key] for key in operation.definition()}
        assert kept == operation.definition(), f"{operation.key} changed since it was measured: {REMEASURE}"


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.key)
def test_locks_and_rewrites_match_the_snapshot(
    operation: Operation, measured: dict[str, dict], snapshot: dict[str, dict]
) -> None:
    assert deterministic(measured[operation.key]) == deterministic(snapshot[operation.key]), REMEASURE


def test_the_measures_see_what_postgresql_documents(measured: dict[str, dict]) -> None:
    """A volatile default and a type change rewrite the table; a plain index blocks writes with SHARE."""
    assert measured["add-column-volatile-default"]["rewritten"] == ["core_user"]
    assert measured["int-to-bigint"]["rewritten"] == ["core_user"]
    assert measured["add-column-constant-default"]["rewritten"] == []
    assert measured["create-index"]["measured_steps"][0]["locks"] == {"core_user": "ShareLock"}
    validate = measured["add-foreign-key-not-valid"]["measured_steps"][1]["locks"]
    assert validate["core_user"] == "ShareUpdateExclusiveLock", validate


@pytest.mark.parametrize("operation", [o for o in OPERATIONS if o.recipe], ids=lambda operation: operation.key)
def test_every_recipe_is_a_revision(operation: Operation) -> None:
    find(operation.recipe)  # LookupError names the missing file
