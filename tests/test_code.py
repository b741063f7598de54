"""The project's code: ruff-clean, and the guide's package keeps its dependency rules (guide/__init__.py).

The imports are read from the source (every ``import`` and ``from``, also inside functions):

- the rules import no other part of the package, and no mkdocs, pytest or psycopg; they import
  in .venv-hyperion too;
- the MkDocs side imports only the rules, Markdown and MkDocs (and the standard library);
- the harness imports the rules, not the MkDocs side nor the bench;
- the bench imports the rules and the harness, not the MkDocs side;
- examples/ imports nothing of the package; nothing imports tests/.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from guide.rules.layout import EXAMPLES, ROOT

FOLDERS = ["guide", "examples", "tests"]
PACKAGE = ROOT / "guide"
HYPERION_PYTHON = ROOT / ".venv-hyperion" / "bin" / "python"


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_ruff(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, *FOLDERS], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr + "\n`make format` fixes what it can"


def imports(source: str) -> set[str]:
    """The modules a source imports, by their full dotted name."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def top(name: str) -> str:
    return name.split(".")[0]


def part(name: str) -> str | None:
    """``guide.rules.layout`` -> ``rules``; None for a module outside the package."""
    parts = name.split(".")
    return parts[1] if parts[0] == "guide" and len(parts) > 1 else None if parts[0] != "guide" else "guide"


def outside_stdlib(names: set[str]) -> set[str]:
    return {top(name) for name in names if top(name) not in sys.stdlib_module_names and top(name) != "guide"}


# part -> (the parts it may import, the third-party packages it may import; None: any)
RULES: dict[str, tuple[set[str], set[str] | None]] = {
    "rules": ({"rules"}, {"alembic", "sqlalchemy", "yaml"}),
    "site": ({"rules", "site"}, {"markdown", "mkdocs"}),
    "harness": ({"rules", "harness"}, None),
    "bench": ({"rules", "harness", "bench"}, None),
}


def violations(module: str, source: str) -> list[str]:
    """What a module of the package imports against the rules of its part."""
    allowed_parts, allowed_packages = RULES[part(module)]
    names = imports(source)
    wrong = [name for name in names if top(name) == "tests"]
    wrong += [name for name in names if part(name) and part(name) not in allowed_parts | {"guide"}]
    if allowed_packages is not None:
        wrong += sorted(outside_stdlib(names) - allowed_packages)
    return sorted(set(wrong))


def package_modules() -> dict[str, Path]:
    return {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): path
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.parent != PACKAGE  # guide/__init__.py: the map, no code
    }


@pytest.mark.parametrize("module", package_modules())
def test_a_part_imports_only_what_its_rules_allow(module: str) -> None:
    source = package_modules()[module].read_text(encoding="utf-8")
    assert violations(module, source) == [], f"{module} imports against the rules of guide/__init__.py"


def test_the_check_catches_a_forbidden_import() -> None:
    assert violations("guide.rules.layout", "import psycopg\nfrom guide.harness import plugin\n") == [
        "guide.harness",
        "guide.harness.plugin",
        "psycopg",
    ]
    assert violations("guide.site.macros", "def f():\n    import pytest\n") == ["pytest"]
    assert violations("guide.bench.run", "from guide.site import tables\n") == ["guide.site", "guide.site.tables"]
    assert violations("guide.harness.plugin", "from tests.pages import test_site\n") == [
        "tests.pages",
        "tests.pages.test_site",
    ]


def test_examples_and_tests_import_nothing_they_must_not() -> None:
    wrong = []
    for path in sorted(EXAMPLES.rglob("*.py")):
        if any(top(name) == "guide" for name in imports(path.read_text(encoding="utf-8"))):
            wrong.append(f"{path.relative_to(ROOT)} imports the guide's package")
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if any(top(name) == "tests" for name in imports(path.read_text(encoding="utf-8"))):
            wrong.append(f"{path.relative_to(ROOT)} imports tests/")
    assert wrong == []


def test_tests_hold_only_tests() -> None:
    """tests/ is grouped by what is tested; the code they run on lives in guide/."""
    others = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "tests").rglob("*.py")
        if not path.name.startswith("test_") and path.name != "conftest.py"
    ]
    assert others == []
    assert sorted(path.name for path in (ROOT / "tests").iterdir() if path.is_dir() and path.name != "__pycache__") == [
        "bench",
        "harness",
        "pages",
        "revisions",
    ]


def test_the_rules_import_on_hyperions_versions() -> None:
    if not HYPERION_PYTHON.exists():
        pytest.fail(f"{HYPERION_PYTHON.relative_to(ROOT)} is missing: run `make install`", pytrace=False)
    rules = [module for module in package_modules() if part(module) == "rules"]
    result = subprocess.run(
        [str(HYPERION_PYTHON), "-c", "import " + ", ".join(rules)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_no_source_file_is_ignored_by_git() -> None:
    """A file that .gitignore hides works here and is missing from every clone (guide/site/ once was: site/)."""
    result = subprocess.run(
        ["git", "ls-files", "--others", "--ignored", "--exclude-standard", *FOLDERS, "docs", "overrides"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    hidden = [path for path in result.stdout.splitlines() if "__pycache__/" not in path and not path.endswith(".db")]
    assert hidden == [], "ignored by .gitignore, so absent from a clone"
