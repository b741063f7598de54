"""Each revision of examples/versions, on each dialect, with its own data checks.

For a revision R, on a copy of the database as R's parent left it (tests/states.py),
insert the rows of R's ``pre_test_upgrade``; upgrade to R and run ``test_upgrade``; downgrade and
compare the schema with the parent's (and run ``test_downgrade`` when R has one);
upgrade again. The SQL of the upgrade and the downgrade is kept as a snapshot
shown in the page (docs/snapshots/sql/).
"""

import pytest
import sqlalchemy as sa
from alembic.script import Script
from pytest_alembic import MigrationContext

from conventions import snapshots
from conventions.blocks import DIALECTS
from conventions.revisions import postgresql_only, scripts, stem
from tests.database import as_sql_file, capture_sql, describe_schema


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


@pytest.mark.parametrize(("script", "dialect"), revision_params())
def test_revision(
    script: Script, dialect: str, alembic_runner: MigrationContext, alembic_engine: sa.Engine, start_at, keep
) -> None:
    module = script.module
    start_at(script.down_revision)
    parent_schema = describe_schema(alembic_engine)
    with alembic_engine.begin() as connection:
        module.pre_test_upgrade(alembic_runner, connection)

    with capture_sql(alembic_engine) as upgrade_sql:
        alembic_runner.migrate_up_one()
    assert alembic_runner.current == script.revision
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
