"""The measured safety table: one schema change per row, on a large core_user (part of make bench).

What each row is (its label, its SQL steps, what to prepare, its recipe) is written in
examples/operations.toml (guide.rules.operations). Each operation runs on its own copy of a
database at head holding ``rows`` users, while a reader and a writer work on core_user. An
operation is a list of steps, each committed on its own, as a revision would run them:

- a step in a transaction reads, before it commits, the locks its own session holds
  (``pg_locks``): the strongest lock on each table is exact, however short the step;
  it held it for the step's duration;
- a step with CONCURRENTLY cannot run in a transaction: a watcher polls its locks
  (guide/bench/observer.py), which a short step can slip through.

Before and after, ``pg_class.relfilenode`` says which tables were rewritten. The bench
writes ``measures/operations.json`` (``OperationsMeasures``): what each row did, not what it
is. tests/bench/test_operations.py replays every operation on small data and checks the facts
that do not depend on size.
"""

import time
import uuid

import psycopg
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from guide.bench.observer import (
    APPLICATION_NAME,
    OWN_LOCKS,
    READ_ONE,
    WRITE_ONE,
    Watcher,
    filenodes,
    fill_core_user,
    sample_ids,
)
from guide.harness.database import upgrade
from guide.harness.postgres import create_database, drop_database, libpq_url
from guide.harness.sessions import Client, running
from guide.rules.measures import LOCK_MODES, RISKY_SECONDS, OperationMeasures, StepFacts, blocks_writes, strength
from guide.rules.operations import Operation


def run_step(connection: psycopg.Connection, sql: str, names: dict[int, str], watcher_url: str) -> StepFacts:
    step = StepFacts(sql, transactional="CONCURRENTLY" not in sql)  # PostgreSQL refuses CONCURRENTLY in one
    start = time.perf_counter()
    if step.transactional:
        with connection.transaction():
            connection.execute(sql)
            held = connection.execute(OWN_LOCKS).fetchall()
        for relation, name, mode in held:
            table = names.get(relation, name)  # the name before the step: a renamed table keeps its row
            if strength(mode) > strength(step.locks.get(table, LOCK_MODES[0])):
                step.locks[table] = mode
    else:
        watcher = Watcher(watcher_url)
        with running(watcher, settle=0):
            connection.execute(sql)
        if watcher.error:
            raise watcher.error
        step.locks = {table: LOCK_MODES[level] for table, level in watcher.strongest.items()}
    step.seconds = round(time.perf_counter() - start, 3)
    return step


def prepare_database(server_url: str, rows: int) -> str:
    """A database at head whose core_user holds ``rows`` users: the template of every operation; its name."""
    name = f"bench_operations_{uuid.uuid4().hex[:8]}"
    url = create_database(server_url, name)
    engine = sa.create_engine(url, poolclass=NullPool)
    try:
        upgrade(engine, "head")
        fill_core_user(engine, rows, leave_null={"school_id", "processed", "last_login"})
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(sa.text("VACUUM ANALYZE core_user"))
    finally:
        engine.dispose()
    return name


def measure(server_url: str, template: str, operation: Operation, rows: int) -> OperationMeasures:
    """Run ``operation`` on a copy of ``template`` and watch it."""
    name = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(libpq_url(server_url), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    url = libpq_url(sa.make_url(server_url).set(database=name).render_as_string(hide_password=False))
    try:
        with psycopg.connect(url, autocommit=True) as connection:
            for sql in operation.prepare:
                connection.execute(sql)
        before = filenodes(url)
        names = {oid: table for oid, (table, _) in before.items()}
        ids = sample_ids(rows)
        clients = [Client(url, READ_ONE, ids), Client(url, WRITE_ONE, ids)]
        with running(*clients):
            start = time.perf_counter()
            try:
                with psycopg.connect(url, autocommit=True, application_name=APPLICATION_NAME) as connection:
                    steps = [run_step(connection, sql, names, url) for sql in operation.steps]
            finally:
                seconds = time.perf_counter() - start
        after = filenodes(url)
    finally:
        drop_database(server_url, name)
    rewritten = sorted(table for oid, (table, node) in before.items() if oid in after and after[oid][1] != node)
    strongest = max((strength(mode) for step in steps for mode in step.locks.values()), default=0)
    blocking = sum(
        step.seconds
        for step in steps
        if step.transactional and any(blocks_writes(mode) for mode in step.locks.values())
    )
    return OperationMeasures(
        key=operation.key,
        steps=steps,
        lock=LOCK_MODES[strongest],
        blocking_seconds=round(blocking, 3),
        rewritten=rewritten,
        seconds=round(seconds, 3),
        reader_max_seconds=round(clients[0].longest, 3),
        writer_max_seconds=round(clients[1].longest, 3),
        risky=bool(rewritten) or blocking > RISKY_SECONDS,
    )


def measure_all(server_url: str, rows: int, chosen: tuple[Operation, ...]) -> list[OperationMeasures]:
    template = prepare_database(server_url, rows)
    try:
        return [measure(server_url, template, operation, rows) for operation in chosen]
    finally:
        drop_database(server_url, template)
