"""Fixtures shared by the suite: databases of both dialects, pytest-alembic, snapshots."""

import ast
import fcntl
import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import types
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import alembic.util.pyfiles
import pytest
import sqlalchemy as sa
from _pytest.assertion.rewrite import rewrite_asserts
from pytest_alembic.config import Config

from conventions import snapshots
from conventions.blocks import DIALECTS
from conventions.layout import EXAMPLES, ROOT
from conventions.revisions import config as examples_config
from tests.postgres import INSTALL_HINT, TemporaryServer, create_database, drop_database, find_bindir
from tests.states import States
from tests.warm_alembic import WarmAlembic

_postgres_skip_reason: str | None = None


@functools.cache
def rewritten_code(path: str, mtime_ns: int, size: int) -> types.CodeType:
    """A file's code, with pytest's assertion rewriting; compiled once per version of the file."""
    source = Path(path).read_bytes()
    tree = ast.parse(source, filename=path)
    rewrite_asserts(tree, source, path)
    return compile(tree, path, "exec")


def load_module_with_rewritten_asserts(module_id: str, path: str | os.PathLike[str]) -> types.ModuleType:
    """Alembic's loader of revisions and env.py, with pytest's assertion rewriting.

    Alembic loads a revision by path, outside pytest's import hook: a failing data check
    would say only ``AssertionError``. Rewritten, it shows the values it compared. Alembic
    loads every revision again for each command: the rewritten code is kept, by path and
    version of the file, and only run again.
    """
    stat = os.stat(path)
    module = types.ModuleType(module_id)
    module.__file__ = os.fspath(path)
    exec(rewritten_code(os.fspath(path), stat.st_mtime_ns, stat.st_size), module.__dict__)
    return module


alembic.util.pyfiles.load_module_py = load_module_with_rewritten_asserts


# The session's temporary files (databases, built sites) go to memory where the machine has it, unless TMPDIR
# says otherwise: a PostgreSQL database is some 300 files, and CREATE DATABASE took 150 ms on ext4, 20 ms on tmpfs.
MEMORY = Path("/dev/shm")
MEMORY_NEEDED = 4 * 2**30


OWN_BASETEMP = pytest.StashKey[Path]()
PASSED = pytest.StashKey[bool]()


@pytest.hookimpl(tryfirst=True)  # before pytest's own, that reads --basetemp
def pytest_configure(config: pytest.Config) -> None:
    # SIGTERM ends a run as Ctrl-C does: the fixtures finalize and the server stops. A SIGKILL or a crash is
    # left to the server's watchdog (tests/postgres.py).
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


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """URL of the PostgreSQL server of the session: TEST_POSTGRES_URL, or one started here."""
    global _postgres_skip_reason
    if url := os.environ.get("TEST_POSTGRES_URL"):
        yield url
        return
    bindir = find_bindir()
    if bindir is None:
        _postgres_skip_reason = f"PostgreSQL introuvable : {INSTALL_HINT}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{_postgres_skip_reason} (CI=true : PostgreSQL est obligatoire)", pytrace=False)
        pytest.skip(_postgres_skip_reason)
    server = TemporaryServer(bindir)
    try:
        yield server.start()
    finally:
        server.stop()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _postgres_skip_reason:
        terminalreporter.write_line(
            f"PostgreSQL ignoré, seul SQLite a été testé. {_postgres_skip_reason}.", yellow=True
        )


@pytest.fixture
def database_url(request: pytest.FixtureRequest, dialect: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of the dialect: a SQLite file, or a new PostgreSQL database.

    A test that asks for ``start_at`` gets its PostgreSQL database from it (a copy of a state): it is not
    created empty here first, which cost a second CREATE DATABASE per test.
    """
    if dialect == "sqlite":
        yield f"sqlite:///{tmp_path / 'hyperion.db'}"
        return
    server_url = request.getfixturevalue("postgres_url")
    name = f"test_{uuid.uuid4().hex[:12]}"
    try:
        if "start_at" in request.fixturenames:
            yield sa.make_url(server_url).set(database=name).render_as_string(hide_password=False)
        else:
            yield create_database(server_url, name)
    finally:
        drop_database(server_url, name)


@pytest.fixture(scope="session")
def warm_alembic() -> Iterator[WarmAlembic]:
    """The alembic of the command blocks, imported once (tests/warm_alembic.py)."""
    warm = WarmAlembic()
    yield warm
    warm.close()


@pytest.fixture(scope="session")
def sqlite_states(tmp_path_factory: pytest.TempPathFactory) -> States:
    return States("sqlite", tmp_path_factory.mktemp("states"))


@pytest.fixture(scope="session")
def postgresql_states(postgres_url: str) -> Iterator[States]:
    states = States("postgresql", Path(), postgres_url)
    yield states
    states.drop()


@pytest.fixture
def start_at(request: pytest.FixtureRequest, dialect: str, database_url: str) -> Callable[[str | None], None]:
    """Put the test's database at the state after a revision (None: empty), copied from the session's states.

    The same state as ``alembic_runner.migrate_up_to(revision)`` on the empty database, without the replay
    (see tests/states.py). Call it before anything connects to the database: on PostgreSQL, the database
    only exists once it has been called.
    """
    states = request.getfixturevalue(f"{dialect}_states")
    return functools.partial(states.restore, url=database_url)


@pytest.fixture(params=DIALECTS)
def dialect(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def alembic_engine(database_url: str) -> Iterator[sa.Engine]:
    engine = sa.create_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def alembic_config() -> Config:
    return Config(alembic_config=examples_config())


@pytest.fixture
def keep(snapshot) -> Callable[..., None]:
    """Check a text against its snapshot, named by its path under docs/snapshots/ (see conventions.snapshots).

    A difference names the place that produced the text (``docs/<page>:<line>``) when there is one.
    """

    def check(relative: str, text: str, place: str | None = None) -> None:
        snapshot.snapshot_dir, name = snapshots.split(relative)
        try:
            snapshot.assert_match(text, name)
        except AssertionError as error:
            where = f"{place}: " if place else ""
            raise AssertionError(
                f"{where}the output differs from docs/snapshots/{relative}"
                " (`make snapshots` rewrites it: review the diff before committing)\n" + str(error)
            ) from None

    return check


def copy_examples(destination: Path) -> Path:
    """A throwaway copy of examples/ (without its SQLite database and caches), to run or break."""
    shutil.copytree(EXAMPLES, destination, ignore=shutil.ignore_patterns("*.db", "__pycache__"))
    return destination


# What a copy of the project needs to build the site and run the tests
PROJECT = ("pyproject.toml", "mkdocs.yml", "conventions", "docs", "examples", "overrides", "tests")


def copy_project(destination: Path) -> Path:
    """A throwaway copy of the whole project, to break one line of it."""
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("*.db", "__pycache__"))
        else:
            destination.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, destination / name)
    return destination


MKDOCS = [sys.executable, "-m", "mkdocs"]


def build(config_dir: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site_dir)],
        cwd=config_dir,
        capture_output=True,
        text=True,
        check=False,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per run: the first xdist worker to ask builds it, the others wait and read it."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, that holds each worker's
    site_dir, report = shared / "site", shared / "site.json"
    with (shared / "site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not report.exists():
            result = build(ROOT, site_dir)
            report.write_text(json.dumps([result.returncode, result.stdout + result.stderr]), encoding="utf-8")
        returncode, output = json.loads(report.read_text(encoding="utf-8"))
    assert returncode == 0, output
    warnings = [line for line in output.splitlines() if line.startswith("WARNING")]
    assert warnings == []
    return site_dir
