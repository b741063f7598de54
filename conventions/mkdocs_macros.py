"""mkdocs-macros module: what the conventions add around the blocks of a page, and the ``revision`` macro.

- Every fenced block is shown as written (``{{ … }}`` in a workflow stays literal).
- Above a block with ``setup=``: its starting state, folded.
- Under a block with ``output=`` or ``norun=``: its output (a snapshot), or why it is not run.
- ``{{ revision("f306beed3e3e") }}`` expands to tabs that pymdownx.snippets fills from the
  files themselves: the revision, its data check, the SQL each database ran.
"""

from pathlib import Path
from textwrap import indent

from mkdocs.exceptions import PluginError

from conventions import blocks, revisions, snapshots
from conventions.layout import DOCS, ROOT, SNAPSHOTS, where

LONG_OUTPUT = 25  # lines: a longer output is folded
DIALECT_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def fence(language: str, title: str, included: str) -> str:
    return f'```{language} title="{title}"\n--8<-- "{included}"\n```'


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
            (DIALECT_NAMES[dialect], fence("text", f"Erreur sur {DIALECT_NAMES[dialect]}", output))
            for dialect, output in zip(block.raises_on, outputs, strict=True)
        ]
        shown = "\n".join(tab(name, error) for name, error in errors) if len(errors) > 1 else errors[0][1]
    else:
        path = SNAPSHOTS / outputs[0]
        lines = path.read_text(encoding="utf-8").count("\n") if path.is_file() else 0
        shown = fence("text", "Sortie", outputs[0])
        if lines > LONG_OUTPUT:
            shown = f'??? quote "Sortie ({lines} lignes)"\n\n' + indent(shown, "    ")
    return "\n\n" + indent(shown, block.indent)


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

    @env.macro
    def revision(revision: str) -> str:
        """Tabs: the revision file, its data check, the SQL run by SQLite and by PostgreSQL."""
        try:
            script = revisions.find(revision)
        except LookupError as error:
            page = env.page.file.src_path
            source = (DOCS / page).read_text(encoding="utf-8").splitlines()
            line = next((n for n, text in enumerate(source, 1) if revision in text), None)
            raise PluginError(f"{where(page, line)}: {error}") from None
        relative = str(Path(script.path).relative_to(ROOT / "examples"))
        out = ""
        if only := revisions.postgresql_only(script):
            out += f'!!! postgresql "PostgreSQL uniquement"\n\n    {only}\n\n'
        out += tab("Révision", fence("python", relative, f"{relative}:revision"))
        out += tab("Vérification", fence("python", relative, f"{relative}:check"))
        for dialect in ("postgresql",) if only else ("sqlite", "postgresql"):
            shown = "\n\n".join(
                fence("sql", name, name)
                for name in (snapshots.sql(revisions.stem(script), dialect, d) for d in ("upgrade", "downgrade"))
            )
            out += tab(f"SQL {DIALECT_NAMES[dialect]}", shown + "\n")
        return out
