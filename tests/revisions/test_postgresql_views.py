"""The PostgreSQL view of a revision that branches on the dialect (guide.rules.revisions.postgresql_view).

What a reader copies for Hyperion is the view: the revision without its SQLite branch. Its body is kept as
a snapshot, that the revision's tab shows first, and the whole view must be a revision that works: in a copy of
examples/ where it replaces the file, it is ruff-clean, and on PostgreSQL it upgrades from the parent's
state with the rows of ``pre_test_upgrade``, passes ``test_upgrade``, then downgrades to the parent's schema.
"""

import subprocess
import sys
from pathlib import Path

import alembic.command
import alembic.config
import pytest
import sqlalchemy as sa
from pytest_alembic import MigrationContext

from guide.harness.database import describe_schema
from guide.harness.project import copy_examples
from guide.rules import revisions, snapshots
from guide.rules.layout import ROOT
from guide.site.macros import shown_view

pytestmark = pytest.mark.dialects("postgresql")

WITH_A_VIEW = [script for script in revisions.scripts() if revisions.has_a_postgresql_view(script)]


def test_the_revisions_that_branch_have_a_view() -> None:
    assert WITH_A_VIEW, "no revision branches on the dialect: nothing to show apart"


@pytest.mark.parametrize("script", WITH_A_VIEW, ids=revisions.stem)
def test_the_view_is_a_revision_that_runs_on_postgresql(
    script, dialect: str, alembic_runner: MigrationContext, alembic_engine: sa.Engine, start_at, keep, tmp_path
) -> None:
    view = revisions.postgresql_view(Path(script.path).read_text(encoding="utf-8"))
    project = copy_examples(tmp_path / "examples")
    path = project / "versions" / Path(script.path).name
    path.write_text(view, encoding="utf-8")
    for ruff in (["check"], ["format", "--check"]):
        lint = subprocess.run([sys.executable, "-m", "ruff", *ruff, str(path)], cwd=ROOT, capture_output=True)
        assert lint.returncode == 0, f"the view of {revisions.stem(script)}: {lint.stdout.decode()}"

    config = alembic.config.Config(str(project / "alembic.ini"))
    config.set_main_option("script_location", str(project))
    config.attributes |= {"connection": alembic_engine, "configure_logger": False}
    module = alembic.script.ScriptDirectory.from_config(config).get_revision(script.revision).module
    recipe = view.split("def upgrade", 1)[1].split("# --8<-- [end:revision]", 1)[0]
    assert "sqlite" not in recipe.lower(), f"the view of {revisions.stem(script)} still speaks of SQLite"
    start_at(script.down_revision)
    parent_schema = describe_schema(alembic_engine)
    with alembic_engine.begin() as connection:
        module.pre_test_upgrade(alembic_runner, connection)
    alembic.command.upgrade(config, script.revision)
    with alembic_engine.begin() as connection:
        module.test_upgrade(alembic_runner, connection)
    alembic.command.downgrade(config, "-1")
    assert describe_schema(alembic_engine) == parent_schema, "the view's downgrade does not restore the parent"
    keep(snapshots.view(revisions.stem(script)), shown_view(Path(script.path).read_text(encoding="utf-8")))
