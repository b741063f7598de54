"""Run the command blocks of a page, in page order, in a throwaway copy of examples/.

A command block is a ``bash`` or ``console`` fence. Its attributes say what the test does:

- ``output="name"``: run it; what it printed is the snapshot
  ``docs/snapshots/commands/<page>/<name>.txt``, shown under the block;
- ``exit="N"``: the last command of the block must exit with N (otherwise 0);
- ``database="postgresql"``: run against a PostgreSQL database named as the command
  expects (``DATABASE_URL`` and the ``PG*`` variables point to the test server);
- ``norun="reason"``: not run, the reason is shown under the block;
- ``setup="name"``: before the block, run ``examples/scenarios/<name>.sh``, the state
  that the block's text describes; the page shows it, folded, above the block.
"""

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from tests.conftest import DOCS, EXAMPLES, SNAPSHOTS, copy_examples

FENCE = re.compile(r"^(?P<indent>[ \t]*)```\s*(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.M | re.S)
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
REVISION = re.compile(r"^revision\b[^=]*=\s*['\"]([^'\"]+)['\"]", re.M)
KNOWN_REVISIONS = {REVISION.search(path.read_text()).group(1) for path in (EXAMPLES / "versions").glob("*.py")}
PLACEHOLDER_IDS = [f"c0ffee{n:06d}" for n in range(1, 100)]


@dataclass
class CommandBlock:
    page: str
    line: int
    language: str
    attributes: dict[str, str]
    body: str

    @property
    def commands(self) -> list[str]:
        return [line for line in self.body.splitlines() if line.strip() and not line.lstrip().startswith("#")]

    def __str__(self) -> str:
        return f"docs/{self.page}:{self.line}"


def command_blocks(page: str) -> list[CommandBlock]:
    text = (DOCS / page).read_text(encoding="utf-8")
    blocks = []
    for match in FENCE.finditer(text):
        info = match.group("info").strip().strip("{}").strip()
        language = info.split()[0].lstrip(".") if info else ""
        if language in ("bash", "console", "shell", "sh"):
            indent = len(match.group("indent"))
            body = "\n".join(line[indent:] for line in match.group("body").splitlines())
            line = text[: match.start()].count("\n") + 1
            blocks.append(CommandBlock(page, line, language, dict(ATTRIBUTE.findall(info)), body))
    return blocks


class Sandbox:
    """A copy of examples/ with its own SQLite database, and a PostgreSQL server at hand."""

    def __init__(self, root: Path, postgres_url: str | None) -> None:
        self.root = root
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
        return env

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
        ids = [REVISION.search(path.read_text(encoding="utf-8")) for path in files]
        return [match.group(1) for match in ids if match and match.group(1) not in KNOWN_REVISIONS]

    def normalize(self, output: str) -> str:
        """Replace what changes from one run to the next: the sandbox's path, generated ids, dates."""
        output = output.replace(str(self.project), "…/examples")
        for revision in self.generated_revisions():
            if re.fullmatch(r"[0-9a-f]{12}", revision):
                self.generated.setdefault(revision, PLACEHOLDER_IDS[len(self.generated)])
        for revision, placeholder in self.generated.items():
            output = output.replace(revision, placeholder)
        # The creation date of a revision generated today
        today = datetime.now(UTC).strftime("%Y-%m-%d")
        return re.sub(rf"{today} \d{{2}}:\d{{2}}:\d{{2}}\.\d{{6}}", "2026-01-01 12:00:00.000000", output)


def transcript(sandbox: Sandbox, block: CommandBlock) -> str:
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


def run_page(page: str, sandbox: Sandbox, snapshot) -> int:
    """Run every command block of the page in order; return how many commands ran."""
    snapshot.snapshot_dir = SNAPSHOTS / "commands" / page.removesuffix(".md")
    ran = 0
    for block in command_blocks(page):
        if "norun" in block.attributes:
            assert block.attributes["norun"].strip(), f"{block}: norun needs a reason"
            continue
        name = block.attributes.get("output")
        assert name, f'{block}: a command block needs output="name" (run by the tests) or norun="reason"'
        if scenario := block.attributes.get("setup"):
            script = f"scenarios/{scenario}.sh"
            assert (EXAMPLES / script).is_file(), f'{block}: setup="{scenario}": no file examples/{script}'
            result = sandbox.run(f"bash {script}", block.attributes.get("database"))
            assert result.returncode == 0, f"{block}: examples/{script} failed\n{result.stdout}"
        snapshot.assert_match(transcript(sandbox, block), f"{name}.txt")
        ran += len(block.commands)
    assert ran, f"docs/{page}: no command ran"
    return ran
