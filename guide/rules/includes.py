"""Includes: a page pulls a file, or a marked section of it, into a code block (pymdownx.snippets).

In a page: ``--8<-- "startup.py"``, ``--8<-- "startup.py:lock"``, or lines
``--8<-- "startup.py:10:20"`` (the revision tab: header and body). In the file, a section
sits between ``# --8<-- [start:lock]`` and ``# --8<-- [end:lock]``. The folders an
include is looked up in are the ``base_path`` of pymdownx.snippets in mkdocs.yml.
"""

import re

INCLUDE = re.compile(r'^\s*--8<--\s+"([^"]+)"', re.MULTILINE)
LINES = re.compile(r"(\d+):(\d+)")  # first:last, 1-based, as pymdownx.snippets reads them
SECTION = re.compile(r"# --8<-- \[start:([\w-]+)\]\n(.*?)# --8<-- \[end:\1\]", re.DOTALL)


def sections(text: str) -> dict[str, str]:
    """The marked sections of a file: name -> code."""
    return dict(SECTION.findall(text))


def missing_part(text: str, part: str) -> str | None:
    """Why ``part`` (a section name, or ``first:last`` lines) is not in the file ``text``; None when it is."""
    if lines := LINES.fullmatch(part):
        first, last = int(lines[1]), int(lines[2])
        count = text.count("\n") + (not text.endswith("\n"))
        return None if 1 <= first <= last <= count else f"has no lines {part} (it has {count})"
    return None if part in sections(text) else f"has no section '{part}'"
