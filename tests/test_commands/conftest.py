"""One test module per page that shows commands; each declares its PAGE."""

from pathlib import Path

import psycopg
import pytest

from tests.commands import Sandbox, command_blocks
from tests.postgres import libpq_url


@pytest.fixture
def sandbox(tmp_path: Path, request: pytest.FixtureRequest) -> Sandbox:
    """A copy of examples/ for the page's commands; PostgreSQL is started only if the page needs it."""
    page = request.module.PAGE
    needs_postgres = any(block.attributes.get("database") == "postgresql" for block in command_blocks(page))
    postgres_url = request.getfixturevalue("postgres_url") if needs_postgres else None
    if postgres_url:
        # Production commands name their database: create it on the test server
        with psycopg.connect(libpq_url(postgres_url), autocommit=True) as connection:
            connection.execute('DROP DATABASE IF EXISTS "hyperion_prod" WITH (FORCE)')
            connection.execute('CREATE DATABASE "hyperion_prod"')
    return Sandbox(tmp_path, postgres_url)
