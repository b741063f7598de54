"""Every kind of generated output kept under docs/snapshots/: its path, and the full list the guide calls for.

One mechanism for all of them: a test writes the snapshot (``make snapshots`` refreshes
it, pytest-snapshot checks it), a page includes it, and ``expected()`` says which
files must exist, so that an orphan is found. Paths are relative to docs/snapshots/,
as the pages include them (``--8<-- "sql/…"``).

- ``sql/<revision file>/<dialect>-<upgrade|downgrade>.sql``: the SQL a revision ran;
- ``views/<revision file>-postgresql.py``: a revision that branches on the dialect, without its SQLite
  branch (``revisions.postgresql_view``): what its tab shows first, run on PostgreSQL by its test;
- ``blocks/<page>/<output>.txt``: what a command block printed;
- ``blocks/<page>/<output>-<dialect>.txt``: the error a Python block raised;
- ``errors/<name>.txt``: an error that a test provokes outside any block, quoted by a page;
- ``measures/<revision file>.json``: what PostgreSQL did while the revision ran on a large
  table (locks, rewrites, stalls; written by ``make bench``, schema in guide/rules/measures.py);
- ``measures/batches.json`` and ``measures/batches.svg``: the large-table strategies compared;
- ``measures/operations.json``: the schema changes of the safety table, measured one by one;
- ``diagrams/<name>.svg``: a diagram drawn from the project (guide.rules.diagrams): the history of
  examples/, the branch and merge case, the zero-downtime steps;
- ``versions.txt``: the versions the examples were verified with (the footer).
"""

import re
from pathlib import PurePosixPath

from guide.rules.layout import DOCS, SNAPSHOTS

VERSIONS = "versions.txt"
BATCHES = "measures/batches.json"  # the large-table strategies (make bench)
BATCHES_PLOT = "measures/batches.svg"
OPERATIONS = "measures/operations.json"  # the safety table (make bench)
DIAGRAMS = ("history", "branch-and-merge", "zero-downtime")  # tests/pages/test_diagrams.py
QUOTED_ERROR = re.compile(r'--8<--\s+"(errors/[^"]+)"')


def sql(revision_stem: str, dialect: str, direction: str) -> str:
    return f"sql/{revision_stem}/{dialect}-{direction}.sql"


def view(revision_stem: str) -> str:
    return f"views/{revision_stem}-postgresql.py"


def measures(revision_stem: str) -> str:
    return f"measures/{revision_stem}.json"


def block_output(page: str, name: str, dialect: str | None = None) -> str:
    return f"blocks/{page.removesuffix('.md')}/{name}" + (f"-{dialect}" if dialect else "") + ".txt"


def diagram(name: str) -> str:
    return f"diagrams/{name}.svg"


def error(name: str) -> str:
    return f"errors/{name}.txt"


def split(relative: str) -> tuple:
    """(folder, file name) of a snapshot, as pytest-snapshot takes them."""
    path = PurePosixPath(relative)
    return SNAPSHOTS / path.parent, path.name


def block_outputs(block) -> list[str]:
    """The snapshots shown under a block: none, its output, or its error on each dialect of raises."""
    name = block.attributes.get("output")
    if not name:
        return []
    if block.kind == "python":
        return [block_output(block.page, name, dialect) for dialect in block.raises_on]
    return [block_output(block.page, name)]


def expected() -> set[str]:
    """Every snapshot that the revisions and the pages call for."""
    from guide.rules import blocks, layout, revisions  # they use the paths above

    wanted = {VERSIONS, BATCHES, BATCHES_PLOT, OPERATIONS, *map(diagram, DIAGRAMS)}
    for script in revisions.scripts()[1:]:  # the first creates the schema: nothing to watch
        wanted.add(measures(revisions.stem(script)))
    for script in revisions.scripts():
        if revisions.has_a_postgresql_view(script):
            wanted.add(view(revisions.stem(script)))
        for dialect in revisions.dialects(script):
            wanted |= {sql(revisions.stem(script), dialect, direction) for direction in ("upgrade", "downgrade")}
    for page in layout.pages():
        wanted |= {output for block in blocks.page_blocks(page) for output in block_outputs(block)}
        wanted |= set(QUOTED_ERROR.findall((DOCS / page).read_text(encoding="utf-8")))
    return wanted


def on_disk() -> set[str]:
    return {str(path.relative_to(SNAPSHOTS)) for path in SNAPSHOTS.rglob("*") if path.is_file()}
