"""The rows of the safety table, read from examples/operations.toml: what each one is, in the writer's words.

What each row did on a large table is measured by ``make bench`` (``measures.OperationsMeasures``);
the table joins the two by ``key``. A mistake in the file names the file and its line.
"""

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from guide.rules.layout import EXAMPLES, ROOT

OPERATIONS_FILE = EXAMPLES / "operations.toml"


class OperationsError(ValueError):
    """A mistake in examples/operations.toml, named by file and line."""


@dataclass(frozen=True)
class Operation:
    key: str
    label: str  # in French, as the table shows it
    steps: tuple[str, ...]  # each committed on its own
    prepare: tuple[str, ...] = ()  # run before, not measured
    recipe: str | None = None  # the revision that shows the safe way
    note: str = ""  # in French: what the measures do not show


REQUIRED = ("key", "label", "steps")
KNOWN = tuple(field.name for field in fields(Operation))


def load(path: Path = OPERATIONS_FILE) -> tuple[Operation, ...]:
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    text = path.read_text(encoding="utf-8")
    try:
        rows = tomllib.loads(text).get("operation", [])
    except tomllib.TOMLDecodeError as error:  # its message ends with "(at line N, column M)"
        raise OperationsError(f"{where}: {error}") from None
    lines = text.splitlines()
    starts = [number for number, line in enumerate(lines, 1) if line.strip() == "[[operation]]"]
    operations, errors, keys = [], [], set()
    for row, line in zip(rows, starts, strict=True):
        place = f"{where}:{line}"
        if unknown := sorted(set(row) - set(KNOWN)):
            errors.append(f"{place}: unknown field {', '.join(unknown)}; known: {', '.join(KNOWN)}")
        if missing := [name for name in REQUIRED if not row.get(name)]:
            errors.append(f"{place}: missing {', '.join(missing)}")
        if row.get("key") in keys:
            errors.append(f"{place}: the key {row['key']!r} is used twice")
        if unknown or missing:
            continue
        keys.add(row["key"])
        values = {name: tuple(value) if isinstance(value, list) else value for name, value in row.items()}
        operations.append(Operation(**values))
    if errors:
        raise OperationsError("\n".join(errors))
    return tuple(operations)
