"""The database after each revision, built once per session and copied for each test that starts there.

A test of revision R starts at R's parent. Replaying the history from an empty database
for each test made the suite's cost grow with the square of the history's length.
Instead, the state after each revision is kept, the first time a test asks for it, as
a PostgreSQL template database or a SQLite file, built from its parent's state by one
``alembic upgrade``. A test then gets its own copy of it: ``CREATE DATABASE … TEMPLATE``
on PostgreSQL, a file copy on SQLite. What the copy holds is what the replay would have
left: the same revisions ran, in the same order, on an empty database.
"""

import shutil
import uuid
from pathlib import Path

import sqlalchemy as sa

from guide.harness.database import upgrade
from guide.harness.postgres import create_database, drop_database
from guide.rules.revisions import find, parents


class States:
    """The states of one dialect's database, one per revision, for this session (and this xdist worker)."""

    def __init__(self, dialect: str, directory: Path, server_url: str | None = None) -> None:
        self.dialect = dialect
        self.directory = directory  # the SQLite states
        self.server_url = server_url  # the PostgreSQL server of the templates
        self.prefix = f"state_{uuid.uuid4().hex[:8]}_"  # unique on a server that others use too
        self.built: dict[str, str] = {}  # revision -> URL of its state

    def url(self, revision: str | None) -> str:
        """The URL of the state after ``revision`` (None: the empty database), built if needed."""
        key = revision or "base"
        if key in self.built:
            return self.built[key]
        parent = None
        if revision:
            [parent] = parents(find(revision).down_revision) or [None]  # a merge has no single parent: ValueError
        url = self._new(key, self.url(parent) if revision else None)
        upgrade(url, key)  # "base": the version table only, as pytest-alembic leaves it
        self.built[key] = url
        return url

    def _new(self, key: str, source: str | None) -> str:
        if self.dialect == "sqlite":
            path = self.directory / f"{key}.db"
            if source:
                shutil.copyfile(sa.make_url(source).database, path)
            else:
                path.touch()  # an empty file is an empty SQLite database
            return f"sqlite:///{path}"
        template = sa.make_url(source).database if source else None
        return create_database(self.server_url, self.prefix + key, template=template)

    def restore(self, revision: str | None, url: str) -> None:
        """Make the database at ``url`` (no connection open on it) a copy of the state after ``revision``."""
        state = self.url(revision)
        if self.dialect == "sqlite":
            shutil.copyfile(sa.make_url(state).database, sa.make_url(url).database)
        else:
            create_database(self.server_url, sa.make_url(url).database, template=sa.make_url(state).database)

    def drop(self) -> None:
        if self.dialect == "postgresql":
            for url in self.built.values():
                drop_database(self.server_url, sa.make_url(url).database)
        self.built.clear()
