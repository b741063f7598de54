"""A revision runs in a production image: it imports nothing that only the tests have.

Hyperion's image installs requirements.txt, without pytest or pytest-alembic. A fresh
interpreter that cannot import them loads every revision, and the start-up module.
"""

import subprocess
import sys

from guide.rules.layout import EXAMPLES

WITHOUT_TEST_LIBRARIES = """
import importlib.abc
import sys

class NoTestLibraries(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"pytest", "_pytest", "pytest_alembic", "pytest_examples", "pytest_snapshot"}:
            raise ModuleNotFoundError(f"No module named {name!r} (not in a production image)")

sys.meta_path.insert(0, NoTestLibraries())

import alembic.config
from alembic.script import ScriptDirectory

import startup

scripts = list(ScriptDirectory.from_config(alembic.config.Config("alembic.ini")).walk_revisions())
for script in scripts:
    assert script.module.upgrade and script.module.downgrade
print(len(scripts))
"""


def test_every_revision_loads_without_test_libraries() -> None:
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_TEST_LIBRARIES], cwd=EXAMPLES, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 1


def test_the_guard_catches_a_test_import(tmp_path) -> None:
    """The same check fails on a revision that imports pytest at module level."""
    module = tmp_path / "revision_with_pytest.py"
    module.write_text("import pytest\n", encoding="utf-8")
    code = WITHOUT_TEST_LIBRARIES.split("import alembic.config")[0] + "import revision_with_pytest\n"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert "No module named 'pytest' (not in a production image)" in result.stderr
