"""Every revision, the way Hyperion's start-up runs migrations.

Hyperion does not migrate with the ``alembic`` command (tests/revisions/test_revisions.py does).
At start-up, ``update_db_tables`` (examples/startup.py) upgrades with the application's
connection, already inside a transaction. Inside such a transaction, ``autocommit_block()``
fails with an ``AssertionError`` in Alembic: the revisions that use it cannot run the way
Hyperion runs migrations today. The tests below assert exactly that, and that the start-up
the guide proposes runs every revision. On an empty database, both build the schema that
the whole history builds.
"""

import os
import re
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from pytest_alembic import MigrationContext

from guide.harness.database import describe_schema
from guide.harness.project import copy_examples
from guide.rules import snapshots
from guide.rules.revisions import commits_midway, runs_on, scripts
from startup import update_db_tables, update_db_tables_proposed

STARTUPS: dict[str, Callable[..., None]] = {"today": update_db_tables, "proposed": update_db_tables_proposed}


def fails_in_an_external_transaction(error: BaseException) -> bool:
    """Alembic's ``assert self._transaction is not None`` in ``autocommit_block``."""
    frames = [frame.name for frame in traceback.extract_tb(error.__traceback__)]
    return isinstance(error, AssertionError) and frames[-1] == "autocommit_block"


def error_text(error: AssertionError) -> str:
    """The last frame, as the traceback prints it, without the line number (it changes with Alembic)."""
    frame = traceback.extract_tb(error.__traceback__)[-1]
    path = frame.filename[frame.filename.rindex("/alembic/") + 1 :]
    return f'File "…/{path}", in {frame.name}\n    {frame.line}\nAssertionError\n'


@pytest.mark.parametrize("startup", STARTUPS)
def test_startup_applies_every_revision(
    startup: str, dialect: str, alembic_runner: MigrationContext, alembic_engine: sa.Engine, keep
) -> None:
    """From the first revision, the start-up applies each revision in turn, with its data checks."""
    alembic_runner.migrate_up_to(scripts()[0].revision)  # an empty database takes the create_all branch
    failed = []
    for script in scripts()[1:]:
        with alembic_engine.begin() as connection:
            script.module.pre_test_upgrade(alembic_runner, connection)
        try:
            STARTUPS[startup](alembic_engine, script.revision)
        except AssertionError as error:
            if not fails_in_an_external_transaction(error):
                raise
            if not failed:  # the error that the pages quote
                keep(snapshots.error("autocommit-block-in-a-transaction"), error_text(error))
            failed.append(script.revision)
            update_db_tables_proposed(alembic_engine, script.revision)  # go on from there
        assert alembic_runner.current == script.revision
        if runs_on(script, dialect):
            with alembic_engine.begin() as connection:
                script.module.test_upgrade(alembic_runner, connection)
    expected = [s.revision for s in scripts() if commits_midway(s, dialect)]
    assert failed == ([] if startup == "proposed" else expected)


@pytest.mark.parametrize("startup", STARTUPS)
def test_startup_on_an_empty_database(
    startup: str, dialect: str, alembic_runner: MigrationContext, alembic_engine: sa.Engine
) -> None:
    """The empty-database branch, create_all + stamp head, builds the schema that the whole history builds."""
    alembic_runner.migrate_up_to("heads")
    migrated = describe_schema(alembic_engine)
    with alembic_engine.begin() as connection:
        everything = sa.MetaData()
        everything.reflect(connection)
        everything.drop_all(connection)
        for name, _labels in migrated.get("enum types", []):
            connection.execute(sa.text(f'DROP TYPE IF EXISTS "{name}"'))
    assert describe_schema(alembic_engine) == ({"enum types": []} if dialect == "postgresql" else {})

    STARTUPS[startup](alembic_engine)
    assert alembic_runner.current == scripts()[-1].revision
    created = describe_schema(alembic_engine)
    for schema in (created, migrated):  # the history adds columns at the end: their order differs
        for table in schema.values():
            if isinstance(table, dict):
                table["columns"].sort()
    differences = {
        table: {
            key: (created[table][key], value) for key, value in migrated[table].items() if created[table][key] != value
        }
        for table in migrated
        if table != "enum types" and created[table] != migrated[table]
    }
    assert differences == {}, "create_all (left) differs from the history (right)"
    assert created == migrated


def test_sql_mode_like_hyperion(tmp_path: Path, keep) -> None:
    """``alembic upgrade --sql`` with an env.py that reads sqlalchemy.url, absent from alembic.ini, as Hyperion's does.

    With ``dialect_name="postgresql"`` instead, the same command writes the SQL.
    """
    project = copy_examples(tmp_path / "examples")
    ini = project / "alembic.ini"
    ini.write_text(re.sub(r"^sqlalchemy\.url = .*$", "", ini.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    env = project / "env.py"
    source = env.read_text(encoding="utf-8")
    like_hyperion = source.replace("url=database_url(),", 'url=config.get_main_option("sqlalchemy.url"),', 1)
    assert like_hyperion != source, "env.py's offline mode no longer passes url=database_url()"
    command = [sys.executable, "-m", "alembic", "upgrade", f"{scripts()[0].revision}:{scripts()[1].revision}", "--sql"]
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}

    env.write_text(like_hyperion, encoding="utf-8")
    result = subprocess.run(command, cwd=project, env=environment, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    keep(snapshots.error("sql-mode-without-url"), result.stderr.strip().splitlines()[-1] + "\n")

    env.write_text(like_hyperion.replace('url=config.get_main_option("sqlalchemy.url"),', 'dialect_name="postgresql",'))
    result = subprocess.run(command, cwd=project, env=environment, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "ALTER TABLE core_user ADD COLUMN is_active BOOLEAN" in result.stdout
