"""The suite fails when the guide's code breaks: a few meaningful lines are broken on purpose.

Each case copies the project, breaks one line, and runs the tests that must catch it.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

CASES = {
    "break-a-data-check": (
        "examples/versions/f306beed3e3e_ajouter_le_champ_is_active.py",
        (r'\("chloe", True\)\]', '("chloe", False)]'),
        ["tests/test_revisions.py", "-k", "f306beed3e3e and sqlite"],
    ),
    "rename-a-column-in-upgrade": (
        "examples/versions/f306beed3e3e_ajouter_le_champ_is_active.py",
        (r'sa\.Column\("is_active"', 'sa.Column("is_enabled"'),
        ["tests/test_revisions.py", "-k", "f306beed3e3e and sqlite"],
    ),
    "empty-a-downgrade": (
        "examples/versions/9de44df5f488_ajouter_un_email_unique_aux_utilisateurs.py",
        (
            r"def downgrade\(\) -> None:\n(    .*\n|\n)*?(?=# --8<-- \[end:revision\])",
            "def downgrade() -> None:\n    pass\n\n\n",
        ),
        ["tests/test_revisions.py", "-k", "9de44df5f488 and sqlite"],
    ),
    "misspell-a-command": (
        "docs/demarrage-rapide.md",
        (r"alembic upgrade head", "alembic upgrade haed"),
        ["tests/test_commands/test_demarrage_rapide.py"],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_the_suite_catches(case: str, tmp_path: Path) -> None:
    path, (pattern, replacement), tests = CASES[case]
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("pyproject.toml", "mkdocs.yml", "docs", "examples", "tests", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.db"))
        else:
            shutil.copy(source, copy / name)
    target = copy / path
    text = target.read_text(encoding="utf-8")
    broken, count = re.subn(pattern, replacement, text, count=1)
    assert count == 1, f"{case}: the line to break is no longer in {path}"
    target.write_text(broken, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stdout[-2000:]
    assert " failed" in result.stdout.splitlines()[-1]
    if case == "break-a-data-check":  # the failure shows the values it compared
        assert "At index 1 diff: ('chloe', 1) != ('chloe', False)" in result.stdout, result.stdout[-2000:]
