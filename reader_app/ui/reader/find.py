"""Find in article for the reader pane: every match marked, the current one brighter, with a count.

A component the ReaderView owns: it works through the view's public API (its document, `set_highlights` /
`clear_highlights` on the "find" and "find-current" layers, `scroll_to_position`), not its private state.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import QTextCursor, QTextDocument

MAX_MATCHES = 5000
LAYERS = ("find", "find-current")


class FindTarget(Protocol):
    """What find needs of the reader view (ReaderView has it all)."""

    def document(self) -> QTextDocument: ...
    def cursorForPosition(self, pos: QPoint) -> QTextCursor: ...  # noqa: N802 (Qt's name)
    def set_highlights(self, key: str, ranges: list[tuple[int, int]], colour: None = None,
                       tooltips: None = None, *, positions: bool = False) -> None: ...
    def clear_highlights(self, key: str) -> None: ...
    def scroll_to_position(self, position: int, fraction: float = ...) -> None: ...


class ArticleFind(QObject):
    """find(text) / find_next() / find_previous() / clear() on one ReaderView. Signal: `changed(current,
    total)` (current is 1-based, 0 when there is no match)."""

    changed = Signal(int, int)

    def __init__(self, view: FindTarget, parent: QObject | None = None):
        super().__init__(parent)
        self.view = view
        self.text = ""
        self.matches: list[tuple[int, int]] = []  # document positions
        self.index = -1

    def find(self, text: str) -> int:
        """Find all matches of `text` (case-insensitive), select the first at or after the view's top."""
        self.text = text
        self.matches = self._matches(text) if text else []
        top = self.view.cursorForPosition(QPoint(0, 0)).position()
        self.index = next((i for i, (a, _b) in enumerate(self.matches) if a >= top), 0 if self.matches else -1)
        if self.matches:
            self.view.set_highlights("find", self.matches, positions=True)
        else:
            self.view.clear_highlights("find")
        self._show_current()
        return len(self.matches)

    def refresh(self) -> None:
        """Find the same text again on a redrawn page (its positions may have moved), keeping the current
        match and leaving the view where it is."""
        if not self.text:
            return
        index = self.index
        self.matches = self._matches(self.text)
        self.index = min(index, len(self.matches) - 1)
        if self.matches:
            self.view.set_highlights("find", self.matches, positions=True)
            a, b = self.matches[self.index]
            self.view.set_highlights("find-current", [(a, b)], positions=True)
        else:
            for key in LAYERS:
                self.view.clear_highlights(key)
        self.changed.emit(self.index + 1 if self.matches else 0, len(self.matches))

    def _matches(self, text: str) -> list[tuple[int, int]]:
        matches: list[tuple[int, int]] = []
        doc = self.view.document()
        cur = QTextCursor(doc)
        while len(matches) < MAX_MATCHES:
            cur = doc.find(text, cur)
            if cur.isNull():
                break
            matches.append((cur.selectionStart(), cur.selectionEnd()))
        return matches

    def find_next(self, step: int = 1) -> None:
        if not self.matches:
            return
        self.index = (self.index + step) % len(self.matches)
        self._show_current()

    def find_previous(self) -> None:
        self.find_next(-1)

    def clear(self) -> None:
        """Forget the matches and take their marks away (a new article, another part laid out, Esc)."""
        self.text = ""
        self.matches = []
        self.index = -1
        for key in LAYERS:
            self.view.clear_highlights(key)
        self.changed.emit(0, 0)

    def _show_current(self) -> None:
        if self.matches:
            a, b = self.matches[self.index]
            self.view.set_highlights("find-current", [(a, b)], positions=True)
            self.view.scroll_to_position(a)
        else:
            self.view.clear_highlights("find-current")
        current = self.index + 1 if self.matches else 0
        self.changed.emit(current, len(self.matches))
