"""Bookmarks as the reader shows them: a highlight layer with the note on hover, a click that offers edit
and delete, a brief flash after a jump, and which passage Ctrl+D means.

Signals: `clicked(bookmark, global_pos)` when the user clicks (without dragging) on a highlighted passage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QMouseEvent, QTextCursor

from reader_app.ui.timer import timer

if TYPE_CHECKING:
    from reader_app.core.articles.model import Article
    from reader_app.core.bookmarks import Bookmark
    from reader_app.ui.reader.view import ReaderView

LAYER, FLASH_LAYER = "bookmarks", "bookmark-flash"
# (highlight, flash) backgrounds per theme (dark?): green, apart from search terms (amber) and find (blue)
COLOURS = {False: ("#d3ebcf", "#8fcf86"), True: ("#2c4a31", "#4f8f58")}
FLASH_STEPS = 6
FLASH_MS = 160


def paragraph_at(article: Article, offset: int) -> tuple[int, int] | None:
    """(start, end) in article.text of the paragraph holding `offset`."""
    start = 0
    for p in article.paragraphs:
        end = start + len(p.text)
        if start <= offset <= end and p.text.strip():
            return start, end
        start = end + 2
    return None


def _in_word(ch: str) -> bool:
    return ch.isalnum() or ch in "'’-_"


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) widened so neither cuts a word ("…Syunik regi" → "…Syunik region") and trimmed of spaces."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        while start > 0 and _in_word(text[start - 1]) and _in_word(text[start]):
            start -= 1
        while end < len(text) and _in_word(text[end - 1]) and _in_word(text[end]):
            end += 1
    return start, end


def tooltip(b: Bookmark) -> str:
    lines = [b.note] if b.note else ["Bookmarked passage"]
    if b.tags:
        lines.append(" ".join("#" + t for t in b.tags))
    lines.append("Click to edit or delete")
    return "\n".join(lines)


class ReaderHighlights(QObject):
    """The bookmark layer of one ReaderView. `shown` holds the open article's placed bookmarks in order."""

    clicked = Signal(object, QPoint)

    def __init__(self, reader: ReaderView):
        super().__init__(reader)
        self.reader = reader
        self.shown: list[Bookmark] = []
        self.last_flashed = ""
        self._press: QPoint | None = None
        self._flash_range = (0, 0)
        self._flash_left = 0
        self._flash_timer = timer(self, FLASH_MS, self._flash_step, single_shot=False)
        reader.viewport().installEventFilter(self)

    def show(self, bookmarks: list[Bookmark]) -> None:
        """Highlight the placed (non-orphan) bookmarks of the article on screen."""
        self.shown = sorted((b for b in bookmarks if not b.orphan), key=lambda b: b.start)
        self.repaint()

    def clear(self) -> None:
        self.shown = []
        self._flash_timer.stop()
        self.reader.clear_highlights(FLASH_LAYER)
        self.reader.clear_highlights(LAYER)

    def repaint(self) -> None:
        """Draw the layer again (after a theme change: the colours follow it)."""
        self.reader.set_highlights(LAYER, [(b.start, b.end) for b in self.shown], COLOURS[self.reader.colours.dark][0],
                                   [tooltip(b) for b in self.shown])

    def find(self, bookmark_id: str) -> Bookmark | None:
        return next((b for b in self.shown if b.id == bookmark_id), None)

    def bookmark_at(self, offset: int | None) -> Bookmark | None:
        if offset is None:
            return None
        i = self.reader.highlight_at(LAYER, offset)
        return self.shown[i] if i is not None and i < len(self.shown) else None

    # --- jumping ---------------------------------------------------------------------------------

    def reveal(self, b: Bookmark, focus: bool = True) -> None:
        """Put the text cursor at the passage, scroll it into view and flash it (and focus the reader)."""
        cursor = QTextCursor(self.reader.document())
        cursor.setPosition(self.reader.position_of(b.start))
        self.reader.setTextCursor(cursor)
        self.reader.scroll_to_offset(b.start)
        if focus:
            self.reader.setFocus()
        self.last_flashed = b.id
        self._flash_range = (b.start, b.end)
        self._flash_left = FLASH_STEPS
        self._flash_step()
        self._flash_timer.start()

    def _flash_step(self) -> None:
        if self._flash_left <= 0:
            self._flash_timer.stop()
            self.reader.clear_highlights(FLASH_LAYER)
            return
        if self._flash_left % 2 == 0:
            self.reader.set_highlights(FLASH_LAYER, [self._flash_range], COLOURS[self.reader.colours.dark][1])
        else:
            self.reader.clear_highlights(FLASH_LAYER)
        self._flash_left -= 1

    # --- what Ctrl+D means ---------------------------------------------------------------------

    def passage_range(self) -> tuple[int, int] | None:
        """The selection; else the paragraph at the cursor, if on screen; else the first paragraph on screen."""
        reader, article = self.reader, self.reader.article
        if article is None:
            return None
        chosen = reader.selection_range()
        if chosen is not None:
            chosen = whole_words(article.text, *chosen)
        caret = reader.cursorRect()
        caret.setWidth(max(1, caret.width()))  # the reader hides its caret (width 0): an empty rect meets nothing
        if chosen is None and reader.viewport().rect().intersects(caret):
            chosen = reader.paragraph_range_at_cursor()  # only when the reader can see where the cursor is
        if chosen is None:
            chosen = self._first_paragraph_on_screen()
        if chosen is None or not article.text[chosen[0]:chosen[1]].strip():
            return None
        return chosen

    def _first_paragraph_on_screen(self) -> tuple[int, int] | None:
        """The first paragraph that begins on screen; the one filling the screen when none begins on it."""
        reader, article = self.reader, self.reader.article
        if article is None:
            return None
        viewport = reader.viewport()
        under_top = None
        for y in range(4, max(5, viewport.height() // 2), 12):
            offset = reader.offset_at(QPoint(viewport.width() // 2, y))
            under_top = paragraph_at(article, offset) if offset is not None else None
            if under_top:
                break
        if under_top is None:
            return None
        if self._top_of(under_top[0]) >= 0:
            return under_top
        following = paragraph_at(article, under_top[1] + 2)  # its top is scrolled off: the next one, if seen
        if following and following != under_top and self._top_of(following[0]) < viewport.height() * 2 // 3:
            return following
        return under_top

    def _top_of(self, offset: int) -> int:
        cursor = QTextCursor(self.reader.document())
        cursor.setPosition(self.reader.position_of(offset))
        return self.reader.cursorRect(cursor).top()

    # --- the mouse -------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if isinstance(event, QContextMenuEvent):
            if not self.reader.textCursor().hasSelection():
                # a right-click without a selection means the paragraph clicked on
                self.reader.setTextCursor(self.reader.cursorForPosition(event.pos()))
        elif not isinstance(event, QMouseEvent):
            pass
        elif kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        elif kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            pos = event.position().toPoint()
            if self._press is not None and (pos - self._press).manhattanLength() < 4 \
                    and not self.reader.textCursor().hasSelection():
                b = self.bookmark_at(self.reader.offset_hit(pos))
                if b is not None:
                    self.clicked.emit(b, self.reader.viewport().mapToGlobal(pos))
            self._press = None
        return False
