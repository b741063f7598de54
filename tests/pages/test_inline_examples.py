"""The Python blocks that stay inline in the pages, run by pytest-examples on both dialects.

Each block runs with Alembic's ``op`` bound to a live migration context, on a database at
head or, with ``before="<revision>"``, at that revision's parent with the rows of its
``pre_test_upgrade``. A block with ``output="<name>" raises="<dialects>"`` must fail on
those dialects and run elsewhere: its error is the snapshot the page shows under it. The
attributes are read by the guide's own parser (guide/rules/blocks.py); pytest-examples
runs and lints the code. Every block is linted with ruff (``make snapshots`` reformats them).
"""

import pytest
import sqlalchemy as sa
from alembic.migration import MigrationContext as AlembicContext
from alembic.operations import Operations
from pytest_alembic import MigrationContext
from pytest_examples import CodeExample, EvalExample

from guide.harness.inline import inline_examples
from guide.rules import layout, snapshots
from guide.rules.blocks import DIALECTS, Block, page_blocks
from guide.rules.revisions import find, head

EXAMPLES = inline_examples()  # blocks that include a file (--8<--) show code that other tests run


def block_of(example: CodeExample) -> Block:
    """The guide's view of the block: its attributes, as guide/rules/blocks.py reads them."""
    page = str(example.path.relative_to(layout.DOCS))
    return next(block for block in page_blocks(page) if block.line == example.start_line)


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
    start_at,
    keep,
) -> None:
    eval_example.set_config(line_length=120, quotes="double", target_version="py311", isort=True)
    if eval_example.update_examples:
        eval_example.format(example)
    else:
        eval_example.lint(example)

    block = block_of(example)
    if before := block.attributes.get("before"):
        start_at(find(before).down_revision)
        with alembic_engine.begin() as connection:
            find(before).module.pre_test_upgrade(alembic_runner, connection)
    else:
        start_at(head())

    with alembic_engine.begin() as connection, Operations.context(AlembicContext.configure(connection)):
        if dialect in block.raises_on:
            with pytest.raises(Exception) as raised:
                eval_example.run(example)
            output = snapshots.block_output(block.page, block.attributes["output"], dialect)
            keep(output, error_text(raised.value), str(block))
        else:
            try:
                (eval_example.run_print_update if eval_example.update_examples else eval_example.run_print_check)(
                    example
                )
            except Exception as error:
                # The page and line, and the error: pytest cannot draw the frame of code compiled from a page
                # (Python 3.11's code positions run out: an INTERNALERROR that named neither)
                raise AssertionError(f"{block}: the block fails on {dialect}: {error_text(error)}") from None
