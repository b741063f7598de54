"""The versions the examples are verified with: the snapshot that the site's footer shows."""

import sqlite3

import alembic
import psycopg
import sqlalchemy as sa

from tests.conftest import SNAPSHOTS
from tests.postgres import libpq_url


def test_verified_versions(postgres_url: str, snapshot) -> None:
    with psycopg.connect(libpq_url(postgres_url)) as connection:
        postgresql = connection.execute("SHOW server_version").fetchone()[0].split()[0]
    line = (
        f"Alembic {alembic.__version__}, SQLAlchemy {sa.__version__}, "
        f"SQLite {sqlite3.sqlite_version} et PostgreSQL {postgresql}\n"
    )
    snapshot.snapshot_dir = SNAPSHOTS
    snapshot.assert_match(line, "versions.txt")
