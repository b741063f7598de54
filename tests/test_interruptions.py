"""Nothing is left behind, however a run ends: a real run of the suite is interrupted, then the throwaway
PostgreSQL server and its directory must be gone.

Each case starts ``pytest`` on the PostgreSQL tests of the revisions, waits until its server
answers, then sends SIGINT (Ctrl-C), SIGTERM, or SIGKILL (a killed or crashed pytest, which
runs no clean-up of its own: the server's watchdog stops it).
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conventions.layout import ROOT
from tests.postgres import find_bindir, running

pytestmark = [
    pytest.mark.skipif(find_bindir() is None, reason="PostgreSQL introuvable : aucun serveur à laisser derrière"),
    pytest.mark.skipif(bool(os.environ.get("TEST_POSTGRES_URL")), reason="TEST_POSTGRES_URL : le serveur est fourni"),
]
TEMPORARY = Path(tempfile.gettempdir())


def servers() -> set[Path]:
    return set(TEMPORARY.glob("guide-pg-*"))


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.mark.parametrize("sent", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name)
def test_interrupted_run_leaves_no_server(sent: signal.Signals) -> None:
    before = servers()
    run = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_revisions.py", "-k", "postgresql"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ | {"CI": ""},
    )
    try:
        assert wait_for(lambda: any((d / "data" / "postmaster.pid").exists() for d in servers() - before), 60)
        (started,) = servers() - before
        time.sleep(1)  # into the tests
        run.send_signal(sent)
        run.wait(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert wait_for(lambda: not started.exists() and not running(started / "data"), 30), (
        f"after {sent.name}: {started} or its server is still there"
    )
