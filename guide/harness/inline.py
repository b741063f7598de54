"""The Python blocks written in the pages themselves, which pytest-examples runs (an include shows a file instead)."""

from pytest_examples import CodeExample, find_examples

from guide.rules.includes import INCLUDE
from guide.rules.layout import DOCS


def inline_examples() -> list[CodeExample]:
    return [example for example in find_examples(str(DOCS)) if not INCLUDE.match(example.source)]
