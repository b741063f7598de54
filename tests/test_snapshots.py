"""No orphan snapshot: each file under docs/snapshots/sql and docs/snapshots/errors is still used.

(The command outputs have the same check in tests/test_commands.py.)
"""

from tests.conftest import DOCS, SNAPSHOTS
from tests.test_revisions import SCRIPTS, stem


def test_every_sql_snapshot_belongs_to_a_revision() -> None:
    on_disk = {path.name for path in (SNAPSHOTS / "sql").iterdir()}
    assert on_disk - {stem(script) for script in SCRIPTS} == set(), "SQL of a revision that no longer exists"


def test_every_error_snapshot_is_quoted_by_a_page() -> None:
    pages = "".join(path.read_text(encoding="utf-8") for path in DOCS.rglob("*.md") if "snapshots" not in path.parts)
    unquoted = [path.name for path in (SNAPSHOTS / "errors").glob("*.txt") if f'"errors/{path.name}"' not in pages]
    assert unquoted == []
