"""A new revision made by ``make example`` (``alembic revision``) is ready for a page and fails until checked."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guide.harness.project import copy_examples
from guide.rules.blocks import ATTRIBUTES
from guide.rules.includes import sections
from guide.rules.layout import ROOT


def test_a_new_revision_has_its_page_sections_and_a_failing_check(tmp_path: Path) -> None:
    """As ``make example`` makes it: ruff-clean (alembic.ini's post-write hooks), sections, a failing check."""
    project = copy_examples(tmp_path / "examples")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)  # ruff's settings, as in the repository
    bin_dir = Path(sys.executable).parent
    environment = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    result = subprocess.run(
        ["alembic", "revision", "-m", "Ajouter un essai"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    path = Path(re.search(r"Generating (\S+\.py)", result.stdout + result.stderr).group(1))
    for ruff in (["check", "--ignore", "F401"], ["format", "--check"]):  # op is unused until upgrade is written
        lint = subprocess.run([bin_dir / "ruff", *ruff, path], cwd=tmp_path, capture_output=True, text=True)
        assert lint.returncode == 0, lint.stdout + lint.stderr
    source = path.read_text(encoding="utf-8")
    assert {"revision", "check"} <= set(sections(source))
    namespace: dict = {}
    exec(compile(source, str(path), "exec"), namespace)
    namespace["pre_test_upgrade"](None, None)
    with pytest.raises(NotImplementedError, match="écrire la vérification"):
        namespace["test_upgrade"](None, None)


def test_contributing_documents_every_block_attribute() -> None:
    """The writer's table of block attributes (CONTRIBUTING.md) follows the parser's (guide/rules/blocks.py)."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([\w-]+)=", text, re.MULTILINE)
    assert documented == list(ATTRIBUTES)
