"""make bench-suite: how long the checks take, and how that grows with the guide. Medians of ``--runs`` runs.

    python -m guide.bench.suite [--runs N] [--only make-test|writer|revisions|weight]

- ``make-test``: the wall time of a whole ``make test`` (warm: installed, nothing to build);
- ``writer``: the writer's loop on SQLite, ``make test EXAMPLE=<id>`` and ``make test PAGE=<page>``;
- ``revisions``: the time of each revision's test (tests/revisions/test_revisions.py), per dialect, read from
  pytest's JUnit report, in a copy of the project, then in a copy whose history is doubled by generated
  revisions. A cost per revision that stays flat when the history doubles is a suite that grows linearly;
- ``weight``: what each page loads when it opens, gzip-compressed as GitHub Pages serves it, in Chromium.

Nothing is written to the project: the copies live in a temporary folder, removed at the end.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from guide.harness.browser import chromium, page_weight, served, url_of
from guide.harness.project import build, copy_project
from guide.rules import layout, revisions
from guide.rules.layout import ROOT

PARTS = ("make-test", "writer", "revisions", "weight")
WRITER_PAGE = "docs/commandes.md"
REVISION_TESTS = "tests/revisions/test_revisions.py"

# The bodies of a generated revision, put in the file that the project's own template (examples/script.py.mako,
# as `make example` uses it) writes: a table with a foreign key and an index, and a check of one row
UPGRADE = """op.create_table(
        "bench_{number}",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.String(), sa.ForeignKey("core_user.id"), nullable=True),
        sa.Column("label", sa.String(50), nullable=False),
    )
    op.create_index("ix_bench_{number}_label", "bench_{number}", ["label"])"""
DOWNGRADE = """op.drop_index("ix_bench_{number}_label", table_name="bench_{number}")
    op.drop_table("bench_{number}")"""
CHECK = """alembic_connection.execute(sa.text("INSERT INTO bench_{number} (label) VALUES ('n° {number}')"))
    assert alembic_connection.execute(sa.text("SELECT count(*) FROM bench_{number}")).scalar_one() == 1"""
TODO = 'raise NotImplementedError("écrire la vérification de cette révision")'


# Alembic's ``revision``, as `make example` runs it (with ruff for alembic.ini's write hooks), in a process of its
# own: what it and the hooks print is kept, and shown only if it fails
GENERATE = """
import sys
import alembic.command
import alembic.config
config = alembic.config.Config("alembic.ini")
for number, rev_id in enumerate(sys.argv[1:], start=1):
    alembic.command.revision(config, f"Révision générée par make bench-suite, n° {number}", rev_id=rev_id)
"""


def double_history(project: Path) -> int:
    """Append as many generated revisions as the history has, with Alembic's ``revision``; return how many."""
    ids = [f"{0xBE0000000000 + number:012x}" for number in range(1, len(revisions.scripts()) + 1)]
    env = env_of(project) | {"PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    timed([sys.executable, "-c", GENERATE, *ids], project / "examples", env)
    for number, rev_id in enumerate(ids, start=1):
        [path] = (project / "examples" / "versions").glob(f"{rev_id}_*.py")
        text = path.read_text(encoding="utf-8")
        text = text.replace("def upgrade() -> None:\n    pass", "def upgrade() -> None:\n    " + UPGRADE, 1)
        text = text.replace("def downgrade() -> None:\n    pass", "def downgrade() -> None:\n    " + DOWNGRADE, 1)
        text = text.replace(TODO, CHECK, 1)
        path.write_text(text.replace("{number}", str(number)), encoding="utf-8")
    return len(ids)


def timed(command: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout[-4000:]}{result.stderr[-2000:]}")
    return elapsed


def median_of(runs: int, command: list[str], label: str) -> float:
    times = [timed(command) for _ in range(runs)]
    print(f"{label:<46} {statistics.median(times):7.1f} s   (runs: {', '.join(f'{t:.1f}' for t in times)})")
    return statistics.median(times)


def pytest_in(project: Path, *args: str) -> list[str]:
    """pytest in the copy, its temporary folders in it (the snapshot-writing run fails, and would keep its own)."""
    basetemp = f"--basetemp={project / '.pytest-tmp'}"
    return [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", basetemp, *args]


def revision_times(project: Path, report: Path) -> dict[str, dict[str, float]]:
    """Per dialect, each revision's test time in one run of tests/revisions/test_revisions.py in ``project``."""
    timed(pytest_in(project, f"--junitxml={report}", REVISION_TESTS), cwd=project, env=env_of(project))
    times: dict[str, dict[str, float]] = {"sqlite": {}, "postgresql": {}}
    for case in ET.parse(report).iter("testcase"):
        if case.find("skipped") is not None:
            continue
        test_id = case.get("name").removeprefix("test_revision[").removesuffix("]")
        stem, dialect = test_id.rsplit("-", 1)
        times[dialect][stem] = float(case.get("time"))
    return times


def env_of(project: Path) -> dict[str, str]:
    return os.environ | {"PYTHONPATH": f"{project}:{project / 'examples'}"}


def bench_revisions(runs: int) -> None:
    sizes: dict[str, list[dict[str, dict[str, float]]]] = {"as is": [], "doubled": []}
    with tempfile.TemporaryDirectory(prefix="guide-bench-suite-") as temporary:
        for name in sizes:
            project = copy_project(Path(temporary) / name.replace(" ", "-"))
            if name == "doubled":
                double_history(project)
            # Untimed: writes the SQL snapshots of the generated revisions, and Python's caches
            subprocess.run(
                pytest_in(project, "--snapshot-update", REVISION_TESTS),
                cwd=project,
                env=env_of(project),
                capture_output=True,
                check=False,
            )
            for run in range(runs):
                sizes[name].append(revision_times(project, Path(temporary) / f"{name}-{run}.xml"))
    print(f"\n{'revisions, per dialect':<24} {'count':>5} {'median per revision':>20} {'total':>8}")
    for name, results in sizes.items():
        for dialect in ("sqlite", "postgresql"):
            per_run = [results[run][dialect] for run in range(runs)]
            count = len(per_run[0])
            median = statistics.median(statistics.median(times.values()) for times in per_run)
            total = statistics.median(sum(times.values()) for times in per_run)
            print(f"{name + ', ' + dialect:<24} {count:>5} {median:>18.3f} s {total:>6.1f} s")
    for dialect in ("sqlite", "postgresql"):
        as_is = statistics.median(sum(r[dialect].values()) for r in sizes["as is"])
        doubled = statistics.median(sum(r[dialect].values()) for r in sizes["doubled"])
        print(f"growth of the total, {dialect}: {doubled / as_is:.2f}x for twice the revisions (linear: 2)")


def page_weights() -> None:
    """What each page loads at a first visit (nothing cached), gzip-compressed, in Chromium."""
    with tempfile.TemporaryDirectory(prefix="guide-bench-weight-") as temporary:
        site = Path(temporary) / "site"
        result = build(ROOT, site)
        if result.returncode != 0:
            sys.exit(f"mkdocs build failed:\n{result.stdout[-4000:]}{result.stderr[-4000:]}")
        with served(site) as base, chromium() as browser:
            weights = {page: page_weight(browser, url_of(base, page)) for page in layout.pages()}
    heaviest = max(weights, key=weights.get)
    print(f"\n{'page weight, gzip, first visit':<46} lightest {min(weights.values()) / 1000:.1f} KB")
    print(f"heaviest page: docs/{heaviest}, {weights[heaviest] / 1000:.1f} KB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=PARTS)
    args = parser.parse_args()
    parts = [args.only] if args.only else PARTS
    print(f"{os.cpu_count()} cores; medians of {args.runs} runs\n")
    if "make-test" in parts:
        median_of(args.runs, ["make", "test"], "make test (warm)")
    if "writer" in parts:
        example = revisions.scripts()[0].revision
        median_of(args.runs, ["make", "test", f"EXAMPLE={example}"], f"make test EXAMPLE={example}")
        median_of(args.runs, ["make", "test", f"PAGE={WRITER_PAGE}"], f"make test PAGE={WRITER_PAGE}")
    if "revisions" in parts:
        bench_revisions(args.runs)
    if "weight" in parts:
        page_weights()


if __name__ == "__main__":
    main()
