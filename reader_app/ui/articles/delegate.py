"""How a row of the article list is drawn: unread dot, headline, outlet · date, and a one-line lede or a
search snippet with its matched words marked (the first match always in view)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from reader_app.core.articles.cjk import has_cjk, is_cjk
from reader_app.ui.articles.row import READ_ROLE, ROW_ROLE, ArticleRow
from reader_app.ui.row_painting import paint_row_background

_OPENING = " ([{“‘「『（【〈《〔［｛"  # a space and opening brackets: a line is never cut just after one


def _cuts(text: str) -> list[int]:
    """Where a line may end inside `text` (text[:i] kept), in order: before a space, and, since Chinese and
    Japanese have no spaces between words, after a Han or kana character or their punctuation and before a
    Han or kana character; never just before punctuation ("、" or "。" does not start what is cut off) nor
    just after an opening bracket."""
    cuts = []
    for i in range(1, len(text)):
        ch, prev = text[i], text[i - 1]
        if ch == " " or (ch.isalnum() or ch in _OPENING) and (_wide(prev) or is_cjk(ch)) and prev not in _OPENING:
            cuts.append(i)
    return cuts


def _wide(ch: str) -> bool:
    """A Han or kana character, or East Asian punctuation (、。「」，！ and the like; not a full-width digit)."""
    return is_cjk(ch) or ("\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uff65") and not ch.isalnum()


def _first_fitting(cuts: list[int], fits) -> int | None:
    """The first of `cuts` for which fits(cut) holds, given that it holds for every cut after one that does."""
    lo, hi = 0, len(cuts)
    while lo < hi:
        mid = (lo + hi) // 2
        if fits(cuts[mid]):
            hi = mid
        else:
            lo = mid + 1
    return cuts[lo] if lo < len(cuts) else None


def lead_in(pieces: tuple[tuple[str, bool], ...], plain: QFontMetrics, bold: QFontMetrics,
            width: int) -> tuple[tuple[str, bool], ...]:
    """The snippet's pieces with the text before the first match shortened (from the left, with "…") when
    the match would otherwise fall past most of the line, so a row always shows why it matched."""
    first = next((i for i, (_t, is_match) in enumerate(pieces) if is_match), None)
    if not first:
        return pieces
    before = "".join(t for t, _m in pieces[:first])
    match_w = bold.horizontalAdvance(pieces[first][0])
    if plain.horizontalAdvance(before) + match_w <= width * 0.8:
        return pieces
    room = int(width * 0.3)
    if has_cjk(before):  # cut between characters of Chinese or Japanese, at spaces elsewhere
        cut = _first_fitting(_cuts(before), lambda c: plain.horizontalAdvance("…" + before[c:]) <= room)
        return (("…" + before[cut:] if cut is not None else "…", False), *pieces[first:])
    words = before.rstrip(" ").split(" ")
    kept: list[str] = []  # whole words from the end of the lead-in that fit in `room`
    while words and plain.horizontalAdvance("… " + " ".join([words[-1], *kept])) <= room:
        kept.insert(0, words.pop())
    space = " " if before.endswith(" ") else ""  # a match inside a word stays joined to its start
    shortened = ("… " + " ".join(kept) if kept else "…") + space
    return ((shortened, False), *pieces[first:])


def fit_pieces(pieces: tuple[tuple[str, bool], ...], plain: QFontMetrics, bold: QFontMetrics,
               width: int) -> tuple[tuple[str, bool], ...]:
    """The snippet's pieces that fit in `width`: when they do not all fit, cut after the last whole word
    that does, with " …", and never inside a marked term (a mark is shown whole or not at all)."""
    ellipsis = " …"
    out: list[tuple[str, bool]] = []
    x = 0
    for i, (text, is_match) in enumerate(pieces):
        w = (bold if is_match else plain).horizontalAdvance(text)
        room = width if i == len(pieces) - 1 else width - plain.horizontalAdvance(ellipsis)  # room for " …"
        if x + w <= room:
            out.append((text, is_match))
            x += w
            continue
        if not is_match and has_cjk(text):  # cut between characters of Chinese or Japanese, at spaces elsewhere
            room = width - x - plain.horizontalAdvance(ellipsis)
            cuts = _cuts(text)[::-1]  # longest first: the first that fits
            cut = _first_fitting(cuts, lambda c, t=text, r=room: plain.horizontalAdvance(t[:c].rstrip()) <= r)
            if cut is not None and text[:cut].strip():
                out.append((text[:cut].rstrip(), False))
        elif not is_match:
            words = text.split(" ")
            for k in range(len(words) - 1, 0, -1):  # whole words only: the last one may go on past the line
                kept = " ".join(words[:k]).rstrip()
                if kept and x + plain.horizontalAdvance(kept) + plain.horizontalAdvance(ellipsis) <= width:
                    out.append((kept, False))
                    break
        elif out and not out[-1][1] and not out[-1][0].endswith(" ") and not text.startswith(" ") \
                and not (is_cjk(text[0]) and _wide(out[-1][0][-1])):  # (Chinese or Japanese: no word to tell)
            # the mark is the end of a word begun in the plain text before it: that start goes too
            head = out.pop()[0]
            if " " in head:
                out.append((head[:head.rindex(" ")], False))
        out.append((ellipsis if out else "…", False))
        return tuple(out)
    return tuple(out)


class ArticleDelegate(QStyledItemDelegate):
    """Draws a row: unread dot, headline, outlet · date, and a one-line lede or a snippet with marked terms."""

    PAD_X, PAD_Y, GAP = 14, 9, 3

    def __init__(self, parent=None):
        super().__init__(parent)
        self.term_colours = (QColor("#fde68a"), QColor("#1f1d1a"))  # (background, text) of matched terms

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base = QFont(option.font)
        title = QFont(base)
        title.setPointSizeF(base.pointSizeF() * 1.08)
        title.setWeight(QFont.Weight.DemiBold)
        meta = QFont(base)
        meta.setPointSizeF(base.pointSizeF() * 0.86)
        return title, meta, base

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        title, meta, body = self._fonts(option)
        h = (QFontMetrics(title).height() + QFontMetrics(meta).height() + QFontMetrics(body).height()
             + 2 * self.GAP + 2 * self.PAD_Y)
        return QSize(240, h)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        row: ArticleRow | None = index.data(ROW_ROLE)
        if row is None:
            return super().paint(painter, option, index)
        painter.save()
        pal = option.palette
        rect = QRect(option.rect)
        selected, fg = paint_row_background(painter, option, self.PAD_X)

        muted = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        title_font, meta_font, body_font = self._fonts(option)
        read = bool(index.data(READ_ROLE))
        if read:
            title_font.setWeight(QFont.Weight.Normal)
        x = rect.left() + self.PAD_X
        width = rect.width() - 2 * self.PAD_X
        y = rect.top() + self.PAD_Y

        if not read:  # the unread mark: a dot in the left margin
            dot = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Link)
            painter.setBrush(dot)
            painter.setPen(Qt.PenStyle.NoPen)
            fm = QFontMetrics(title_font)
            d = 7
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.drawEllipse(rect.left() + (self.PAD_X - d) // 2, y + (fm.height() - d) // 2, d, d)

        for font, text, colour in ((title_font, row.title, fg), (meta_font, row.meta, pal.color(muted))):
            fm = QFontMetrics(font)
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(QRect(x, y, width, fm.height()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             fm.elidedText(text, Qt.TextElideMode.ElideRight, width))
            y += fm.height() + self.GAP

        painter.setFont(body_font)
        fm = QFontMetrics(body_font)
        line = QRect(x, y, width, fm.height())
        if row.snippet:
            self._paint_snippet(painter, line, row.snippet, body_font, fg, pal, selected)
        else:
            painter.setPen(pal.color(muted) if not selected else fg)
            painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             fm.elidedText(row.lede, Qt.TextElideMode.ElideRight, width))
        painter.restore()

    def _paint_snippet(self, painter: QPainter, line: QRect, pieces: tuple[tuple[str, bool], ...], font: QFont,
                       fg, pal: QPalette, selected: bool) -> None:
        """The snippet on one line, matched terms bold on a marker colour, elided at the end."""
        bold = QFont(font)
        bold.setWeight(QFont.Weight.Bold)
        x, right = line.left(), line.right()
        pieces = lead_in(pieces, QFontMetrics(font), QFontMetrics(bold), line.width())
        pieces = fit_pieces(pieces, QFontMetrics(font), QFontMetrics(bold), line.width())
        mark_bg, mark_fg = self.term_colours
        text_colour = fg if selected else pal.color(QPalette.ColorRole.PlaceholderText)
        for text, is_match in pieces:
            f = bold if is_match else font
            fm = QFontMetrics(f)
            w = min(fm.horizontalAdvance(text), max(0, right - x))
            painter.setFont(f)
            box = QRect(x, line.top(), w, line.height())
            if is_match and not selected:
                painter.fillRect(box.adjusted(-1, 1, 1, -1), mark_bg)
                painter.setPen(mark_fg)
            else:
                painter.setPen(text_colour)
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            x += w
