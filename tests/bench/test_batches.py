"""The large-table bench (guide/bench/batches.py, part of make bench) on small data: each strategy works.

Speed is not checked here (make bench reports its targets); what is checked is that each
strategy processes every row, in the number of batches it should, and that the plot is
well-formed SVG.
"""

import xml.etree.ElementTree as ElementTree

import pytest

from guide.bench import batches as bench_batches
from guide.rules.measures import StrategyRun

ROWS, BATCH = 1000, 100


@pytest.mark.parametrize("strategy", bench_batches.STRATEGIES)
def test_strategy_processes_every_row(database_url: str, strategy: str) -> None:
    writer = database_url.startswith("postgresql")
    result = bench_batches.measure(database_url, strategy, ROWS, batch_size=BATCH, writer=writer)  # checks every row
    expected = {"single": 1, "rescan": ROWS // BATCH + 1, "walk": ROWS // BATCH}[strategy]  # rescan ends on 0 rows
    assert result.batches == expected
    assert (result.writer_max is not None) == writer


def test_plot_and_verdict() -> None:
    results = [
        StrategyRun(
            dialect, rows, strategy, rows / 1000 * factor, 0.01, 1, writer_max=0.01 if dialect == "postgresql" else None
        )
        for dialect in ("postgresql", "sqlite")
        for rows in (100, 1000)
        for strategy, factor in zip(bench_batches.STRATEGIES, (1.0, 4.0, 1.1), strict=True)
    ]
    svg = ElementTree.fromstring(bench_batches.plot(results))
    assert svg.tag.endswith("svg") and svg.find("{http://www.w3.org/2000/svg}title") is not None
    checks = {(check.dialect, check.target): check.met for check in bench_batches.verdict(results)}
    assert checks[("postgresql", "ratio_to_single")] and checks[("sqlite", "growth")]
