"""A revision that fails midway can be run again, on each database.

The failure is injected at the last moment: when Alembic records the new version,
after every statement of ``upgrade()`` ran. What the failed run leaves behind is
what it had committed: the parts in an ``autocommit_block``, and on SQLite the DDL
that ran outside any transaction (Python's sqlite3 opens a transaction before a
DML statement only).

- On PostgreSQL, every revision runs again, and its data check passes.
- On SQLite, so does every revision that commits part of its work on purpose; for
  the others, the rerun passes, or fails on what the failed run left behind. The first
  revision, and the first one in batch mode, fail so: their errors are the snapshots
  that the troubleshooting page quotes.
"""

import re

import pytest
import sqlalchemy as sa
from alembic.script import Script
from pytest_alembic import MigrationContext

from guide.harness.database import describe_schema
from guide.rules import snapshots
from guide.rules.revisions import commits_midway, recreates_a_table, runs_on, scripts, stem

VERSION_WRITE = re.compile(r"^\s*(UPDATE|INSERT INTO) alembic_version", re.IGNORECASE)


def first_batch_revision() -> Script:
    """The first revision whose upgrade recreates a table in batch mode on SQLite, in one transaction."""
    return next(script for script in scripts() if recreates_a_table(script) and not commits_midway(script, "sqlite"))


class InjectedFailure(RuntimeError):
    """Raised in place of the statement that records the new version."""


def fail_on_version_write(conn, cursor, statement, parameters, context, executemany) -> None:
    if VERSION_WRITE.match(statement):
        raise InjectedFailure(statement)


@pytest.mark.parametrize("script", scripts(), ids=stem)
def test_rerun_after_a_failure_midway(
    script: Script, dialect: str, alembic_runner: MigrationContext, alembic_engine: sa.Engine, start_at, keep
) -> None:
    if not runs_on(script, dialect):
        pytest.skip(f"PostgreSQL uniquement : {script.module.POSTGRESQL_ONLY}")
    parent = script.down_revision
    start_at(parent)
    with alembic_engine.begin() as connection:
        script.module.pre_test_upgrade(alembic_runner, connection)
    parent_schema = describe_schema(alembic_engine)

    sa.event.listen(alembic_engine, "before_cursor_execute", fail_on_version_write)
    try:
        with pytest.raises(InjectedFailure):
            alembic_runner.migrate_up_one()
    finally:
        sa.event.remove(alembic_engine, "before_cursor_execute", fail_on_version_write)
    assert alembic_runner.current == (parent or "base"), "the failed upgrade recorded its version"
    left_behind = describe_schema(alembic_engine) != parent_schema
    if dialect == "postgresql" and not commits_midway(script, dialect):
        assert not left_behind, "PostgreSQL rolled back only part of a transactional revision"

    quoted = {
        scripts()[0]: "rerun-after-failure-sqlite",
        first_batch_revision(): "rerun-after-failed-batch-sqlite",
    }
    if script in quoted and dialect == "sqlite":  # the errors that the troubleshooting page quotes
        with pytest.raises(sa.exc.OperationalError) as raised:
            alembic_runner.migrate_up_one()
        keep(snapshots.error(quoted[script]), f"{raised.value.orig!r}\n")
        if script is scripts()[0]:
            return
        # The recovery that the page gives: drop the batch copy, then run the revision again
        with alembic_engine.begin() as connection:
            for table in sa.inspect(connection).get_table_names():
                if table.startswith("_alembic_tmp_"):
                    connection.execute(sa.text(f"DROP TABLE {table}"))
        alembic_runner.migrate_up_one()
    elif dialect == "sqlite" and left_behind and not commits_midway(script, dialect):
        try:
            alembic_runner.migrate_up_one()
        except sa.exc.OperationalError:  # it trips over what the failed run left
            return
    else:
        alembic_runner.migrate_up_one()
    assert alembic_runner.current == script.revision
    with alembic_engine.begin() as connection:
        script.module.test_upgrade(alembic_runner, connection)
