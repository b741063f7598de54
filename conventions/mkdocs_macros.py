"""mkdocs-macros module: what the conventions add around the blocks of a page, and the ``revision`` macro.

- Every fenced block is shown as written (``{{ … }}`` in a workflow stays literal).
- Above a block with ``setup=``: its starting state, folded.
- Under a block with ``output=`` or ``norun=``: its output (a snapshot), or why it is not run.
- ``{{ revision("f306beed3e3e") }}`` expands to tabs that pymdownx.snippets fills from the
  files themselves: the revision, its data check, the SQL each database ran.
"""

import ast
import json
import os
import re
from pathlib import Path
from textwrap import indent

from markdown.extensions.toc import slugify
from mkdocs.exceptions import PluginError

from conventions import blocks, layout, revisions, snapshots
from conventions.layout import DOCS, ROOT, SNAPSHOTS, where

LONG_OUTPUT = 25  # lines: a longer output is folded
DIALECT_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def fence(language: str, title: str, included: str, hl_lines: str = "", output: bool = False) -> str:
    """A block that includes a generated or example file. It stays out of the search index (Material reads
    ``data-search-exclude``): results show the prose, and every page loads a lighter index. An ``output`` is
    drawn as a terminal, its long lines wrapped (``guide-output`` in docs/stylesheets/extra.css)."""
    lines = f' hl_lines="{hl_lines}"' if hl_lines else ""
    css = " .guide-output" if output else ""
    return f'```{{.{language}{css} title="{title}"{lines} data-search-exclude=""}}\n--8<-- "{included}"\n```'


# Module-level names that a reader skips: Alembic's identifiers, and what other tabs show
HEADER_NAMES = {"revision", "down_revision", "branch_labels", "depends_on", "POSTGRESQL_ONLY", "SQUAWK"}
WORK = re.compile(r"\b(op|batch_op)\.(?!get_)|\.execute\(")


def revision_parts(path: Path) -> tuple[tuple[int, int], tuple[int, int], list[int]]:
    """Line ranges (1-based, inclusive) of a revision file's header and body, and the body's lines to highlight.

    The header runs from the docstring to Alembic's identifiers (and the constants other
    tabs show); the body, from there to the end of the revision section. Highlighted:
    the lines of upgrade and downgrade that change the database (``op.``, ``execute(``).
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("# --8<-- [start:revision]") + 2
    end = lines.index("# --8<-- [end:revision]")
    module = ast.parse("\n".join(lines))
    header_end = max(
        node.end_lineno
        for node in module.body
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        and {getattr(target, "id", None) for target in getattr(node, "targets", [getattr(node, "target", None)])}
        & HEADER_NAMES
    )
    body_start = next(n for n in range(header_end + 1, end + 1) if lines[n - 1].strip())
    while not lines[end - 1].strip():
        end -= 1
    functions = [
        node for node in module.body if isinstance(node, ast.FunctionDef) and node.name in ("upgrade", "downgrade")
    ]
    highlighted = [
        n - body_start + 1
        for function in functions
        for n in range(function.lineno, function.end_lineno + 1)
        if WORK.search(lines[n - 1]) and not lines[n - 1].lstrip().startswith("#")
    ]
    return (start, header_end), (body_start, end), highlighted


def revision_tab(relative: str) -> str:
    """The revision as a reader wants it: upgrade and downgrade first, the header folded above, still copyable."""
    (head_from, head_to), (body_from, body_to), highlighted = revision_parts(ROOT / "examples" / relative)
    header = fence("python", f"{relative} (début)", f"{relative}:{head_from}:{head_to}")
    shown = f'??? quote "En-tête, imports et identifiants"\n\n{indent(header, "    ")}\n\n'
    lines = " ".join(str(n) for n in highlighted)
    return shown + fence("python", relative, f"{relative}:{body_from}:{body_to}", hl_lines=lines)


def tab(title: str, content: str) -> str:
    return f'=== "{title}"\n\n{indent(content, "    ")}\n'


def starting_state(block: blocks.Block) -> str:
    if not (name := block.attributes.get("setup")):
        return ""
    script = f"scenarios/{name}.sh"
    shown = fence("sh", f"examples/{script}", script)
    return indent('??? info "État de départ"\n\n' + indent(shown, "    "), block.indent) + "\n\n"


def shown_under(block: blocks.Block) -> str:
    if reason := block.attributes.get("norun"):
        return f"\n\n{block.indent}*Commande non exécutée par les tests\u00a0: {reason}.*"
    outputs = snapshots.block_outputs(block)
    if not outputs:
        return ""
    if block.kind == "python":  # the error of a failing block, on each dialect of raises
        errors = [
            (DIALECT_NAMES[dialect], fence("text", f"Erreur sur {DIALECT_NAMES[dialect]}", output, output=True))
            for dialect, output in zip(block.raises_on, outputs, strict=True)
        ]
        shown = "\n".join(tab(name, error) for name, error in errors) if len(errors) > 1 else errors[0][1]
    else:
        path = SNAPSHOTS / outputs[0]
        lines = path.read_text(encoding="utf-8").count("\n") if path.is_file() else 0
        shown = fence("text", "Sortie", outputs[0], output=True)
        if lines > LONG_OUTPUT:
            shown = f'??? quote "Sortie ({lines} lignes)"\n\n' + indent(shown, "    ")
    return "\n\n" + indent(shown, block.indent)


LOCK_NAMES = {
    "AccessShareLock": "ACCESS SHARE",
    "RowShareLock": "ROW SHARE",
    "RowExclusiveLock": "ROW EXCLUSIVE",
    "ShareUpdateExclusiveLock": "SHARE UPDATE EXCLUSIVE",
    "ShareLock": "SHARE",
    "ShareRowExclusiveLock": "SHARE ROW EXCLUSIVE",
    "ExclusiveLock": "EXCLUSIVE",
    "AccessExclusiveLock": "ACCESS EXCLUSIVE",
}


def seconds(value: float) -> str:
    return f"{value:.2f}".replace(".", ",") + "\u00a0s"


def french(text: str) -> str:
    """A sentence of code (a string of a revision) as the page prints it: non-breaking space before : ; ! ?"""
    return re.sub(r" ([:;!?])", "\u00a0\\1", text)


def squawk_verdict(script) -> list[str]:
    """squawk's findings on the revision's SQL (checked by tests/test_squawk.py), with the revision's reasons."""
    notes = getattr(script.module, "SQUAWK", {})
    if not notes:
        return ["squawk\u00a0: aucune alerte, hors les règles écartées pour tout le projet (`examples/squawk.toml`)."]
    return ["squawk signale\u00a0:", ""] + [f"- `{rule}`\u00a0: {french(why)}" for rule, why in notes.items()]


def measures_tab(script) -> str:
    """What PostgreSQL did during the upgrade (snapshot of make bench), as a table, then squawk's verdict."""
    stem = revisions.stem(script)
    measured = json.loads((SNAPSHOTS / snapshots.measures(stem)).read_text(encoding="utf-8"))
    rows = f"{measured['rows']:,}".replace(",", "\u202f")
    lines = [
        f"Pendant la montée, avec {rows} lignes dans `core_user`, une lecture et une écriture concurrentes\u00a0:",
        "",
        "| Table | Verrou le plus fort | Durée d'un verrou qui bloque les écritures | Table réécrite |",
        "| --- | --- | --- | --- |",
    ]
    for table, facts in measured["tables"].items():
        if table != "alembic_version":
            held = seconds(facts["blocking_seconds"]) if facts["blocking_seconds"] else "—"
            rewritten = "oui" if facts["rewritten"] else "non"
            lines.append(f"| `{table}` | `{LOCK_NAMES[facts['lock']]}` | {held} | {rewritten} |")
    if len(lines) == 4:
        lines.append("| — | aucun verrou observé (l'observateur lit les verrous toutes les 2 ms) | — | — |")
    lines += [
        "",
        f"Durée de la montée\u00a0: {seconds(measured['seconds'])}. Attente la plus longue d'une lecture\u00a0: "
        f"{seconds(measured['reader_max_seconds'])}, d'une écriture\u00a0: {seconds(measured['writer_max_seconds'])}.",
        "",
        conditions_line("revisions"),
        "",
        *squawk_verdict(script),
    ]
    return "\n".join(lines) + "\n"


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
    "slowest_batch": ("lot le plus lent", lambda value: milliseconds(value)),
    "writer_max": ("attente la plus longue d'une écriture concurrente", lambda value: milliseconds(value)),
}


def milliseconds(value: float) -> str:
    return (f"{value * 1000:.1f}" if value < 0.01 else f"{value * 1000:.0f}").replace(".", ",") + "\u00a0ms"


def number(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


def batch_strategies() -> str:
    """The large-table strategies measured by make bench: a table, the plot, and the targets."""
    measured = json.loads((SNAPSHOTS / snapshots.BATCHES).read_text(encoding="utf-8"))
    lines = [
        "| Base | Lignes | Stratégie | Durée, seule | Lot le plus lent | Durée avec l'écriture "
        "| Attente de l'écriture (p50 / p99 / max) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for result in measured["results"]:
        loaded, writer = "writer_max" in result, "— | —"
        if loaded:
            waits = " / ".join(milliseconds(result[key]) for key in ("writer_p50", "writer_p99", "writer_max"))
            writer = f"{seconds(result['seconds_with_writer'])} | {waits}"
        lines.append(
            f"| {DIALECT_NAMES[result['dialect']]} | {number(result['rows'])} | {STRATEGY_NAMES[result['strategy']]} "
            f"| {seconds(result['seconds'])} | {milliseconds(result['slowest_batch'])} | {writer} |"
        )
    lines += [
        "",
        f"Chaque chiffre est la médiane de {measured['repeat']} mesures.",
        "",
        f'--8<-- "{snapshots.BATCHES_PLOT}"',
        "",
        "Les cibles de la révision\u00a0:",
        "",
    ]
    for check in measured["verdict"]:
        name, show = TARGET_NAMES[check["target"]]
        met = "atteinte" if check["met"] else "**manquée**"
        lines.append(
            f"- {DIALECT_NAMES[check['dialect']]}, {name}\u00a0: {show(check['value'])} "
            f"(cible\u00a0: {show(check['limit'])} au plus), {met}."
        )
    lines += [
        "",
        conditions_line("batches", " et un fichier SQLite"),
    ]
    return "\n".join(lines) + "\n"


def shown_at(revision: str) -> tuple[str, str]:
    """The page that shows a revision's tabs, and the anchor of the heading above them."""
    for page in layout.pages():
        heading = ""
        for line in (DOCS / page).read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                heading = slugify(line.lstrip("#").strip().replace("`", ""), "-")
            if revision in revisions.PAGE_CALL.findall(line):
                return page, heading
    raise LookupError(f"no page shows the revision {revision} with {{{{ revision(...) }}}}")


def conditions_line(part: str, also: str = "") -> str:
    """Where and when make bench measured: the last line under every table of measures."""
    conditions = json.loads((SNAPSHOTS / snapshots.MEASURE_CONDITIONS).read_text(encoding="utf-8"))
    return (
        f"*Mesuré par `make bench` le {conditions['dates'][part]}, sur PostgreSQL {conditions['postgresql']} "
        f"(fsync {'activé' if conditions['fsync'] == 'on' else 'désactivé'}, "
        f"shared_buffers {conditions.get('shared_buffers', '128MB')}){also}, "
        f"{conditions['cores']} cœurs {conditions['cpu']}.*"
    )


def safety_table(page: str) -> str:
    """The schema changes measured one by one by make bench, as a table with a link to each recipe."""
    measured = json.loads((SNAPSHOTS / snapshots.OPERATIONS).read_text(encoding="utf-8"))
    lines = [
        f"Mesuré sur {number(measured['rows'])} lignes de `core_user`, une lecture et une écriture tournant à côté.",
        "",
        "| Opération | Verdict | Verrou le plus fort | Écritures bloquées | Table réécrite "
        "| Attente max. lecture / écriture | Durée | Recette |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for operation in measured["operations"]:
        label = french(operation["label"]) + (f"<br>*{french(operation['note'])}*" if operation["note"] else "")
        recipe = "—"
        if operation["recipe"]:
            target, anchor = shown_at(operation["recipe"])
            link = os.path.relpath(target, os.path.dirname(page) or ".")
            recipe = f"[`{operation['recipe']}`]({link}#{anchor})"
        blocked = seconds(operation["blocking_seconds"]) if operation["blocking_seconds"] else "—"
        waits = " / ".join(milliseconds(operation[key]) for key in ("reader_max_seconds", "writer_max_seconds"))
        lines.append(
            f"| {label} | {'**risqué**' if operation['risky'] else 'sans risque'} "
            f"| `{LOCK_NAMES[operation['lock']]}` | {blocked} "
            f"| {'oui' if operation['rewritten'] else 'non'} | {waits} | {seconds(operation['seconds'])} | {recipe} |"
        )
    lines += ["", conditions_line("operations")]
    return "\n".join(lines) + "\n"


def on_pre_page_macros(env) -> None:
    page = env.page.file.src_path
    try:
        blocks.page_blocks(page)  # the attributes of every block, checked on the file: an error names its line
    except blocks.BlockError as error:
        raise PluginError(str(error)) from None
    markdown, out, position = env.markdown, [], 0
    for block in blocks.parse(markdown, page):
        out += [markdown[position : block.start], starting_state(block)]
        out += ["{% raw %}", markdown[block.start : block.end], "{% endraw %}", shown_under(block)]
        position = block.end
    env.markdown = "".join([*out, markdown[position:]])


def define_env(env) -> None:
    env.conf["extra"]["verified_with"] = (SNAPSHOTS / snapshots.VERSIONS).read_text(encoding="utf-8").strip()
    env.macro(batch_strategies)

    env.macro(lambda: safety_table(env.page.file.src_path), "safety_table")

    @env.macro
    def measured(revision: str, figure: str, table: str = "core_user") -> str:
        """A figure of make bench for a revision, for prose: ``blocking`` (on ``table``), ``reader`` or ``writer``."""
        facts = json.loads((SNAPSHOTS / snapshots.measures(revisions.stem(revisions.find(revision)))).read_text())
        value = {
            "blocking": lambda: facts["tables"][table]["blocking_seconds"],
            "reader": lambda: facts["reader_max_seconds"],
            "writer": lambda: facts["writer_max_seconds"],
        }[figure]()
        return seconds(value)

    @env.macro
    def revision(revision: str) -> str:
        """Tabs: the revision file, its data check, the SQL run by SQLite and by PostgreSQL."""
        page = env.page.file.src_path
        source = (DOCS / page).read_text(encoding="utf-8").splitlines()
        place = where(page, next((n for n, text in enumerate(source, 1) if revision in text), None))
        try:
            script = revisions.find(revision)
        except LookupError as error:
            raise PluginError(f"{place}: {error}") from None
        relative = str(Path(script.path).relative_to(ROOT / "examples"))
        out = ""
        if only := revisions.postgresql_only(script):
            out += f'!!! postgresql "PostgreSQL uniquement"\n\n    {only}\n\n'
        out += tab("Révision", revision_tab(relative))
        out += tab("Vérification", fence("python", relative, f"{relative}:check"))
        for dialect in ("postgresql",) if only else ("sqlite", "postgresql"):
            shown = "\n\n".join(
                fence("sql", name, name)
                for name in (snapshots.sql(revisions.stem(script), dialect, d) for d in ("upgrade", "downgrade"))
            )
            out += tab(f"SQL {DIALECT_NAMES[dialect]}", shown + "\n")
        if script is not revisions.scripts()[0]:  # the first creates the schema: nothing to watch
            if not (SNAPSHOTS / snapshots.measures(revisions.stem(script))).is_file():
                raise PluginError(f"{place}: no measures of {revision} yet: run `make bench EXAMPLE={revision}`")
            out += tab("Mesures PostgreSQL", measures_tab(script))
        return out
