"""The measures of make bench as the pages show them: French numbers, tables, and the conditions of each run.

Every figure is read through guide.rules.measures; what a row of the safety table is comes from
examples/operations.toml (guide.rules.operations).
"""

import os
import posixpath
import re

from markdown.extensions.toc import slugify

from guide.rules import layout, measures, operations, revisions, snapshots
from guide.rules.layout import DOCS

DIALECT_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def seconds(value: float) -> str:
    return f"{value:.2f}".replace(".", ",") + "\u00a0s"


def milliseconds(value: float) -> str:
    return (f"{value * 1000:.1f}" if value < 0.01 else f"{value * 1000:.0f}").replace(".", ",") + "\u00a0ms"


def number(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


def french(text: str) -> str:
    """A sentence of code (a string of a revision) as the page prints it: non-breaking space before : ; ! ?"""
    return re.sub(r" ([:;!?])", "\u00a0\\1", text)


def conditions_line(conditions: measures.Conditions, also: str = "") -> str:
    """Where and when make bench measured: the last line under every table of measures."""
    return (
        f"*Mesuré par `make bench` le {conditions.date}, sur PostgreSQL {conditions.postgresql} "
        f"(fsync {'activé' if conditions.fsync == 'on' else 'désactivé'}, "
        f"shared_buffers {conditions.shared_buffers}){also}, {conditions.cores} cœurs {conditions.cpu}.*"
    )


def squawk_verdict(script) -> list[str]:
    """squawk's findings on the revision's SQL (checked by tests/revisions/test_squawk.py), with its reasons."""
    notes = getattr(script.module, "SQUAWK", {})
    if not notes:
        return ["squawk\u00a0: aucune alerte, hors les règles écartées pour tout le projet (`examples/squawk.toml`)."]
    return ["squawk signale\u00a0:", ""] + [f"- `{rule}`\u00a0: {french(why)}" for rule, why in notes.items()]


def measures_tab(script) -> str:
    """What PostgreSQL did during the upgrade (snapshot of make bench), as a table, then squawk's verdict."""
    measured = measures.of_revision(revisions.stem(script))
    lines = [
        f"Pendant la montée, avec {number(measured.conditions.rows)} lignes dans `core_user`, une lecture et "
        "une écriture concurrentes\u00a0:",
        "",
        "| Table | Verrou le plus fort | Durée d'un verrou qui bloque les écritures | Table réécrite |",
        "| --- | --- | --- | --- |",
    ]
    for table, facts in measured.tables.items():
        if table != "alembic_version":
            held = seconds(facts.blocking_seconds) if facts.blocking_seconds else "—"
            rewritten = "oui" if facts.rewritten else "non"
            lines.append(f"| `{table}` | `{measures.lock_name(facts.lock)}` | {held} | {rewritten} |")
    if len(lines) == 4:
        lines.append("| — | aucun verrou observé (l'observateur lit les verrous toutes les 2 ms) | — | — |")
    lines += [
        "",
        f"Durée de la montée\u00a0: {seconds(measured.seconds)}. Attente la plus longue d'une lecture\u00a0: "
        f"{seconds(measured.reader_max_seconds)}, d'une écriture\u00a0: {seconds(measured.writer_max_seconds)}.",
        "",
        conditions_line(measured.conditions),
        "",
        *squawk_verdict(script),
    ]
    return "\n".join(lines) + "\n"


def risk_label(script, page: str) -> str:
    """Above a revision that blocks writes, rewrites a table or stalls writers on a large table: what it cost."""
    if not measures.path_of(snapshots.measures(revisions.stem(script))).is_file():
        return ""  # the first creates the schema; a new one is not measured yet (the macro says so)
    measured = measures.of_revision(revisions.stem(script))
    found = measures.risks(measured)
    if not found:
        return ""
    costs = []
    if "blocked" in found:
        costs.append(f"écritures bloquées {duration(found['blocked'])}")
    if "rewritten" in found:
        costs.append("table réécrite (" + ", ".join(f"`{name}`" for name in found["rewritten"]) + ")")
    if "writer" in found:
        costs.append(f"une écriture a attendu {duration(found['writer'])}")
    table = os.path.relpath("bonnes-pratiques.md", os.path.dirname(page) or ".")
    listed = "\u00a0; ".join(costs)
    return (
        '!!! danger "À éviter sur une grande table"\n\n'
        f"    Mesuré sur {number(measured.conditions.rows)} lignes de `core_user`\u00a0: {listed}. "
        f"La façon sûre de chaque opération\u00a0: [Mesurer chaque opération]({table}#mesurer-chaque-operation).\n\n"
    )


def measured(revision: str, figure: str, table: str = "core_user") -> str:
    """A figure of make bench for a revision, for prose: ``blocking`` (on ``table``), ``reader`` or ``writer``."""
    facts = measures.of_revision(revisions.stem(revisions.find(revision)))
    value = {
        "blocking": lambda: facts.tables[table].blocking_seconds,
        "reader": lambda: facts.reader_max_seconds,
        "writer": lambda: facts.writer_max_seconds,
    }[figure]()
    return seconds(value)


STRATEGY_NAMES = {
    "single": "un seul `UPDATE`",
    "rescan": "lots par `WHERE processed IS NULL`",
    "walk": "lots par la clé primaire, ou le rowid sur SQLite (la révision)",
}
TARGET_NAMES = {
    "ratio_to_single": ("durée rapportée à un seul `UPDATE`", lambda value: f"{value:.2f}".replace(".", ",")),
    "growth": (
        "croissance de la durée, du plus petit au plus grand nombre de lignes",
        lambda value: "\u00d7" + f"{value:.1f}".replace(".", ","),
    ),
    "slowest_batch": ("lot le plus lent", milliseconds),
    "writer_max": ("attente la plus longue d'une écriture concurrente", milliseconds),
}


def batch_strategies() -> str:
    """The large-table strategies measured by make bench: a table, the plot, and the targets."""
    measured = measures.batches()
    lines = [
        "| Base | Lignes | Stratégie | Durée, seule | Lot le plus lent | Durée avec l'écriture "
        "| Attente de l'écriture (p50 / p99 / max) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for run in measured.results:
        writer = "— | —"
        if run.writer_max is not None:
            waits = " / ".join(milliseconds(value) for value in (run.writer_p50, run.writer_p99, run.writer_max))
            writer = f"{seconds(run.seconds_with_writer)} | {waits}"
        lines.append(
            f"| {DIALECT_NAMES[run.dialect]} | {number(run.rows)} | {STRATEGY_NAMES[run.strategy]} "
            f"| {seconds(run.seconds)} | {milliseconds(run.slowest_batch)} | {writer} |"
        )
    lines += [
        "",
        f"Chaque chiffre est la médiane de {measured.repeat} mesures.",
        "",
        f'--8<-- "{snapshots.BATCHES_PLOT}"',
        "",
        "Les cibles de la révision\u00a0:",
        "",
    ]
    for check in measured.verdict:
        name, show = TARGET_NAMES[check.target]
        met = "atteinte" if check.met else "**manquée**"
        lines.append(
            f"- {DIALECT_NAMES[check.dialect]}, {name}\u00a0: {show(check.value)} "
            f"(cible\u00a0: {show(check.limit)} au plus), {met}."
        )
    lines += ["", conditions_line(measured.conditions, " et un fichier SQLite")]
    return "\n".join(lines) + "\n"


def shown_at(revision: str) -> tuple[str, str, str]:
    """The page that shows a revision's tabs, and the anchor and text of the heading above them."""
    for page in layout.pages():
        section = heading = ""
        for line in (DOCS / page).read_text(encoding="utf-8").splitlines():
            if line.startswith("## "):
                section = heading = line.removeprefix("## ").strip()
            elif line.startswith("#"):
                heading = line.lstrip("#").strip()
            if revision in revisions.PAGE_CALL.findall(line):
                # a step is named with its task: « Migrer sans interruption de service, étape 1 : préparer »
                named = f"{section}, {heading[0].lower()}{heading[1:]}" if heading.startswith("Étape") else heading
                return page, slugify(heading.replace("`", ""), "-"), named
    raise LookupError(f"no page shows the revision {revision} with {{{{ revision(...) }}}}")


def duration(value: float) -> str:
    """A short time as a reader compares them: milliseconds under a second, else seconds."""
    return milliseconds(value) if value < 1 else seconds(value)


def verdict(result: measures.OperationMeasures) -> str:
    """What a reader must know of an operation: safe or not, and how long it kept writes out."""
    blocked = f"écritures bloquées {duration(result.blocking_seconds)}" if result.blocking_seconds else "rien de bloqué"
    rewritten = ", table réécrite" if result.rewritten else ""
    return f"{'**À éviter**' if result.risky else 'Sûr'}\u00a0: {blocked}{rewritten}"


def link_to_revision(revision: str, from_page: str) -> str:
    """An address, relative to ``from_page`` as the browser resolves it, of the section that shows a revision.

    For raw HTML (a diagram), which MkDocs does not rewrite: Markdown links name the ``.md`` file instead.
    """
    page, anchor, _ = shown_at(revision)
    relative = posixpath.relpath("/" + layout.address(page), "/" + layout.address(from_page))
    return ("" if relative == "." else relative + "/") + f"#{anchor}"


def safety_table(page: str) -> str:
    """The schema changes measured one by one by make bench: the operation, its verdict, the recipe.

    Three columns, that fit a phone's width: the locks, waits and durations of each revision are
    in its tab « Mesures PostgreSQL », one click away.
    """
    measured = measures.operations()
    by_key = {result.key: result for result in measured.operations}
    lines = [
        f"Mesuré sur {number(measured.conditions.rows)} lignes de `core_user`, une lecture et une écriture "
        "tournant à côté.",
        "",
        "| Opération | Verdict mesuré | Recette |",
        "| --- | --- | --- |",
    ]
    for operation in operations.load():
        result = by_key.get(operation.key)
        if result is None:
            raise LookupError(f"{operation.key} is not measured yet: run `make bench ONLY=operations`")
        label = french(operation.label) + (f"<br>*{french(operation.note)}*" if operation.note else "")
        recipe = "—"
        if operation.recipe:
            target, anchor, heading = shown_at(operation.recipe)
            link = os.path.relpath(target, os.path.dirname(page) or ".")
            recipe = f"[{heading}]({link}#{anchor})"
        lines.append(f"| {label} | {verdict(result)} | {recipe} |")
    lines += ["", conditions_line(measured.conditions)]
    return "\n".join(lines) + "\n"
