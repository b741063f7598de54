"""mkdocs-macros module: what the conventions add around the blocks of a page, and the ``revision`` macro.

- Every fenced block is shown as written (``{{ … }}`` in a workflow stays literal).
- Above a block with ``setup=``: its starting state, folded.
- Under a block with ``output=``: its output (a snapshot).
- ``{{ revision("f306beed3e3e") }}`` expands to tabs that pymdownx.snippets fills from the
  files themselves: the revision, its data check, the SQL each database ran, its measures.
- ``{{ safety_table() }}``, ``{{ batch_strategies() }}``, ``{{ measured(…) }}``: the measures of
  make bench (guide/site/tables.py).
"""

import ast
import os
import re
from pathlib import Path
from textwrap import indent

from mkdocs.exceptions import PluginError

from guide.rules import blocks, revisions, snapshots
from guide.rules.layout import DOCS, ROOT, SNAPSHOTS, where
from guide.site import tables
from guide.site.tables import DIALECT_NAMES

SHOWN_LINES = 8  # lines of an output shown under its command; the whole output is one click away
# What Alembic prints on every run, and that teaches nothing: the output shown leaves it out
ROUTINE = re.compile(
    r"^INFO  \[alembic\.runtime\.migration\] (Context impl |Will assume )"
    r"|^INFO  \[alembic\.runtime\.plugins\] setting up autogenerate plugin "
)


def fence(language: str, title: str, included: str, hl_lines: str = "", output: bool = False) -> str:
    """A block that includes a generated or example file. It stays out of the search index (Material reads
    ``data-search-exclude``): results show the prose, and every page loads a lighter index. An ``output`` is
    drawn as a terminal, its long lines wrapped (``guide-output`` in docs/stylesheets/extra.css)."""
    lines = f' hl_lines="{hl_lines}"' if hl_lines else ""
    css = " .guide-output" if output else ""
    return f'```{{.{language}{css} title="{title}"{lines} data-search-exclude=""}}\n--8<-- "{included}"\n```'


# Module-level names that a reader skips: Alembic's identifiers, and what other tabs show
HEADER_NAMES = {
    *("revision", "down_revision", "branch_labels", "depends_on"),
    *("POSTGRESQL_ONLY", "COMMITS_MIDWAY_ON", "SQUAWK"),
}
WORK = re.compile(r"\b(op|batch_op)\.(?!get_)|\.execute\(")
# What makes a recipe safe on a large PostgreSQL table, or safe to run again: the lines a reader must not miss
SAFE = re.compile(
    r"autocommit_block|concurrently=True|CONCURRENTLY|NOT VALID|VALIDATE CONSTRAINT|ADD VALUE|USING INDEX"
    r"|LIMIT :|IF (NOT )?EXISTS|if_exists=True"
)


def revision_parts(text: str) -> tuple[tuple[int, int], tuple[int, int], list[int]]:
    """Line ranges (1-based, inclusive) of a revision's header and body, and the body's lines to highlight.

    The header runs from the docstring to Alembic's identifiers (and the constants other
    tabs show); the body, from there to the end of the revision section. Highlighted: the
    lines that make the recipe safe (``SAFE``), or, in a revision that has none, the lines of
    upgrade and downgrade that change the database (``op.``, ``execute(``).
    """
    lines = text.splitlines()
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
    code = {n for n in range(body_start, end + 1) if not lines[n - 1].lstrip().startswith("#")}
    highlighted = [n for n in sorted(code) if SAFE.search(lines[n - 1])] or [
        n
        for function in functions
        for n in range(function.lineno, function.end_lineno + 1)
        if n in code and WORK.search(lines[n - 1])
    ]
    highlighted = [n - body_start + 1 for n in highlighted]
    return (start, header_end), (body_start, end), highlighted


def shown_view(text: str) -> str:
    """What the page shows of a revision's PostgreSQL view: its body (the snapshot ``views/…``)."""
    view = revisions.postgresql_view(text)
    _, (body_from, body_to), _ = revision_parts(view)
    return "\n".join(view.splitlines()[body_from - 1 : body_to]) + "\n"


def highlighted_lines(text: str) -> str:
    return " ".join(str(n) for n in revision_parts(text)[2])


def revision_tab(script, relative: str) -> str:
    """The revision as a reader wants it: upgrade and downgrade first, the header folded above, still copyable.

    A revision that branches on the dialect shows its PostgreSQL view first (a snapshot: what Hyperion runs in
    production); the whole file, SQLite branch included, is folded under it.
    """
    text = (ROOT / "examples" / relative).read_text(encoding="utf-8")
    (head_from, head_to), (body_from, body_to), _ = revision_parts(text)
    header = fence("python", f"{relative} (début)", f"{relative}:{head_from}:{head_to}")
    shown = f'??? quote "En-tête, imports et identifiants"\n\n{indent(header, "    ")}\n\n'
    whole = fence("python", relative, f"{relative}:{body_from}:{body_to}", hl_lines=highlighted_lines(text))
    if not revisions.has_a_postgresql_view(script):
        return shown + whole
    view = revisions.postgresql_view(text)
    on_postgresql = fence(
        "python",
        f"{relative}, sur PostgreSQL",
        snapshots.view(revisions.stem(script)),
        hl_lines=highlighted_lines(view),
    )
    return (
        shown
        + on_postgresql
        + f'\n\n??? quote "La révision entière, avec sa branche SQLite"\n\n{indent(whole, "    ")}'
    )


def tab(title: str, content: str, first: bool = False) -> str:
    """A tab; ``first`` starts a set of its own (``===!``), even right after another set."""
    return f'==={"!" if first else ""} "{title}"\n\n{indent(content, "    ")}\n'


def starting_state(block: blocks.Block) -> str:
    if not (name := block.attributes.get("setup")):
        return ""
    script = f"scenarios/{name}.sh"
    shown = fence("sh", f"examples/{script}", script)
    return indent('??? info "État de départ"\n\n' + indent(shown, "    "), block.indent) + "\n\n"


def shown_under(block: blocks.Block) -> str:
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
        shown = command_output(outputs[0])
    return "\n\n" + indent(shown, block.indent)


def command_output(output: str) -> str:
    """Under a command: its output, less Alembic's routine lines and cut at SHOWN_LINES lines; then, folded,
    the whole output as the command printed it (the snapshot, included)."""
    path = SNAPSHOTS / output
    if not path.is_file():  # the include check (guide/site/hooks.py) names the page, the line and the fix
        return fence("text", "Sortie", output, output=True)
    printed = path.read_text(encoding="utf-8").splitlines()
    taught = [line for line in printed if not ROUTINE.match(line)]
    if not taught or len(taught) == len(printed) <= SHOWN_LINES:  # nothing to leave out, or nothing else to show
        return fence("text", "Sortie", output, output=True)
    shown = taught[:SHOWN_LINES] + (["…"] if len(taught) > SHOWN_LINES else [])
    excerpt = "{% raw %}" + '```{.text .guide-output title="Sortie" data-search-exclude=""}\n'
    excerpt += "\n".join(shown) + "\n```{% endraw %}"
    whole = fence("text", "Sortie complète", output, output=True)
    return f'{excerpt}\n\n??? quote "Sortie complète ({len(printed)} lignes)"\n\n' + indent(whole, "    ")


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
    env.macro(tables.batch_strategies)
    env.macro(tables.measured)
    env.macro(lambda: tables.safety_table(env.page.file.src_path), "safety_table")

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
        out = tables.risk_label(script, page)  # before the code: what it costs on a large table
        if revisions.commits_midway(script, "postgresql"):  # above the code: before a reader copies it
            hyperion = os.path.relpath("hyperion.md", os.path.dirname(page) or ".")
            out += (
                f'!!! warning "Pas encore au démarrage d\'Hyperion"\n\n'
                f"    Cette révision valide une partie de son travail (`autocommit_block()`) : le démarrage "
                f"d'Hyperion, tel qu'il est aujourd'hui, échoue sur elle. Adoptez d'abord "
                f"[le démarrage proposé]({hyperion}#adopter-le-demarrage-propose).\n\n"
            )
        if only := revisions.postgresql_only(script):
            out += f'!!! postgresql "PostgreSQL uniquement"\n\n    {only}\n\n'
        out += tab("Révision", revision_tab(script, relative), first=True)  # two revisions in a row: two sets
        out += tab("Vérification", fence("python", relative, f"{relative}:check"))
        for dialect in reversed(revisions.dialects(script)):  # SQLite's tab, then PostgreSQL's
            shown = "\n\n".join(
                fence("sql", name, name)
                for name in (snapshots.sql(revisions.stem(script), dialect, d) for d in ("upgrade", "downgrade"))
            )
            out += tab(f"SQL {DIALECT_NAMES[dialect]}", shown + "\n")
        if script is not revisions.scripts()[0]:  # the first creates the schema: nothing to watch
            if not (SNAPSHOTS / snapshots.measures(revisions.stem(script))).is_file():
                raise PluginError(f"{place}: no measures of {revision} yet: run `make bench EXAMPLE={revision}`")
            out += tab("Mesures PostgreSQL", tables.measures_tab(script))
        return out
