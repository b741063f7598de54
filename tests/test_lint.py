"""The project's Python is ruff-clean: the examples that readers copy first of all."""

import subprocess
import sys

import pytest

from conventions.layout import ROOT

FOLDERS = ["conventions", "examples", "tests"]


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_ruff(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, *FOLDERS], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
