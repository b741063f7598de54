"""The Python blocks that stay inline in the pages, run by pytest-examples on both dialects.

Each block runs with Alembic's ``op`` bound to a live migration context, on a database
at head, or, with ``before="<revision>"`` in its fence, at that revision's parent with
the rows of its ``pre_test_upgrade``. A block with ``raises="<name>"`` must fail (on the
dialects of ``raises_on="sqlite,postgresql"``, by default both; elsewhere it must run): the
error it raises is the snapshot ``errors/<name>-<dialect>.txt`` that the page quotes.
Every block is linted with ruff (``make snapshots`` reformats them).
"""

import pytest
import sqlalchemy as sa
from alembic.migration import MigrationContext as AlembicContext
from alembic.operations import Operations
from pytest_alembic import MigrationContext
from pytest_examples import CodeExample, EvalExample, find_examples

from tests.conftest import DIALECTS, DOCS, SNAPSHOTS
from tests.test_revisions import SCRIPTS

# Blocks that include a file (--8<--) show code that other tests run
EXAMPLES = [example for example in find_examples(str(DOCS)) if not example.source.lstrip().startswith("--8<--")]


def example_params() -> list:
    return [pytest.param(example, dialect, id=f"{example}-{dialect}") for example in EXAMPLES for dialect in DIALECTS]


def error_text(error: BaseException) -> str:
    return f"{type(error).__module__}.{type(error).__qualname__}: {error}\n"


@pytest.mark.parametrize(("example", "dialect"), example_params())
def test_inline_block(
    example: CodeExample,
    dialect: str,
    eval_example: EvalExample,
    alembic_runner: MigrationContext,
    alembic_engine: sa.Engine,
    snapshot,
) -> None:
    eval_example.set_config(line_length=120, quotes="double", target_version="py311", isort=True)
    if eval_example.update_examples:
        eval_example.format(example)
    else:
        eval_example.lint(example)

    settings = example.prefix_settings()
    if before := settings.get("before"):
        script = next(script for script in SCRIPTS if script.revision == before)
        alembic_runner.migrate_up_before(before)
        with alembic_engine.begin() as connection:
            script.module.pre_test_upgrade(alembic_runner, connection)
    else:
        alembic_runner.migrate_up_to("heads")

    with alembic_engine.begin() as connection, Operations.context(AlembicContext.configure(connection)):
        name = settings.get("raises")
        if name and dialect in settings.get("raises_on", ",".join(DIALECTS)).split(","):
            with pytest.raises(Exception) as raised:
                eval_example.run(example)
            snapshot.snapshot_dir = SNAPSHOTS / "errors"
            snapshot.assert_match(error_text(raised.value), f"{name}-{dialect}.txt")
        elif eval_example.update_examples:
            eval_example.run_print_update(example)
        else:
            eval_example.run_print_check(example)


def test_every_failing_block_quotes_its_error() -> None:
    """A page that shows a failing block includes the error snapshot of that block."""
    for example in EXAMPLES:
        if name := example.prefix_settings().get("raises"):
            page = example.path.read_text(encoding="utf-8")
            assert f'--8<-- "errors/{name}-sqlite.txt"' in page, f"{example}: the SQLite error is not shown"
