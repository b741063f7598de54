"""The site: strict build without warnings, expected sections, no VuePress left, links that resolve."""

import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import DOCS, ROOT, build

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
# site_url is !ENV [SITE_URL, default]: the build of the tests uses the default
SITE_PREFIX = urlsplit(CONFIG["site_url"][-1]).path

# Every page of the navigation, with the sections (h1 and h2) that it must render
EXPECTED_SECTIONS = {
    "index.md": ["Guide des migrations Alembic", "Introduction", "Vérifier les exemples", "Parcourir le guide"],
    "demarrage-rapide.md": [
        "Démarrage rapide",
        "Créer une migration",
        "Appliquer les migrations",
        "Voir l'état actuel",
    ],
    "commandes.md": [
        "Commandes Alembic essentielles",
        "Exécuter les migrations",
        "Créer des migrations",
        "Inspecter l'état et l'historique",
        "Réparer l'état d'Alembic",
    ],
    "bonnes-pratiques.md": [
        "Bonnes pratiques",
        "Suivre le processus recommandé",
        "Respecter les règles d'or",
        "Relire chaque migration générée",
        "Migrer les données",
        "Gérer les environnements",
        "Vérifier les migrations en CI",
        "Choisir des migrations sûres",
    ],
    "exemples/index.md": ["Exemples de migrations courantes", "Partir du schéma de base"],
    "exemples/enums.md": ["Gérer les enums", "Ajouter des valeurs à un Enum", "Réutiliser un Enum PostgreSQL existant"],
    "exemples/structure.md": [
        "Modifier la structure",
        "Ajouter une colonne avec contrainte",
        "Renommer une colonne",
        "Ajouter une contrainte sans bloquer les écritures",
    ],
    "exemples/relations.md": ["Relier des tables", "Ajouter une relation", "Créer une relation plusieurs-à-plusieurs"],
    "exemples/index-et-performance.md": [
        "Ajouter des index",
        "Optimiser les requêtes fréquentes",
        "Créer un index sans bloquer les écritures",
    ],
    "exemples/valeurs-par-defaut.md": ["Définir des valeurs par défaut", "Ajouter des valeurs par défaut côté serveur"],
    "hyperion.md": [
        "Migrer dans Hyperion",
        "Comprendre le démarrage d'Hyperion",
        "Connaître les limites de la transaction du démarrage",
        "Adopter le démarrage proposé",
        "Vérifier que les deux chemins donnent le même schéma",
        "Tester les migrations comme Hyperion",
        "Trouver la base visée par la commande alembic",
        "Développer sur PostgreSQL",
        "Tester une révision sur une base à la révision précédente",
        "Lister les migrations en attente",
        "Réconcilier deux révisions créées sur la même parente",
        "Comparer le projet d'exemple et Hyperion",
    ],
    "migrations-complexes.md": [
        "Migrations complexes",
        "Migrer sans interruption de service",
        "Migrer une grande table par lots",
        "Empêcher deux migrations simultanées",
    ],
    "resolution-de-problemes.md": [
        "Résolution de problèmes",
        "Corriger les erreurs courantes",
        "Déboguer une migration",
    ],
    "checklist.md": ["Checklist pré-production", "Vérifier avant le déploiement", "Consulter les références"],
}


def nav_pages() -> list[str]:
    def walk(items: list) -> list[str]:
        pages = []
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            pages.extend(walk(value) if isinstance(value, list) else [value])
        return pages

    return walk(CONFIG["nav"])


def html_of(site: Path, page: str) -> BeautifulSoup:
    path = site / (
        "index.html" if page == "index.md" else page.removesuffix(".md").removesuffix("/index") + "/index.html"
    )
    if page.endswith("/index.md"):
        path = site / page.removesuffix("index.md") / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_page_of_the_nav_is_checked() -> None:
    assert sorted(nav_pages()) == sorted(EXPECTED_SECTIONS)
    on_disk = sorted(str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md") if "snapshots" not in p.parts)
    assert on_disk == sorted(EXPECTED_SECTIONS), "a page exists on disk but not in the navigation"


@pytest.mark.parametrize("page", EXPECTED_SECTIONS)
def test_page_renders_its_sections(site: Path, page: str) -> None:
    content = html_of(site, page).select_one("article.md-content__inner")
    headings = [h.get_text(strip=True).removesuffix("¶") for h in content.select("h1, h2")]
    assert headings == EXPECTED_SECTIONS[page]
    for code in content.select("pre, code"):
        code.decompose()
    text = content.get_text()
    for leftover in ("{{", "{%", "--8<--", ":::", "@tab", "!!! ", "??? ", '=== "'):
        assert leftover not in text, f"unrendered {leftover!r} in {page}"


@pytest.mark.parametrize("page", EXPECTED_SECTIONS)
def test_no_vuepress_syntax_in_sources(page: str) -> None:
    source = (DOCS / page).read_text(encoding="utf-8")
    assert not re.search(r"^\s*:::", source, re.MULTILINE), "VuePress container"
    assert not re.search(r"^\s*@tab\b", source, re.MULTILINE), "VuePress tab"
    assert not re.search(r"^\s*```\w+ \[", source, re.MULTILINE), 'VuePress fence title: use title="…"'


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


def test_pages_have_an_edit_link(site: Path) -> None:
    link = html_of(site, "commandes.md").select_one("a.md-content__button")
    assert link["href"].endswith("/edit/main/docs/commandes.md")


def test_footer_gives_the_verified_versions(site: Path) -> None:
    footer = html_of(site, "index.md").select_one(".guide-verified-with").get_text(" ", strip=True)
    versions = (DOCS / "snapshots" / "versions.txt").read_text(encoding="utf-8").strip()
    assert footer == f"Exemples vérifiés avec {versions}."


@pytest.mark.parametrize(
    ("page", "line", "broken", "message"),
    [
        (
            "bonnes-pratiques.md",
            '--8<-- "errors/alter-column-sqlite.txt"',
            '--8<-- "errors/missing.txt"',
            "docs/bonnes-pratiques.md:{line}: the included file 'errors/missing.txt' does not exist",
        ),
        (
            "exemples/enums.md",
            '{{ revision("ba0022e5a923") }}',
            '{{ revision("0000deadbeef") }}',
            "docs/exemples/enums.md:{line}: revision '0000deadbeef' not found in examples/versions/",
        ),
    ],
    ids=["snippet", "revision-macro"],
)
def test_a_missing_file_fails_the_build_naming_page_and_line(
    tmp_path: Path, page: str, line: str, broken: str, message: str
) -> None:
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("mkdocs.yml", "docs", "examples", "overrides", "tests"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, copy / name)
    page_path = copy / "docs" / page
    text = page_path.read_text(encoding="utf-8")
    assert line in text
    page_path.write_text(text.replace(line, broken, 1), encoding="utf-8")
    line_number = text[: text.index(line)].count("\n") + 1
    result = build(copy, tmp_path / "site")
    assert result.returncode != 0
    assert message.format(line=line_number) in result.stdout + result.stderr


def test_code_blocks_render_literally(site: Path) -> None:
    """A workflow's ``${{ secrets.X }}`` reaches the page as written, not as a macro."""
    code = html_of(site, "bonnes-pratiques.md").select_one("div.language-yaml").get_text()
    assert "${{ github.ref }}" in code
