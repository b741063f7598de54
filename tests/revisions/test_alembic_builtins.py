"""pytest-alembic's built-in tests, on both dialects (the ``dialect`` fixture is parametrized).

- single head, upgrade from base to head, up/down consistency of every revision;
- the models match the DDL of the head: ``alembic check`` is clean.
"""

from pytest_alembic.tests import (  # noqa: F401
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)
