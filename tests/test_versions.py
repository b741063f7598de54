"""The versions the examples are verified with: the snapshot that the site's footer shows."""

import sqlite3

import alembic
import psycopg
import sqlalchemy as sa

from tests.conftest import SNAPSHOTS


def test_verified_versions(postgres_url: str, snapshot) -> None:
    url = sa.make_url(postgres_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url) as connection:
        postgresql = connection.execute("SHOW server_version").fetchone()[0].split()[0]
    line = (
        f"Alembic {alembic.__version__}, SQLAlchemy {sa.__version__}, "
        f"SQLite {sqlite3.sqlite_version} et PostgreSQL {postgresql}\n"
    )
    snapshot.snapshot_dir = SNAPSHOTS
    snapshot.assert_match(line, "versions.txt")
