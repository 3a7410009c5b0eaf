"""How one row of the bookmarks pane is drawn: quote, note, tags and the article's details, or a group header.

Row heights come from estimated line counts (cached per edit and width), so laying out thousands of rows costs
no line breaking; only painted rows are broken into lines by Qt.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
)

from reader_app.ui.bookmarks.model import (
    ROW_ROLE,
    ArticleGroup,
    BookmarkRow,
)
from reader_app.ui.row_painting import paint_row_background

ORPHAN_MARK = "Not found in the article"
REMOVED_MARK = "Article removed from the library"  # an orphan whose article is gone, not changed
MAX_QUOTE_LINES, MAX_NOTE_LINES = 3, 2

Index = QModelIndex | QPersistentModelIndex


def _wrap(font: QFont, text: str, width: int, max_lines: int) -> list[str]:
    """Qt's word wrap of `text` (white space collapsed) into at most `max_lines` lines, the last one elided."""
    text = " ".join(text.split())
    if not text:
        return []
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    spans: list[tuple[int, int]] = []
    layout.beginLayout()
    while len(spans) < max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    units = text.encode("utf-16-le")  # Qt counts positions in UTF-16 code units

    def piece(start: int, length: int | None = None) -> str:
        end = len(units) if length is None else 2 * (start + length)
        return units[2 * start:end].decode("utf-16-le", "replace").strip()

    lines = [piece(start, length) for start, length in spans]
    if lines:
        lines[-1] = QFontMetrics(font).elidedText(piece(spans[-1][0]), Qt.TextElideMode.ElideRight, width)
    return lines


class BookmarkDelegate(QStyledItemDelegate):
    """Draws a bookmark: the quote beside an accent bar, the note, #tags, then headline · outlet · date.

    In the grouped layout the headline moves to the group row; orphans carry a mark in the accent colour.
    """

    PAD_X, PAD_Y, GAP, BAR = 12, 9, 4, 3

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grouped = False
        self.by_article = False  # grouped under articles: the headline is in the group row, not repeated
        self.accent = QColor("#9a3b1b")
        self._cache: dict[tuple, tuple[int, int]] = {}
        self._font_cache: dict[str, dict[str, QFont]] = {}
        self._height_cache: dict[str, dict[str, int]] = {}

    def _fonts(self, option: QStyleOptionViewItem) -> dict[str, QFont]:
        key = option.font.key()
        fonts = self._font_cache.get(key)
        if fonts is None:
            base = QFont(option.font)
            quote = QFont(base)
            quote.setItalic(True)
            small = QFont(base)
            small.setPointSizeF(base.pointSizeF() * 0.88)
            head = QFont(base)
            head.setWeight(QFont.Weight.DemiBold)
            fonts = self._font_cache[key] = {"quote": quote, "body": base, "small": small, "head": head}
        return fonts

    def _heights(self, option: QStyleOptionViewItem) -> dict[str, int]:
        key = option.font.key()
        found = self._height_cache.get(key)
        if found is None:
            found = self._height_cache[key] = {k: QFontMetrics(f).height() for k, f in self._fonts(option).items()}
        return found

    def cache_size(self) -> int:
        """How many rows' laid-out lines are kept (the pane clears them when it grows too big)."""
        return len(self._cache)

    def clear_cache(self) -> None:
        self._cache.clear()

    def _counts(self, option: QStyleOptionViewItem, row: BookmarkRow, width: int) -> tuple[int, int]:
        """How many lines the quote and the note get: estimated from their widths, so that laying out every
        row (the view asks each one's height) costs no line breaking; painting then fills exactly these."""
        key = (row.id, row.bookmark.updated, width, option.font.key())  # an edit makes a new key
        found = self._cache.get(key)
        if found is None:
            f = self._fonts(option)

            def lines(font: QFont, text: str, w: int, most: int) -> int:
                if not text:
                    return 0
                advance = QFontMetrics(font).horizontalAdvance(" ".join(text.split()))
                return min(most, max(1, math.ceil(advance * 1.08 / max(w, 1))))  # a little for ragged ends

            found = self._cache[key] = (lines(f["quote"], f"“{row.quote}”", width - self.BAR - 8, MAX_QUOTE_LINES),
                                        lines(f["body"], row.note, width, MAX_NOTE_LINES))
        return found

    def _lines(self, option: QStyleOptionViewItem, row: BookmarkRow, width: int) -> list[tuple[str, str]]:
        """(kind, text) for each line the row shows."""
        f = self._fonts(option)
        quote_n, note_n = self._counts(option, row, width)
        out = [("quote", line) for line in _wrap(f["quote"], f"“{row.quote}”", width - self.BAR - 8, quote_n)]
        out += [("quote", "")] * (quote_n - len(out))
        if row.orphan:
            out.append(("orphan", "⚠ " + (REMOVED_MARK if row.removed else ORPHAN_MARK)))
        if note_n:
            notes = _wrap(f["body"], row.note, width, note_n)
            out += [("note", line) for line in notes + [""] * (note_n - len(notes))]
        if row.tags:
            out.append(("tags", QFontMetrics(f["small"]).elidedText(
                "  ".join("#" + t.replace(" ", "\u00a0") for t in row.tags), Qt.TextElideMode.ElideRight, width)))
        meta = "" if self.by_article else " · ".join(x for x in (row.headline, row.meta) if x)  # else in the header
        out.append(("meta", meta))
        return out

    def _font_for(self, fonts: dict[str, QFont], kind: str) -> QFont:
        return fonts["quote"] if kind == "quote" else fonts["body"] if kind == "note" else fonts["small"]

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        row = index.data(ROW_ROLE)
        heights = self._heights(option)
        width = max(120, (option.rect.width() or 300) - 2 * self.PAD_X)
        small = heights["small"]
        if isinstance(row, ArticleGroup):
            return QSize(width, heights["head"] + small + self.GAP + 2 * self.PAD_Y)
        if not isinstance(row, BookmarkRow):
            return super().sizeHint(option, index)
        view = self.parent()
        if isinstance(view, QTreeView):
            width = max(120, view.viewport().width() - 2 * self.PAD_X - (view.indentation() if self.grouped else 0))
        quote_n, note_n = self._counts(option, row, width)
        h = (quote_n * heights["quote"] + note_n * heights["body"]
             + small * (1 + bool(row.orphan) + bool(row.tags)) + self.GAP * 2)
        return QSize(width, h + 2 * self.PAD_Y)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = index.data(ROW_ROLE)
        if not isinstance(row, BookmarkRow | ArticleGroup):
            return super().paint(painter, option, index)
        painter.save()
        pal = option.palette
        rect = QRect(option.rect)
        selected, fg = paint_row_background(painter, option, 0)
        muted = fg if selected else pal.color(QPalette.ColorRole.PlaceholderText)
        fonts = self._fonts(option)
        x, y = rect.left() + self.PAD_X, rect.top() + self.PAD_Y
        width = rect.width() - 2 * self.PAD_X
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

        if isinstance(row, ArticleGroup):
            for font, text, colour in ((fonts["head"], f"{row.headline}", fg),
                                       (fonts["small"], self._group_meta(row), muted)):
                fm = QFontMetrics(font)
                painter.setFont(font)
                painter.setPen(colour)
                painter.drawText(QRect(x, y, width, fm.height()), align,
                                 fm.elidedText(text, Qt.TextElideMode.ElideRight, width))
                y += fm.height() + self.GAP
            painter.restore()
            return

        lines = self._lines(option, row, width)
        quote_h = sum(QFontMetrics(fonts["quote"]).height() for k, _ in lines if k == "quote")
        bar = QColor(muted) if selected else (QColor(pal.color(QPalette.ColorRole.Midlight)) if row.orphan
                                             else QColor(self.accent))
        painter.fillRect(QRect(x, y + 1, self.BAR, quote_h - 2), bar)
        saved_w = 0
        for n, (kind, text) in enumerate(lines):
            font = self._font_for(fonts, kind)
            fm = QFontMetrics(font)
            left = x + (self.BAR + 8 if kind == "quote" else 0)
            colour = {"quote": fg, "note": fg, "orphan": fg if selected else QColor(self.accent),
                      "tags": fg if selected else pal.color(QPalette.ColorRole.Link)}.get(kind, muted)
            if kind in ("orphan", "note") and lines[n - 1][0] == "quote":
                y += self.GAP
            if kind == "meta":
                y += self.GAP
                saved_w = fm.horizontalAdvance(row.saved) + 12
                painter.setFont(font)
                painter.setPen(muted)
                painter.drawText(QRect(x, y, width, fm.height()), Qt.AlignmentFlag.AlignRight
                                 | Qt.AlignmentFlag.AlignVCenter, row.saved)
                text = fm.elidedText(text, Qt.TextElideMode.ElideRight, max(0, width - saved_w))
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(QRect(left, y, width - (left - x), fm.height()), align, text)
            y += fm.height()
        painter.restore()

    @staticmethod
    def _group_meta(group: ArticleGroup) -> str:
        n = len(group.rows)
        count = f"{n} bookmark{'s' if n != 1 else ''}"
        return " · ".join(x for x in (group.meta, count) if x)
