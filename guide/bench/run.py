"""make bench: what PostgreSQL does with a large core_user, written under docs/snapshots/measures/.

    python -m guide.bench.run [--rows N] [--only revisions|operations|batches] [revision ...]

- each revision's upgrade, watched (guide/bench/observer.py): ``measures/<revision file>.json``,
  for the revision's tab « Mesures PostgreSQL »;
- the rows of the safety table (examples/operations.toml, guide/bench/operations.py): ``measures/operations.json``;
- the large-table strategies (guide/bench/batches.py): ``measures/batches.json`` and its plot.

Each file carries its own conditions (guide/rules/measures.py): a part or a revision measured again
rewrites its own file only. Revision ids given: those revisions only. Uses TEST_POSTGRES_URL, or a
throwaway server like the tests.
"""

import argparse
import dataclasses
import os
import signal
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from guide.bench import batches as bench_batches
from guide.bench import operations as bench_operations
from guide.bench.observer import conditions, observe
from guide.harness.postgres import TemporaryServer, create_database, drop_database, find_bindir
from guide.rules import measures, operations, revisions, snapshots
from guide.rules.layout import SNAPSHOTS
from guide.rules.measures import BatchesMeasures, OperationsMeasures, StrategyRun

PARTS = ("revisions", "operations", "batches")
# A production server keeps its hot tables in memory: 1M users and their indexes take about 400 MB
SERVER_SETTINGS = {"shared_buffers": "1GB"}


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
        for script in chosen if "revisions" in parts else []:
            name = f"bench_{uuid.uuid4().hex[:8]}"
            database = create_database(url, name)
            start = time.perf_counter()
            try:
                observation = observe(database, script, conditions(url, arguments.rows))
            finally:
                drop_database(url, name)
            measures.write(snapshots.measures(revisions.stem(script)), observation)
            print(f"{script.revision}: {observation.seconds} s ({time.perf_counter() - start:.0f} s with the set-up)")
        if "operations" in parts:
            measure_operations(url, arguments.rows)
        if "batches" in parts:
            measure_batches(url, arguments.batch_rows, arguments.repeat)
    finally:
        if server:
            server.stop()
    return 0


def measure_operations(url: str, rows: int) -> None:
    """The safety table: each operation on its own copy of a large database at head."""
    start = time.perf_counter()
    results = bench_operations.measure_all(url, rows, operations.load())
    measures.write(snapshots.OPERATIONS, OperationsMeasures(conditions(url, rows), results))
    for result in results:
        print(f"{result.key}: {result.lock}, blocks writes {result.blocking_seconds} s, {result.seconds} s")
    print(f"operations: {time.perf_counter() - start:.0f} s")


def median_of(runs: list[StrategyRun]) -> StrategyRun:
    """The median of each figure over several runs of one strategy."""
    figures = {
        field.name: statistics.median(getattr(run, field.name) for run in runs)
        for field in dataclasses.fields(StrategyRun)
        if isinstance(getattr(runs[0], field.name), float)
    }
    return dataclasses.replace(runs[0], **figures)


def median_run(url: str, database: str, dialect: str, strategy: str, rows: int, repeat: int, writer: bool):
    """``repeat`` runs of a strategy, each on a new database (``database``: its name, or the SQLite file)."""
    runs = []
    for _ in range(repeat):
        if dialect == "postgresql":
            target = create_database(url, database)
        else:
            Path(database).unlink(missing_ok=True)
            target = f"sqlite:///{database}"
        runs.append(bench_batches.measure(target, strategy, rows, writer=writer))
    return median_of(runs)


def measure_batches(url: str, sizes: list[int], repeat: int) -> None:
    """The large-table strategies, on PostgreSQL and on a SQLite file, at each size (median of ``repeat`` runs)."""
    results = []
    with tempfile.TemporaryDirectory(prefix="guide-bench-") as directory:
        for rows in sizes:
            for strategy in bench_batches.STRATEGIES:
                name = f"bench_{uuid.uuid4().hex[:8]}"
                databases = {"postgresql": name, "sqlite": str(Path(directory) / f"{name}.db")}
                for dialect, database in databases.items():
                    # timed alone; on PostgreSQL, then run again beside a writer, for its latencies
                    result = median_run(url, database, dialect, strategy, rows, repeat, writer=False)
                    if dialect == "postgresql":
                        loaded = median_run(url, database, dialect, strategy, rows, repeat, writer=True)
                        result = dataclasses.replace(
                            result,
                            seconds_with_writer=loaded.seconds,
                            slowest_batch_with_writer=loaded.slowest_batch,
                            writer_p50=loaded.writer_p50,
                            writer_p99=loaded.writer_p99,
                            writer_max=loaded.writer_max,
                        )
                    results.append(result)
                    print(result)
                drop_database(url, name)
    verdict = bench_batches.verdict(results)
    measures.write(snapshots.BATCHES, BatchesMeasures(conditions(url, max(sizes)), repeat, results, verdict))
    (SNAPSHOTS / snapshots.BATCHES_PLOT).write_text(bench_batches.plot(results), encoding="utf-8")
    for check in verdict:
        print(
            f"{check.dialect}: {check.target} = {check.value} (target <= {check.limit}): "
            f"{'met' if check.met else 'MISSED'}"
        )


if __name__ == "__main__":
    sys.exit(main())
