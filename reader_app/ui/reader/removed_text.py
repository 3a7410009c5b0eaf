"""View > Show Removed Text: the reader shows what the cleanup took out, and "Put back" keeps a paragraph.

The article keeps its removed blocks (core/furniture.py); the reader greys and strikes them through where
they stood. Putting one back is remembered in the data folder (Library.restore_paragraph), off the GUI
thread, and the article is shown again with it in the story.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from reader_app.ui.window.shell import Shell


class RemovedTextFeature:
    """The View menu's checkable "Show Removed Text" action, and the reader's "Put back" links."""

    def __init__(self, window: Shell):
        self.window = window
        self.action = QAction("Show &Removed Text", window.widget, checkable=True)
        self.action.setObjectName("showRemovedText")
        self.action.setShortcut("Ctrl+Shift+R")
        self.action.toggled.connect(window.reader.set_show_removed)
        window.add_action(self.action, menu="view", before="fullScreen")
        window.reader.restore_requested.connect(self.restore)

    def restore(self, article_id: str, number: int) -> None:
        library = self.window.library
        if library is None:
            return
        # Where the paragraph goes back: the offset, in the story as it will be, of the paragraph it stood before.
        offset = None
        article = self.window.reader.article
        if article is None or article.id != article_id or not 1 <= number <= len(article.removed):
            return
        block = article.removed[number - 1]
        offset = sum(len(p.text) + 2 for p in article.paragraphs[:block.before])
        # re-cleaning the article and its index entry takes a moment: the status bar says it is under way
        self.window.show_status("Putting the paragraph back…")
        # Named by its text, not its number: a second click before the first put back is done names a block
        # of the article as shown, whose numbers the first one changes (the library's tasks run in order).
        self.window.run_task(library.restore_removed, article_id, block.text,
                             on_finished=lambda _text: self._restored(article_id, offset),
                             on_failed=self._failed)

    def _failed(self, message: str) -> None:
        self.window.show_status("")
        self.window.show_error("Could not put it back", message)

    def _restored(self, article_id: str, offset: int | None) -> None:
        """The article's text changed: the list's rows (their word counts) are read again, and the article is
        shown again with the search's marks, at the paragraph put back."""
        self.window.show_status("Paragraph put back in the story.")
        # Shown again only while it is still the article wanted: a row picked meanwhile is opening (its request
        # queued behind this one), and opening this one again would cancel it and jump back. The article last
        # asked for tells, not the list's selection: a list refreshed meanwhile selects the article the reader
        # still shows (a CI run at load 8 jumped back so).
        selected = self.window.selected_article_ids()
        requested = self.window.requested_article_id()
        wanted = (requested == article_id) if requested else (not selected or article_id in selected)
        self.window.refresh_list(search=True)
        reader = self.window.reader
        if wanted and reader.article is not None and reader.article.id == article_id:
            self.window.open_article(article_id, reader.search_terms, record=False, offset=offset)
