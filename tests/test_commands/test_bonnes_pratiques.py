"""Commands of docs/bonnes-pratiques.md: development (SQLite), staging (SQLite), production (PostgreSQL)."""

from tests.commands import Sandbox, run_page

PAGE = "bonnes-pratiques.md"

SETUP = {"development": ["alembic upgrade head"]}


def test_commands(sandbox: Sandbox, snapshot) -> None:
    run_page(PAGE, sandbox, snapshot, SETUP)
