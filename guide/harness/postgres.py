"""A throwaway PostgreSQL server for the test session.

The tests never touch a server they did not start, unless ``TEST_POSTGRES_URL``
names one. The server started here listens on 127.0.0.1 and on a socket in its
own temporary directory, and is stopped and removed at the end of the session.
``initdb`` and ``pg_ctl`` refuse to run as root: as root, they run as the
unprivileged ``postgres`` system account.

A watchdog process, in a session of its own, holds the reading end of a pipe that only
the process starting the server writes to. However that process ends (a normal exit,
SIGINT, SIGTERM, SIGKILL, a crash), the pipe closes, and the watchdog stops the server
and removes its directory: no server outlives the tests.
"""

import atexit
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import sqlalchemy as sa

INSTALL_HINT = "installez-le avec « apt-get install postgresql-15 » ou donnez un serveur dans TEST_POSTGRES_URL"
DEFAULT_BINDIRS = ("/usr/lib/postgresql/15/bin",)


def libpq_url(url: str) -> str:
    """The SQLAlchemy URL of a PostgreSQL database, as psycopg and the PG* tools take it."""
    return sa.make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def create_database(server_url: str, name: str, template: str | None = None) -> str:
    """A new database on the server (replacing one of that name), empty or a copy of ``template``; its URL."""
    copy = f' TEMPLATE "{template}"' if template else ""
    with psycopg.connect(libpq_url(server_url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if template:
            # A session that just closed on the template may still be ending: CREATE DATABASE would then
            # wait for it in steps of 100 ms. Waiting here takes a few milliseconds.
            deadline = time.monotonic() + 5
            query = "SELECT count(*) FROM pg_stat_activity WHERE datname = %s"
            while connection.execute(query, (template,)).fetchone()[0] and time.monotonic() < deadline:
                time.sleep(0.002)
        connection.execute(f'CREATE DATABASE "{name}"{copy}')
    return sa.make_url(server_url).set(database=name).render_as_string(hide_password=False)


def drop_database(server_url: str, name: str) -> None:
    with psycopg.connect(libpq_url(server_url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def find_bindir() -> Path | None:
    """The directory of initdb and pg_ctl: pg_config's answer, else Debian's path."""
    candidates: list[str] = []
    if shutil.which("pg_config"):
        result = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=False)
        candidates.append(result.stdout.strip())
    candidates.extend(DEFAULT_BINDIRS)
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").is_file() and (Path(candidate) / "pg_ctl").is_file():
            return Path(candidate)
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def running(data: Path) -> bool:
    """Whether a process of the server whose data directory is ``data`` is still running."""
    processes = subprocess.run(["ps", "-ww", "-eo", "args"], capture_output=True, text=True, check=True).stdout
    return str(data) in processes


# Run by ``python -c`` with the command prefix of pg_ctl (runuser when root), the data directory and the
# folder to remove. Only the standard library: it starts in a few milliseconds.
WATCHDOG = """
import os, shutil, signal, subprocess, sys, time
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGTERM, signal.SIG_IGN)
*pg_ctl, data, directory = sys.argv[1:]
sys.stdin.buffer.read()  # returns at stop(), or once the process that started the server is gone
if os.path.exists(os.path.join(data, "postmaster.pid")):
    subprocess.run([*pg_ctl, "-D", data, "-m", "immediate", "-w", "stop"], capture_output=True, check=False)
for _ in range(100):  # the exiting server can still be removing its socket files: until the folder is gone
    shutil.rmtree(directory, ignore_errors=True)
    if not os.path.exists(directory):
        break
    time.sleep(0.05)
"""


PORT_ATTEMPTS = 5


class TemporaryServer:
    """initdb and pg_ctl start; at the end (stop(), or its process gone) the watchdog stops it and removes it."""

    def __init__(self, bindir: Path, settings: dict[str, str] | None = None) -> None:
        self.bindir = bindir
        self.settings = settings or {}  # more server settings, e.g. {"shared_buffers": "1GB"} for the bench
        self.directory = Path(tempfile.mkdtemp(prefix="guide-pg-"))
        self.data = self.directory / "data"
        self.port = free_port()
        self.user = "postgres" if os.geteuid() == 0 else None
        self.watchdog: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def command(self, program: str) -> list[str]:
        command = [str(self.bindir / program)]
        return ["runuser", "-u", self.user, "--", *command] if self.user else command

    def _run(self, *args: str) -> None:
        command = [*self.command(args[0]), *args[1:]]
        result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=self.directory)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")

    def start(self) -> str:
        if self.user:
            account = pwd.getpwnam(self.user)
            os.chown(self.directory, account.pw_uid, account.pw_gid)
        atexit.register(self.stop)
        self.watchdog = subprocess.Popen(
            [sys.executable, "-c", WATCHDOG, *self.command("pg_ctl"), str(self.data), str(self.directory)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # out of reach of a Ctrl-C sent to the terminal's process group
        )
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        log = self.directory / "server.log"
        for attempt in range(PORT_ATTEMPTS):
            logged = log.stat().st_size if log.exists() else 0
            try:
                self._run("pg_ctl", "-D", str(self.data), "-o", self.options(), "-l", str(log), "-w", "start")
                return self.url
            except RuntimeError:
                # free_port's port can be taken before the server binds it (by another worker's server, or as the
                # local port of a client connection): try another
                with log.open("rb") as lines:
                    lines.seek(logged)
                    if b"could not bind" not in lines.read() or attempt == PORT_ATTEMPTS - 1:
                        raise
                self.port = free_port()
        raise AssertionError("unreachable")

    def options(self) -> str:
        return (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            # its shared memory segments in its data directory: the default (posix) puts them in /dev/shm, where
            # a server stopped with -m immediate leaves them
            " -c dynamic_shared_memory_type=mmap"
        ) + "".join(f" -c {name}={value}" for name, value in self.settings.items())

    def stop(self) -> None:
        """The watchdog does it (pg_ctl stop, then rm -r): it is told to by the end of its input."""
        if self.watchdog:
            self.watchdog.stdin.close()
            self.watchdog.wait(timeout=60)
            self.watchdog = None
        shutil.rmtree(self.directory, ignore_errors=True)  # a server never started has no watchdog
