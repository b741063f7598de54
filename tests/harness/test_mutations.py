"""The suite fails when the guide's code breaks: a few meaningful lines are broken on purpose.

Each case copies the project, breaks one line, and runs the tests that must catch it. Where
a writer needs to know what went wrong, the output must also say it (``MESSAGES``).
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from guide.harness.project import copy_project
from guide.rules.revisions import scripts

# The head, its parent and grandparent: a second head is made by pointing the head at its grandparent
*_, GRANDPARENT, PARENT, HEAD = scripts()


def relative(script) -> str:
    return f"examples/versions/{Path(script.path).name}"


CASES = {
    "break-a-data-check": (
        "examples/versions/f306beed3e3e_ajouter_le_champ_is_active.py",
        (r'\("chloe", True\)\]', '("chloe", False)]'),
        ["tests/revisions/test_revisions.py", "-k", "f306beed3e3e and sqlite"],
    ),
    "point-down-revision-nowhere": (
        "examples/versions/f306beed3e3e_ajouter_le_champ_is_active.py",
        (
            r'down_revision: str \| Sequence\[str\] \| None = "13f406f72dc1"',
            'down_revision: str | None = "13f406f72dc2"',
        ),
        ["tests/revisions/test_revisions.py", "-k", "f306beed3e3e and sqlite"],
    ),
    "add-a-second-head": (
        relative(HEAD),
        (
            rf'down_revision: str \| Sequence\[str\] \| None = "{PARENT.revision}"',
            f'down_revision: str | None = "{GRANDPARENT.revision}"',
        ),
        ["tests/revisions/test_revisions.py", "-k", f"{HEAD.revision} and sqlite"],
    ),
    "break-the-syntax-of-a-revision": (
        "examples/versions/f306beed3e3e_ajouter_le_champ_is_active.py",
        (r"def upgrade\(\) -> None:", "def upgrade() -> None"),
        ["tests/revisions/test_revisions.py", "-k", "f306beed3e3e and sqlite"],
    ),
    "rename-a-column-in-upgrade": (
        "examples/versions/f306beed3e3e_ajouter_le_champ_is_active.py",
        (r'sa\.Column\("is_active"', 'sa.Column("is_enabled"'),
        ["tests/revisions/test_revisions.py", "-k", "f306beed3e3e and sqlite"],
    ),
    "empty-a-downgrade": (
        "examples/versions/9de44df5f488_ajouter_un_email_unique_aux_utilisateurs.py",
        (
            r"def downgrade\(\) -> None:\n(    .*\n|\n)*?(?=# --8<-- \[end:revision\])",
            "def downgrade() -> None:\n    pass\n\n\n",
        ),
        ["tests/revisions/test_revisions.py", "-k", "9de44df5f488 and sqlite"],
    ),
    "leave-a-snapshot-stale": (
        "docs/snapshots/blocks/commandes/current.txt",
        (r"\A", "Une ligne que la commande n'affiche pas\n"),
        ["tests/pages/test_commands.py", "-k", "commandes"],
    ),
    "misspell-a-command": (
        "docs/demarrage-rapide.md",
        (r"alembic upgrade head", "alembic upgrade haed"),
        ["tests/pages/test_commands.py", "-k", "demarrage-rapide"],
    ),
    "break-an-inline-block": (
        "docs/bonnes-pratiques.md",
        (r'batch_op\.alter_column\("username"', 'batch_op.alter_column("usrname"'),
        ["tests/pages/test_inline_examples.py", "-k", "bonnes-pratiques.md:24 and sqlite"],
    ),
    "declare-no-autocommit-block": (
        "examples/versions/06405da15a7a_indexer_les_evenements_sans_bloquer.py",
        (
            r'COMMITS_MIDWAY_ON: tuple\[str, \.\.\.\] = \("postgresql", "sqlite"\)',
            'COMMITS_MIDWAY_ON = ("postgresql",)',
        ),
        ["tests/revisions/test_revisions.py", "-k", "06405da15a7a and sqlite"],
    ),
    "change-a-measured-step": (
        "examples/operations.toml",
        (r"ADD COLUMN nickname varchar\(50\)", "ADD COLUMN nickname varchar(60)"),
        ["tests/bench/test_operations.py", "-k", "as_written"],
    ),
}


# What the output must say, beyond a failure
MESSAGES = {
    "break-a-data-check": "At index 1 diff: ('chloe', 1) != ('chloe', False)",
    "point-down-revision-nowhere": (
        "examples/versions/f306beed3e3e_ajouter_le_champ_is_active.py:22:"
        " down_revision '13f406f72dc2' names no revision of examples/versions/"
    ),
    "add-a-second-head": f"2 heads: {', '.join(sorted([relative(PARENT), relative(HEAD)]))}",
    "break-the-syntax-of-a-revision": 'f306beed3e3e_ajouter_le_champ_is_active.py", line 27',
    "leave-a-snapshot-stale": "the output differs from docs/snapshots/blocks/commandes/current.txt",
    "declare-no-autocommit-block": (
        "examples/versions/06405da15a7a_indexer_les_evenements_sans_bloquer.py: on sqlite, its upgrade entered an"
        " autocommit_block, but it does not declare 'sqlite' in COMMITS_MIDWAY_ON"
    ),
    "change-a-measured-step": "add-column: its steps changed since they were measured",
    "break-an-inline-block": "docs/bonnes-pratiques.md:24: the block fails on sqlite: builtins.KeyError: 'usrname'",
    "misspell-a-command": "`alembic upgrade haed` exited with 255, expected 0",
}


@pytest.mark.parametrize("case", CASES)
def test_the_suite_catches(case: str, tmp_path: Path) -> None:
    path, (pattern, replacement), tests = CASES[case]
    copy = copy_project(tmp_path / "project")
    target = copy / path
    text = target.read_text(encoding="utf-8")
    broken, count = re.subn(pattern, replacement, text, count=1)
    assert count == 1, f"{case}: the line to break is no longer in {path}"
    target.write_text(broken, encoding="utf-8")
    result = subprocess.run(
        # its temporary folders in this test's, that go with it
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--basetemp={tmp_path / 'run'}", *tests],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (1, 2), result.stdout[-2000:]  # 2: the tests could not even be collected
    assert " failed" in result.stdout.splitlines()[-1] or " error" in result.stdout.splitlines()[-1]
    if case in MESSAGES:
        assert MESSAGES[case] in result.stdout, result.stdout[-2000:]
