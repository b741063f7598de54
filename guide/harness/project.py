"""Throwaway copies of the project, to run or to break, and the site built from one."""

import shutil
import subprocess
import sys
from pathlib import Path

from guide.rules.layout import EXAMPLES, ROOT

# What a copy of the project needs to build the site and run the tests
PROJECT = ("pyproject.toml", "mkdocs.yml", "guide", "docs", "examples", "overrides", "tests")
IGNORED = shutil.ignore_patterns("*.db", "__pycache__")


def copy_examples(destination: Path) -> Path:
    """A copy of examples/ (without its SQLite database and caches)."""
    shutil.copytree(EXAMPLES, destination, ignore=IGNORED)
    return destination


def copy_project(destination: Path) -> Path:
    """A copy of the whole project. Run ``python -m pytest`` in it: its own ``guide`` is then imported first."""
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=IGNORED)
        else:
            destination.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, destination / name)
    return destination


def build(config_dir: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of the project in ``config_dir`` (its own ``guide`` first on the path)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=config_dir,
        capture_output=True,
        text=True,
        check=False,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(config_dir)},
    )
