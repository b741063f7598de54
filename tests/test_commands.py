"""Every command block of every page, run in page order in a copy of examples/.

One test per page: the blocks of a page share their sandbox, each starting from the
state the previous ones left, or from the scenario its ``setup`` attribute names. A
failure names ``docs/<page>:<line>``. See tests/commands.py for the fence attributes.
"""

from pathlib import Path

import psycopg
import pytest

from tests.commands import Sandbox, command_blocks, run_page
from tests.conftest import DOCS, EXAMPLES, SNAPSHOTS
from tests.postgres import libpq_url

PAGES = sorted(str(path.relative_to(DOCS)) for path in DOCS.rglob("*.md") if "snapshots" not in path.parts)
PAGES_WITH_COMMANDS = [page for page in PAGES if command_blocks(page)]


@pytest.fixture
def sandbox(tmp_path: Path, request: pytest.FixtureRequest, page: str) -> Sandbox:
    """A copy of examples/ for the page's commands; PostgreSQL is started only if the page needs it."""
    needs_postgres = any(block.attributes.get("database") == "postgresql" for block in command_blocks(page))
    postgres_url = request.getfixturevalue("postgres_url") if needs_postgres else None
    if postgres_url:
        # Production commands name their database: create it on the test server
        with psycopg.connect(libpq_url(postgres_url), autocommit=True) as connection:
            connection.execute('DROP DATABASE IF EXISTS "hyperion_prod" WITH (FORCE)')
            connection.execute('CREATE DATABASE "hyperion_prod"')
    return Sandbox(tmp_path, postgres_url)


@pytest.mark.parametrize("page", PAGES_WITH_COMMANDS)
def test_commands(page: str, sandbox: Sandbox, snapshot) -> None:
    run_page(page, sandbox, snapshot)


def test_every_command_block_is_run_or_says_why() -> None:
    unmarked = [
        str(block)
        for page in PAGES
        for block in command_blocks(page)
        if not block.attributes.get("output") and not block.attributes.get("norun", "").strip()
    ]
    assert unmarked == []


def test_no_orphan_output_snapshot() -> None:
    """A snapshot whose block was removed or renamed is deleted too."""
    expected = {
        f"{page.removesuffix('.md')}/{block.attributes['output']}.txt"
        for page in PAGES
        for block in command_blocks(page)
        if "output" in block.attributes
    }
    on_disk = {str(path.relative_to(SNAPSHOTS / "commands")) for path in (SNAPSHOTS / "commands").rglob("*.txt")}
    assert on_disk - expected == set()


def test_every_scenario_is_used() -> None:
    used = {block.attributes.get("setup") for page in PAGES for block in command_blocks(page)}
    unused = [path.name for path in (EXAMPLES / "scenarios").glob("*.sh") if path.stem not in used]
    assert unused == []
