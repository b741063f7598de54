"""Nothing is left behind, however a run ends: a real run of the suite is interrupted, then the throwaway
PostgreSQL server and its directory must be gone.

Each case starts ``pytest`` with the suite's fixtures, on tests that start the session's server
and wait, in a TMPDIR of its own; once the server answers, it sends SIGINT (Ctrl-C), SIGTERM,
or SIGKILL (a killed pytest, which runs no clean-up of its own: the server's watchdog stops it).
With ``-n 2``, one xdist worker is killed as a crash would end it: its server goes, the other's stays.
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from guide.harness.postgres import find_bindir, running
from guide.rules.layout import ROOT

pytestmark = [
    pytest.mark.skipif(find_bindir() is None, reason="PostgreSQL introuvable : aucun serveur à laisser derrière"),
    pytest.mark.skipif(bool(os.environ.get("TEST_POSTGRES_URL")), reason="TEST_POSTGRES_URL : le serveur est fourni"),
]


@pytest.fixture
def temporary() -> Iterator[Path]:
    """The run's own TMPDIR, that the postgres account can enter (pytest's temporary is private to root)."""
    with tempfile.TemporaryDirectory(prefix="guide-interrupted-") as directory:
        os.chmod(directory, 0o755)
        yield Path(directory)


# What the interrupted run executes: the guide's plugin (guide/harness/plugin.py), in tests that
# start the session's server and then wait, so that the signal always falls in the middle of the run
HOLDING_TESTS = """
import time


def test_first_holds_the_server(postgres_url):
    time.sleep(120)


def test_second_holds_the_server(postgres_url):
    time.sleep(120)
"""


def run_command(temporary: Path) -> list[str]:
    (temporary / "test_holding.py").write_text(HOLDING_TESTS, encoding="utf-8")
    return [
        *(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"),
        *("-c", str(ROOT / "pyproject.toml"), "--rootdir", str(ROOT), str(temporary / "test_holding.py")),
    ]


def servers(temporary: Path) -> set[Path]:
    """The server folders of the run (its TMPDIR is the test's own: another run's servers are not there)."""
    return set(temporary.glob("guide-pg-*"))


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def ready(folder: Path) -> bool:
    """Whether the server of ``folder`` accepts connections. initdb's single-user backends write a
    postmaster.pid too, for a moment: only a postmaster's has a status line, "ready" once it is up."""
    try:
        return "ready" in (folder / "data" / "postmaster.pid").read_text()
    except FileNotFoundError:
        return False


def started(run: subprocess.Popen, temporary: Path, count: int = 1) -> set[Path]:
    """Wait until the run has ``count`` servers up, then a moment more, into the tests."""
    up = lambda: {folder for folder in servers(temporary) if ready(folder)}  # noqa: E731
    assert wait_for(lambda: len(up()) >= count, 60), f"no {count} server(s) started: {up()}"
    time.sleep(0.5)
    assert run.poll() is None, "the run ended before it was interrupted"
    assert len(up()) == count, f"a server stopped before the signal: {up()}"
    return up()


def gone(folders: set[Path]) -> bool:
    return all(not folder.exists() and not running(folder / "data") for folder in folders)


def start(temporary: Path, *options: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*run_command(temporary), *options],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ | {"CI": "", "TMPDIR": str(temporary)},
    )


def stop(run: subprocess.Popen, sent: signal.Signals) -> None:
    try:
        run.send_signal(sent)
        run.wait(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()


@pytest.mark.parametrize("sent", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name)
def test_interrupted_run_leaves_no_server(sent: signal.Signals, temporary: Path) -> None:
    run = start(temporary)
    folders = started(run, temporary)
    stop(run, sent)
    assert wait_for(lambda: gone(folders), 30), f"after {sent.name}: {folders} or a server is still there"


def watchdogs() -> dict[str, int]:
    """Each server folder watched, with the process that started it (the watchdog's parent)."""
    table = subprocess.run(["ps", "-ww", "-eo", "ppid=,args="], capture_output=True, text=True, check=True).stdout
    return {line.split()[-1]: int(line.split()[0]) for line in table.splitlines() if "sys.stdin.buffer.read()" in line}


def test_a_crashed_worker_leaves_no_server(temporary: Path) -> None:
    """With two xdist workers, one is killed (as a crash would end it): its server goes, the other stays."""
    run = start(temporary, "-n", "2")
    try:
        folders = started(run, temporary, count=2)
        owners = {folder: watchdogs()[str(folder)] for folder in folders}
        crashed, survivor = sorted(folders)
        os.kill(owners[crashed], signal.SIGKILL)
        assert wait_for(lambda: gone({crashed}), 30), f"the crashed worker's server is still there: {crashed}"
        assert ready(survivor), "the other worker's server stopped too"
    finally:
        stop(run, signal.SIGTERM)
    assert wait_for(lambda: gone(servers(temporary)), 30), f"after the run: {servers(temporary)}"
