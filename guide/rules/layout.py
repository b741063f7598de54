"""Where things live, and the list of pages (read from the nav of mkdocs.yml)."""

from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
EXAMPLES = ROOT / "examples"
VERSIONS = EXAMPLES / "versions"
SCENARIOS = EXAMPLES / "scenarios"
SNAPSHOTS = DOCS / "snapshots"
MKDOCS_YML = ROOT / "mkdocs.yml"


@cache
def mkdocs_config() -> dict:
    """mkdocs.yml as plain data: its ``!ENV`` and ``!!python`` tags are read as lists of strings."""
    import yaml  # only the site and its tests need it (the run on Hyperion's versions does not)

    return yaml.load(MKDOCS_YML.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def pages() -> list[str]:
    """The pages of the nav, in nav order, as paths relative to docs/ (``exemples/enums.md``)."""

    def walk(items: list) -> list[str]:
        found = []
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            found.extend(walk(value) if isinstance(value, list) else [value])
        return found

    return walk(mkdocs_config()["nav"])


def pages_on_disk() -> list[str]:
    return sorted(str(path.relative_to(DOCS)) for path in DOCS.rglob("*.md") if SNAPSHOTS not in path.parents)


def address(page: str) -> str:
    """Where MkDocs puts a page on the site, from its root: ``exemples/enums.md`` -> ``exemples/enums/``."""
    return "" if page == "index.md" else page.removesuffix(".md").removesuffix("/index") + "/"


def where(page: str, line: int | None = None) -> str:
    """How an error names a place of a page: ``docs/<page>:<line>``."""
    return f"docs/{page}" + (f":{line}" if line else "")
