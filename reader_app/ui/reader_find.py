"""Find in article for the reader pane: every match marked, the current one brighter, with a count.

A mixin for ReaderView (it uses the view's document, its highlight layers and its `find_changed` signal).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor


class FindInArticle:
    """find(text) / find_next() / find_previous() / find_clear(); reports through `find_changed(current, total)`."""

    _layers: dict
    _find_text: str
    _find_matches: list[tuple[int, int]]
    _find_index: int

    def find(self, text: str) -> int:
        """Find all matches of `text` (case-insensitive), select the first at or after the view's top."""
        self._find_text = text
        self._find_matches = []
        doc = self.document()
        if text:
            cur = QTextCursor(doc)
            while len(self._find_matches) < 5000:
                cur = doc.find(text, cur)
                if cur.isNull():
                    break
                self._find_matches.append((cur.selectionStart(), cur.selectionEnd()))
        top = self.cursorForPosition(QPoint(0, 0)).position()
        self._find_index = next((i for i, (a, _b) in enumerate(self._find_matches) if a >= top),
                                0 if self._find_matches else -1)
        self._show_find()
        return len(self._find_matches)

    def find_next(self, step: int = 1) -> None:
        if not self._find_matches:
            return
        self._find_index = (self._find_index + step) % len(self._find_matches)
        self._show_find()

    def find_previous(self) -> None:
        self.find_next(-1)

    def find_clear(self) -> None:
        self._reset_find()
        self._apply_layers()

    def _reset_find(self) -> None:
        self._find_text = ""
        self._find_matches = []
        self._find_index = -1
        self._layers.pop("find", None)
        self._layers.pop("find-current", None)
        self.find_changed.emit(0, 0)

    def _show_find(self) -> None:
        if self._find_matches:
            self._layers["find"] = (self._find_matches, None, None)
            a, b = self._find_matches[self._find_index]
            self.set_highlights("find-current", [(a, b)], positions=True)
            self._scroll_to_position(a)
        else:
            self._layers.pop("find", None)
            self._layers.pop("find-current", None)
            self._apply_layers()
        current = self._find_index + 1 if self._find_matches else 0
        self.find_changed.emit(current, len(self._find_matches))

