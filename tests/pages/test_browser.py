"""The built site in a real browser: Playwright driving Debian's Chromium, on the site served from localhost.

Every page, in the light and the dark theme: no console error, no request leaving
localhost, a screenshot (kept in screenshots/, for a reader's eye and the CI's
artifacts), and axe-core (bundled by axe-playwright-python) with folded sections
opened: no serious or critical violation. Then what a reader does: switch tabs, toggle
the theme, copy a block, search in French.

Chromium comes from ``apt-get install chromium``, which make installs (guide/harness/browser.py).
Without it the tests are skipped, and fail under ``CI=true``.
"""

import contextlib
import itertools
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from guide.harness.browser import url_of
from guide.rules import layout
from guide.rules.layout import ROOT

axe_api = pytest.importorskip("axe_playwright_python.sync_playwright")

SCREENSHOTS = ROOT / "screenshots"
PAGES = layout.pages()
THEMES = ("light", "dark")


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The folder of the screenshots, less those of pages gone (each worker of -n writes its own files)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    wanted = {screenshot_name(page, theme) for page in PAGES for theme in THEMES}
    for path in SCREENSHOTS.iterdir():
        if path.name not in wanted:
            path.unlink(missing_ok=True)
    return SCREENSHOTS


def screenshot_name(page: str, theme: str) -> str:
    return page.removesuffix(".md").replace("/", "-") + f"-{theme}.jpg"


@contextlib.contextmanager
def opened(browser, base_url: str, page: str, theme: str = "light", **options) -> Iterator:
    """A page loaded in a fresh context; ``page.problems`` lists console errors and requests leaving localhost."""
    options.setdefault("viewport", {"width": 1280, "height": 900})
    context = browser.new_context(color_scheme=theme, **options)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
    tab.on("pageerror", lambda error: problems.append(f"error: {error}"))
    host = urlsplit(base_url).netloc

    def check_request(request) -> None:
        address = urlsplit(request.url)
        if address.scheme in ("http", "https") and address.netloc != host:
            problems.append(f"request leaving localhost: {request.url}")

    tab.on("request", check_request)
    tab.goto(url_of(base_url, page), wait_until="networkidle")
    tab.problems = problems
    try:
        yield tab
    finally:
        context.close()


def open_folded_sections(tab) -> None:
    tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")


# What a reader must be able to read: the code of every block, tabs and folds included, and each tab set's labels
LAYOUT = """() => {
    const style = document.createElement('style');
    style.textContent = '.tabbed-set > .tabbed-content > .tabbed-block { display: block !important; }';
    document.head.append(style);
    document.querySelectorAll('details').forEach(d => d.open = true);
    const cut = [...document.querySelectorAll('article pre > code')]
        .filter(code => code.scrollWidth > code.clientWidth + 1)
        .map(code => (code.closest('.highlight').querySelector('.filename') || {innerText: '?'}).innerText);
    const repeated = [...document.querySelectorAll('.tabbed-set')]
        .map(set => [...set.querySelectorAll(':scope > .tabbed-labels > label')].map(label => label.innerText.trim()))
        .filter(labels => new Set(labels).size !== labels.length);
    style.remove();
    return {cut, repeated};
}"""
# The width of a table against its column, and the size the smallest text of each diagram is drawn at
WIDTHS = """() => ({
    tables: [...document.querySelectorAll('article table')].map(table =>
        [table.rows[0].innerText, table.scrollWidth, table.closest('article').clientWidth]),
    diagrams: [...document.querySelectorAll('article svg.guide-diagram')].map(svg => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return Math.min(...[...svg.querySelectorAll('text')].map(text => scale * text.getAttribute('font-size')));
    }),
})"""

# Material's own switch to the dark theme: what a reader clicks, and what a reader whose system prefers dark gets
DARK_TOGGLE = "label[for='__palette_1']"


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_clean_and_passes_axe(browser, base_url: str, screenshots: Path, page: str) -> None:
    """Loaded once; checked in the light theme, then again after switching to the dark one."""
    with opened(browser, base_url, page, "light") as tab:
        assert tab.problems == [], f"docs/{page}: {tab.problems}"
        assert tab.get_attribute("html", "lang") == "fr"
        for theme in THEMES:
            if theme == "dark":
                tab.locator(DARK_TOGGLE).first.click()
                assert tab.get_attribute("body", "data-md-color-scheme") == "slate"
            open_folded_sections(tab)
            tab.screenshot(path=screenshots / screenshot_name(page, theme), full_page=True, type="jpeg", quality=80)
            results = axe_api.Axe().run(tab)
            serious = [
                f"{violation['id']} ({violation['impact']}): {node['target']} {node.get('failureSummary', '')[:200]}"
                for violation in results.response["violations"]
                if violation["impact"] in ("serious", "critical")
                for node in violation["nodes"]
            ]
            assert serious == [], f"docs/{page} ({theme}):\n" + "\n".join(serious)
            assert tab.problems == [], f"docs/{page} ({theme}): {tab.problems}"
        drawn = tab.evaluate(LAYOUT)
        assert drawn["cut"] == [], f"docs/{page}: code cut at 1280 px in {drawn['cut']}"
        assert drawn["repeated"] == [], f"docs/{page}: tab sets with a label twice: {drawn['repeated']}"
        headings = tab.eval_on_selector_all(
            "article h1, article h2, article h3, article h4", "hs => hs.map(h => +h.tagName[1])"
        )
        skipped = [(a, b) for a, b in itertools.pairwise(headings) if b > a + 1]
        assert skipped == [], f"docs/{page}: a heading level is skipped: {skipped}"
        without_alt = tab.eval_on_selector_all(
            "article img:not([alt]), article svg[role=img]:not([aria-labelledby]):not([aria-label])", "es => es.length"
        )
        assert without_alt == 0, f"docs/{page}: {without_alt} pictures without a text alternative"


SAFETY_TABLE = "bonnes-pratiques.md"
WITH_DIAGRAMS = [page for page in PAGES if "diagrams/" in (ROOT / "docs" / page).read_text(encoding="utf-8")]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_safety_table_fits_its_column(browser, base_url: str, width: int) -> None:
    with opened(browser, base_url, SAFETY_TABLE, viewport={"width": width, "height": 900}) as tab:
        [(_, wide, column)] = [table for table in tab.evaluate(WIDTHS)["tables"] if "Verdict" in table[0]]
    assert wide <= column, f"at {width} px, the safety table is {wide} px wide in {column} px"


@pytest.mark.parametrize("page", WITH_DIAGRAMS)
def test_diagram_text_is_legible_on_a_phone(browser, base_url: str, page: str) -> None:
    with opened(browser, base_url, page, viewport={"width": 390, "height": 900}) as tab:
        smallest = tab.evaluate(WIDTHS)["diagrams"]
    assert smallest and min(smallest) >= 11 - 0.01, f"docs/{page}: diagram text drawn at {smallest} px at 390 px"


def test_linked_tabs_switch_together(browser, base_url: str) -> None:
    with opened(browser, base_url, "exemples/enums.md") as tab:
        sets = tab.locator(".tabbed-set")
        assert sets.count() >= 2
        sets.nth(0).get_by_text("SQL PostgreSQL", exact=True).click()
        labels = tab.evaluate(
            """() => [...document.querySelectorAll('.tabbed-set')].slice(0, 2).map(set => {
                const checked = set.querySelector(':scope > input:checked');
                return set.querySelector(`label[for="${checked.id}"]`).innerText.trim();
            })"""
        )
        assert labels == ["SQL PostgreSQL", "SQL PostgreSQL"], labels
        assert sets.nth(0).locator(".tabbed-block").nth(3).is_visible()


def test_dark_mode_toggles(browser, base_url: str) -> None:
    with opened(browser, base_url, "index.md", "light") as tab:
        assert tab.get_attribute("body", "data-md-color-scheme") == "default"
        tab.locator(DARK_TOGGLE).first.click()
        assert tab.get_attribute("body", "data-md-color-scheme") == "slate"


def test_copy_button_copies_what_the_block_shows(browser, base_url: str) -> None:
    with opened(browser, base_url, "commandes.md", permissions=["clipboard-read", "clipboard-write"]) as tab:
        block = tab.locator("article div.language-bash").filter(visible=True).first
        shown = block.locator("code").inner_text()
        block.hover()
        block.locator("button.md-code__button[data-md-type='copy']").click()
        copied = tab.evaluate("navigator.clipboard.readText()")
        assert copied.rstrip("\n") == shown.rstrip("\n")


# A reader's query -> the section it must find first, with teasers in prose
SEARCHES = {
    "migrer les données": "bonnes-pratiques/#migrer-les-donnees",
    "index partiel": "exemples/index-et-performance/#creer-un-index-composite-ou-partiel",
    "downgrade": "commandes/#annuler-une-migration-downgrade",
    "verrou": "migrations-complexes/#borner-lattente-des-verrous",
    "enum": "exemples/enums/#ajouter-des-valeurs-a-un-enum",
    "Target database is not up to date.": "resolution-de-problemes/#target-database-is-not-up-to-date",
    "ajouter une colonne NOT NULL": "exemples/structure/#ajouter-une-colonne-not-null",
    "plusieurs têtes": "resolution-de-problemes/#fusionner-plusieurs-tetes-multiple-head-revisions-are-present",
    "stamp": "commandes/#marquer-une-base-a-une-revision-stamp",
}
FIRST_PAGES = 3
CODE_TEASER = ("def ", "import ", "alembic ", "INFO  [", "$ ", "op.", "ALTER ", "CREATE ", "from ")


def search(tab, query: str) -> list[list[tuple[str, str]]]:
    """The results of a query typed in the search box: per page found, its (link, teaser) pairs."""
    box = tab.locator("input[data-md-component='search-query']")
    box.click()
    # Material says « Initialisation de la recherche » until its worker has loaded the index
    tab.wait_for_function(
        "() => !(document.querySelector('.md-search-result__meta') || {textContent: 'Initialisation'})"
        ".textContent.includes('Initialisation')"
    )
    box.press_sequentially(query, delay=10)  # Material searches on key presses, not on a pasted value
    tab.wait_for_selector(".md-search-result__item")
    return tab.eval_on_selector_all(
        "li.md-search-result__item",
        """items => items.map(item => [...item.querySelectorAll('a.md-search-result__link')].map(a => {
            const article = a.querySelector('article').cloneNode(true);
            article.querySelectorAll('h1, h2, .md-search-result__icon').forEach(node => node.remove());
            return [a.getAttribute('href'), article.innerText.trim()];
        }))""",
    )


def place(href: str) -> str:
    address = urlsplit(href)
    return address.path.lstrip("/") + (f"#{address.fragment}" if address.fragment else "")


@pytest.mark.parametrize(("query", "expected"), SEARCHES.items(), ids=list(SEARCHES))
def test_french_queries_find_the_right_section(browser, base_url: str, query: str, expected: str) -> None:
    with opened(browser, base_url, "index.md") as tab:
        found = [link for links in search(tab, query)[:FIRST_PAGES] for link in links]
    places = [place(href) for href, _ in found]
    sections = [found for found in places if "#" in found]
    assert sections[:1] == [expected], f"« {query} » : {expected} is not the first section found: {places}"
    for href, teaser in found:
        assert not teaser.startswith(CODE_TEASER), f"« {query} » : {place(href)} has a code teaser: {teaser[:80]!r}"
    print(f"\n« {query} » : " + " ; ".join(f"{place(href)} — {teaser[:50]!r}" for href, teaser in found))


# A reader's task -> the home page's link, and the title of the code block it must end on
TASKS = {
    "a NOT NULL column on a big table": ("obligatoire, sur une grande table", "versions/02e543633361_"),
    "a value of a PostgreSQL enum": ("ajouter une valeur à un enum", "versions/ba0022e5a923_"),
    "Multiple head revisions are present": ("fusionner plusieurs têtes", "Solution"),
}
FIRST_CODE = """() => {
    const heading = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    const code = [...document.querySelectorAll('article .highlight')].find(block =>
        block.checkVisibility() && block.getBoundingClientRect().top > heading.getBoundingClientRect().top);
    return [code.getBoundingClientRect().top, (code.querySelector('.filename') || {innerText: ''}).innerText];
}"""


@pytest.mark.parametrize("task", TASKS)
def test_a_task_is_one_click_and_one_screen_from_home(browser, base_url: str, task: str) -> None:
    """From the home page's first screen, one click on the task, and its code is on the first screen."""
    link, title = TASKS[task]
    with opened(browser, base_url, "index.md") as tab:
        found = tab.get_by_role("link", name=link, exact=True)
        assert found.first.bounding_box()["y"] < 900, f"« {link} » is not on the home page's first screen"
        found.first.click()
        tab.wait_for_load_state("networkidle")
        top, shown = tab.evaluate(FIRST_CODE)
    assert shown.startswith(title), f"{task}: the first code after the section is « {shown} »"
    assert top < 900, f"{task}: its code starts {top:.0f} px down, below the first screen"
