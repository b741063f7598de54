"""Each revision of examples/versions, on each dialect, with its own data checks.

For a revision R, on a copy of the database as R's parent left it (guide/harness/states.py),
insert the rows of R's ``pre_test_upgrade``; upgrade to R and run ``test_upgrade``; downgrade and
compare the schema with the parent's (and run ``test_downgrade`` when R has one);
upgrade again. The SQL of the upgrade and the downgrade is kept as a snapshot
shown in the page (docs/snapshots/sql/). Whether the upgrade entered an ``autocommit_block``
is watched, and must be what the revision declares (``COMMITS_MIDWAY_ON``).
"""

import contextlib
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.runtime.migration import MigrationContext as AlembicContext
from alembic.script import Script
from pytest_alembic import MigrationContext

from guide.harness.database import as_sql_file, capture_sql, describe_schema
from guide.rules import snapshots
from guide.rules.blocks import DIALECTS
from guide.rules.layout import ROOT
from guide.rules.revisions import commits_midway, postgresql_only, scripts, stem


def revision_params() -> list:
    params = []
    for dialect in DIALECTS:
        for script in scripts():
            only = postgresql_only(script)
            marks = []
            test_id = f"{stem(script)}-{dialect}"
            if only and dialect != "postgresql":
                marks.append(pytest.mark.skip(reason=f"PostgreSQL uniquement : {only}"))
                test_id += "-postgresql-uniquement"
            params.append(pytest.param(script, dialect, marks=marks, id=test_id))
    return params


@pytest.fixture
def autocommit_blocks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The autocommit_block()s that Alembic enters during the test, one entry each."""
    entered: list[str] = []
    original = AlembicContext.autocommit_block

    @contextlib.contextmanager
    def recorded(self: AlembicContext):
        entered.append(self.dialect.name)
        with original(self):
            yield

    monkeypatch.setattr(AlembicContext, "autocommit_block", recorded)
    return entered


@pytest.mark.parametrize(("script", "dialect"), revision_params())
def test_revision(
    script: Script,
    dialect: str,
    alembic_runner: MigrationContext,
    alembic_engine: sa.Engine,
    start_at,
    keep,
    autocommit_blocks: list[str],
) -> None:
    module = script.module
    start_at(script.down_revision)
    parent_schema = describe_schema(alembic_engine)
    with alembic_engine.begin() as connection:
        module.pre_test_upgrade(alembic_runner, connection)

    with capture_sql(alembic_engine) as upgrade_sql:
        alembic_runner.migrate_up_one()
    assert alembic_runner.current == script.revision
    declared = "declares" if commits_midway(script, dialect) else "does not declare"
    assert bool(autocommit_blocks) == commits_midway(script, dialect), (
        f"{Path(script.path).relative_to(ROOT)}: on {dialect}, its upgrade "
        f"{'entered' if autocommit_blocks else 'did not enter'} an autocommit_block, but it {declared} "
        f"{dialect!r} in COMMITS_MIDWAY_ON"
    )
    with alembic_engine.begin() as connection:
        module.test_upgrade(alembic_runner, connection)

    with capture_sql(alembic_engine) as downgrade_sql:
        alembic_runner.migrate_down_one()
    assert describe_schema(alembic_engine) == parent_schema, "the downgrade does not restore the parent's schema"
    if hasattr(module, "test_downgrade"):
        with alembic_engine.begin() as connection:
            module.test_downgrade(alembic_runner, connection)

    alembic_runner.migrate_up_one()
    assert alembic_runner.current == script.revision

    keep(snapshots.sql(stem(script), dialect, "upgrade"), as_sql_file(upgrade_sql))
    keep(snapshots.sql(stem(script), dialect, "downgrade"), as_sql_file(downgrade_sql))
