"""The guide's conventions, each defined once, for the site, the tests and the bench.

- ``layout``: where things live (folders, the pages read from the nav);
- ``blocks``: the one fence parser, with the table of block attributes;
- ``includes``: how a page includes a file or a section of it;
- ``snapshots``: the path of every kind of generated output kept under docs/snapshots/;
- ``revisions``: the revisions of examples/, through Alembic's ScriptDirectory, and what each declares;
- ``measures``: the schema of docs/snapshots/measures/, and PostgreSQL's lock modes;
- ``operations``: the rows of the safety table, read from examples/operations.toml;
- ``diagrams``: the SVG drawings of the history and of the zero-downtime steps.
"""
