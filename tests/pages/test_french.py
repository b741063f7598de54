"""French typography of the pages: a non-breaking space before « : ; ! ? » and inside « ».

Code (fenced blocks, inline code, link targets) and the front matter are left alone.
A failure names the file and the line.
"""

import re

import pytest

from guide.rules import layout
from guide.rules.blocks import parse

CODE = re.compile(r"`[^`]*`|\]\([^)]*\)")
MISTAKES = {
    "espace ordinaire avant « : ; ! ? » (mettre une espace insécable)": re.compile(r"(?:(?<=\S)|^) [:;!?](?=\s|$|\*)"),
    "pas d'espace insécable après «": re.compile(r"«(?![\u00a0\u202f])"),
    "pas d'espace insécable avant »": re.compile(r"(?<![\u00a0\u202f])»"),
}


def prose_lines(text: str, page: str) -> list[tuple[int, str]]:
    """The lines a reader reads as text: not the front matter, not code; a code block's title is prose."""
    code: dict[int, str] = {}  # line -> what of it is prose
    for block in parse(text, page):
        last = block.line + text.count("\n", block.start, block.end)
        code |= {number: "" for number in range(block.line, last + 1)}
        code[block.line] = block.attributes.get("title", "")
    front_matter_end = text.index("\n---\n", 4) + 1 if text.startswith("---\n") else 0
    first = text.count("\n", 0, front_matter_end) + 2 if front_matter_end else 1
    return [
        (number, code.get(number, CODE.sub("", line)))
        for number, line in enumerate(text.splitlines(), 1)
        if number >= first
    ]


@pytest.mark.parametrize("page", layout.pages())
def test_french_typography(page: str) -> None:
    mistakes = [
        f"{layout.where(page, number)}: {message}"
        for number, line in prose_lines((layout.DOCS / page).read_text(encoding="utf-8"), page)
        for message, pattern in MISTAKES.items()
        if pattern.search(line)
    ]
    assert not mistakes, "\n".join(mistakes)
