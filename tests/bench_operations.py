"""The measured safety table: one schema change per row, on a large core_user (part of make bench).

Each operation runs on its own copy of a database at head holding ``rows`` users, while a
reader and a writer work on core_user (the clients of tests/observer.py). An operation
is a list of steps, each committed on its own, as a revision would run them:

- a step in a transaction reads, before it commits, the locks its own session holds
  (``pg_locks``): the strongest lock on each table is exact, however short the step;
  it held it for the step's duration;
- a step with CONCURRENTLY cannot run in a transaction: a watcher polls its locks
  (tests/observer.py), which a short step can slip through.

Before and after, ``pg_class.relfilenode`` says which tables were rewritten. The
bench writes ``measures/operations.json``, definitions included, which the table of
« Bonnes pratiques » shows; ``tests/test_bench_operations.py`` replays every operation
on small data and checks the facts that do not depend on size.
"""

import time
import uuid
from dataclasses import dataclass, field

import alembic.command
import psycopg
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from conventions import revisions
from tests.observer import (
    APPLICATION_NAME,
    BLOCKS_WRITES,
    LOCK_MODES,
    OWN_LOCKS,
    READ_ONE,
    WRITE_ONE,
    Client,
    Watcher,
    filenodes,
    fill_core_user,
    running,
    sample_ids,
)
from tests.postgres import create_database, drop_database, libpq_url

RISKY_SECONDS = 0.1  # a lock that blocks writes for longer, or a rewrite, makes an operation risky


@dataclass(frozen=True)
class Operation:
    key: str
    label: str  # in French, as the table shows it
    steps: tuple[str, ...]  # each committed on its own
    prepare: tuple[str, ...] = ()  # run before, not measured
    recipe: str | None = None  # the revision that shows the safe way
    note: str = ""  # in French: what the measures do not show

    def definition(self) -> dict:
        return {"key": self.key, "label": self.label, "steps": list(self.steps), "prepare": list(self.prepare)} | {
            "recipe": self.recipe,
            "note": self.note,
        }


FULL_NAME_NULLABLE = "ALTER TABLE core_user ALTER COLUMN full_name DROP NOT NULL"
NO_UNIQUE_USERNAME = "ALTER TABLE core_user DROP CONSTRAINT uq_core_user_username"
SCHOOL_FOR_ALL = (
    "ALTER TABLE core_user DROP COLUMN school_id",
    "INSERT INTO core_school (id, name) VALUES ('centrale', 'Centrale Lyon')",
    "ALTER TABLE core_user ADD COLUMN school_id varchar DEFAULT 'centrale'",  # every user, without a rewrite
)
PHASES = "02e543633361"  # the three phases of the zero-downtime change start here

OPERATIONS = (
    Operation(
        "add-column",
        "Ajouter une colonne qui accepte `NULL`",
        ("ALTER TABLE core_user ADD COLUMN nickname varchar(50)",),
        recipe="02e543633361",
    ),
    Operation(
        "add-column-constant-default",
        "Ajouter une colonne avec une valeur par défaut constante",
        ("ALTER TABLE core_user ADD COLUMN newsletter boolean NOT NULL DEFAULT true",),
        recipe="279cb68beaba",
    ),
    Operation(
        "add-column-now-default",
        "Ajouter une colonne avec `DEFAULT now()`",
        ("ALTER TABLE core_user ADD COLUMN seen_at timestamp DEFAULT now()",),
        recipe="279cb68beaba",
        note="Rapide, mais chaque ligne existante reçoit l'heure de la migration : une valeur fausse.",
    ),
    Operation(
        "add-column-volatile-default",
        "Ajouter une colonne avec `DEFAULT gen_random_uuid()`",
        ("ALTER TABLE core_user ADD COLUMN token varchar NOT NULL DEFAULT gen_random_uuid()",),
        recipe=PHASES,
        note="Ajouter la colonne sans valeur par défaut, la remplir par lots, puis la rendre obligatoire.",
    ),
    Operation(
        "set-not-null",
        "Rendre une colonne obligatoire : `SET NOT NULL` direct",
        ("ALTER TABLE core_user ALTER COLUMN full_name SET NOT NULL",),
        prepare=(FULL_NAME_NULLABLE,),
        recipe="93a98f3e389b",
    ),
    Operation(
        "set-not-null-check",
        "Rendre une colonne obligatoire : `CHECK … NOT VALID`, `VALIDATE`, puis `SET NOT NULL`",
        (
            "ALTER TABLE core_user ADD CONSTRAINT ck_full_name CHECK (full_name IS NOT NULL) NOT VALID",
            "ALTER TABLE core_user VALIDATE CONSTRAINT ck_full_name",
            "ALTER TABLE core_user ALTER COLUMN full_name SET NOT NULL",
            "ALTER TABLE core_user DROP CONSTRAINT ck_full_name",
        ),
        prepare=(FULL_NAME_NULLABLE,),
        recipe="93a98f3e389b",
    ),
    Operation(
        "add-unique",
        "Ajouter une contrainte unique directement",
        ("ALTER TABLE core_user ADD CONSTRAINT uq_core_user_username UNIQUE (username)",),
        prepare=(NO_UNIQUE_USERNAME,),
        recipe="c5b7bf66f650",
    ),
    Operation(
        "add-unique-concurrently",
        "Ajouter une contrainte unique : index `CONCURRENTLY`, puis `USING INDEX`",
        (
            "CREATE UNIQUE INDEX CONCURRENTLY uq_core_user_username ON core_user (username)",
            "ALTER TABLE core_user ADD CONSTRAINT uq_core_user_username UNIQUE USING INDEX uq_core_user_username",
        ),
        prepare=(NO_UNIQUE_USERNAME,),
        recipe="c5b7bf66f650",
    ),
    Operation(
        "create-index",
        "Créer un index",
        ("CREATE INDEX idx_core_user_name ON core_user (name)",),
        recipe="06405da15a7a",
    ),
    Operation(
        "create-index-concurrently",
        "Créer un index avec `CONCURRENTLY`",
        ("CREATE INDEX CONCURRENTLY idx_core_user_name ON core_user (name)",),
        recipe="06405da15a7a",
    ),
    Operation(
        "widen-varchar",
        "Agrandir un `varchar(50)` en `varchar(100)`",
        ("ALTER TABLE core_user ALTER COLUMN name TYPE varchar(100)",),
    ),
    Operation(
        "varchar-to-text",
        "Changer un `varchar(50)` en `text`",
        ("ALTER TABLE core_user ALTER COLUMN name TYPE text",),
    ),
    Operation(
        "int-to-bigint",
        "Changer un `integer` en `bigint`",
        ("ALTER TABLE core_user ALTER COLUMN points TYPE bigint",),
        prepare=("ALTER TABLE core_user ADD COLUMN points integer NOT NULL DEFAULT 0",),
        recipe=PHASES,
        note="Ajouter une colonne bigint, la remplir par lots, puis basculer le code : les trois phases.",
    ),
    Operation(
        "add-foreign-key",
        "Ajouter une clé étrangère directement",
        ("ALTER TABLE core_user ADD CONSTRAINT fk_school FOREIGN KEY (school_id) REFERENCES core_school (id)",),
        prepare=SCHOOL_FOR_ALL,
        recipe="2b2092d18b12",
    ),
    Operation(
        "add-foreign-key-not-valid",
        "Ajouter une clé étrangère : `NOT VALID`, puis `VALIDATE`",
        (
            "ALTER TABLE core_user ADD CONSTRAINT fk_school FOREIGN KEY (school_id) REFERENCES core_school (id)"
            " NOT VALID",
            "ALTER TABLE core_user VALIDATE CONSTRAINT fk_school",
        ),
        prepare=SCHOOL_FOR_ALL,
        recipe="2b2092d18b12",
    ),
    Operation(
        "rename-column",
        "Renommer une colonne",
        ("ALTER TABLE core_user RENAME COLUMN name TO first_name",),
        recipe="ae1027a6acf",
        note="Instantané pour la base, mais le code déployé qui lit l'ancien nom échoue.",
    ),
    Operation(
        "rename-table",
        "Renommer une table",
        ("ALTER TABLE core_user RENAME TO hyperion_user",),
        note="Instantané pour la base, mais chaque requête sur l'ancien nom échoue.",
    ),
    Operation(
        "drop-column",
        "Supprimer une colonne",
        ("ALTER TABLE core_user DROP COLUMN processed",),
        note="Retirer d'abord la colonne du modèle et déployer ; la supprimer ensuite, dans une révision à part.",
    ),
)


@dataclass
class StepFacts:
    sql: str
    transactional: bool
    seconds: float = 0.0
    locks: dict[str, str] = field(default_factory=dict)  # table -> strongest mode


def run_step(connection: psycopg.Connection, sql: str, names: dict[int, str], watcher_url: str) -> StepFacts:
    step = StepFacts(sql, transactional="CONCURRENTLY" not in sql)
    start = time.perf_counter()
    if step.transactional:
        with connection.transaction():
            connection.execute(sql)
            held = connection.execute(OWN_LOCKS).fetchall()
        for relation, name, mode in held:
            table = names.get(relation, name)  # the name before the step: a renamed table keeps its row
            if LOCK_MODES.index(mode) > LOCK_MODES.index(step.locks.get(table, LOCK_MODES[0])):
                step.locks[table] = mode
    else:
        watcher = Watcher(watcher_url)
        with running(watcher, settle=0):
            connection.execute(sql)
        if watcher.error:
            raise watcher.error
        step.locks = {table: LOCK_MODES[strength] for table, strength in watcher.strongest.items()}
    step.seconds = round(time.perf_counter() - start, 3)
    return step


def prepare_database(server_url: str, rows: int) -> str:
    """A database at head whose core_user holds ``rows`` users: the template of every operation; its name."""
    name = f"bench_operations_{uuid.uuid4().hex[:8]}"
    url = create_database(server_url, name)
    engine = sa.create_engine(url, poolclass=NullPool)
    try:
        config = revisions.config()
        config.attributes["connection"] = engine
        alembic.command.upgrade(config, "head")
        fill_core_user(engine, rows, leave_null={"school_id", "processed", "last_login"})
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(sa.text("VACUUM ANALYZE core_user"))
    finally:
        engine.dispose()
    return name


def measure(server_url: str, template: str, operation: Operation, rows: int) -> dict:
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
    strongest = max((LOCK_MODES.index(mode) for step in steps for mode in step.locks.values()), default=0)
    blocking = sum(
        step.seconds
        for step in steps
        if step.transactional and any(LOCK_MODES.index(mode) >= BLOCKS_WRITES for mode in step.locks.values())
    )
    facts = {
        "lock": LOCK_MODES[strongest],
        "blocking_seconds": round(blocking, 3),
        "rewritten": rewritten,
        "seconds": round(seconds, 3),
        "reader_max_seconds": round(clients[0].longest, 3),
        "writer_max_seconds": round(clients[1].longest, 3),
        "measured_steps": [step.__dict__ for step in steps],
    }
    facts["risky"] = bool(rewritten) or blocking > RISKY_SECONDS
    return operation.definition() | facts


def measure_all(server_url: str, rows: int, chosen: list[Operation] | None = None) -> list[dict]:
    template = prepare_database(server_url, rows)
    try:
        return [measure(server_url, template, operation, rows) for operation in chosen or OPERATIONS]
    finally:
        drop_database(server_url, template)


def deterministic(result: dict) -> dict:
    """The facts that do not depend on the size of the table: locks of the steps in a transaction, rewrites."""
    return {
        "rewritten": result["rewritten"],
        "locks": [step["locks"] for step in result["measured_steps"] if step["transactional"]],
    }
