"""The diagrams of the guide, drawn again from the project and compared with their snapshots.

The history comes from examples/ through Alembic's ScriptDirectory; the branch and merge case
from a copy of examples/ where Alembic's own commands made the two revisions and their merge,
as the troubleshooting page does; the zero-downtime timeline from the headings of its section.
"""

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import alembic.command
import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from guide.harness.project import copy_examples
from guide.rules import diagrams, layout, revisions, snapshots
from guide.site.tables import link_to_revision

SVG = "{http://www.w3.org/2000/svg}"


def well_formed(text: str) -> ElementTree.Element:
    root = ElementTree.fromstring(text)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == ("figure" if root.find(f"{SVG}a") is not None else "img"), "an image holds no link"
    title = root.find(f"{SVG}title")
    assert title.text, "a diagram needs a title: it is its text alternative"
    assert root.get("aria-labelledby") == title.get("id"), "the label must point at the title"
    assert title.get("id") == "".join(title.get("id").split()), f"an id with a space: {title.get('id')!r}"
    assert "http" not in text.replace("http://www.w3.org/2000/svg", ""), "nothing fetched"
    return root


def including_page(name: str) -> str:
    """The page that includes the diagram ``name``."""
    [page] = [page for page in layout.pages() if snapshots.diagram(name) in (layout.DOCS / page).read_text()]
    return page


def test_history(keep) -> None:
    """Each revision of the history links to the section that shows it (checked by the site's link test)."""
    page = including_page("history")
    links = {script.revision: link_to_revision(script.revision, page) for script in revisions.scripts()}
    text = diagrams.revision_graph(revisions.scripts(), "history", "L'historique des révisions des exemples", links)
    root = well_formed(text)
    assert len(root.findall(f"{SVG}circle")) == len(revisions.scripts())
    assert len(root.findall(f"{SVG}a")) == len(revisions.scripts())
    keep(snapshots.diagram("history"), text)


def test_branch_and_merge(tmp_path: Path, keep) -> None:
    examples = copy_examples(tmp_path / "examples")
    config = Config(str(examples / "alembic.ini"))
    config.set_main_option("script_location", str(examples))
    config.set_section_option("post_write_hooks", "hooks", "")  # ruff is not needed to draw
    parent = revisions.head()
    # the commands of resolution-de-problemes.md, "Multiple head revisions are present"
    alembic.command.revision(config, "Fonctionnalité A", rev_id="feature_a")
    alembic.command.revision(config, "Fonctionnalité B", rev_id="feature_b", head=f"{parent}", splice=True)
    alembic.command.merge(
        config, ["feature_a", "feature_b"], "Fusionner branches feature-A et feature-B", rev_id="c0ffee000001"
    )
    scripts = list(reversed(list(ScriptDirectory.from_config(config).walk_revisions(base=parent, head="heads"))))
    assert scripts[0].revision == parent and len(scripts) == 4
    text = diagrams.revision_graph(scripts, "branch-and-merge", "Deux révisions sur la même parente, puis leur fusion")
    root = well_formed(text)
    rows = {circle.get("cy") for circle in root.findall(f"{SVG}circle")}
    assert len(rows) == 3, "the two branches sit side by side"
    keep(snapshots.diagram("branch-and-merge"), text)


def test_zero_downtime(keep) -> None:
    page = (layout.DOCS / "migrations-complexes.md").read_text(encoding="utf-8")
    section = page.split("## Migrer sans interruption de service", 1)[1].split("\n## ", 1)[0]
    text = diagrams.timeline(
        section, revisions.scripts(), "zero-downtime", "Les quatre étapes d'un changement sans interruption"
    )
    root = well_formed(text)
    assert len([r for r in root.findall(f"{SVG}rect") if r.get("class") == "step"]) == 4
    keep(snapshots.diagram("zero-downtime"), text)


def test_timeline_needs_steps() -> None:
    with pytest.raises(ValueError, match="Étape"):
        diagrams.timeline("## Rien ici\n", revisions.scripts(), "x", "x")
