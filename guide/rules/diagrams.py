"""The guide's diagrams, drawn as SVG from the project itself: no script, no font, nothing fetched.

- ``revision_graph``: the revisions of an Alembic script directory, oldest at the top, one row per
  generation, branches side by side (the history of examples/, the branch and merge case); each
  revision links to the section that shows it, when it is given;
- ``timeline``: the steps of a page section (its ``### Étape …`` headings), each on the lane of
  the database when the step shows a revision, of the application otherwise.

Each is a snapshot (guide.rules.snapshots, ``diagrams/…``): tests/pages/test_diagrams.py draws it again and
compares, ``make snapshots`` refreshes it, the page includes it. Colours come from the theme
(``guide-diagram`` in docs/stylesheets/extra.css), so that both themes read it. A diagram is never drawn
smaller than the width at which its smallest text is ``LEGIBLE`` px high: on a phone, its figure scrolls
(guide/site/hooks.py wraps it).
"""

import re
from html import escape

from guide.rules import revisions

ROW, COLUMN, RADIUS, FONT = 34, 230, 7, 13
LEGIBLE = 11  # px: the smallest text a reader is shown


def svg(
    width: int, height: int, name: str, title: str, body: list[str], smallest_font: int = FONT, role: str = "img"
) -> str:
    """``role``: ``img``, or ``figure`` for a diagram with links (an image may hold nothing a reader can focus)."""
    narrowest = round(width * LEGIBLE / smallest_font)
    return (
        "\n".join(
            [
                f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
                f'style="min-width: {narrowest}px" role="{role}" aria-labelledby="{name}-title" class="guide-diagram">',
                f'<title id="{name}-title">{escape(title)}</title>',
                *body,
                "</svg>",
            ]
        )
        + "\n"
    )


def message(script, width: int = 46) -> str:
    text = (script.doc or "").strip().split("\n")[0]
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def revision_graph(scripts: list, name: str, title: str, links: dict[str, str] | None = None) -> str:
    """``scripts``, oldest first (the first one's parents are drawn as off the picture); ``links``: revision -> href."""
    known = {script.revision: script for script in scripts}
    generation: dict[str, int] = {}
    for script in scripts:
        generation[script.revision] = max(
            (generation[p] + 1 for p in revisions.parents(script.down_revision) if p in known), default=0
        )
    rows: dict[int, list[str]] = {}
    for script in scripts:
        rows.setdefault(generation[script.revision], []).append(script.revision)
    rows = {row: sorted(line) for row, line in rows.items()}  # side by side in the order of their ids
    place = {
        revision: (24 + column * COLUMN, 20 + row * ROW)
        for row, line in rows.items()
        for column, revision in enumerate(line)
    }
    children = {p for script in scripts for p in revisions.parents(script.down_revision)}
    body = []
    for script in scripts:
        x, y = place[script.revision]
        for parent in revisions.parents(script.down_revision):
            if parent in place:
                px, py = place[parent]
                body.append(f'<path d="M{px},{py} L{px},{y - ROW // 2} L{x},{y - ROW // 2} L{x},{y}" class="edge"/>')
            else:
                body.append(f'<path d="M{x},{y - ROW // 2} L{x},{y}" class="edge outside"/>')
    for script in scripts:
        x, y = place[script.revision]
        head = script.revision not in children
        body.append(f'<circle cx="{x}" cy="{y}" r="{RADIUS}" class="{"head" if head else "node"}"/>')
        alone = len(rows[generation[script.revision]]) == 1
        label = f'<tspan class="id">{escape(script.revision)}</tspan> {escape(message(script, 60 if alone else 16))}'
        if head:
            label += ' <tspan class="mark">(tête)</tspan>'
        text = f'<text x="{x + 14}" y="{y + 4}" font-size="{FONT}">{label}</text>'
        if links and script.revision in links:
            text = f'<a href="{escape(links[script.revision])}">{text}</a>'
        body.append(text)
    width = 24 + (max(len(line) for line in rows.values()) - 1) * COLUMN + 14 + 560
    return svg(width, 20 + len(rows) * ROW - ROW // 2, name, title, body, role="figure" if links else "img")


STEP = re.compile(r"^### (?P<title>Étape \d+\s*:.*)$", re.MULTILINE)
FIRST_ITEM = re.compile(r"^- (.+)$", re.MULTILINE)
LANES = ("Base de données", "Application")


def wrap(text: str, width: int) -> list[str]:
    lines = [""]
    for word in text.split():
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width:
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    return lines


def timeline(section: str, scripts: list, name: str, title: str) -> str:
    """The ``### Étape`` headings of a page ``section``, as boxes on two lanes, in order."""
    known = {script.revision: script for script in scripts}
    headings = list(STEP.finditer(section))
    if not headings:
        raise ValueError("no '### Étape N : …' heading in the section")
    width, lane_height, box = 150, 130, 138
    left = 120
    body = []
    for lane, label in enumerate(LANES):
        y = 10 + lane * lane_height
        body.append(
            f'<rect x="0" y="{y}" width="{left + len(headings) * width}" height="{lane_height - 10}" class="lane"/>'
        )
        body.append(f'<text x="8" y="{y + 58}" font-size="{FONT}" font-weight="bold">{label}</text>')
    for index, heading in enumerate(headings):
        end = headings[index + 1].start() if index + 1 < len(headings) else len(section)
        text = section[heading.end() : end]
        revision = next(iter(revisions.PAGE_CALL.findall(text)), None)
        if revision:
            lane, lines = 0, [revision, *wrap(message(known[revision], 80).split(" : ")[-1], 19)]
        else:
            item = FIRST_ITEM.search(text)
            lane, lines = 1, wrap((item.group(1) if item else "").replace("`", "").rstrip("."), 19)
        if len(lines) > 6:
            raise ValueError(f"{heading.group('title')}: too long to draw ({' '.join(lines)})")
        x, y = left + index * width, 18 + lane * lane_height
        body.append(f'<rect x="{x}" y="{y}" width="{box}" height="{lane_height - 26}" rx="6" class="step"/>')
        number, _, step = heading.group("title").removeprefix("Étape ").partition(":")
        named = wrap(f"{number.strip()}. {step.strip().capitalize()}", 18)
        for row, line in enumerate((named + lines)[:6]):
            style = (
                ' font-weight="bold"' if row < len(named) else ' class="id"' if revision and row == len(named) else ""
            )
            body.append(f'<text x="{x + 8}" y="{y + 18 + row * 16}" font-size="12"{style}>{escape(line)}</text>')
    return svg(left + len(headings) * width, 2 * lane_height + 10, name, title, body, smallest_font=12)
