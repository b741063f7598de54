"""The site: strict build without warnings, expected sections, links that resolve, errors that name their place."""

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from guide.harness.project import build, copy_project
from guide.rules import blocks, layout, measures, revisions
from guide.rules.layout import DOCS, ROOT
from guide.site.macros import ROUTINE, SHOWN_LINES
from guide.site.tables import shown_at

# site_url is !ENV [SITE_URL, default]: the build of the tests uses the default
SITE_PREFIX = urlsplit(layout.mkdocs_config()["site_url"][-1]).path


def html_of(site: Path, page: str) -> BeautifulSoup:
    path = site / layout.address(page) / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


PAGES = layout.pages()
FRONT_MATTER_TITLE = re.compile(r"\A---\n(?:.*\n)*?title: (.*)\n(?:.*\n)*?---\n", re.MULTILINE)


def test_the_nav_lists_every_page_on_disk() -> None:
    assert sorted(PAGES) == layout.pages_on_disk(), "the nav of mkdocs.yml and the pages under docs/ differ"


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_its_title_and_sections(site: Path, page: str) -> None:
    source = (DOCS / page).read_text(encoding="utf-8")
    title = FRONT_MATTER_TITLE.match(source)
    assert title, f"docs/{page}: no title: in the front matter"
    content = html_of(site, page).select_one("article.md-content__inner")
    h1 = [h.get_text(strip=True).removesuffix("¶") for h in content.select("h1")]
    assert h1 == [title.group(1)], f"docs/{page}: the # heading differs from the front matter's title"
    assert content.select("h2"), f"docs/{page}: no ## section"
    for code in content.select("pre, code"):
        code.decompose()
    text = content.get_text()
    for leftover in ("{{", "{%", "--8<--", ":::", "@tab", "!!! ", "??? ", '=== "'):
        assert leftover not in text, f"unrendered {leftover!r} in {page}"


@pytest.mark.parametrize("page", PAGES)
def test_every_command_block_is_followed_by_its_output(site: Path, page: str) -> None:
    for block in html_of(site, page).select("article div.language-bash"):
        after = block.find_next_sibling()
        shown = after is not None and after.get_text().strip().startswith("Sortie")
        assert shown, f"docs/{page}: the block « {block.select_one('.filename').get_text()} » shows no output"


@pytest.mark.parametrize("page", PAGES)
def test_every_failing_python_block_is_followed_by_its_error(site: Path, page: str) -> None:
    failing = {block.attributes.get("title") for block in blocks.page_blocks(page) if block.raises_on}
    shown = {}
    for block in html_of(site, page).select("article div.language-python"):
        title = block.select_one(".filename").get_text() if block.select_one(".filename") else None
        after = block.find_next_sibling()
        shown[title] = after is not None and after.get_text().strip().startswith(("Erreur sur", "SQLite"))
    assert {title for title in failing if not shown.get(title)} == set(), f"docs/{page}: failing blocks without error"


def test_internal_links_and_anchors_resolve(site: Path) -> None:
    soups = {page: BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser") for page in site.rglob("*.html")}
    ids = {page: {tag["id"] for tag in soup.select("[id]")} for page, soup in soups.items()}
    broken = []
    for page, soup in soups.items():
        for link in soup.select("a[href]"):
            url = urlsplit(link["href"])
            if url.scheme or url.netloc or link["href"].startswith("mailto:"):
                continue
            if url.path.startswith("/"):  # absolute, under site_url (the 404 page)
                target = site / unquote(url.path).removeprefix(SITE_PREFIX)
            else:
                target = (page.parent / unquote(url.path)).resolve() if url.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {link['href']}")
                continue
            if url.fragment and target.suffix == ".html" and url.fragment not in ids[target]:
                broken.append(f"{page.relative_to(site)}: {link['href']} (no anchor)")
    assert broken == []


def test_no_third_party_request(site: Path) -> None:
    """No font, script or stylesheet is loaded from another host when a page opens."""
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select("script[src], link[href], img[src]"):
            address = tag.get("src") or tag.get("href")
            if tag.name == "link" and tag.get("rel") in (["canonical"], ["alternate"]):
                continue
            assert not urlsplit(address).netloc, f"{page.relative_to(site)} loads {address}"
        # Material's repository widget fetches the repository's facts from GitHub's API
        assert soup.select_one('[data-md-component="source"]') is None


@pytest.mark.parametrize("page", PAGES)
def test_every_aria_labelledby_names_an_id_of_its_page(site: Path, page: str) -> None:
    """A label is found by id: a missing id, or one with a space, leaves a picture without its text alternative."""
    soup = html_of(site, page)
    ids = {tag["id"] for tag in soup.select("[id]")}
    wrong = [
        f"{tag.name} aria-labelledby={tag['aria-labelledby']!r}"
        for tag in soup.select("[aria-labelledby]")
        for label in [tag["aria-labelledby"]]
        if label != label.strip() or any(name not in ids for name in label.split())
    ]
    wrong += [f"id={name!r}" for name in ids if name != "".join(name.split())]
    assert wrong == [], f"docs/{page}: {wrong}"


def test_pages_have_an_edit_link(site: Path) -> None:
    link = html_of(site, "commandes.md").select_one("a.md-content__button")
    assert link["href"].endswith("/edit/main/docs/commandes.md")


# Pictographs (emoji, dingbats): drawn as empty boxes on a system without an emoji font
PICTOGRAPHS = re.compile("[\u2600-\u27bf\U0001f300-\U0001faff]")


def test_labels_are_french_and_symbols_render_everywhere(site: Path) -> None:
    page = html_of(site, "commandes.md")
    assert page.select_one("a.md-content__button")["title"] == "Modifier cette page"
    assert {link["title"] for link in page.select("a.headerlink")} == {"Lien vers cette section"}
    for path in site.rglob("*.html"):
        text = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text()
        assert "Permanent link" not in text and "Editer" not in text, path.relative_to(site)
        assert not PICTOGRAPHS.findall(text), f"{path.relative_to(site)}: {PICTOGRAPHS.findall(text)}"


def test_footer_gives_the_verified_versions(site: Path) -> None:
    footer = html_of(site, "index.md").select_one(".guide-verified-with").get_text(" ", strip=True)
    versions = (DOCS / "snapshots" / "versions.txt").read_text(encoding="utf-8").strip()
    assert footer == f"Exemples vérifiés avec {versions}."


# A writer's mistake -> what the build must say ({line}: the line of the mistake in the page)
BUILD_MISTAKES = {
    "include-of-a-missing-file": (
        "hyperion.md",
        '--8<-- "errors/sql-mode-without-url.txt"',
        '--8<-- "errors/missing.txt"',
        ["docs/hyperion.md:{line}: the included file 'errors/missing.txt' does not exist"],
    ),
    "include-of-a-missing-section": (
        "migrations-complexes.md",
        '--8<-- "startup.py:lock"',
        '--8<-- "startup.py:lok"',
        ["docs/migrations-complexes.md:{line}: the included file 'examples/startup.py' has no section 'lok'"],
    ),
    "unknown-revision-in-the-macro": (
        "exemples/enums.md",
        '{{ revision("ba0022e5a923") }}',
        '{{ revision("0000deadbeef") }}',
        ["docs/exemples/enums.md:{line}: revision '0000deadbeef' not found in examples/versions/"],
    ),
    "misspelt-macro": (
        "exemples/enums.md",
        '{{ revision("ba0022e5a923") }}',
        '{{ revison("ba0022e5a923") }}',
        ["_File_: `exemples/enums.md`", "'revison' is undefined"],
    ),
    "command-block-without-output": (
        "commandes.md",
        '```{.bash title="État actuel" output="current"}',
        '```{.bash title="État actuel"}',
        ['docs/commandes.md:{line}: a command block needs output="name": the tests run it and show what it printed'],
    ),
    "unknown-block-attribute": (
        "commandes.md",
        '```{.bash title="État actuel" output="current"}',
        '```{.bash title="État actuel" ouput="current"}',
        ["docs/commandes.md:{line}: unknown block attribute ouput=; known: title, output,"],
    ),
    "broken-internal-link": (
        "bonnes-pratiques.md",
        "(hyperion.md#developper-sur-postgresql)",
        "(hyperion.md#nulle-part)",
        ["Doc file 'bonnes-pratiques.md' contains a link 'hyperion.md#nulle-part'", "anchor '#nulle-part'"],
    ),
}


@pytest.mark.parametrize("mistake", BUILD_MISTAKES)
def test_a_writer_mistake_fails_the_build_naming_its_place(tmp_path: Path, mistake: str) -> None:
    page, line, broken, messages = BUILD_MISTAKES[mistake]
    copy = copy_project(tmp_path / "project")
    page_path = copy / "docs" / page
    text = page_path.read_text(encoding="utf-8")
    assert line in text, f"{mistake}: the line to break is no longer in docs/{page}"
    page_path.write_text(text.replace(line, broken, 1), encoding="utf-8")
    line_number = text[: text.index(line)].count("\n") + 1
    result = build(copy, tmp_path / "site")
    assert result.returncode != 0
    for message in messages:
        assert message.format(line=line_number) in result.stdout + result.stderr


def test_code_blocks_render_literally(site: Path) -> None:
    """A workflow's ``${{ secrets.X }}`` reaches the page as written, not as a macro."""
    code = html_of(site, "bonnes-pratiques.md").select_one("div.language-yaml").get_text()
    assert "${{ github.ref }}" in code


def test_no_page_or_scenario_names_the_head_revision() -> None:
    """A new revision must not make a sentence false: "the head" is never written as an id.

    The head may be shown (``{{ revision("…") }}``); it is not named in prose, in a command or a scenario.
    """
    head = revisions.head()
    shown = re.compile(r'\{\{\s*revision\("\w+"\)[^}]*\}\}')
    sources = {layout.where(page): shown.sub("", (DOCS / page).read_text(encoding="utf-8")) for page in PAGES}
    sources |= {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in layout.SCENARIOS.glob("*")}
    assert [name for name, text in sources.items() if head in text] == []


def test_a_revision_tab_shows_upgrade_first(site: Path) -> None:
    """The header and imports are folded above; the shown block starts after them, with its changes highlighted."""
    tab = html_of(site, "exemples/structure.md").select_one(".tabbed-block")
    header = tab.select_one("details")
    assert header.summary.get_text(strip=True) == "En-tête, imports et identifiants"
    assert "down_revision: str" in header.get_text()
    body = header.find_next_sibling(class_="highlight") or header.find_next_sibling().select_one(".highlight")
    assert "def upgrade() -> None:" in body.get_text()
    assert "import sqlalchemy" not in body.get_text()
    assert body.select(".hll"), "no highlighted line"


def said_before(site: Path, script) -> list[str]:
    """The titles of the admonitions just above a revision's tabs, on the page that shows it."""
    page, _, _ = shown_at(script.revision)
    name = f"versions/{Path(script.path).name}"
    tabs = next(
        tabs
        for tabs in html_of(site, page).select("article .tabbed-set")
        if any(title.get_text() == name for title in tabs.select(".filename"))
    )
    titles = []
    for sibling in tabs.find_previous_siblings():
        if "admonition" not in (sibling.get("class") or []):
            break
        titles.append(sibling.select_one(".admonition-title").get_text(strip=True))
    return titles


@pytest.mark.parametrize("script", revisions.scripts()[1:], ids=revisions.stem)
def test_a_revision_says_what_a_reader_must_know_before_its_code(site: Path, script) -> None:
    """What it costs on a large table (measured by make bench), and whether Hyperion's start-up runs it today."""
    titles = said_before(site, script)
    risky = bool(measures.risks(measures.of_revision(revisions.stem(script))))
    assert ("À éviter sur une grande table" in titles) == risky, titles
    assert ("Pas encore au démarrage d'Hyperion" in titles) == revisions.commits_midway(script, "postgresql"), titles


@pytest.mark.parametrize("page", PAGES)
def test_an_output_shows_what_teaches_and_folds_what_was_printed(site: Path, page: str) -> None:
    """Under a command: the lines that teach (no routine line of Alembic), at most SHOWN_LINES; the whole real
    output, folded right after, holds them in the same order."""
    for excerpt in html_of(site, page).select("article div.guide-output"):
        after = excerpt.find_next_sibling()
        if after is None or after.name != "details" or "Sortie complète" not in after.summary.get_text():
            continue
        shown = excerpt.select_one("code").get_text().rstrip("\n").split("\n")
        printed = after.select_one("code").get_text().rstrip("\n").split("\n")
        assert not any(ROUTINE.match(line) for line in shown), f"docs/{page}: a routine line is shown"
        assert len(shown) <= SHOWN_LINES + 1 and len(shown) < len(printed) + (shown[-1] == "…")
        lines = iter(printed)
        assert all(line in lines for line in shown if line != "…"), f"docs/{page}: {shown} not in {printed}"
