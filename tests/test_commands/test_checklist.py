"""Commands of docs/checklist.md: the quick reference, run in order on a database at head."""

from tests.commands import Sandbox, run_page

PAGE = "checklist.md"

SETUP = {"quick-reference": ["alembic upgrade head"]}


def test_commands(sandbox: Sandbox, snapshot) -> None:
    run_page(PAGE, sandbox, snapshot, SETUP)
