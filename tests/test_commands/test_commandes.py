"""Commands of docs/commandes.md, from an empty database."""

from tests.commands import Sandbox, run_page

PAGE = "commandes.md"

SETUP = {
    # Each command meets the state that its sentence describes
    "upgrade-revision": ["alembic downgrade base"],
    "revision-autogenerate": ["alembic upgrade head"],
    "check": ["alembic upgrade head"],
}


def test_commands(sandbox: Sandbox, snapshot) -> None:
    run_page(PAGE, sandbox, snapshot, SETUP)
