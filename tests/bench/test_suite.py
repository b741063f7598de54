"""The glue of make bench-suite: the doubled history it measures, and the weight of a page."""

import gzip
import os
import subprocess
import sys
from pathlib import Path

from guide.bench.suite import TODO, double_history
from guide.harness.browser import page_weight, url_of
from guide.harness.project import copy_project
from guide.rules import revisions
from guide.rules.layout import ROOT

# Up to the doubled history's head and back to the real one, in the copy, on SQLite
UP_AND_BACK = """
import sys
from alembic.config import main
main(["upgrade", "head"])
main(["downgrade", sys.argv[1]])
"""


def test_the_doubled_history_is_one_line_of_working_revisions(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    count = double_history(project)
    assert count == len(revisions.scripts())
    versions = project / "examples" / "versions"
    revisions.check_history(versions)  # every parent exists, and one head
    generated = sorted(versions.glob("be00000000*.py"))
    assert len(generated) == count
    for path in generated:
        text = path.read_text(encoding="utf-8")
        assert TODO not in text and "pass\n" not in text, f"{path.name}: a body was not filled in"
    result = subprocess.run(
        [sys.executable, "-c", UP_AND_BACK, revisions.scripts()[-1].revision],
        cwd=project / "examples",
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'doubled.db'}"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert result.stderr.count("Running upgrade") == 2 * count
    assert result.stderr.count("Running downgrade") == count


def test_a_page_weighs_what_it_loads(browser, base_url: str) -> None:
    """make bench-suite's weight: the page and everything it loads, compressed; more than the HTML alone."""
    html = gzip.compress((ROOT / "docs" / "index.md").read_bytes())  # far less than the whole page
    weight = page_weight(browser, url_of(base_url, "index.md"))
    assert weight > 50_000 > len(html), weight
