"""Bookmarks of passages: the SQLite store (the only code that speaks SQL) and what a bookmark is.

`model` defines Bookmark; `database` owns the file (durability, migrations, backups, repair); `store` is the
API the library, the CLI and the GUI use. Anchoring lives in core.anchoring, export/import in
core.bookmark_export.
"""

from reader_app.core.bookmarks.model import Bookmark, BookmarkError, BookmarkNotFound, ImportCounts, normalise_tags
from reader_app.core.bookmarks.store import BookmarkStore

__all__ = ["Bookmark", "BookmarkError", "BookmarkNotFound", "BookmarkStore", "ImportCounts", "normalise_tags"]
