"""Concurrent sessions on a PostgreSQL database: a client that runs one statement over and over, and how to run
them beside the work under watch (the lock-timeout test, the observer and the benches)."""

import contextlib
import random
import threading
import time
from collections.abc import Iterator

import psycopg


@contextlib.contextmanager
def running(*threads: threading.Thread, settle: float = 0.05) -> Iterator[None]:
    """Start watchers and clients, and give them ``settle`` seconds before and after the work; then stop them.

    Each thread has a ``stop`` event, and ends once it is set.
    """
    for thread in threads:
        thread.start()
    time.sleep(settle)
    try:
        yield
    finally:
        time.sleep(settle)
        for thread in threads:
            thread.stop.set()
            thread.join()


class Client(threading.Thread):
    """A session that runs one statement over and over (by a random primary key when ``ids`` are given).

    It keeps the latency of each run: ``longest``, and percentiles for the bench.
    """

    def __init__(self, url: str, statement: str, ids: list[str] | None = None, pause: float = 0.001) -> None:
        super().__init__(daemon=True)
        self.url, self.statement, self.ids, self.pause = url, statement, ids, pause
        self.stop = threading.Event()
        self.latencies: list[float] = []

    @property
    def longest(self) -> float:
        return max(self.latencies, default=0.0)

    def run(self) -> None:
        with psycopg.connect(self.url, autocommit=True) as connection:
            while not self.stop.is_set():
                parameters = (random.choice(self.ids),) if self.ids else None
                start = time.perf_counter()
                with contextlib.suppress(psycopg.Error):  # a column the revision renamed: the wait still counts
                    connection.execute(self.statement, parameters)
                self.latencies.append(time.perf_counter() - start)
                time.sleep(self.pause)
