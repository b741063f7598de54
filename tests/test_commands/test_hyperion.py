"""Commands of docs/hyperion.md: the previous revision, pending migrations, two heads re-parented."""

from tests.commands import Sandbox, run_page

PAGE = "hyperion.md"

SETUP = {"previous-revision": ["alembic upgrade head"]}


def test_commands(sandbox: Sandbox, snapshot) -> None:
    run_page(PAGE, sandbox, snapshot, SETUP)
