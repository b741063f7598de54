"""squawk, the PostgreSQL migration linter, on the SQL that each revision ran on PostgreSQL.

The SQL is the snapshot of tests/revisions/test_revisions.py (bound parameters written as a string).
examples/squawk.toml sets aside, with their reason, the rules that hold for every revision;
a revision explains each other rule squawk raises in its ``SQUAWK`` constant, which the
page shows. A rule raised and not explained, or explained and no longer raised, fails.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from guide.rules import revisions, snapshots
from guide.rules.layout import EXAMPLES, ROOT, SNAPSHOTS

SQUAWK = str(Path(sys.executable).with_name("squawk"))
PARAMETER = re.compile(r"%\(\w+\)s")


def squawk_rules(sql: str, tmp_path: Path) -> set[str]:
    path = tmp_path / "upgrade.sql"
    path.write_text(PARAMETER.sub("'x'", sql).replace("%%", "%"), encoding="utf-8")
    result = subprocess.run(
        [SQUAWK, "--config", str(EXAMPLES / "squawk.toml"), "--reporter", "json", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    findings = json.loads(result.stdout or "[]")
    errors = [finding for finding in findings if finding["rule_name"] == "syntax-error"]
    assert not errors, f"squawk cannot parse the SQL: {errors[0]['message']}"
    return {finding["rule_name"] for finding in findings}


@pytest.mark.parametrize("script", revisions.scripts(), ids=revisions.stem)
def test_squawk_findings_are_explained(script, tmp_path: Path) -> None:
    sql = (SNAPSHOTS / snapshots.sql(revisions.stem(script), "postgresql", "upgrade")).read_text(encoding="utf-8")
    raised = squawk_rules(sql, tmp_path)
    explained = set(getattr(script.module, "SQUAWK", {}))
    where = Path(script.path).relative_to(ROOT)
    assert not raised - explained, f"{where}: squawk raises {sorted(raised - explained)}: explain it in SQUAWK, or fix"
    assert not explained - raised, (
        f"{where}: SQUAWK explains {sorted(explained - raised)}, which squawk no longer raises"
    )


def test_squawk_catches_a_blocking_index(tmp_path: Path) -> None:
    assert squawk_rules("CREATE INDEX idx_core_user_name ON core_user (name);", tmp_path) == {
        "require-concurrent-index-creation"
    }
