"""The schema of docs/snapshots/measures/: one definition for ``make bench``, which writes it, and every reader.

Each file carries the conditions it was measured in (date, machine, server settings, rows), so
that measuring one part, or one revision, again rewrites that file only:

- ``<revision file>.json``: a ``RevisionMeasures``, what PostgreSQL did during the revision's upgrade;
- ``operations.json``: ``OperationsMeasures``, the steps of each row of the safety table
  (examples/operations.toml says what each row is; this file, what it did);
- ``batches.json``: ``BatchesMeasures``, the large-table strategies, and the targets met or missed.
"""

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from guide.rules import snapshots
from guide.rules.layout import SNAPSHOTS

# PostgreSQL's table lock modes, weakest first, as pg_locks names them
LOCK_MODES = (
    "AccessShareLock",
    "RowShareLock",
    "RowExclusiveLock",
    "ShareUpdateExclusiveLock",
    "ShareLock",
    "ShareRowExclusiveLock",
    "ExclusiveLock",
    "AccessExclusiveLock",
)
BLOCKS_WRITES = LOCK_MODES.index("ShareLock")  # this mode and the stronger ones block INSERT, UPDATE, DELETE
RISKY_SECONDS = 0.1  # writes blocked longer than this by a lock, or a table rewritten: a change to avoid
STALL_SECONDS = 1.0  # a concurrent write that waited longer (on rows): a change to avoid on a large table


def strength(mode: str) -> int:
    return LOCK_MODES.index(mode)


def blocks_writes(mode: str) -> bool:
    return strength(mode) >= BLOCKS_WRITES


def lock_name(mode: str) -> str:
    """``AccessExclusiveLock`` as the documentation writes it: ``ACCESS EXCLUSIVE``."""
    return " ".join(re.findall(r"[A-Z][a-z]+", mode.removesuffix("Lock"))).upper()


@dataclass
class Conditions:
    date: str  # ISO date of the run
    postgresql: str  # server version
    fsync: str
    shared_buffers: str
    cpu: str
    cores: int
    rows: int  # users in core_user (the strategies: the largest size)


@dataclass
class TableFacts:
    lock: str  # the strongest mode the migration held
    blocking_seconds: float = 0.0  # how long it held a mode that blocks writes
    rewritten: bool = False


@dataclass
class RevisionMeasures:
    revision: str
    seconds: float
    conditions: Conditions
    tables: dict[str, TableFacts] = field(default_factory=dict)
    reader_max_seconds: float = 0.0
    writer_max_seconds: float = 0.0

    @classmethod
    def from_dict(cls, data: dict) -> "RevisionMeasures":
        tables = {name: TableFacts(**facts) for name, facts in data["tables"].items()}
        return cls(**data | {"conditions": Conditions(**data["conditions"]), "tables": tables})


def risks(measured: RevisionMeasures) -> dict[str, object]:
    """What makes a revision one to avoid on a large table, from its measures; empty when it is safe."""
    tables = {name: facts for name, facts in measured.tables.items() if name != "alembic_version"}
    blocked = max((facts.blocking_seconds for facts in tables.values()), default=0.0)
    found: dict[str, object] = {}
    if blocked > RISKY_SECONDS:
        found["blocked"] = blocked
    if rewritten := sorted(name for name, facts in tables.items() if facts.rewritten):
        found["rewritten"] = rewritten
    if measured.writer_max_seconds > STALL_SECONDS:
        found["writer"] = measured.writer_max_seconds
    return found


@dataclass
class StepFacts:
    sql: str
    transactional: bool  # False for CONCURRENTLY, which no transaction may hold
    seconds: float = 0.0
    locks: dict[str, str] = field(default_factory=dict)  # table -> strongest mode


@dataclass
class OperationMeasures:
    key: str  # the row of examples/operations.toml
    steps: list[StepFacts]
    lock: str
    blocking_seconds: float
    rewritten: list[str]
    seconds: float
    reader_max_seconds: float
    writer_max_seconds: float
    risky: bool

    @classmethod
    def from_dict(cls, data: dict) -> "OperationMeasures":
        return cls(**data | {"steps": [StepFacts(**step) for step in data["steps"]]})

    def deterministic(self) -> dict:
        """What does not depend on the table's size: the locks of the steps in a transaction, the rewrites."""
        return {"rewritten": self.rewritten, "locks": [step.locks for step in self.steps if step.transactional]}


@dataclass
class OperationsMeasures:
    conditions: Conditions
    operations: list[OperationMeasures]

    @classmethod
    def from_dict(cls, data: dict) -> "OperationsMeasures":
        operations = [OperationMeasures.from_dict(operation) for operation in data["operations"]]
        return cls(Conditions(**data["conditions"]), operations)


@dataclass
class StrategyRun:
    dialect: str
    rows: int
    strategy: str
    seconds: float
    slowest_batch: float
    batches: int
    # on PostgreSQL, the same strategy run again beside a writer
    seconds_with_writer: float | None = None
    slowest_batch_with_writer: float | None = None
    writer_p50: float | None = None
    writer_p99: float | None = None
    writer_max: float | None = None


@dataclass
class Target:
    dialect: str
    target: str
    value: float
    limit: float
    met: bool


@dataclass
class BatchesMeasures:
    conditions: Conditions
    repeat: int  # runs of each strategy; each figure is their median
    results: list[StrategyRun]
    verdict: list[Target]

    @classmethod
    def from_dict(cls, data: dict) -> "BatchesMeasures":
        return cls(
            Conditions(**data["conditions"]),
            data["repeat"],
            [StrategyRun(**run) for run in data["results"]],
            [Target(**target) for target in data["verdict"]],
        )


def path_of(relative: str) -> Path:
    return SNAPSHOTS / relative


def write(relative: str, measures) -> None:
    path = path_of(relative)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(measures), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def read(relative: str, kind):
    return kind.from_dict(json.loads(path_of(relative).read_text(encoding="utf-8")))


def of_revision(stem: str) -> RevisionMeasures:
    return read(snapshots.measures(stem), RevisionMeasures)


def operations() -> OperationsMeasures:
    return read(snapshots.OPERATIONS, OperationsMeasures)


def batches() -> BatchesMeasures:
    return read(snapshots.BATCHES, BatchesMeasures)
