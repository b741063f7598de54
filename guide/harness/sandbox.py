"""The command sandbox: the command blocks of a page, run in page order in a throwaway copy of examples/.

What a block's attributes mean (``output``, ``exit``, ``database``, ``setup``) is defined in
guide/rules/blocks.py; where its output is kept, in guide/rules/snapshots.py.
"""

import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from guide.harness.project import copy_examples
from guide.harness.warm_alembic import WarmAlembic
from guide.rules import revisions, snapshots
from guide.rules.blocks import Block, page_blocks
from guide.rules.layout import EXAMPLES, SCENARIOS


def placeholder(number: int) -> str:
    """The id shown for the ``number``-th revision that the commands of a page generate (from 1)."""
    return f"c0ffee{number:06d}"


def command_blocks(page: str) -> list[Block]:
    return [block for block in page_blocks(page) if block.kind == "command"]


class Sandbox:
    """A copy of examples/ with its own SQLite database, and a PostgreSQL server at hand."""

    def __init__(self, root: Path, postgres_url: str | None, warm: WarmAlembic | None = None) -> None:
        self.root = root
        self.warm = warm  # None: each alembic is a new process
        self.project = root / "examples"
        copy_examples(self.project)
        self.postgres_url = postgres_url
        self.generated: dict[str, str] = {}

    def environment(self, database: str | None) -> dict[str, str]:
        env = {
            "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
            "HOME": str(self.root),
            "LANG": "C.UTF-8",
            "TZ": "UTC",
            "PYTHONUNBUFFERED": "1",  # stdout and stderr interleaved as in a terminal
        }
        if database == "postgresql":
            if not self.postgres_url:
                raise RuntimeError("this block needs PostgreSQL")
            url = sa.make_url(self.postgres_url)
            env |= {
                "DATABASE_URL": url.set(database="hyperion_prod").render_as_string(hide_password=False),
                "PGHOST": url.host or "127.0.0.1",
                "PGPORT": str(url.port or 5432),
                "PGUSER": url.username or "postgres",
            }
            if url.password:
                env["PGPASSWORD"] = url.password
        return self.warm.environment(env) if self.warm else env

    def run(self, command: str, database: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "-c", command],
            cwd=self.project,
            env=self.environment(database),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=120,
            check=False,
        )

    def generated_revisions(self) -> list[str]:
        """Ids of the revisions that commands created in the sandbox, oldest first."""
        files = sorted((self.project / "versions").glob("*.py"), key=lambda path: path.stat().st_mtime_ns)
        known = {script.revision for script in revisions.scripts()}
        ids = [revisions.declared(path).get("revision", (None,))[0] for path in files]
        return [revision for revision in ids if revision and revision not in known]

    def normalize(self, output: str) -> str:
        """Replace what changes from one run to the next: the sandbox's path, generated ids, dates."""
        output = output.replace(str(self.project), "…/examples")
        for revision in self.generated_revisions():
            if re.fullmatch(r"[0-9a-f]{12}", revision):
                self.generated.setdefault(revision, placeholder(len(self.generated) + 1))
        for revision, shown in self.generated.items():
            output = output.replace(revision, shown)
        # The creation date of a revision generated today
        today = datetime.now(UTC).strftime("%Y-%m-%d")
        return re.sub(rf"{today} \d{{2}}:\d{{2}}:\d{{2}}\.\d{{6}}", "2026-01-01 12:00:00.000000", output)


def transcript(sandbox: Sandbox, block: Block) -> str:
    """Run the block's commands one by one: the output of one, or ``$ command`` then output for several."""
    expected_exit = int(block.attributes.get("exit", "0"))
    parts = []
    for index, command in enumerate(block.commands):
        result = sandbox.run(command, block.attributes.get("database"))
        wanted = expected_exit if index == len(block.commands) - 1 else 0
        assert result.returncode == wanted, (
            f"{block}: `{command}` exited with {result.returncode}, expected {wanted}\n{result.stdout}"
        )
        output = sandbox.normalize(result.stdout)
        parts.append(output if len(block.commands) == 1 else f"$ {command}\n{output}")
    text = "".join(part if part.endswith("\n") or not part else part + "\n" for part in parts)
    return text or "(aucune sortie)\n"


def run_page(page: str, sandbox: Sandbox, keep) -> int:
    """Run every command block of the page in order; return how many commands ran."""
    ran = 0
    for block in command_blocks(page):
        if scenario := block.attributes.get("setup"):
            script = SCENARIOS / f"{scenario}.sh"
            where = script.relative_to(EXAMPLES.parent)
            assert script.is_file(), f'{block}: setup="{scenario}": no file {where}'
            result = sandbox.run(f"bash {script.relative_to(EXAMPLES)}", block.attributes.get("database"))
            assert result.returncode == 0, f"{block}: {where} failed\n{result.stdout}"
        [output] = snapshots.block_outputs(block)
        keep(output, transcript(sandbox, block), str(block))
        ran += len(block.commands)
    assert ran, f"docs/{page}: no command ran"
    return ran
