"""make bench: what PostgreSQL does with a large core_user, written under docs/snapshots/measures/.

    python -m tests.bench [--rows N] [--only revisions|operations|batches] [revision ...]

- each revision's upgrade, watched (tests/observer.py): ``measures/<revision file>.json``,
  for the revision's tab "Mesures PostgreSQL";
- the operations of the safety table (tests/bench_operations.py): ``measures/operations.json``;
- the large-table strategies (tests/bench_batches.py): ``measures/batches.json`` and its plot;
- ``measures/conditions.json``: rows, machine, versions.

Revision ids given: those revisions only. Uses TEST_POSTGRES_URL, or a throwaway server like the tests.
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
from tests import bench_batches, bench_operations
from tests.observer import observe
from tests.postgres import TemporaryServer, create_database, drop_database, find_bindir, libpq_url

PARTS = ("revisions", "operations", "batches")
# A production server keeps its hot tables in memory: 1M users and their indexes take about 400 MB
SERVER_SETTINGS = {"shared_buffers": "1GB"}


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            return next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or "?"


def conditions(url: str, rows: int, parts: set[str]) -> dict:
    """The machine and versions; the date each part was last measured (the parts not run keep theirs)."""
    path = SNAPSHOTS / snapshots.MEASURE_CONDITIONS
    dates = json.loads(path.read_text(encoding="utf-8")).get("dates", {}) if path.exists() else {}
    today = datetime.date.today().isoformat()
    with psycopg.connect(libpq_url(url)) as connection:
        server = connection.execute("SHOW server_version").fetchone()[0].split()[0]
        fsync = connection.execute("SHOW fsync").fetchone()[0]
        shared_buffers = connection.execute("SHOW shared_buffers").fetchone()[0]
    return {
        "rows": rows,
        "postgresql": server,
        "fsync": fsync,
        "shared_buffers": shared_buffers,
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "dates": {part: today if part in parts else dates.get(part, today) for part in PARTS},
    }


def write(relative: str, data: dict) -> None:
    path = SNAPSHOTS / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--batch-rows", type=int, nargs=2, default=[100_000, 1_000_000])
    parser.add_argument("--only", choices=PARTS, help="one part of the bench")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each strategy (the median is kept)")
    parser.add_argument("revisions", nargs="*", help="revision ids (all by default; then the strategies too)")
    arguments = parser.parse_args()
    chosen = [revisions.find(r) for r in arguments.revisions] or revisions.scripts()[1:]  # the first creates the schema
    parts = {"revisions"} if arguments.revisions else {arguments.only} if arguments.only else set(PARTS)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the server on the way out (finally)
    server = None
    url = os.environ.get("TEST_POSTGRES_URL")
    if not url:
        server = TemporaryServer(find_bindir(), SERVER_SETTINGS)
        url = server.start()
    try:
        write(snapshots.MEASURE_CONDITIONS, conditions(url, arguments.rows, parts))
        for script in chosen if "revisions" in parts else []:
            name = f"bench_{uuid.uuid4().hex[:8]}"
            database = create_database(url, name)
            start = time.perf_counter()
            try:
                observation = observe(database, script, arguments.rows)
            finally:
                drop_database(url, name)
            write(snapshots.measures(revisions.stem(script)), observation.as_dict())
            print(f"{script.revision}: {observation.seconds} s ({time.perf_counter() - start:.0f} s with the set-up)")
        if "operations" in parts:
            operations(url, arguments.rows)
        if "batches" in parts:
            batches(url, arguments.batch_rows, arguments.repeat)
    finally:
        if server:
            server.stop()
    return 0


def operations(url: str, rows: int) -> None:
    """The safety table: each operation on its own copy of a large database at head."""
    start = time.perf_counter()
    results = bench_operations.measure_all(url, rows)
    write(snapshots.OPERATIONS, {"rows": rows, "operations": results})
    for result in results:
        print(f"{result['key']}: {result['lock']}, blocks writes {result['blocking_seconds']} s, {result['seconds']} s")
    print(f"operations: {time.perf_counter() - start:.0f} s")


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
                    # timed alone; on PostgreSQL, then run again beside a writer, for its latencies
                    result = {}
                    for writer in (False, True) if dialect == "postgresql" else (False,):
                        runs = []
                        for _ in range(repeat):
                            sqlite_file.unlink(missing_ok=True)
                            database = (
                                create_database(url, name) if dialect == "postgresql" else f"sqlite:///{sqlite_file}"
                            )
                            runs.append(bench_batches.measure(database, strategy, rows, writer=writer))
                        loaded = median_of(runs)
                        result |= (
                            {f"{key}_with_writer": loaded[key] for key in ("seconds", "slowest_batch")}
                            | {key: value for key, value in loaded.items() if key.startswith("writer_")}
                            if writer
                            else loaded
                        )
                    results.append(result)
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
