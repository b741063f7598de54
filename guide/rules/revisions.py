"""The revisions of examples/: found through Alembic's ScriptDirectory, after a check that names file and line.

Alembic reports a parent that does not exist or a second head without naming a file;
``check_history`` reads each file's ``revision`` and ``down_revision`` first (a syntax
error then names its line too).

What the tests need to know of a revision is declared in its header, or read from what its
run recorded (its SQL snapshots), never searched in its source:

- ``POSTGRESQL_ONLY``: why it runs on PostgreSQL only (``runs_on``);
- ``COMMITS_MIDWAY_ON``: the dialects where its upgrade commits part of its work in an
  ``autocommit_block`` (``commits_midway``; tests/revisions/test_revisions.py checks it against the run);
- its SQLite SQL recreates a table in batch mode (``recreates_a_table``).
"""

import ast
import re
from functools import cache
from pathlib import Path

from guide.rules import snapshots
from guide.rules.layout import EXAMPLES, ROOT, SNAPSHOTS, VERSIONS

# How a page shows a revision: {{ revision("<id>") }} (the macro of guide/site/macros.py)
PAGE_CALL = re.compile(r'revision\("([0-9a-f]+)"\)')


def parents(down_revision: object) -> tuple[str, ...]:
    """A ``down_revision`` (None, one id, or several after a merge) as a tuple of ids."""
    return (down_revision,) if isinstance(down_revision, str) else tuple(down_revision or ())


class HistoryError(Exception):
    """A mistake in examples/versions/, named by file and line."""


def declared(path: Path) -> dict[str, tuple[object, int]]:
    """The annotated constants of a revision file (``revision``, ``down_revision``…), with their line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))  # a SyntaxError names the line
    return {
        node.target.id: (ast.literal_eval(node.value), node.lineno)
        for node in tree.body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None
    }


def check_history(versions: Path = VERSIONS) -> None:
    """Fail, naming file and line, on a parent that names no revision or on a second head."""
    history: dict[str, tuple[str, object, int]] = {}  # revision -> (file, down_revision, line)
    for path in sorted(versions.glob("*.py")):
        values = declared(path)
        if "revision" in values:
            where = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
            history[values["revision"][0]] = (where, *values.get("down_revision", (None, 0)))
    errors, with_children = [], set()
    for where, down_revision, line in history.values():
        for parent in parents(down_revision):
            with_children.add(parent)
            if parent not in history:
                errors.append(f"{where}:{line}: down_revision {parent!r} names no revision of examples/versions/")
    heads = sorted(where for revision, (where, _, _) in history.items() if revision not in with_children)
    if len(heads) > 1:
        errors.append(f"{len(heads)} heads: {', '.join(heads)}; set the down_revision of the newest to the other head")
    if errors:
        raise HistoryError("\n".join(errors))


def config():
    """The Alembic configuration of examples/ (its alembic.ini), without its logging set-up."""
    import alembic.config

    config = alembic.config.Config(str(EXAMPLES / "alembic.ini"))
    config.attributes["configure_logger"] = False
    return config


@cache
def scripts() -> list:
    """Every revision of examples/versions/ as Alembic's ``Script``, oldest first."""
    from alembic.script import ScriptDirectory

    check_history()
    return list(reversed(list(ScriptDirectory.from_config(config()).walk_revisions())))


def find(revision: str):
    """The ``Script`` of a revision id, or ``LookupError``."""
    for script in scripts():
        if script.revision == revision:
            return script
    raise LookupError(f"revision {revision!r} not found in examples/versions/ (no file {revision}_*.py)")


def stem(script) -> str:
    """The file name without ``.py``: the name of the revision's snapshot folder."""
    return Path(script.path).stem


def postgresql_only(script) -> str | None:
    """Why a revision runs on PostgreSQL only (its ``POSTGRESQL_ONLY`` constant), or None."""
    return getattr(script.module, "POSTGRESQL_ONLY", None)


def runs_on(script, dialect: str) -> bool:
    return dialect == "postgresql" or not postgresql_only(script)


def dialects(script) -> tuple[str, ...]:
    """The dialects a revision runs on, PostgreSQL first."""
    return tuple(dialect for dialect in ("postgresql", "sqlite") if runs_on(script, dialect))


def commits_midway(script, dialect: str) -> bool:
    """Its upgrade, on this dialect, commits part of its work (declared: ``COMMITS_MIDWAY_ON``)."""
    return runs_on(script, dialect) and dialect in getattr(script.module, "COMMITS_MIDWAY_ON", ())


def recorded_sql(script, dialect: str) -> str:
    """The SQL its upgrade ran on this dialect, as its test recorded it (a snapshot)."""
    return (SNAPSHOTS / snapshots.sql(stem(script), dialect, "upgrade")).read_text(encoding="utf-8")


def recreates_a_table(script) -> bool:
    """On SQLite, its upgrade copies a table in batch mode (``_alembic_tmp_…``)."""
    return runs_on(script, "sqlite") and "_alembic_tmp_" in recorded_sql(script, "sqlite")


def head() -> str:
    return scripts()[-1].revision


def dialect_test(test: ast.expr) -> str | None:
    """``==`` or ``!=`` for a test ``….dialect.name == "postgresql"``; None for any other test."""
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.Eq | ast.NotEq)
        and isinstance(test.left, ast.Attribute)
        and test.left.attr == "name"
        and isinstance(test.left.value, ast.Attribute)
        and test.left.value.attr == "dialect"
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value == "postgresql"
    ):
        return "==" if isinstance(test.ops[0], ast.Eq) else "!="
    return None


def postgresql_view(text: str) -> str:
    """A revision file as a reader copies it for Hyperion: upgrade and downgrade without their SQLite branch.

    In upgrade and downgrade, ``if … != "postgresql": …; return`` goes; ``if … == "postgresql":`` keeps
    its body, dedented, and loses its ``else``, or, when its body ends in ``return``, what follows it.
    Anything else stays as written: tests/revisions/test_postgresql_views.py runs the result.
    """
    lines = text.splitlines(keepends=True)
    cuts: list[tuple[int, int, list[str]]] = []  # 1-based first and last line replaced, and by what
    for function in ast.parse(text).body:
        if not (isinstance(function, ast.FunctionDef) and function.name in ("upgrade", "downgrade")):
            continue
        for node in function.body:
            if not isinstance(node, ast.If) or not (test := dialect_test(node.test)):
                continue
            if test == "!=":
                cuts.append((node.lineno, node.end_lineno, []))
                continue
            kept, last = node.body, node.end_lineno
            if isinstance(kept[-1], ast.Return):
                kept, last = kept[:-1], function.end_lineno
            body = lines[node.lineno : kept[-1].end_lineno]  # from the line after the ``if``
            cuts.append((node.lineno, last, [line.removeprefix("    ") for line in body]))
            break  # what follows a returning branch is gone
    for first, last, replacement in sorted(cuts, reverse=True):
        lines[first - 1 : last] = replacement
    view = "".join(lines)
    view = re.sub(r"(:\n)\n+(    \S)", r"\1\2", view)  # no blank line left at the top of a function
    return re.sub(r"\n{4,}", "\n\n\n", view)


def has_a_postgresql_view(script) -> bool:
    """Its upgrade or downgrade branches on the dialect: its tab shows its PostgreSQL view first."""
    text = Path(script.path).read_text(encoding="utf-8")
    return postgresql_view(text) != text
