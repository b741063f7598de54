"""The throwaway server of tests/postgres.py: it starts, answers on loopback, and leaves nothing behind."""

import os
import socket

import psycopg
import pytest
import sqlalchemy as sa

from guide.harness.postgres import TemporaryServer, find_bindir, libpq_url, running

pytestmark = [
    pytest.mark.skipif(find_bindir() is None, reason="PostgreSQL introuvable : rien à démarrer"),
    pytest.mark.skipif(bool(os.environ.get("TEST_POSTGRES_URL")), reason="TEST_POSTGRES_URL : le serveur est fourni"),
]


def test_server_starts_and_leaves_nothing_behind() -> None:
    server = TemporaryServer(find_bindir())
    url = server.start()
    try:
        assert sa.make_url(url).host == "127.0.0.1"
        with psycopg.connect(libpq_url(url)) as connection:
            listen = connection.execute("SHOW listen_addresses").fetchone()[0]
            segments = connection.execute("SHOW dynamic_shared_memory_type").fetchone()[0]
        assert listen == "127.0.0.1"
        assert segments == "mmap", "posix segments stay in /dev/shm after pg_ctl stop -m immediate"
    finally:
        server.stop()
    assert not server.directory.exists()
    assert not running(server.data)


def test_a_port_taken_before_the_server_binds_it_is_replaced() -> None:
    """The port chosen is taken by someone else before the server starts: it starts on another one."""
    server = TemporaryServer(find_bindir())
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", server.port))
        taken.listen()
        try:
            url = server.start()
            assert sa.make_url(url).port not in (None, taken.getsockname()[1])
            with psycopg.connect(libpq_url(url)) as connection:
                assert connection.execute("SELECT 1").fetchone() == (1,)
        finally:
            server.stop()
    assert not server.directory.exists()
