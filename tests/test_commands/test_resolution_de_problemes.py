"""Commands of docs/resolution-de-problemes.md: each error reproduced, then its fix."""

from tests.commands import Sandbox, run_page

PAGE = "resolution-de-problemes.md"

# Make the database forget where it is: alembic_version names a revision of another branch
LOST_REVISION = (
    "python -c \"import sqlite3; db = sqlite3.connect('hyperion.db');"
    ' db.execute(\\"UPDATE alembic_version SET version_num = \'a7c3e9f1b2d4\'\\"); db.commit()"'
)
USERS = (
    "python -c \"import sqlite3; db = sqlite3.connect('hyperion.db'); db.executemany("
    '\\"INSERT INTO core_user (id, username, name, full_name, role, created_at, email)'
    " VALUES (?, ?, ?, ?, 'member', '2024-01-01', ?)\\\","
    " [('u1', 'alice', 'Alice', 'Alice Martin', 'Alice.Martin@Example.com'),"
    " ('u2', 'bob', 'Bob', 'Bob Durand', 'bob@example.com')]); db.commit()\""
)

SETUP = {
    "not-up-to-date": ["alembic upgrade ae1027a6acf"],
    "revision-not-found": ["alembic upgrade head", LOST_REVISION],
    "upgrade-logging": ["alembic downgrade 1d89d5027e57", USERS],
    "sql-sqlite": ["rm hyperion.db"],
}


def test_commands(sandbox: Sandbox, snapshot) -> None:
    run_page(PAGE, sandbox, snapshot, SETUP)
