"""The guide's code, in four parts; each part imports only the parts before it.

- ``guide.rules``: the conventions, each defined once: where things live and the pages, the fence
  parser and the block attributes, includes, snapshot paths, the revisions and what each declares,
  the measures schema, the safety table's rows, the SVG drawings. Imports no other part, and no
  mkdocs, pytest or psycopg: it runs in ``.venv-hyperion`` too.
- ``guide.site``: the MkDocs side (macros, tables drawn from the measures, hooks), named by
  mkdocs.yml. Imports the rules, Markdown and MkDocs.
- ``guide.harness``: the pytest plugin (registered in pyproject.toml) and what the tests run on:
  the revision loader, the throwaway PostgreSQL, the database states, schema and SQL capture,
  the command sandbox, the warm alembic. Imports the rules.
- ``guide.bench``: ``make bench`` (the only writer of docs/snapshots/measures/) and
  ``make bench-suite``. Imports the rules and the harness.

tests/test_code.py reads the imports and checks these rules.
"""
