"""Hyperion's tests/test_migrations.py, run on the guide's revisions (its fixtures are shown on docs/hyperion.md).

Hyperion's test walks the whole history on one connection, revision after revision:
``pre_test_upgrade``, upgrade, ``test_upgrade``, and the rows stay from one revision to
the next. Its fixture opens that connection with ``engine.begin()``: one transaction for
the whole walk, inside which a revision that uses ``autocommit_block()`` fails, and so
does, on PostgreSQL, a check that uses an enum value added in the same transaction. The
proposed fixtures give pytest-alembic the engine, so that Alembic opens and commits its
own transactions, and the test commits its connection after each step.

Like any file of examples/, it imports nothing of the guide's code: what it knows of a revision,
it reads from the revision's module (``POSTGRESQL_ONLY``, ``COMMITS_MIDWAY_ON``). The fixtures
``database_url`` and ``dialect`` come from the guide's pytest plugin.
"""

import traceback
from collections.abc import Iterator
from types import ModuleType

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from pytest_alembic import MigrationContext


@pytest.fixture(params=["today", "proposed"])
def way(request: pytest.FixtureRequest) -> str:
    return request.param


# --8<-- [start:proposed]
@pytest.fixture
def alembic_connection(way: str, database_url: str) -> Iterator[sa.Connection]:
    engine = sa.create_engine(database_url)
    if way == "today":
        # Aujourd'hui : une seule transaction pour tout le parcours
        with engine.begin() as connection:
            yield connection
    else:
        # Proposé : une connexion simple, que le test valide après chaque étape
        with engine.connect() as connection:
            yield connection
    engine.dispose()


@pytest.fixture
def alembic_engine(way: str, alembic_connection: sa.Connection) -> Iterator[sa.Connection | sa.Engine]:
    if way == "today":
        # Aujourd'hui : pytest-alembic migre sur la connexion, déjà dans une transaction
        yield alembic_connection
        return
    # Proposé : sur un moteur ; Alembic ouvre et valide ses propres transactions
    engine = sa.create_engine(alembic_connection.engine.url)
    yield engine
    engine.dispose()


# --8<-- [end:proposed]


def revision_module(alembic_runner: MigrationContext, revision: str) -> ModuleType:
    scripts = ScriptDirectory.from_config(alembic_runner.command_executor.alembic_config)
    return scripts.get_revision(revision).module


def needs_its_own_transaction(module: ModuleType, dialect: str, error: Exception) -> bool:
    """Why a revision fails inside the walk's one transaction: its autocommit_block, or a new enum value used."""
    if isinstance(error, AssertionError):  # Alembic's ``assert self._transaction is not None``
        return traceback.extract_tb(error.__traceback__)[-1].name == "autocommit_block" and dialect in getattr(
            module, "COMMITS_MIDWAY_ON", ()
        )
    return isinstance(error, sa.exc.DBAPIError) and "UnsafeNewEnumValueUsage" in repr(error)


def test_migrations(
    way: str, dialect: str, alembic_runner: MigrationContext, alembic_connection: sa.Connection
) -> None:
    proposed = way == "proposed"
    for revision in alembic_runner.history.revisions[1:-1]:  # between the sentinels "base" and "heads"
        module = revision_module(alembic_runner, revision)
        try:
            module.pre_test_upgrade(alembic_runner, alembic_connection)
            if proposed:
                alembic_connection.commit()
            alembic_runner.managed_upgrade(revision)
            if dialect == "postgresql" or not getattr(module, "POSTGRESQL_ONLY", None):
                module.test_upgrade(alembic_runner, alembic_connection)
            if proposed:
                alembic_connection.commit()
        except Exception as error:
            if proposed:
                raise
            assert needs_its_own_transaction(module, dialect, error), f"{revision} failed: {error!r}"
            return
    assert proposed, "every revision passed inside one transaction: the guide's warning is wrong"
