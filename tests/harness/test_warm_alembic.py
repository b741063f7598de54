"""The warm alembic (guide/harness/warm_alembic.py) prints what the real one prints, byte for byte.

The same commands, in the same order, run in two copies of examples/: one with a new ``alembic``
process each time, one through the warm process. Their output (stdout and stderr interleaved, as
the pages show them) and their exit status must be the same: successes, Alembic's errors, argparse's
usage error, an uncaught exception with its traceback, a post-write hook that runs ruff, a script.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from guide.harness.sandbox import Sandbox
from guide.rules.layout import ROOT

SAMPLE = [
    "alembic heads",
    "alembic history -r 13f406f72dc1:f306beed3e3e",
    "alembic upgrade head",
    "alembic current",
    "alembic downgrade -1",
    "alembic upgrade ae1027a6acf:ba0022e5a923 --sql",
    "alembic upgrade nowhere",
    "alembic frobnicate",
    'alembic revision -m "Essai du processus chaud" --rev-id 0123456789ab',
    "DATABASE_URL=nonsense://nowhere alembic current",
    "alembic current; alembic heads && echo fini",
    "printf 'alembic heads\\n' | bash",
]


@pytest.fixture
def sandboxes(tmp_path: Path, warm_alembic) -> tuple[Sandbox, Sandbox]:
    return Sandbox(tmp_path / "real", None), Sandbox(tmp_path / "warm", None, warm_alembic)


def test_the_warm_alembic_prints_what_the_real_one_prints(sandboxes: tuple[Sandbox, Sandbox]) -> None:
    real, warm = sandboxes
    statuses = set()
    for command in SAMPLE:
        expected, got = real.run(command), warm.run(command)
        statuses.add(expected.returncode)
        assert got.stdout.replace(str(warm.project), "…") == expected.stdout.replace(str(real.project), "…"), command
        assert got.returncode == expected.returncode, command
    assert statuses >= {0, 1, 2, 255}, "the sample covers a success, a traceback, a usage error, an Alembic error"


def test_a_command_without_pythonunbuffered_is_refused(sandboxes: tuple[Sandbox, Sandbox]) -> None:
    _, warm = sandboxes
    result = warm.run("env -u PYTHONUNBUFFERED alembic heads")
    assert result.returncode == 2
    assert "PYTHONUNBUFFERED=1" in result.stdout


def test_the_warm_process_goes_with_the_run_that_started_it() -> None:
    """A test run killed (no clean-up of its own): its warm process ends and removes its folder."""
    owner = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from guide.harness.warm_alembic import WarmAlembic; print(WarmAlembic().directory); input()",
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    directory = Path(owner.stdout.readline().strip())
    assert (directory / "bin" / "alembic").is_file()
    os.kill(owner.pid, signal.SIGKILL)
    owner.wait()
    deadline = time.monotonic() + 10
    while directory.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not directory.exists()
