"""The guide's fixtures, registered by its plugin (guide/harness/plugin.py) after pytest-alembic's.

- databases of both dialects: ``postgres_url`` (a throwaway server, guide/harness/postgres.py),
  ``database_url``, ``start_at`` (a copy of the state after a revision, guide/harness/states.py);
- pytest-alembic's ``alembic_config`` and ``alembic_engine``;
- ``keep``: a text checked against its snapshot under docs/snapshots/;
- ``site``: the site, built once per run; ``base_url``, where it is served; ``browser``, Chromium;
- ``warm_alembic``, for the command blocks.
"""

import fcntl
import functools
import json
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from pytest_alembic.config import Config

from guide.harness.browser import CHROMIUM, chromium, served
from guide.harness.postgres import INSTALL_HINT, TemporaryServer, create_database, drop_database, find_bindir
from guide.harness.project import build
from guide.harness.states import States
from guide.harness.warm_alembic import WarmAlembic
from guide.rules import snapshots
from guide.rules.layout import ROOT
from guide.rules.revisions import config as examples_config

_postgres_skip_reason: str | None = None


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
    """The alembic of the command blocks, imported once (guide/harness/warm_alembic.py)."""
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
    (see guide/harness/states.py). Call it before anything connects to the database: on PostgreSQL, the database
    only exists once it has been called.
    """
    states = request.getfixturevalue(f"{dialect}_states")
    return functools.partial(states.restore, url=database_url)


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
    """Check a text against its snapshot, named by its path under docs/snapshots/ (see guide.rules.snapshots).

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


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site, served on a free port of 127.0.0.1 for the session."""
    with served(site) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """Debian's Chromium; without it, the test is skipped, and fails under ``CI=true``."""
    try:
        with chromium() as opened:
            yield opened
    except FileNotFoundError:
        reason = f"Chromium introuvable ({CHROMIUM}) : installez-le avec « apt-get install chromium »"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (CI=true : les tests du navigateur sont obligatoires)", pytrace=False)
        pytest.skip(reason)
