"""Undoable bookmark changes (QUndoCommand): add, edit note and tags, delete.

Each command hands its store call to the window's worker; the worker runs tasks one at a time in the order
they were asked for, so an undo always runs after the change it undoes. A change the user makes runs first
(`make`) and goes on the undo stack once it is saved: one that failed (a full disk) is not there for Undo to
"undo" (BookmarksFeature.make).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from reader_app.core.bookmarks import Bookmark, BookmarkStore

# (work run in the worker, message shown when it is done, what did not happen if it fails: "The bookmark was
# not saved", said with the reason in a dialog)
Submit = Callable[[Callable[[], Any], str, str], None]


def _short(quote: str, limit: int = 40) -> str:
    one = " ".join(quote.split())
    return f"“{one if len(one) <= limit else one[:limit - 1] + '…'}”"


class Change(QUndoCommand):
    """A change made before it is pushed: `make` does it (in the worker), `done` and `not_done` say so. push()
    calls redo() at once: that first redo runs nothing, the change being made already."""

    done = ""
    not_done = ""

    def __init__(self, text: str, store: Callable[[], BookmarkStore], submit: Submit):
        super().__init__(text)
        self._store, self._submit = store, submit
        self._made = False

    def make(self) -> Any:
        raise NotImplementedError

    def mark_made(self) -> None:
        """Mark the change as made, before it is pushed."""
        self._made = True

    def redo(self) -> None:
        if self._made:
            self._made = False
            return
        self._submit(self.make, self.done, self.not_done)


class AddBookmark(Change):
    """Keep a passage; undo deletes it, redo puts the same bookmark (same id) back."""

    done, not_done = "Bookmarked the passage.", "The bookmark was not saved"

    def __init__(self, store: Callable[[], BookmarkStore], submit: Submit, article: Any, start: int, end: int,
                 note: str, tags: list[str]):
        super().__init__(f"Bookmark {_short(article.text[start:end])}", store, submit)
        self._args = (article, start, end, note, tags)
        self.bookmark: Bookmark | None = None

    def make(self) -> Bookmark:
        if self.bookmark is None:
            self.bookmark = self._store().add(*self._args[:3], note=self._args[3], tags=self._args[4])
        else:
            self._store().restore(self.bookmark)
        return self.bookmark

    def _remove(self) -> None:
        if self.bookmark is not None:  # read in the worker, after the add has run
            self._store().delete(self.bookmark.id)

    def undo(self) -> None:
        self._submit(self._remove, f"Undone: {self.text()} (Redo puts it back).", "The bookmark was not removed")


class EditBookmark(Change):
    """Change a bookmark's note and tags; undo restores the old ones."""

    done, not_done = "Saved the bookmark.", "The bookmark's note and tags were not saved"

    def __init__(self, store: Callable[[], BookmarkStore], submit: Submit, bookmark: Bookmark, note: str,
                 tags: list[str]):
        super().__init__(f"Edit Bookmark {_short(bookmark.quote)}", store, submit)
        self.bookmark_id = bookmark.id
        self._old = (bookmark.note, list(bookmark.tags))
        self._new = (note, list(tags))

    def make(self) -> Bookmark:
        return self._store().update(self.bookmark_id, *self._new)

    def undo(self) -> None:
        self._submit(lambda: self._store().update(self.bookmark_id, *self._old), "Restored the bookmark's note and tags.",
                     "The bookmark's note and tags were not restored")


class DeleteBookmarks(Change):
    """Delete bookmarks; undo puts every one back exactly as it was."""

    def __init__(self, store: Callable[[], BookmarkStore], submit: Submit, bookmarks: list[Bookmark]):
        n = len(bookmarks)
        super().__init__(f"Delete {n} Bookmarks" if n > 1 else f"Delete Bookmark {_short(bookmarks[0].quote)}",
                         store, submit)
        self.bookmarks = list(bookmarks)
        self.done = f"Deleted {n} bookmark{'s' if n != 1 else ''}. Undo with Ctrl+Z."
        self.not_done = "The bookmarks were not deleted" if n != 1 else "The bookmark was not deleted"

    def make(self) -> None:
        store = self._store()
        self.bookmarks = [store.delete(b.id) for b in self.bookmarks]  # as stored, for an exact restore

    def _restore(self) -> None:
        store = self._store()
        for b in self.bookmarks:
            store.restore(b)

    def undo(self) -> None:
        many = len(self.bookmarks) > 1
        self._submit(self._restore, "Restored the deleted bookmark" + ("s." if many else "."),
                     "The deleted bookmarks were not put back" if many else "The deleted bookmark was not put back")
