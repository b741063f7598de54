"""MkDocs hooks: includes checked with the page's line, and checklist boxes named for screen readers.

A snippet that points to a missing file or section fails the build naming the page and
its line. pymdownx.snippets also refuses them (``check_paths``), but its error names
neither the page nor the line. This check runs on the Markdown after the macros: an
include that a macro wrote is traced back to the line of the macro (by the revision id).

pymdownx.tasklist draws a checkbox with no accessible name: each gets its item's text
(``aria-label``), which axe-core requires (tests/pages/test_browser.py).

A diagram (guide/rules/diagrams.py) goes in a figure that scrolls sideways where the page is narrower
than the diagram's legible width; the figure takes the keyboard focus, as a scrolled region must.
"""

import html
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from guide.rules.includes import INCLUDE, missing_part
from guide.rules.layout import where


def on_page_markdown(markdown: str, page, config, files) -> str:
    base_paths = [Path(p) for p in config["mdx_configs"]["pymdownx.snippets"]["base_path"]]
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8").splitlines()
    for match in INCLUDE.finditer(markdown):
        target, _, section = match.group(1).partition(":")
        clues = (match.group(1), target, Path(target).name.split("_", 1)[0])
        line = next((n for clue in clues for n, text in enumerate(source, 1) if clue in text), None)
        place = where(page.file.src_path, line)
        found = [base / target for base in base_paths if (base / target).is_file()]
        if not found:
            raise PluginError(
                f"{place}: the included file '{target}' does not exist (looked in {', '.join(map(str, base_paths))})"
            )
        if section and (why := missing_part(found[0].read_text(encoding="utf-8"), section)):
            raise PluginError(f"{place}: the included file '{found[0]}' {why}")
    return markdown


TASK = re.compile(
    r'(<li class="task-list-item"><label class="task-list-control"><input type="checkbox")([^>]*>)(.*?)</li>'
)
TAG = re.compile(r"<[^>]+>")


def name_task(match: re.Match) -> str:
    name = html.escape(" ".join(html.unescape(TAG.sub("", match[3])).split()), quote=True)
    return f'{match[1]} aria-label="{name}"{match[2]}{match[3]}</li>'


DIAGRAM = re.compile(r'<svg [^>]*aria-labelledby="([\w-]+)"[^>]*class="guide-diagram".*?</svg>', re.DOTALL)


def in_a_figure(match: re.Match) -> str:
    return f'<div class="guide-figure" tabindex="0" role="group" aria-labelledby="{match[1]}">{match[0]}</div>'


def on_page_content(content: str, page, config, files) -> str:
    return DIAGRAM.sub(in_a_figure, TASK.sub(name_task, content))
