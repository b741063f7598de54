"""French typography of the pages: a non-breaking space before « : ; ! ? » and inside « ».

Code (fenced blocks, inline code, link targets) and the front matter are left alone.
A failure names the file and the line.
"""

import re

import pytest

from tests.conftest import DOCS

PAGES = sorted(path for path in DOCS.rglob("*.md") if "snapshots" not in path.parts)
TITLE = re.compile(r'title="([^"]*)"')
CODE = re.compile(r"`[^`]*`|\]\([^)]*\)")
MISTAKES = {
    "espace ordinaire avant « : ; ! ? » (mettre une espace insécable)": re.compile(r"(?:(?<=\S)|^) [:;!?](?=\s|$|\*)"),
    "pas d'espace insécable après «": re.compile(r"«(?![\u00a0\u202f])"),
    "pas d'espace insécable avant »": re.compile(r"(?<![\u00a0\u202f])»"),
}


def prose_lines(text: str) -> list[tuple[int, str]]:
    lines, in_fence, in_front_matter = [], False, text.startswith("---\n")
    for number, line in enumerate(text.splitlines(), 1):
        if in_front_matter:
            in_front_matter = not (number > 1 and line.strip() == "---")
            continue
        if line.strip().startswith("```"):
            in_fence = not in_fence
            lines.extend((number, title) for title in TITLE.findall(line))  # a code block's title is prose
            continue
        if not in_fence:
            lines.append((number, CODE.sub("", line)))
    return lines


@pytest.mark.parametrize("page", PAGES, ids=lambda path: str(path.relative_to(DOCS)))
def test_french_typography(page) -> None:
    mistakes = [
        f"docs/{page.relative_to(DOCS)}:{number}: {message}"
        for number, line in prose_lines(page.read_text(encoding="utf-8"))
        for message, pattern in MISTAKES.items()
        if pattern.search(line)
    ]
    assert mistakes == []
