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
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg

from conventions import revisions, snapshots
from conventions.layout import SNAPSHOTS
from tests import bench_batches
from tests.observer import observe
from tests.postgres import TemporaryServer, create_database, drop_database, find_bindir, libpq_url


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
    parser.add_argument("--batch-rows", type=int, nargs=2, default=[100_000, 1_000_000])
    parser.add_argument("--only-batches", action="store_true", help="only the large-table strategies")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each strategy (the median is kept)")
    parser.add_argument("revisions", nargs="*", help="revision ids (all by default; then the strategies too)")
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
        for script in [] if arguments.only_batches else chosen:
            name = f"bench_{uuid.uuid4().hex[:8]}"
            database = create_database(url, name)
            start = time.perf_counter()
            try:
                observation = observe(database, script, arguments.rows)
            finally:
                drop_database(url, name)
            write(snapshots.measures(revisions.stem(script)), observation.as_dict())
            print(f"{script.revision}: {observation.seconds} s ({time.perf_counter() - start:.0f} s with the set-up)")
        if not arguments.revisions:
            batches(url, arguments.batch_rows, arguments.repeat)
    finally:
        if server:
            server.stop()
    return 0


def median_of(runs: list[dict]) -> dict:
    """The median of each figure over several runs of one strategy."""
    return runs[0] | {
        key: statistics.median(run[key] for run in runs) for key, value in runs[0].items() if isinstance(value, float)
    }


def batches(url: str, sizes: list[int], repeat: int) -> None:
    """The large-table strategies, on PostgreSQL and on a SQLite file, at each size (median of ``repeat`` runs)."""
    results = []
    with tempfile.TemporaryDirectory(prefix="guide-bench-") as directory:
        for rows in sizes:
            for strategy in bench_batches.STRATEGIES:
                name = f"bench_{uuid.uuid4().hex[:8]}"
                sqlite_file = Path(directory) / f"{name}.db"
                for dialect in ("postgresql", "sqlite"):
                    runs = []
                    for _ in range(repeat):
                        sqlite_file.unlink(missing_ok=True)
                        database = create_database(url, name) if dialect == "postgresql" else f"sqlite:///{sqlite_file}"
                        runs.append(bench_batches.measure(database, strategy, rows))
                    results.append(median_of(runs))
                    print(dialect, results[-1])
                drop_database(url, name)
    write(snapshots.BATCHES, {"repeat": repeat, "results": results, "verdict": bench_batches.verdict(results)})
    (SNAPSHOTS / snapshots.BATCHES_PLOT).write_text(bench_batches.plot(results), encoding="utf-8")
    for check in bench_batches.verdict(results):
        print(
            f"{check['dialect']}: {check['target']} = {check['value']} (target <= {check['limit']}): "
            f"{'met' if check['met'] else 'MISSED'}"
        )


if __name__ == "__main__":
    sys.exit(main())
