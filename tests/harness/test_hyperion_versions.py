"""The versions the examples are verified with, and the examples run on Hyperion's versions.

The suite runs on recent releases (.venv). The tests of the revisions run once more in
.venv-hyperion, on the Alembic, SQLAlchemy, psycopg and pytest-alembic versions that
Hyperion pins (the ``hyperion`` group of pyproject.toml). The footer names both sets:
it is the snapshot ``versions.txt``.
"""

import contextlib
import os
import sqlite3
import subprocess
from pathlib import Path

import alembic
import psycopg
import pytest
import sqlalchemy as sa

from guide.harness.postgres import libpq_url
from guide.rules import snapshots
from guide.rules.layout import ROOT

HYPERION_PYTHON = ROOT / ".venv-hyperion" / "bin" / "python"

# Every test that runs the revisions: tests/revisions/, and Hyperion's migration test as the guide proposes it
REVISION_TESTS = ["tests/revisions", "examples/tests"]


def hyperion_python() -> str:
    if not HYPERION_PYTHON.exists():
        pytest.fail(f"{HYPERION_PYTHON.relative_to(ROOT)} is missing: run `make install`", pytrace=False)
    return str(HYPERION_PYTHON)


def test_verified_versions(postgres_url: str, keep) -> None:
    with psycopg.connect(libpq_url(postgres_url)) as connection:
        postgresql = connection.execute("SHOW server_version").fetchone()[0].split()[0]
    hyperion = subprocess.run(
        [hyperion_python(), "-c", "import alembic, sqlalchemy; print(alembic.__version__, sqlalchemy.__version__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    line = (
        f"Alembic {alembic.__version__} et SQLAlchemy {sa.__version__}, "
        f"ainsi qu'Alembic {hyperion[0]} et SQLAlchemy {hyperion[1]} (les versions d'Hyperion), "
        f"sur SQLite {sqlite3.sqlite_version} et PostgreSQL {postgresql}\n"
    )
    keep(snapshots.VERSIONS, line)


@pytest.mark.starts_first
def test_revisions_pass_on_hyperion_versions(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """The revision tests, run again in .venv-hyperion, on this session's PostgreSQL server."""
    env = {**os.environ}
    with contextlib.suppress(pytest.skip.Exception):  # no PostgreSQL: the nested run says so, and tests SQLite
        env["TEST_POSTGRES_URL"] = request.getfixturevalue("postgres_url")
    result = subprocess.run(
        [hyperion_python(), "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--basetemp={tmp_path}", *REVISION_TESTS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, f"on Hyperion's versions: {summary}\n{result.stdout[-8000:]}{result.stderr[-2000:]}"
    assert " passed" in summary, summary
