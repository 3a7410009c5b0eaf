"""leaf_rows: bookmark and tag rows read cell by cell from the pages of a real bookmarks file, without its tree."""

from __future__ import annotations

from reader_app.core.bookmarks import BookmarkStore
from reader_app.core.bookmarks.database import COLUMNS
from reader_app.core.bookmarks.rescue import leaf_rows
from tests.core.bookmarks.test_bookmarks_damage import TEXT, _Article


def _pages(path, size=4096) -> dict[int, bytes]:
    data = path.read_bytes()
    return {n // size + 1: data[n:n + size] for n in range(0, len(data), size)}


def test_rows_of_every_leaf_are_read_and_a_long_note_across_overflow_pages_whole(app_paths):
    store = BookmarkStore(app_paths, backup_at_close=False)
    long_note = "a long note " * 1499 + "end"  # 18,000 characters: on four overflow pages
    ids = [store.add_quote(_Article(TEXT), f"budget number {i}.", note=long_note if i == 3 else f"note {i}",
                           tags=[f"tag{i}"]).id for i in range(20)]
    store.close()
    pages = _pages(app_paths.bookmarks_db)
    found = leaf_rows(pages, 4096, COLUMNS)
    assert set(found.bookmarks) == set(ids) and not found.complete
    assert found.bookmarks[ids[3]][COLUMNS.index("note")] == long_note
    assert found.bookmarks[ids[4]][COLUMNS.index("note")] == "note 4"
    assert sorted(found.tags) == sorted((b, f"tag{i}", 0) for i, b in enumerate(ids))
    overflow = [n for n, p in pages.items() if long_note[:40].encode() in p and p[0] == 0]
    del pages[overflow[-1]]  # an overflow page the log would not hold: that row is left out, not cut short
    assert set(leaf_rows(pages, 4096, COLUMNS).bookmarks) == set(ids) - {ids[3]}
