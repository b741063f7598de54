"""What PostgreSQL did while a revision's upgrade ran: locks, rewrites, and what other sessions waited.

``observe(url, script, conditions)`` brings a fresh database to the revision's parent, fills
``core_user`` with ``conditions.rows`` rows, then runs the upgrade through the ``alembic`` command's
path (an Engine: env.py takes its advisory lock) while three other sessions work:

- a watcher reads ``pg_locks`` every few milliseconds: the strongest lock the migration
  held on each table, and for how long it held a lock that blocks writes: the sum of the
  windows in which it held one (two short locks around a long ``VALIDATE``, which blocks
  no write, count for their own time only);
- after each of its statements, the migration's session reads its own locks: a lock
  too short for the watcher still counts (except in an autocommit_block, where it is
  already released);
- a reader (``SELECT`` by primary key) and a writer (``UPDATE`` by primary key) on
  ``core_user``: the longest each of them waited.

Before and after, ``pg_class.relfilenode`` of every table says which ones were rewritten. The result is
a ``RevisionMeasures`` (guide/rules/measures.py), as make bench writes it.
"""

import os
import platform
import threading
import time
from datetime import date

import psycopg
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from guide.harness.database import upgrade
from guide.harness.postgres import libpq_url
from guide.harness.sessions import Client, running
from guide.rules import revisions
from guide.rules.measures import LOCK_MODES, Conditions, RevisionMeasures, TableFacts, blocks_writes, strength

APPLICATION_NAME = "guide-migration"
POLL_SECONDS = 0.002

LOCKS_OF_THE_MIGRATION = """
SELECT c.relname, l.mode
FROM pg_locks l
JOIN pg_stat_activity a ON a.pid = l.pid
JOIN pg_class c ON c.oid = l.relation
WHERE a.application_name = %s AND a.datname = current_database()
  AND l.locktype = 'relation' AND l.granted AND c.relkind = 'r'
  AND c.relnamespace = 'public'::regnamespace
"""
# The locks that the session running this query holds: exact, since a transaction keeps them until its end
OWN_LOCKS = """
SELECT l.relation, c.relname, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted
  AND c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
"""
FILENODES = (
    "SELECT oid, relname, relfilenode FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace"
)


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            return next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or "?"


def conditions(url: str, rows: int) -> Conditions:
    """Today, this machine, the server's settings: what a measure of ``rows`` users on ``url`` is taken in."""
    with psycopg.connect(libpq_url(url)) as connection:
        server = connection.execute("SHOW server_version").fetchone()[0].split()[0]
        fsync = connection.execute("SHOW fsync").fetchone()[0]
        shared_buffers = connection.execute("SHOW shared_buffers").fetchone()[0]
    return Conditions(date.today().isoformat(), server, fsync, shared_buffers, cpu_model(), os.cpu_count(), rows)


class Watcher(threading.Thread):
    """Polls pg_locks for the migration's locks until stopped.

    ``blocking``: per table, the seconds during which a lock that blocks writes was seen: between two
    polls that both saw one, the time between them; a window seen by one poll only, one poll's time.
    """

    def __init__(self, url: str, application_name: str = APPLICATION_NAME) -> None:
        super().__init__(daemon=True)
        self.url, self.application_name = url, application_name
        self.stop = threading.Event()
        self.strongest: dict[str, int] = {}
        self.blocking: dict[str, float] = {}
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with psycopg.connect(self.url, autocommit=True) as connection:
                previous, before = set(), time.perf_counter()
                while not self.stop.is_set():
                    now, blocking = time.perf_counter(), set()
                    for table, mode in connection.execute(LOCKS_OF_THE_MIGRATION, (self.application_name,)):
                        self.strongest[table] = max(strength(mode), self.strongest.get(table, 0))
                        if blocks_writes(mode):
                            blocking.add(table)
                    for table in blocking:
                        held = now - before if table in previous else POLL_SECONDS
                        self.blocking[table] = self.blocking.get(table, 0.0) + held
                    previous, before = blocking, now
                    time.sleep(POLL_SECONDS)
        except BaseException as error:  # reported by the observer
            self.error = error


# What the concurrent reader and writer run, on a random user (ids from sample_ids)
READ_ONE = "SELECT username FROM core_user WHERE id = %s"
WRITE_ONE = "UPDATE core_user SET username = username WHERE id = %s"


def sample_ids(rows: int) -> list[str]:
    """About 1,000 ids of the users fill_core_user wrote, spread over the table."""
    return [f"bench{n}" for n in range(1, rows + 1, max(1, rows // 1000))]


def filenodes(url: str) -> dict[int, tuple[str, int]]:
    with psycopg.connect(url) as connection:
        return {oid: (name, node) for oid, name, node in connection.execute(FILENODES)}


def fill_core_user(engine: sa.Engine, rows: int, leave_null: set[str]) -> list[str]:
    """``rows`` users in the schema of the parent revision; their ids.

    Every column gets a value, as the previous revisions' data migrations left it, except
    the nullable columns in ``leave_null``: those the parent just added, that the revision
    under watch may fill. Emails are mixed case, for the revision that normalizes them.
    """
    columns = {column["name"]: column for column in sa.inspect(engine).get_columns("core_user")}
    values = {
        "id": "'bench' || g",
        "username": "'bench' || g",
        "name": "'Utilisateur'",
        "full_name": "'Utilisateur ' || g",
        "email": "'Bench' || g || '@Example.com'",
        "role": "'member'",
        "created_at": "TIMESTAMP '2024-01-01' + g * INTERVAL '1 second'",
        "created_date": "TIMESTAMP '2024-01-01' + g * INTERVAL '1 second'",
    }
    names = [name for name in values if name in columns and not (name in leave_null and columns[name]["nullable"])]
    missing = [
        name
        for name, column in columns.items()
        if not column["nullable"] and column.get("default") is None and name not in names
    ]
    assert not missing, f"fill_core_user: no value for the required columns {missing}"
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                f"INSERT INTO core_user ({', '.join(names)}) "
                f"SELECT {', '.join(values[name] for name in names)} FROM generate_series(1, :rows) AS g"
            ),
            {"rows": rows},
        )
        connection.execute(sa.text("ANALYZE core_user"))
    return sample_ids(rows)


def columns_of_core_user(engine: sa.Engine) -> set[str]:
    inspector = sa.inspect(engine)
    return (
        {column["name"] for column in inspector.get_columns("core_user")} if inspector.has_table("core_user") else set()
    )


def observe(url: str, script, conditions: Conditions, pause: float = 0.0) -> RevisionMeasures:
    """Upgrade to ``script`` from its parent on the empty database ``url``, with ``conditions.rows`` users, and watch.

    ``pause``: seconds to wait before the migration records its version, its transaction
    still open, so that small data cannot hide a lock from the watcher (for the tests).
    """
    engine = sa.create_engine(url, poolclass=NullPool)
    migration = sa.create_engine(url, poolclass=NullPool, connect_args={"application_name": APPLICATION_NAME})

    @sa.event.listens_for(migration, "before_cursor_execute")
    def pause_before_version_write(connection, cursor, statement: str, *args) -> None:
        if pause and statement.startswith(("UPDATE alembic_version", "INSERT INTO alembic_version")):
            time.sleep(pause)

    own: dict[str, int] = {}  # table -> strongest mode the migration's session saw itself hold

    @sa.event.listens_for(migration, "after_cursor_execute")
    def read_own_locks(connection, cursor, *args) -> None:
        with cursor.connection.cursor() as mine:
            for _, table, mode in mine.execute(OWN_LOCKS).fetchall():
                own[table] = max(own.get(table, 0), strength(mode))

    rows = conditions.rows
    try:
        parent = script.down_revision
        if not parent:
            raise ValueError(f"{script.revision} creates the schema: there is no table to watch")
        grandparent = revisions.find(parent).down_revision
        if grandparent:
            upgrade(engine, grandparent)
        before_parent = columns_of_core_user(engine)
        upgrade(engine, parent)
        ids = fill_core_user(engine, rows, leave_null=columns_of_core_user(engine) - before_parent)
        libpq = libpq_url(url)
        before = filenodes(libpq)
        watcher = Watcher(libpq)
        clients = [Client(libpq, READ_ONE, ids), Client(libpq, WRITE_ONE, ids)]
        with running(watcher, *clients):
            start = time.perf_counter()
            try:
                upgrade(migration, script.revision)
            finally:
                seconds = time.perf_counter() - start
        if watcher.error:
            raise watcher.error
        after = filenodes(libpq)
        observation = RevisionMeasures(script.revision, round(seconds, 3), conditions)
        strongest = {table: max(level, own.get(table, 0)) for table, level in watcher.strongest.items()}
        for table, level in sorted((own | strongest).items()):
            observation.tables[table] = TableFacts(LOCK_MODES[level], round(watcher.blocking.get(table, 0.0), 3))
        for oid, (_, node) in before.items():
            if oid in after and after[oid][1] != node:
                observation.tables.setdefault(after[oid][0], TableFacts("AccessExclusiveLock")).rewritten = True
        observation.reader_max_seconds = round(clients[0].longest, 3)
        observation.writer_max_seconds = round(clients[1].longest, 3)
        return observation
    finally:
        engine.dispose()
        migration.dispose()
