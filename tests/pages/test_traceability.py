"""Every Python block a reader sees on the site is code that the suite runs.

The built pages have their includes expanded. Each Python block in them must be a
section of a revision under examples/versions/ (run by tests/revisions/test_revisions.py)
or of its PostgreSQL view (docs/snapshots/views/, run by tests/revisions/test_postgresql_views.py),
of examples/env.py (run by every migration of the suite), of examples/startup.py
(run by tests/revisions/test_startup.py and test_concurrent_upgrades.py) or of the fixtures of
examples/tests/test_migrations.py (Hyperion's cumulative test, shown on its page), or a
block of the Markdown that pytest-examples runs (tests/pages/test_inline_examples.py). A block may be
whole lines of one of them: the revision tab shows a revision's header and body apart.
"""

from pathlib import Path

from bs4 import BeautifulSoup

from guide.harness.inline import inline_examples
from guide.rules.includes import sections
from guide.rules.layout import EXAMPLES, SNAPSHOTS
from guide.rules.revisions import scripts


def normalized(code: str) -> str:
    return "\n".join(line.rstrip() for line in code.strip().splitlines())


def run_sources() -> set[str]:
    sources = set()
    for path in [Path(script.path) for script in scripts()] + [
        EXAMPLES / "env.py",
        EXAMPLES / "startup.py",
        EXAMPLES / "tests" / "test_migrations.py",
    ]:
        text = path.read_text(encoding="utf-8")
        sources.update(normalized(section) for section in sections(text).values())
    sources.update(normalized(block.source) for block in inline_examples())
    # a view's snapshot is the body of the view that tests/revisions/test_postgresql_views.py runs
    sources.update(normalized(path.read_text(encoding="utf-8")) for path in (SNAPSHOTS / "views").glob("*.py"))
    return sources


def test_every_python_block_of_the_site_is_run(site: Path) -> None:
    sources = "\n\n".join(f"\n{source}\n" for source in run_sources())
    seen = 0
    unrun = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for block in soup.select("div.language-python pre > code"):
            seen += 1
            if f"\n{normalized(block.get_text())}\n" not in sources:
                unrun.append(f"{page.relative_to(site)}: {block.get_text()[:80]!r}")
    assert seen > 0
    assert unrun == []


def test_every_revision_is_shown_on_a_page(site: Path) -> None:
    titles = {
        title.get_text()
        for page in site.rglob("*.html")
        for title in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("span.filename")
    }
    missing = [script.path for script in scripts() if f"versions/{Path(script.path).name}" not in titles]
    assert missing == []
