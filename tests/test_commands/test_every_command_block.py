"""No command block escapes the tests: each page that shows commands has its test module here."""

import importlib
from pathlib import Path

from tests.commands import command_blocks
from tests.conftest import DOCS, SNAPSHOTS

PAGES = sorted(str(path.relative_to(DOCS)) for path in DOCS.rglob("*.md") if "snapshots" not in path.parts)


def pages_with_a_test_module() -> set[str]:
    modules = sorted(Path(__file__).parent.glob("test_*.py"))
    pages = (getattr(importlib.import_module(f"tests.test_commands.{m.stem}"), "PAGE", None) for m in modules)
    return {page for page in pages if page}


def test_every_page_with_commands_has_a_test_module() -> None:
    with_commands = {page for page in PAGES if command_blocks(page)}
    assert with_commands - pages_with_a_test_module() == set()


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
