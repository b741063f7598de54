"""No orphan snapshot of any kind: every file under docs/snapshots/ is called for by a revision or a page.

The list of what is called for, and the path of each kind, live in guide/rules/snapshots.py.
A missing snapshot fails the test that writes it (and the build, which includes it).
"""

from guide.rules import snapshots


def test_no_orphan_snapshot() -> None:
    orphans = sorted(snapshots.on_disk() - snapshots.expected())
    assert orphans == [], "snapshots that no revision or page calls for any more: delete them"
