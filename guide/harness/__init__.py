"""What the tests run on; ``plugin`` is the pytest plugin that pyproject.toml registers (pytest11)."""
