"""Includes: a page pulls a file, or a marked section of it, into a code block (pymdownx.snippets).

In a page: ``--8<-- "startup.py"`` or ``--8<-- "startup.py:lock"``. In the file, a section
sits between ``# --8<-- [start:lock]`` and ``# --8<-- [end:lock]``. The folders an
include is looked up in are the ``base_path`` of pymdownx.snippets in mkdocs.yml.
"""

import re

INCLUDE = re.compile(r'^\s*--8<--\s+"([^"]+)"', re.MULTILINE)
SECTION = re.compile(r"# --8<-- \[start:([\w-]+)\]\n(.*?)# --8<-- \[end:\1\]", re.DOTALL)


def sections(text: str) -> dict[str, str]:
    """The marked sections of a file: name -> code."""
    return dict(SECTION.findall(text))
