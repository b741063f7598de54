"""The large-table recipe against the alternatives, on PostgreSQL and SQLite (part of make bench).

Three ways to set ``processed = true`` on every row of core_user, as 1d89d5027e57 does:

- ``single``: one UPDATE, in one transaction;
- ``rescan``: batches of BATCH_SIZE rows picked by ``WHERE processed IS NULL LIMIT``, each committed
  (the guide's former recipe: each batch scans again past the rows already done);
- ``walk``: batches along the primary key (the rowid on SQLite), each committed (the revision's own
  ``mark_processed_in_batches``).

Each runs on a table of ``rows`` users at the revision's parent. On PostgreSQL, a writer
updates random users meanwhile: its latencies give p50, p99 and max.
"""

import contextlib
import statistics
import time

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from guide.bench.observer import WRITE_ONE, fill_core_user, sample_ids
from guide.harness.database import upgrade
from guide.harness.postgres import libpq_url
from guide.harness.sessions import Client, running
from guide.rules import revisions
from guide.rules.measures import StrategyRun, Target

REVISION = "1d89d5027e57"
STRATEGIES = ("single", "rescan", "walk")
RESCAN = sa.text(
    "UPDATE core_user SET processed = true"
    " WHERE id IN (SELECT id FROM core_user WHERE processed IS NULL LIMIT :batch_size)"
)


def fill_sqlite(engine: sa.Engine, rows: int) -> None:
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO core_user (id, username, name, full_name, email, role, created_at) "
                "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < :rows) "
                "SELECT 'bench' || n, 'bench' || n, 'Utilisateur', 'Utilisateur ' || n, "
                "'bench' || n || '@example.com', 'member', '2024-01-01 00:00:00' FROM g"
            ),
            {"rows": rows},
        )


def prepare(url: str, rows: int) -> sa.Engine:
    """A database at the revision's parent, with ``rows`` users and the column ``processed``."""
    script = revisions.find(REVISION)
    engine = sa.create_engine(url, poolclass=NullPool)
    upgrade(engine, script.down_revision)
    if engine.dialect.name == "postgresql":
        fill_core_user(engine, rows, leave_null=set())
    else:
        fill_sqlite(engine, rows)
    with engine.begin() as connection:
        connection.execute(sa.text("ALTER TABLE core_user ADD COLUMN processed BOOLEAN"))
    if engine.dialect.name == "postgresql":
        # Every strategy starts from a settled table, as in production: a table just filled leaves an
        # autovacuum and a checkpoint due, that would fall on whichever strategy runs first or longest.
        with engine.connect() as connection:
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
            connection.execute(sa.text("VACUUM (ANALYZE) core_user"))
            connection.execute(sa.text("CHECKPOINT"))
    return engine


def run(engine: sa.Engine, strategy: str, batch_size: int | None = None) -> dict:
    """Run one strategy; its total time and its slowest statement."""
    module = revisions.find(REVISION).module
    batch_size = batch_size or module.BATCH_SIZES[engine.dialect.name]
    statements: list[float] = []

    def before(conn, cursor, statement, parameters, context, executemany) -> None:
        conn.info["started"] = time.perf_counter()

    def after(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().startswith("UPDATE"):
            statements.append(time.perf_counter() - conn.info.pop("started"))

    sa.event.listen(engine, "before_cursor_execute", before)
    sa.event.listen(engine, "after_cursor_execute", after)
    start = time.perf_counter()
    try:
        if strategy == "single":
            with engine.begin() as connection:
                connection.execute(sa.text("UPDATE core_user SET processed = true"))
        else:
            with engine.connect() as connection:
                connection = connection.execution_options(isolation_level="AUTOCOMMIT")
                if strategy == "walk":
                    module.mark_processed_in_batches(connection, batch_size)
                else:
                    while connection.execute(RESCAN, {"batch_size": batch_size}).rowcount:
                        pass
    finally:
        sa.event.remove(engine, "before_cursor_execute", before)
        sa.event.remove(engine, "after_cursor_execute", after)
    seconds = time.perf_counter() - start
    with engine.connect() as connection:
        left = connection.execute(sa.text("SELECT count(*) FROM core_user WHERE processed IS NOT true")).scalar()
    assert left == 0, f"{strategy}: {left} rows left"
    return {"seconds": round(seconds, 3), "slowest_batch": round(max(statements), 3), "batches": len(statements)}


def measure(url: str, strategy: str, rows: int, batch_size: int | None = None, writer: bool = False) -> StrategyRun:
    """One run of a strategy on the empty database ``url``; with ``writer`` (PostgreSQL), a writer's latencies.

    The bench times each strategy without the writer: on two cores, a writer that a single
    UPDATE blocks leaves it the processor, while the batches share it. The writer's
    latencies come from separate runs.
    """
    engine = prepare(url, rows)
    try:
        client = Client(libpq_url(url), WRITE_ONE, sample_ids(rows), pause=0.002)
        with running(client) if writer else contextlib.nullcontext():
            result = run(engine, strategy, batch_size)
        if writer:
            latencies = sorted(client.latencies)
            result |= {
                "writer_p50": round(statistics.median(latencies), 4),
                "writer_p99": round(latencies[int(len(latencies) * 0.99) - 1], 4),
                "writer_max": round(latencies[-1], 4),
            }
        return StrategyRun(engine.dialect.name, rows, strategy, **result)
    finally:
        with contextlib.suppress(Exception):
            engine.dispose()


TARGETS = {
    "ratio_to_single": 1.2,  # at 1M rows, on both databases
    "growth": 11.0,  # from 100k to 1M rows
    "slowest_batch": 0.050,  # seconds, on PostgreSQL
    "writer_max": 0.030,  # seconds, on PostgreSQL
}


def verdict(results: list[StrategyRun]) -> list[Target]:
    """Each target of the recipe (walk), with what was measured and whether it is met."""

    def find(dialect: str, rows: int, strategy: str) -> StrategyRun:
        return next(r for r in results if (r.dialect, r.rows, r.strategy) == (dialect, rows, strategy))

    sizes = sorted({r.rows for r in results})
    small, large = sizes[0], sizes[-1]
    checks = []
    for dialect in sorted({r.dialect for r in results}):
        walk = find(dialect, large, "walk")
        measured = {
            "ratio_to_single": walk.seconds / find(dialect, large, "single").seconds,
            "growth": walk.seconds / find(dialect, small, "walk").seconds,
        }
        if dialect == "postgresql":
            measured |= {"slowest_batch": walk.slowest_batch, "writer_max": walk.writer_max}
        for name, value in measured.items():
            checks.append(Target(dialect, name, round(value, 3), TARGETS[name], value <= TARGETS[name]))
    return checks


COLORS = {"single": "#3949ab", "rescan": "#c62828", "walk": "#2e7d32"}
DASHES = {"postgresql": "", "sqlite": "6 4"}
LABELS = {
    "single": "un seul UPDATE",
    "rescan": "lots par WHERE processed IS NULL",
    "walk": "lots suivant la clé (la révision)",
}


def plot(results: list[StrategyRun]) -> str:
    """An SVG line chart, time against rows, per strategy and database (no script, no external file)."""
    width, height, left, bottom, top, right = 640, 360, 60, 40, 20, 250
    sizes = sorted({r.rows for r in results})
    longest = max(r.seconds for r in results)

    def x(rows: int) -> float:
        return left + (rows / sizes[-1]) * (width - left - right)

    def y(seconds: float) -> float:
        return height - bottom - (seconds / longest) * (height - bottom - top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="batches-title" class="guide-plot">',
        '<title id="batches-title">Durée de la mise à jour de core_user selon le nombre de lignes, '
        "par stratégie et par base</title>",
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="currentColor"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="currentColor"/>',
        f'<text x="{left - 8}" y="{top + 4}" text-anchor="end" font-size="12" fill="currentColor">'
        f"{longest:.0f} s</text>",
        f'<text x="{left - 8}" y="{height - bottom + 4}" text-anchor="end" font-size="12" fill="currentColor">0</text>',
    ]
    for rows in sizes:
        parts.append(
            f'<text x="{x(rows):.1f}" y="{height - bottom + 18}" text-anchor="middle" font-size="12" '
            f'fill="currentColor">{rows:,}</text>'.replace(",", "\u202f")
        )
    legend_y = top
    for dialect in sorted({r.dialect for r in results}):
        for strategy in STRATEGIES:
            points = sorted((r.rows, r.seconds) for r in results if (r.dialect, r.strategy) == (dialect, strategy))
            path = " ".join(f"{x(rows):.1f},{y(seconds):.1f}" for rows, seconds in [(0, 0.0), *points])
            dash = f' stroke-dasharray="{DASHES[dialect]}"' if DASHES[dialect] else ""
            parts.append(f'<polyline points="{path}" fill="none" stroke="{COLORS[strategy]}" stroke-width="2"{dash}/>')
            name = "PostgreSQL" if dialect == "postgresql" else "SQLite"
            parts.append(
                f'<line x1="{width - right + 10}" y1="{legend_y}" x2="{width - right + 34}" y2="{legend_y}" '
                f'stroke="{COLORS[strategy]}" stroke-width="2"{dash}/>'
            )
            parts.append(
                f'<text x="{width - right + 40}" y="{legend_y + 4}" font-size="11" fill="currentColor">'
                f"{name}, {LABELS[strategy]}</text>"
            )
            legend_y += 18
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
