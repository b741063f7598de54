"""The one fence parser of the guide, and the table of the attributes a block may carry.

A block is a fenced code block of a page (``` or ~~~, indented or not, inside an
admonition or a tab). Its info string gives its language and its attributes::

    ```{.bash title="Appliquer les révisions" output="upgrade" setup="downgrade-base"}

The MkDocs side renders what the attributes call for (the output under the block, the
starting state above it); the tests run the block as the attributes say. An unknown
attribute, or one that does not fit the block, stops both with ``docs/<page>:<line>``.
"""

import re
from dataclasses import dataclass, field

from guide.rules.layout import DOCS, where

COMMAND_LANGUAGE = "bash"  # a command block: run by the tests, its output shown under it
DIALECTS = ("sqlite", "postgresql")

# name -> (the kinds of block that take it, what it means)
ATTRIBUTES: dict[str, tuple[tuple[str, ...], str]] = {
    "title": (("any",), "the title shown above the block"),
    "output": (
        ("command", "python"),
        "name of the block's output, kept as a snapshot and shown under the block: what a command printed, "
        "or the error a Python block raised (one per dialect of raises)",
    ),
    "exit": (("command",), "exit status expected from the block's last command (0 otherwise)"),
    "database": (("command",), '"postgresql": run against the test PostgreSQL server (DATABASE_URL, PG*)'),
    "setup": (("command",), "a scenario of examples/scenarios/<name>.sh run first; shown folded above the block"),
    "before": (("python",), "run at this revision's parent, with the rows of its pre_test_upgrade (else at head)"),
    "raises": (("python",), 'the dialects where the block must fail, e.g. "sqlite" or "sqlite,postgresql"'),
}

FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


class BlockError(ValueError):
    """A block whose attributes are wrong, named by page and line."""


@dataclass
class Block:
    page: str
    line: int  # of the opening fence, in the page's file
    indent: str
    language: str
    attributes: dict[str, str]
    body: str  # without the indentation
    start: int  # offsets of the whole block in the text it was parsed from
    end: int
    errors: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        if self.language == COMMAND_LANGUAGE:
            return "command"
        return "python" if self.language == "python" else "other"

    @property
    def commands(self) -> list[str]:
        """The command lines of a command block (comments and blank lines left out)."""
        return [line for line in self.body.splitlines() if line.strip() and not line.lstrip().startswith("#")]

    @property
    def raises_on(self) -> list[str]:
        return [dialect.strip() for dialect in self.attributes.get("raises", "").split(",") if dialect.strip()]

    def __str__(self) -> str:
        return where(self.page, self.line)


def parse(text: str, page: str, first_line: int = 1) -> list[Block]:
    """The blocks of a page's text; ``first_line`` is the file line where ``text`` starts."""
    blocks = []
    for match in FENCE.finditer(text):
        info = match.group("info").strip()
        language = info.strip("{}").split()[0].lstrip(".") if info.strip("{}").strip() else ""
        indent = match.group("indent")
        body = "\n".join(line.removeprefix(indent) for line in match.group("body").splitlines())
        line = first_line + text.count("\n", 0, match.start())
        block = Block(page, line, indent, language, dict(ATTRIBUTE.findall(info)), body, match.start(), match.end())
        block.errors = mistakes(block)
        blocks.append(block)
    return blocks


def mistakes(block: Block) -> list[str]:
    """What is wrong with a block's attributes, each message naming the page and line."""
    found = []
    for name in block.attributes:
        if name not in ATTRIBUTES:
            found.append(f"{block}: unknown block attribute {name}=; known: {', '.join(ATTRIBUTES)}")
        elif "any" not in (kinds := ATTRIBUTES[name][0]) and block.kind not in kinds:
            found.append(f"{block}: {name}= applies to {' and '.join(kinds)} blocks, not to a {block.language} block")
    if block.kind == "command" and not block.attributes.get("output"):
        found.append(f'{block}: a command block needs output="name": the tests run it and show what it printed')
    if block.kind == "python" and block.raises_on and not block.attributes.get("output"):
        found.append(f'{block}: a block with raises= needs output="name", the error shown under it')
    if unknown := set(block.raises_on) - set(DIALECTS):
        found.append(f"{block}: raises= names unknown dialects {sorted(unknown)}; known: {', '.join(DIALECTS)}")
    return found


def page_blocks(page: str) -> list[Block]:
    """The blocks of a page of docs/, or BlockError listing every mistake of their attributes."""
    blocks = parse((DOCS / page).read_text(encoding="utf-8"), page)
    if errors := [error for block in blocks for error in block.errors]:
        raise BlockError("\n".join(errors))
    return blocks
