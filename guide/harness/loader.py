"""Alembic loads revisions and env.py with pytest's assertion rewriting: a failing data check shows its values.

Alembic loads a revision by path (``alembic.util.pyfiles.load_module_py``), outside pytest's import
hook: a failing ``assert`` would say only ``AssertionError``. ``install()``, called by the plugin when
pytest starts, replaces that loader. Alembic loads every revision again for each command: the
rewritten code is kept, by path and version of the file, and only run again.
"""

import ast
import functools
import os
import types
from pathlib import Path

import alembic.util.pyfiles
from _pytest.assertion.rewrite import rewrite_asserts


@functools.cache
def rewritten_code(path: str, mtime_ns: int, size: int) -> types.CodeType:
    """A file's code, with pytest's assertion rewriting; compiled once per version of the file."""
    source = Path(path).read_bytes()
    tree = ast.parse(source, filename=path)
    rewrite_asserts(tree, source, path)
    return compile(tree, path, "exec")


def load_module_with_rewritten_asserts(module_id: str, path: str | os.PathLike[str]) -> types.ModuleType:
    stat = os.stat(path)
    module = types.ModuleType(module_id)
    module.__file__ = os.fspath(path)
    exec(rewritten_code(os.fspath(path), stat.st_mtime_ns, stat.st_size), module.__dict__)
    return module


def install() -> None:
    alembic.util.pyfiles.load_module_py = load_module_with_rewritten_asserts
