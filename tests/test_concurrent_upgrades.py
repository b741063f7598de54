"""Two ``alembic upgrade head`` at the same time on PostgreSQL apply each revision once.

examples/env.py takes a PostgreSQL advisory lock around the migrations.
"""

import ast
import os
import subprocess
import sys
import time

import psycopg
import pytest

from tests.conftest import EXAMPLES
from tests.postgres import libpq_url
from tests.test_revisions import SCRIPTS


@pytest.fixture(params=["postgresql"])
def dialect(request: pytest.FixtureRequest) -> str:
    return request.param


def start_upgrade(database_url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "alembic", "upgrade", "head"],
        cwd=EXAMPLES,
        env={**os.environ, "DATABASE_URL": database_url},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def lock_key() -> int:
    """MIGRATION_LOCK_KEY of examples/env.py (env.py runs Alembic when imported: read, not imported)."""
    for node in ast.parse((EXAMPLES / "env.py").read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "MIGRATION_LOCK_KEY":
            return ast.literal_eval(node.value)
    raise LookupError("MIGRATION_LOCK_KEY not found in examples/env.py")


def test_two_concurrent_upgrades_apply_each_revision_once(database_url: str) -> None:
    first, second = start_upgrade(database_url), start_upgrade(database_url)
    outputs = [process.communicate(timeout=120)[0] for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], "\n".join(outputs)
    ran = [output.count("Running upgrade") for output in outputs]
    assert sorted(ran) == [0, len(SCRIPTS)], outputs  # one ran everything, the other found nothing to do
    with psycopg.connect(libpq_url(database_url)) as connection:
        versions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    assert versions == [(SCRIPTS[-1].revision,)]


def test_an_upgrade_waits_for_the_migration_lock(database_url: str) -> None:
    with psycopg.connect(libpq_url(database_url), autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (lock_key(),))
        upgrade = start_upgrade(database_url)
        time.sleep(3)
        assert upgrade.poll() is None, "the upgrade did not wait for the lock"
        holder.execute("SELECT pg_advisory_unlock(%s)", (lock_key(),))
        output = upgrade.communicate(timeout=120)[0]
    assert upgrade.returncode == 0, output
