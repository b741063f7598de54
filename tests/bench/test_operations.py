"""The safety table (examples/operations.toml; make bench measures it at 1M rows) replayed on small data.

Each operation runs on PostgreSQL, and what does not depend on the table's size must match
the snapshot the page shows: the locks of each step run in a transaction (read from the
step's own session, so exact), and the tables rewritten. The snapshot must have measured
the SQL that the file gives now, row by row; a label or a note is not measured, and a change
to one needs no new run. Every recipe must be a revision that a page shows.
"""

import pytest

from guide.bench import operations as bench_operations
from guide.rules import measures, operations
from guide.rules.operations import Operation, OperationsError
from guide.rules.revisions import find

pytestmark = pytest.mark.dialects("postgresql")

ROWS = 2000
REMEASURE = "run `make bench ONLY=operations` and review the diff of docs/snapshots/measures/operations.json"
OPERATIONS = operations.load()


@pytest.fixture(scope="module")
def measured(postgres_url: str) -> dict[str, measures.OperationMeasures]:
    return {result.key: result for result in bench_operations.measure_all(postgres_url, ROWS, OPERATIONS)}


@pytest.fixture(scope="module")
def snapshot() -> dict[str, measures.OperationMeasures]:
    return {result.key: result for result in measures.operations().operations}


def test_the_snapshot_measured_the_operations_as_written(snapshot: dict[str, measures.OperationMeasures]) -> None:
    assert list(snapshot) == [operation.key for operation in OPERATIONS], f"operations added or removed: {REMEASURE}"
    for operation in OPERATIONS:
        ran = [step.sql for step in snapshot[operation.key].steps]
        assert ran == list(operation.steps), f"{operation.key}: its steps changed since they were measured: {REMEASURE}"


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.key)
def test_locks_and_rewrites_match_the_snapshot(
    operation: Operation, measured: dict, snapshot: dict, dialect: str
) -> None:
    assert measured[operation.key].deterministic() == snapshot[operation.key].deterministic(), REMEASURE


def test_the_measures_see_what_postgresql_documents(measured: dict[str, measures.OperationMeasures]) -> None:
    """A volatile default and a type change rewrite the table; a plain index blocks writes with SHARE."""
    assert measured["add-column-volatile-default"].rewritten == ["core_user"]
    assert measured["int-to-bigint"].rewritten == ["core_user"]
    assert measured["add-column-constant-default"].rewritten == []
    assert measured["create-index"].steps[0].locks == {"core_user": "ShareLock"}
    validate = measured["add-foreign-key-not-valid"].steps[1].locks
    assert validate["core_user"] == "ShareUpdateExclusiveLock", validate


@pytest.mark.parametrize("operation", [o for o in OPERATIONS if o.recipe], ids=lambda operation: operation.key)
def test_every_recipe_is_a_revision(operation: Operation) -> None:
    find(operation.recipe)  # LookupError names the missing file


BAD_FILES = {
    "unknown-field": (
        '[[operation]]\nkey = "a"\nlabel = "A"\nsteps = ["SELECT 1"]\nrecip = "x"\n',
        ":1: unknown field",
    ),
    "missing-steps": ('[[operation]]\nkey = "a"\nlabel = "A"\n', ":1: missing steps"),
    "same-key-twice": (
        '[[operation]]\nkey = "a"\nlabel = "A"\nsteps = ["SELECT 1"]\n\n[[operation]]\nkey = "a"\nlabel = "B"\n'
        'steps = ["SELECT 2"]\n',
        ":6: the key 'a' is used twice",
    ),
    "not-toml": ('[[operation]]\nkey = "a\n', "(at line 2, column"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_mistake_in_the_file_names_its_line(case: str, tmp_path) -> None:
    text, message = BAD_FILES[case]
    path = tmp_path / "operations.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OperationsError) as raised:
        operations.load(path)
    assert str(path) in str(raised.value) and message in str(raised.value), raised.value
