"""Two upgrades at the same time on PostgreSQL apply each revision once.

The advisory lock of examples/startup.py is taken by env.py around the ``alembic``
command, and by the proposed start-up around the whole of ``update_db_tables``.
"""

import os
import subprocess
import sys
import time

import psycopg
import pytest

from guide.harness.postgres import libpq_url
from guide.rules.layout import EXAMPLES
from guide.rules.revisions import scripts
from startup import MIGRATION_LOCK_KEY

# Two application instances starting together, each running the proposed start-up
STARTUP = """
import sys
import sqlalchemy as sa
from startup import update_db_tables_proposed
update_db_tables_proposed(sa.create_engine(sys.argv[1]))
"""


pytestmark = pytest.mark.dialects("postgresql")


def start_upgrade(
    database_url: str, command: tuple[str, ...] = ("-m", "alembic", "upgrade", "head")
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, *command],
        cwd=EXAMPLES,
        env={**os.environ, "DATABASE_URL": database_url},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_two_concurrent_upgrades_apply_each_revision_once(database_url: str) -> None:
    first, second = start_upgrade(database_url), start_upgrade(database_url)
    outputs = [process.communicate(timeout=120)[0] for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], "\n".join(outputs)
    ran = [output.count("Running upgrade") for output in outputs]
    assert sorted(ran) == [0, len(scripts())], outputs  # one ran everything, the other found nothing to do
    with psycopg.connect(libpq_url(database_url)) as connection:
        versions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    assert versions == [(scripts()[-1].revision,)]


# The other sessions of this database, and what they last ran
OTHER_SESSIONS = """
SELECT pid, query, state_change FROM pg_stat_activity
WHERE datname = current_database() AND pid <> pg_backend_pid()
"""


def polls_for_the_lock(query: str) -> bool:
    """What migration_lock() runs while it waits, every 0.2 s: psycopg's BEGIN, pg_try_advisory_lock, then COMMIT.

    A poll caught between its BEGIN and its SELECT shows BEGIN as the session's last query.
    """
    return query in ("BEGIN", "COMMIT") or "pg_try_advisory_lock" in query


def test_an_upgrade_waits_for_the_migration_lock(database_url: str) -> None:
    with psycopg.connect(libpq_url(database_url), autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
        upgrade = start_upgrade(database_url)
        # Proven by PostgreSQL itself: the upgrade's session asks for the lock again and again, and runs nothing else
        deadline = time.monotonic() + 60
        asked: set[object] = set()  # the moments its session changed state while polling
        while len(asked) < 4:  # at least one refused try after the first
            assert upgrade.poll() is None, f"the upgrade did not wait for the lock:\n{upgrade.communicate()[0]}"
            assert time.monotonic() < deadline, "the upgrade never polled for the migration lock"
            for _, query, state_change in holder.execute(OTHER_SESSIONS):
                if asked or polls_for_the_lock(query):
                    assert polls_for_the_lock(query), f"the upgrade went on without the lock: {query}"
                    asked.add(state_change)
            time.sleep(0.02)
        assert holder.execute("SELECT to_regclass('alembic_version')").fetchone()[0] is None, "it migrated meanwhile"
        holder.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK_KEY,))
        output = upgrade.communicate(timeout=120)[0]
    assert upgrade.returncode == 0, output


def test_two_instances_starting_together_migrate_once(database_url: str) -> None:
    """The proposed start-up on a database one revision behind: one instance upgrades, the other waits."""
    subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", scripts()[-2].revision],
        cwd=EXAMPLES,
        env={**os.environ, "DATABASE_URL": database_url},
        check=True,
        capture_output=True,
    )
    instances = [start_upgrade(database_url, ("-c", STARTUP, database_url)) for _ in range(2)]
    outputs = [process.communicate(timeout=120)[0] for process in instances]
    assert [process.returncode for process in instances] == [0, 0], "\n".join(outputs)
    ran = [output.count("Running upgrade") for output in outputs]
    assert sorted(ran) == [0, 1], outputs
