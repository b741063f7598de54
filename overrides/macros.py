"""mkdocs-macros module: the ``revision`` macro, the versions of the footer, literal code blocks.

``{{ revision("f306beed3e3e") }}`` expands to content tabs that pymdownx.snippets
fills from the files themselves: the revision, its data check, and the SQL that
each database ran (snapshots written by tests/test_revisions.py).
"""

import ast
import re
from pathlib import Path
from textwrap import indent

ROOT = Path(__file__).resolve().parent.parent
VERSIONS = ROOT / "examples" / "versions"
SNAPSHOTS = ROOT / "docs" / "snapshots"


def revision_file(revision: str, page_path: Path | None) -> Path:
    matches = sorted(VERSIONS.glob(f"{revision}_*.py"))
    if len(matches) != 1:
        where = "?"
        if page_path:
            lines = page_path.read_text(encoding="utf-8").splitlines()
            line = next((n for n, text in enumerate(lines, 1) if revision in text), 0)
            where = f"{page_path.relative_to(ROOT)}:{line}"
        raise ValueError(f"{where}: revision {revision!r} not found in examples/versions/ (no file {revision}_*.py)")
    return matches[0]


def module_constant(path: Path, name: str) -> str | None:
    """A string constant of the revision module, read without importing it."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    return None


def code_tab(title: str, language: str, file_title: str, snippet: str) -> str:
    fence = f'```{language} title="{file_title}"\n--8<-- "{snippet}"\n```\n'
    return f'=== "{title}"\n\n{indent(fence, "    ")}\n'


def sql_tab(title: str, dialect: str, stem: str) -> str:
    body = ""
    for direction in ("upgrade", "downgrade"):
        name = f"sql/{stem}/{dialect}-{direction}.sql"
        body += f'```sql title="{name}"\n--8<-- "{name}"\n```\n\n'
    return f'=== "{title}"\n\n{indent(body, "    ")}'


FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)(?P<info>.*?)$.*?^(?P=indent)(?P=fence)[ \t]*$", re.M | re.S
)
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
LONG_OUTPUT = 25  # lines: a longer output is folded


def command_output(page: str, indent: str, info: str) -> str:
    """What follows a command block: its output (a snapshot), or why the tests do not run it."""
    attributes = dict(ATTRIBUTE.findall(info))
    if reason := attributes.get("norun"):
        return f"\n\n{indent}*Commande non exécutée par les tests\u00a0: {reason}.*"
    if not (name := attributes.get("output")):
        return ""
    snapshot = f"commands/{page.removesuffix('.md')}/{name}.txt"
    path = SNAPSHOTS / snapshot
    lines = path.read_text(encoding="utf-8").count("\n") if path.is_file() else 0
    fence = f'```text title="Sortie"\n--8<-- "{snapshot}"\n```'
    if lines > LONG_OUTPUT:
        return "\n\n" + indent + f'??? quote "Sortie ({lines} lignes)"\n\n' + indent_text(fence, indent + "    ")
    return "\n\n" + indent_text(fence, indent)


def starting_state(indent: str, info: str) -> str:
    """Before a command block with ``setup="name"``: the scenario that prepares it, folded."""
    if not (name := dict(ATTRIBUTE.findall(info)).get("setup")):
        return ""
    script = f"scenarios/{name}.sh"
    fence = f'```sh title="examples/{script}"\n--8<-- "{script}"\n```'
    return indent + '??? info "État de départ"\n\n' + indent_text(fence, indent + "    ") + "\n\n"


def indent_text(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def on_pre_page_macros(env) -> None:
    """Code blocks are shown as written (``{{ … }}`` in a workflow stays literal).

    A command block is followed by its output, or by the reason it is not run
    (see tests/commands.py for the fence attributes).
    """
    page = env.page.file.src_path

    def literal(match: re.Match) -> str:
        block = "{% raw %}" + match.group(0) + "{% endraw %}"
        indent, info = match.group("indent"), match.group("info")
        return starting_state(indent, info) + block + command_output(page, indent, info)

    env.markdown = FENCE.sub(literal, env.markdown)


def define_env(env) -> None:
    versions = (SNAPSHOTS / "versions.txt").read_text(encoding="utf-8").strip()
    env.conf["extra"]["verified_with"] = versions

    @env.macro
    def revision(revision: str) -> str:
        """Tabs: the revision file, its data check, the SQL run by SQLite and by PostgreSQL."""
        path = revision_file(revision, Path(env.page.file.abs_src_path) if env.page else None)
        relative = f"versions/{path.name}"
        postgresql_only = module_constant(path, "POSTGRESQL_ONLY")
        out = ""
        if postgresql_only:
            out += f'!!! postgresql "PostgreSQL uniquement"\n\n    {postgresql_only}\n\n'
        out += code_tab("Révision", "python", relative, f"{relative}:revision")
        out += code_tab("Vérification", "python", relative, f"{relative}:check")
        if not postgresql_only:
            out += sql_tab("SQL SQLite", "sqlite", path.stem)
        out += sql_tab("SQL PostgreSQL", "postgresql", path.stem)
        return out
