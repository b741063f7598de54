"""The guide's pytest plugin (pyproject.toml registers it under pytest11): the run's set-up, markers, and fixtures.

- the run's temporary files in memory (``/dev/shm``), its folder removed unless a test failed;
- SIGTERM handled as Ctrl-C, so that fixtures finalize and servers stop;
- Alembic's loader with assertion rewriting (guide/harness/loader.py);
- ``@pytest.mark.starts_first``; ``dialect``, both dialects or those of ``@pytest.mark.dialects(...)``;
- the fixtures of guide/harness/fixtures.py, registered once every plugin is loaded, so that they
  override pytest-alembic's defaults (``alembic_config``, ``alembic_engine``).
"""

import os
import shutil
import signal
import tempfile
from pathlib import Path

import pytest

from guide.harness import fixtures, loader
from guide.rules.blocks import DIALECTS

# The session's temporary files (databases, built sites) go to memory where the machine has it, unless TMPDIR
# says otherwise: a PostgreSQL database is some 300 files, and CREATE DATABASE took 150 ms on ext4, 20 ms on tmpfs.
MEMORY = Path("/dev/shm")
MEMORY_NEEDED = 4 * 2**30


OWN_BASETEMP = pytest.StashKey[Path]()
PASSED = pytest.StashKey[bool]()


MARKERS = (
    "starts_first: a long test, started first so that under -n the other workers run the rest meanwhile",
    "dialects(*names): the dialects the test runs on (both by default)",
)


@pytest.hookimpl(tryfirst=True)  # before pytest's own, that reads --basetemp
def pytest_configure(config: pytest.Config) -> None:
    for marker in MARKERS:
        config.addinivalue_line("markers", marker)
    loader.install()
    if not config.pluginmanager.is_registered(fixtures):
        config.pluginmanager.register(fixtures, "guide-fixtures")
    # SIGTERM ends a run as Ctrl-C does: the fixtures finalize and the server stops. A SIGKILL or a crash is
    # left to the server's watchdog (guide/harness/postgres.py).
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    memory = MEMORY.is_dir() and os.access(MEMORY, os.W_OK | os.X_OK)
    if "TMPDIR" not in os.environ and memory and shutil.disk_usage(MEMORY).free > MEMORY_NEEDED:
        os.environ["TMPDIR"] = str(MEMORY)  # for this process, its xdist workers and the commands it runs
        tempfile.tempdir = None  # tempfile looks again
        if config.option.basetemp is None and not hasattr(config, "workerinput"):
            # the run's folder (its workers' are in it), removed at the end if every test passed
            config.option.basetemp = tempfile.mkdtemp(prefix="guide-tests-")
            config.stash[OWN_BASETEMP] = Path(config.option.basetemp)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    session.config.stash[PASSED] = exitstatus == 0


def pytest_unconfigure(config: pytest.Config) -> None:
    """The run's folder goes if every test passed (after the workers' end); else it stays, to look into."""
    basetemp = config.stash.get(OWN_BASETEMP, None)
    if basetemp is None:
        return
    if config.stash.get(PASSED, False) or not any(path.is_file() for path in basetemp.rglob("*")):
        shutil.rmtree(basetemp, ignore_errors=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests marked ``starts_first`` run first: under -n, the other workers share the rest meanwhile."""
    items.sort(key=lambda item: item.get_closest_marker("starts_first") is None)


def parametrized(metafunc: pytest.Metafunc, name: str) -> bool:
    for marker in metafunc.definition.iter_markers("parametrize"):
        names = marker.args[0]
        if name in ([n.strip() for n in names.split(",")] if isinstance(names, str) else names):
            return True
    return False


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test that needs a database runs on each dialect, or on those of its ``dialects`` marker."""
    if "dialect" in metafunc.fixturenames and not parametrized(metafunc, "dialect"):
        marker = metafunc.definition.get_closest_marker("dialects")
        metafunc.parametrize("dialect", marker.args if marker else DIALECTS)
