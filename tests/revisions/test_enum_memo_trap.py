"""The enum type that one ``alembic upgrade`` forgets to create, from Hyperion's history.

Within one run, Alembic notes every named type that ``op.create_table`` creates or
drops, and never emits CREATE TYPE twice for it. A revision that drops a type and then
creates a table using it, after an earlier revision of the same run created that type,
gets no CREATE TYPE: PostgreSQL answers ``type "…" does not exist``. Hyperion's history
meets it when upgraded from an empty database (revisions 19, 63 and 64 and documenttype).

The guide's revision creates the type explicitly, then declares it with
``create_type=False``. Written the naive way, in a copy of examples/, the same
``alembic upgrade head`` fails; its error is the snapshot the troubleshooting page quotes.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from guide.harness.project import copy_examples
from guide.rules import snapshots
from guide.rules.layout import EXAMPLES

REVISION = "versions/c5a0f3e8b217_refondre_les_documents.py"
NAIVE = [
    # no explicit CREATE TYPE…
    (r'\n    sa\.Enum\(DocumentType, name="documenttype"\)\.create\(op\.get_bind\(\), checkfirst=True\)', ""),
    # …and a column that lets op.create_table create the type
    (
        r'postgresql\.ENUM\(DocumentType, name="documenttype", create_type=False\)',
        'sa.Enum(DocumentType, name="documenttype")',
    ),
]


pytestmark = pytest.mark.dialects("postgresql")


def naive_copy(tmp_path: Path) -> Path:
    project = copy_examples(tmp_path / "examples")
    path = project / REVISION
    source = path.read_text(encoding="utf-8")
    for pattern, replacement in NAIVE:
        source, count = re.subn(pattern, replacement, source, count=1)
        assert count == 1, f"{REVISION} no longer has {pattern!r}"
    path.write_text(source, encoding="utf-8")
    return project


def upgrade_head(project: Path, database_url: str, target: str = "head") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", target],
        cwd=project,
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_revision_creates_its_type_in_a_whole_history_run(database_url: str) -> None:
    result = upgrade_head(EXAMPLES, database_url)
    assert result.returncode == 0, result.stderr
    assert "c5a0f3e8b217" in result.stderr


def test_the_naive_revision_fails_in_a_whole_history_run(database_url: str, tmp_path: Path, keep) -> None:
    result = upgrade_head(naive_copy(tmp_path), database_url)
    assert result.returncode != 0
    error = next(line for line in result.stderr.splitlines() if line.startswith("sqlalchemy.exc."))
    statement = re.search(r"\[SQL: (.*?)\]", result.stderr, re.S).group(1).strip().splitlines()[0]
    keep(snapshots.error("enum-type-memo-postgresql"), f"{error}\n[SQL: {statement} …]\n")


def test_the_naive_revision_passes_in_a_run_of_its_own(database_url: str, tmp_path: Path) -> None:
    """Why tests that upgrade one revision per run, and a production base, never meet it."""
    project = naive_copy(tmp_path)
    assert upgrade_head(project, database_url, "c5a0f3e8b217-1").returncode == 0
    result = upgrade_head(project, database_url)
    assert result.returncode == 0, result.stderr
