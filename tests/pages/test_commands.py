"""Every command block of every page, run in page order in a copy of examples/.

One test per page: the blocks of a page share their sandbox, each starting from the
state the previous ones left, or from the scenario its ``setup`` attribute names. A
failure names ``docs/<page>:<line>``. The attributes are defined in guide/rules/blocks.py.
"""

from pathlib import Path

import pytest

from guide.harness.postgres import create_database
from guide.harness.sandbox import Sandbox, command_blocks, run_page
from guide.rules import layout
from guide.rules.blocks import page_blocks

PAGES_WITH_COMMANDS = [page for page in layout.pages() if command_blocks(page)]


@pytest.fixture
def sandbox(tmp_path: Path, request: pytest.FixtureRequest, page: str) -> Sandbox:
    """A copy of examples/ for the page's commands; PostgreSQL is started only if the page needs it."""
    needs_postgres = any(block.attributes.get("database") == "postgresql" for block in command_blocks(page))
    postgres_url = request.getfixturevalue("postgres_url") if needs_postgres else None
    if postgres_url:
        create_database(postgres_url, "hyperion_prod")  # production commands name their database
    return Sandbox(tmp_path, postgres_url, request.getfixturevalue("warm_alembic"))


@pytest.mark.parametrize("page", PAGES_WITH_COMMANDS)
def test_commands(page: str, sandbox: Sandbox, keep) -> None:
    run_page(page, sandbox, keep)


@pytest.mark.parametrize("page", layout.pages())
def test_every_block_has_attributes_that_fit(page: str) -> None:
    """Known attributes, on the blocks they apply to; a command block has an output or a reason not to run."""
    page_blocks(page)  # raises BlockError, naming docs/<page>:<line>, for each mistake


def test_every_scenario_is_used() -> None:
    used = {block.attributes.get("setup") for page in layout.pages() for block in command_blocks(page)}
    unused = [path.name for path in layout.SCENARIOS.glob("*.sh") if path.stem not in used]
    assert unused == []
