"""Hyperion's tests/test_migrations.py, run on the guide's revisions.

Hyperion's test walks the whole history on one connection, revision after revision:
``pre_test_upgrade``, upgrade, ``test_upgrade``, and the rows stay from one revision to
the next. Its fixture opens that connection with ``engine.begin()``: one transaction for
the whole walk, inside which a revision that uses ``autocommit_block()`` fails, and so
does, on PostgreSQL, a check that uses an enum value added in the same transaction. The
proposed fixtures give pytest-alembic the engine, so that Alembic opens and commits its
own transactions, and the test commits its connection after each step.
"""

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from pytest_alembic import MigrationContext

from conventions.revisions import scripts
from tests.test_hyperion_ways import fails_in_an_external_transaction, needs_its_own_transaction, runs_on


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


def test_migrations(
    way: str, dialect: str, alembic_runner: MigrationContext, alembic_connection: sa.Connection
) -> None:
    proposed = way == "proposed"
    by_revision = {script.revision: script for script in scripts()}
    for revision in alembic_runner.history.revisions[1:-1]:  # between the sentinels "base" and "heads"
        script = by_revision[revision]
        try:
            script.module.pre_test_upgrade(alembic_runner, alembic_connection)
            if proposed:
                alembic_connection.commit()
            alembic_runner.managed_upgrade(revision)
            if runs_on(script, dialect):
                script.module.test_upgrade(alembic_runner, alembic_connection)
            if proposed:
                alembic_connection.commit()
        except Exception as error:
            if proposed:
                raise
            first = next(s.revision for s in scripts() if needs_its_own_transaction(s, dialect))
            assert revision == first, f"{revision} failed, {first} was expected to fail first: {error!r}"
            unsafe_enum = isinstance(error, sa.exc.DBAPIError) and "UnsafeNewEnumValueUsage" in repr(error)
            assert fails_in_an_external_transaction(error) or unsafe_enum, repr(error)
            return
    assert proposed, "every revision passed inside one transaction: the guide's warning is wrong"
