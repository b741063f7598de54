"""What the tests do to a database and read back from it: an upgrade, its schema, and the SQL it was sent."""

import re
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import alembic.command
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from guide.rules.revisions import config as examples_config

# Reflection and bookkeeping that Alembic, SQLAlchemy and env.py's lock run around a migration
NOISE = re.compile(
    r"^\s*(PRAGMA|SHOW|select pg_catalog|select current_schema|select version)"
    r"|sqlite_master|sqlite_temp_master|pg_catalog\.|information_schema\."
    r"|pg_(try_)?advisory_(un)?lock"
    r"|^\s*SELECT alembic_version\.version_num\s+FROM alembic_version",
    re.IGNORECASE,
)


def describe_schema(engine: sa.Engine) -> dict[str, Any]:
    """Tables, columns, keys, indexes, constraints and enum types, as the inspector sees them.

    Read with the inspector's ``get_multi_*``: on PostgreSQL, one query per kind for all the tables.
    """
    inspector = sa.inspect(engine)
    tables = [table for table in inspector.get_table_names() if table != "alembic_version"]
    names = {"filter_names": tables}
    columns = inspector.get_multi_columns(**names)
    primary_keys = inspector.get_multi_pk_constraint(**names)
    foreign_keys = inspector.get_multi_foreign_keys(**names)
    indexes = inspector.get_multi_indexes(**names)
    uniques = inspector.get_multi_unique_constraints(**names)
    checks = inspector.get_multi_check_constraints(**names)
    schema: dict[str, Any] = {}
    for table in sorted(tables):
        key = (None, table)
        schema[table] = {
            "columns": [
                (column["name"], str(column["type"]), column["nullable"], str(column.get("default")))
                for column in columns[key]
            ],
            "primary_key": primary_keys[key]["constrained_columns"],
            "foreign_keys": sorted(
                (
                    fk["name"] or "",
                    fk["constrained_columns"],
                    fk["referred_table"],
                    fk["referred_columns"],
                    fk.get("options", {}).get("ondelete"),
                )
                for fk in foreign_keys[key]
            ),
            "indexes": sorted(
                (
                    index["name"],
                    index["column_names"],
                    index["unique"],
                    sorted((key, str(value)) for key, value in index.get("dialect_options", {}).items()),
                )
                for index in indexes[key]
            ),
            "unique": sorted((uq["name"] or "", uq["column_names"]) for uq in uniques[key]),
            "checks": sorted((ck["name"] or "", ck["sqltext"]) for ck in checks[key]),
        }
    if engine.dialect.name == "postgresql":
        schema["enum types"] = sorted((enum["name"], enum["labels"]) for enum in inspector.get_enums())
    return schema


@contextmanager
def capture_sql(engine: sa.Engine) -> Iterator[list[str]]:
    """Collect the statements sent to the database, less the reflection noise."""
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        if not NOISE.search(statement):
            statements.append(textwrap.dedent(statement).strip())

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)


TABLE_CONSTRAINT = ("\tCONSTRAINT ", "\tPRIMARY KEY", "\tUNIQUE ", "\tCHECK ", "\tFOREIGN KEY")


def sorted_table_constraints(statement: str) -> str:
    """A CREATE TABLE with its table constraints (after the columns) in sorted order."""
    if not statement.startswith("CREATE TABLE ") or not statement.endswith("\n)"):
        return statement
    head, _, body = statement[:-2].partition("(\n")
    parts = body.split(", \n")
    columns = [part for part in parts if not part.startswith(TABLE_CONSTRAINT)]
    constraints = [part for part in parts if part.startswith(TABLE_CONSTRAINT)]
    return f"{head}(\n" + ", \n".join(columns + sorted(constraints)) + "\n)"


SESSION_SETTINGS = ("SET lock_timeout", "SET statement_timeout")


def as_sql_file(statements: list[str]) -> str:
    """One statement per paragraph: the revision's own, without the session settings of env.py.

    env.py sets ``lock_timeout`` and ``statement_timeout`` each time Alembic runs it (pytest-alembic
    runs it several times per step): they belong to the session, not to the revision, and the
    page shows them with env.py.

    In batch mode, Alembic recreates a table's indexes, and lists the table's constraints,
    in the order of a Python set, which changes from one run to the next: a run of CREATE
    INDEX is sorted, and so are the constraints of a CREATE TABLE.
    """
    statements = [sorted_table_constraints(s) for s in statements if not s.startswith(SESSION_SETTINGS)]
    start = 0
    while start < len(statements):
        end = start
        while end < len(statements) and statements[end].startswith(("CREATE INDEX", "CREATE UNIQUE INDEX")):
            end += 1
        statements[start:end] = sorted(statements[start:end])
        start = end + 1
    return "".join(f"{statement};\n\n" for statement in statements).rstrip("\n") + "\n"


def upgrade(connectable: sa.Engine | str, target: str) -> None:
    """``alembic upgrade <target>`` of examples/ on a database (an Engine, or its URL), as the command runs it.

    env.py gets the Engine (``config.attributes["connection"]``): it opens its own connection, takes
    the migration lock on PostgreSQL, and commits as the ``alembic`` command does.
    """
    engine = sa.create_engine(connectable, poolclass=NullPool) if isinstance(connectable, str) else connectable
    config = examples_config()
    config.attributes["connection"] = engine
    try:
        alembic.command.upgrade(config, target)
    finally:
        if engine is not connectable:
            engine.dispose()
