"""MkDocs hook: a snippet that points to a missing file fails the build naming the page and its line.

pymdownx.snippets also refuses a missing file (``check_paths``), but its error names
neither the page nor the line. This check runs on the Markdown after the macros.
"""

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

SNIPPET = re.compile(r'^\s*--8<--\s+"([^"]+)"', re.MULTILINE)


def on_page_markdown(markdown: str, page, config, files) -> str:
    base_paths = [Path(p) for p in config["mdx_configs"]["pymdownx.snippets"]["base_path"]]
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8").splitlines()
    for match in SNIPPET.finditer(markdown):
        target = match.group(1).split(":", 1)[0]
        if not any((base / target).is_file() for base in base_paths):
            line = next((n for n, text in enumerate(source, 1) if target in text), None)
            where = f"docs/{page.file.src_path}" + (f":{line}" if line else "")
            raise PluginError(
                f"{where}: the included file '{target}' does not exist (looked in {', '.join(map(str, base_paths))})"
            )
    return markdown
