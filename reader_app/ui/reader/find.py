"""Find in article for the reader pane: every match marked, the current one brighter, with a count.

A component the ReaderView owns: it works through the view's public API (its document, `set_highlights` /
`clear_highlights` on the "find" and "find-current" layers, `scroll_to_position`), not its private state.

A long article is laid out a part at a time (view.py), but find counts the whole text: the matches laid out
are marked, those before and after that part are counted from the article's text, and going to one of them
lays out the part around it (`scroll_to_offset`).
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import QTextCursor, QTextDocument

from reader_app.core.articles.text import lower_folded

if TYPE_CHECKING:
    from reader_app.core.articles.model import Article

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
    def scroll_to_offset(self, offset: int) -> None: ...
    def position_of(self, offset: int) -> int: ...
    def shown_span(self) -> tuple[int, int]: ...
    article: Article | None


class ArticleFind(QObject):
    """find(text) / find_next() / find_previous() / clear() on one ReaderView. Signal: `changed(current,
    total)` (current is 1-based, 0 when there is no match)."""

    changed = Signal(int, int)

    def __init__(self, view: FindTarget, parent: QObject | None = None):
        super().__init__(parent)
        self.view = view
        self.text = ""
        self.matches: list[tuple[int, int]] = []  # document positions, in the part laid out
        self.before: list[int] = []  # offsets into article.text of matches before the part laid out
        self.after: list[int] = []  # and after it
        self.index = -1  # of the current match among before + matches + after
        self._text: tuple[Article, str, str] | None = None  # the article, its text and that lower-cased

    @property
    def total(self) -> int:
        return len(self.before) + len(self.matches) + len(self.after)

    def find(self, text: str) -> int:
        """Find all matches of `text` (case-insensitive) in the whole article; the current one is the first
        at or after the view's top (or, none being laid out, the first in the article: its part is shown)."""
        self.text = text
        self._collect()
        top = self.view.cursorForPosition(QPoint(0, 0)).position()
        shown = next((i for i, (a, _b) in enumerate(self.matches) if a >= top), None)
        self.index = len(self.before) + shown if shown is not None else (0 if self.total else -1)
        self._mark()
        self._show_current()
        return self.total

    def _collect(self) -> None:
        self.matches = self._matches(self.text) if self.text else []
        self.before, self.after = self._outside(self.text) if self.text else ([], [])

    def _mark(self) -> None:
        if self.matches:
            self.view.set_highlights("find", self.matches, positions=True)
        else:
            self.view.clear_highlights("find")

    def _outside(self, text: str) -> tuple[list[int], list[int]]:
        """Offsets of the matches in the article's text before and after the part laid out (at most
        MAX_MATCHES in all). A str.find loop on the text lower-cased once per article: a 200,000-paragraph
        article is searched in a few milliseconds, where joining its text for each keystroke cost 80."""
        article = self.view.article
        start, end = self.view.shown_span()
        if article is None:
            return [], []
        if self._text is None or self._text[0] is not article:
            full = article.text
            self._text = (article, full, lower_folded(full))
        _article, full, lowered = self._text
        if start == 0 and end >= len(full):
            return [], []
        if len(lowered) != len(full):  # a letter whose lower case is longer ("İ"): offsets need the regex
            pattern = re.compile(re.escape(text), re.IGNORECASE)
            before = [m.start() for m in itertools.islice(pattern.finditer(full, 0, start), MAX_MATCHES)]
            after = [m.start() for m in itertools.islice(pattern.finditer(full, end), MAX_MATCHES - len(before))]
            return before, after
        needle = lower_folded(text)
        return self._positions(lowered, needle, 0, start, MAX_MATCHES), \
            self._positions(lowered, needle, end, len(lowered), MAX_MATCHES)

    @staticmethod
    def _positions(haystack: str, needle: str, start: int, end: int, limit: int) -> list[int]:
        found: list[int] = []
        at = haystack.find(needle, start, end)
        while at >= 0 and len(found) < limit:
            found.append(at)
            at = haystack.find(needle, at + len(needle), end)
        return found

    def refresh(self) -> None:
        """Find the same text again on a redrawn page (its positions may have moved), keeping the current
        match and leaving the view where it is."""
        if not self.text:
            return
        index = self.index
        self._collect()
        self.index = min(index, self.total - 1)
        self._mark()
        shown = self.index - len(self.before)
        if 0 <= shown < len(self.matches):
            self.view.set_highlights("find-current", [self.matches[shown]], positions=True)
        else:
            self.view.clear_highlights("find-current")
        self.changed.emit(self.index + 1 if self.total else 0, self.total)

    def _matches(self, text: str) -> list[tuple[int, int]]:
        """The matches in the part laid out, as positions in the document: its text lower-cased as search does
        (lower_folded: "izmir" finds İzmir, which Qt's own case-insensitive find does not), every character one
        position (a paragraph's end one too)."""
        doc = self.view.document()
        plain, needle = doc.toPlainText(), lower_folded(text)
        hay = lower_folded(plain)
        if needle and len(hay) == len(plain):
            found: list[tuple[int, int]] = []
            at = hay.find(needle)
            while at >= 0 and len(found) < MAX_MATCHES:
                found.append((at, at + len(needle)))
                at = hay.find(needle, at + len(needle))
            return found
        matches: list[tuple[int, int]] = []
        cur = QTextCursor(doc)
        while len(matches) < MAX_MATCHES:
            cur = doc.find(text, cur)
            if cur.isNull():
                break
            matches.append((cur.selectionStart(), cur.selectionEnd()))
        return matches

    def find_next(self, step: int = 1) -> None:
        if not self.total:
            return
        self.index = (self.index + step) % self.total
        self._show_current()

    def find_previous(self) -> None:
        self.find_next(-1)

    def clear(self) -> None:
        """Forget the matches and take their marks away (a new article, another part laid out, Esc)."""
        self.text = ""
        self.matches = []
        self.before, self.after = [], []
        self.index = -1
        for key in LAYERS:
            self.view.clear_highlights(key)
        self.changed.emit(0, 0)

    def _show_current(self) -> None:
        shown = self.index - len(self.before)
        if self.total and not 0 <= shown < len(self.matches):
            self._lay_out_current()
            shown = self.index - len(self.before)
        if 0 <= shown < len(self.matches):
            a, b = self.matches[shown]
            self.view.set_highlights("find-current", [(a, b)], positions=True)
            self.view.scroll_to_position(a)
        else:
            self.view.clear_highlights("find-current")
        self.changed.emit(self.index + 1 if self.total else 0, self.total)

    def _lay_out_current(self) -> None:
        """The current match is outside the part laid out: lay out the part around it and find again there,
        the same match staying current."""
        offset = (self.before[self.index] if self.index < len(self.before)
                  else self.after[self.index - len(self.before) - len(self.matches)])
        text = self.text
        self.view.scroll_to_offset(offset)  # another part: the view clears find (and with it self.text)
        self.text = text
        self._collect()
        position = self.view.position_of(offset)
        shown = next((i for i, (a, _b) in enumerate(self.matches) if a == position), None)
        self.index = len(self.before) + shown if shown is not None else min(self.index, self.total - 1)
        self._mark()
