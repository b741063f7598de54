"""The guide's conventions, each defined here once, for the MkDocs side and for the tests.

- ``layout``: where things live (folders, the pages read from the nav);
- ``blocks``: the one fence parser, with the table of block attributes;
- ``snapshots``: the path of every kind of generated output kept under docs/snapshots/;
- ``revisions``: the revisions of examples/, through Alembic's ScriptDirectory.

``mkdocs_macros`` and ``mkdocs_hooks`` apply them when the site is built.
"""
