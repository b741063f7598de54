"""make bench (``python -m guide.bench.run``) and make bench-suite (``python -m guide.bench.suite``)."""
