"""Each revision of examples/versions, on each dialect, with its own data checks.

For a revision R on a fresh database: upgrade to R's parent and insert the rows of
R's ``pre_test_upgrade``; upgrade to R and run ``test_upgrade``; downgrade and
compare the schema with the parent's (and run ``test_downgrade`` when R has one);
upgrade again. The SQL of the upgrade and the downgrade is kept as a snapshot
shown in the page (docs/snapshots/sql/).
"""

import ast

import pytest
import sqlalchemy as sa
from alembic.script import Script, ScriptDirectory
from pytest_alembic import MigrationContext

from tests.conftest import DIALECTS, EXAMPLES, SNAPSHOTS, examples_config
from tests.database import as_sql_file, capture_sql, describe_schema


class HistoryError(Exception):
    """A mistake in examples/versions/, named by file and line."""


def check_history() -> None:
    """Catch what Alembic reports without a file name: a parent that does not exist, a second head."""
    declared: dict[str, tuple[str, object, int]] = {}  # revision -> (file, down_revision, line)
    for path in sorted((EXAMPLES / "versions").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))  # a SyntaxError names the line
        values = {
            node.target.id: (ast.literal_eval(node.value), node.lineno)
            for node in tree.body
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None
        }
        if "revision" in values:
            declared[values["revision"][0]] = (
                f"examples/versions/{path.name}",
                *values.get("down_revision", (None, 0)),
            )
    errors, parents = [], set()
    for where, down_revision, line in declared.values():
        for parent in [down_revision] if isinstance(down_revision, str) else (down_revision or []):
            parents.add(parent)
            if parent not in declared:
                errors.append(f"{where}:{line}: down_revision {parent!r} names no revision of examples/versions/")
    heads = sorted(where for revision, (where, _, _) in declared.items() if revision not in parents)
    if len(heads) > 1:
        errors.append(f"{len(heads)} heads: {', '.join(heads)}; set the down_revision of the newest to the other head")
    if errors:
        raise HistoryError("\n".join(errors))


check_history()
SCRIPTS: list[Script] = list(reversed(list(ScriptDirectory.from_config(examples_config()).walk_revisions())))


def stem(script: Script) -> str:
    return script.path.rsplit("/", 1)[-1].removesuffix(".py")


def revision_params() -> list:
    params = []
    for dialect in DIALECTS:
        for script in SCRIPTS:
            only = getattr(script.module, "POSTGRESQL_ONLY", None)
            marks = []
            test_id = f"{stem(script)}-{dialect}"
            if only and dialect != "postgresql":
                marks.append(pytest.mark.skip(reason=f"PostgreSQL uniquement : {only}"))
                test_id += "-postgresql-uniquement"
            params.append(pytest.param(script, dialect, marks=marks, id=test_id))
    return params


@pytest.mark.parametrize(("script", "dialect"), revision_params())
def test_revision(
    script: Script, dialect: str, alembic_runner: MigrationContext, alembic_engine: sa.Engine, snapshot
) -> None:
    module = script.module
    alembic_runner.migrate_up_before(script.revision)
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

    snapshot.snapshot_dir = SNAPSHOTS / "sql" / stem(script)
    snapshot.assert_match(as_sql_file(upgrade_sql), f"{dialect}-upgrade.sql")
    snapshot.assert_match(as_sql_file(downgrade_sql), f"{dialect}-downgrade.sql")
