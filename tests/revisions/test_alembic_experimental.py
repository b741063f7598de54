"""pytest-alembic's experimental ``downgrade_leaves_no_trace``, on PostgreSQL, one revision at a time.

The library's test walks the whole history inside one transaction that it rolls
back. A revision that commits by itself (``autocommit_block``) cannot run there:
Alembic refuses to commit a transaction it did not begin. So each revision is
checked on its own, with the library's ``check_revision_cycle``, after a normal
upgrade to its parent; a revision that uses ``autocommit_block`` is skipped, with
that reason in its id.
"""

import dataclasses
import traceback

import pytest
from alembic.script import Script
from pytest_alembic import MigrationContext
from pytest_alembic.config import duplicate_alembic_config
from pytest_alembic.tests.experimental.downgrade_leaves_no_trace import WrappingConnection, check_revision_cycle
from sqlalchemy import Connection

from guide.rules.revisions import commits_midway, scripts, stem

pytestmark = pytest.mark.dialects("postgresql")


def cycle_params() -> list:
    params = []
    for script in scripts():
        if commits_midway(script, "postgresql"):
            reason = (
                "autocommit_block : la révision valide elle-même une partie de son travail,"
                " hors de la transaction que ce test annule"
            )
            params.append(pytest.param(script, id=f"{stem(script)}-autocommit", marks=pytest.mark.skip(reason=reason)))
        else:
            params.append(pytest.param(script, id=stem(script)))
    return params


def check_cycle(connection: Connection, alembic_runner: MigrationContext) -> None:
    """The library's own set-up: the runner migrates through this one open connection."""
    config = duplicate_alembic_config(alembic_runner.command_executor.alembic_config)
    config.attributes["connection"] = WrappingConnection(connection)
    runner = dataclasses.replace(
        alembic_runner,
        connection_executor=dataclasses.replace(alembic_runner.connection_executor, connection=connection),
        command_executor=dataclasses.replace(alembic_runner.command_executor, alembic_config=config),
    )
    check_revision_cycle(runner, connection, runner.current)


@pytest.mark.parametrize("script", cycle_params())
def test_downgrade_leaves_no_trace(script: Script, alembic_runner: MigrationContext, start_at) -> None:
    start_at(script.down_revision)
    alembic_runner.connection_executor.run_task(check_cycle, alembic_runner=alembic_runner)


def test_the_library_version_stops_at_autocommit_block(alembic_runner: MigrationContext) -> None:
    """Why the check runs per revision: the library's own walk fails on the first autocommit_block."""
    from pytest_alembic.tests.experimental import test_downgrade_leaves_no_trace as whole_history

    with pytest.raises(AssertionError) as raised:
        whole_history(alembic_runner)
    assert traceback.extract_tb(raised.value.__traceback__)[-1].name == "autocommit_block"
