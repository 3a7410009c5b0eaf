"""The names in the reader: the first mention of each person, organisation and place in the open article is
tinted, says what it is on hover, and a click on it filters the list by it (as the facet pane does).

Signals: `clicked(kind, name)` on a click (not a drag) on a tinted name outside a bookmark.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal

from reader_app.ui.entities.facets import KIND_NAMES

if TYPE_CHECKING:
    from reader_app.ui.reader.view import ReaderView

LAYER = "entities"
BOOKMARK_LAYER = "bookmarks"  # ui/bookmark_highlights.py: a click there is the bookmark's
COLOURS = {False: "#e7edf8", True: "#2a3346"}  # a faint blue tint per theme (dark?), under search and bookmarks


class EntityLinks(QObject):
    """The entity layer of one ReaderView; `spans` are (start, end, kind, name) in article.text offsets."""

    clicked = Signal(str, str)

    def __init__(self, reader: ReaderView):
        super().__init__(reader)
        self.reader = reader
        self.article_id = ""
        self.spans: list[tuple[int, int, str, str]] = []
        self._press: QPoint | None = None
        reader.viewport().installEventFilter(self)

    def show(self, article_id: str, spans: list[tuple[int, int, str, str]]) -> None:
        if self.reader.article is None or self.reader.article.id != article_id:
            return  # the answer for an article no longer on screen
        self.article_id, self.spans = article_id, list(spans)
        self.repaint()

    def repaint(self) -> None:
        if not self.spans:
            self.reader.clear_highlights(LAYER)
            return
        tips = [f"{name} ({KIND_NAMES[kind]})\nClick to show the articles naming {name}"
                for _a, _b, kind, name in self.spans]
        self.reader.set_highlights(LAYER, [(a, b) for a, b, _k, _n in self.spans],
                                   COLOURS[self.reader.colours.dark], tips)

    def clear(self) -> None:
        self.article_id, self.spans = "", []
        self.reader.clear_highlights(LAYER)

    def at(self, offset: int | None) -> tuple[str, str] | None:
        """(kind, name) of the tinted name at an offset of article.text, or None."""
        if offset is None or not self.spans:
            return None
        index = self.reader.highlight_at(LAYER, offset)
        if index is None or index >= len(self.spans):
            return None
        return self.spans[index][2], self.spans[index][3]

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        elif kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            press, self._press = self._press, None
            pos = event.position().toPoint()
            if press is not None and (pos - press).manhattanLength() < 4 and \
                    not self.reader.textCursor().hasSelection():
                offset = self.reader.offset_hit(pos)
                hit = self.at(offset)
                if hit is not None and offset is not None and self.reader.highlight_at(BOOKMARK_LAYER, offset) is None:
                    self.clicked.emit(*hit)
        return False  # the reader still handles the click (placing the cursor, links)
