"""make bench: each revision's upgrade watched on PostgreSQL with a large core_user (tests/observer.py).

    python -m tests.bench [--rows N] [revision ...]

Writes the snapshots ``docs/snapshots/measures/<revision file>.json`` that the revision's
tab "Mesures PostgreSQL" shows, and ``measures/conditions.json``: rows, machine, versions.
Uses TEST_POSTGRES_URL, or a throwaway server like the tests.
"""

import argparse
import datetime
import json
import os
import platform
import signal
import sys
import time
import uuid

import psycopg
import sqlalchemy as sa

from conventions import revisions, snapshots
from conventions.layout import SNAPSHOTS
from tests.observer import observe
from tests.postgres import TemporaryServer, find_bindir, libpq_url


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            return next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or "?"


def conditions(url: str, rows: int) -> dict:
    with psycopg.connect(libpq_url(url)) as connection:
        server = connection.execute("SHOW server_version").fetchone()[0].split()[0]
        fsync = connection.execute("SHOW fsync").fetchone()[0]
    return {
        "rows": rows,
        "postgresql": server,
        "fsync": fsync,
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "date": datetime.date.today().isoformat(),
    }


def write(relative: str, data: dict) -> None:
    path = SNAPSHOTS / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("revisions", nargs="*", help="revision ids (all by default)")
    arguments = parser.parse_args()
    chosen = [revisions.find(r) for r in arguments.revisions] or revisions.scripts()[1:]  # the first creates the schema

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the server on the way out (finally)
    server = None
    url = os.environ.get("TEST_POSTGRES_URL")
    if not url:
        server = TemporaryServer(find_bindir())
        url = server.start()
    try:
        write(snapshots.MEASURE_CONDITIONS, conditions(url, arguments.rows))
        for script in chosen:
            name = f"bench_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(libpq_url(url), autocommit=True) as connection:
                connection.execute(f'CREATE DATABASE "{name}"')
            database = sa.make_url(url).set(database=name).render_as_string(hide_password=False)
            start = time.perf_counter()
            try:
                observation = observe(database, script, arguments.rows)
            finally:
                with psycopg.connect(libpq_url(url), autocommit=True) as connection:
                    connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            write(snapshots.measures(revisions.stem(script)), observation.as_dict())
            print(f"{script.revision}: {observation.seconds} s ({time.perf_counter() - start:.0f} s with the set-up)")
    finally:
        if server:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
