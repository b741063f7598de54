"""The MkDocs side: ``macros`` (mkdocs-macros), ``tables`` (the measures as Markdown), ``hooks``."""
