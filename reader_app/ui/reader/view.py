"""The reader pane: one clean article set for long reading, with highlights, find, zoom and themes.

The view resolves no resources at all (no images, stylesheets or files, local or remote): the HTML is our
own, built in html.py, and `loadResource` answers every request with an empty value.
"""

from __future__ import annotations

import html
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QPoint, QPointF, QRectF, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QDesktopServices,
    QFont,
    QFontMetricsF,
    QImage,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QTextEdit, QToolTip, QWidget

from reader_app.core.articles.cjk import has_cjk, is_cjk
from reader_app.core.prefs.settings import SETTINGS
from reader_app.core.wording import plural
from reader_app.ui.reader.find import ArticleFind
from reader_app.ui.reader.html import EARLIER_URL, MORE_URL, RELATED_SCHEME, RESTORE_SCHEME, Typography, article_html
from reader_app.ui.text import plain_tooltip
from reader_app.ui.theme import LIGHT, Colours, reading_fonts

if TYPE_CHECKING:
    from reader_app.core.articles.model import Article, Paragraph

MIN_SIZE, MAX_SIZE = 8, 32
DEFAULT_SIZE: int = SETTINGS["font_size"].default
MEASURE_CHARS = 68
# An article is laid out a part at a time: Qt lays out a whole document at once on the GUI thread, and a
# 200,000-paragraph article froze the window for 16 s, one 5,000,000-character word for over 10 minutes.
# "Show more" (or going to a bookmark further on) adds the next part.
PAGE_CHARS = 30_000
PAGE_PARAGRAPHS = 500
_ORDER = ("search", "find", "find-current")  # drawn last, over any other highlights
_UNDER = ("entities",)  # drawn first, under any other highlight, whose tooltip and click win (ui/entities)
_MEASURE_SAMPLE = "the quick brown fox jumps over a lazy dog, then reads the news again. "


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _x_of(answer: Any) -> float:
    """QTextLine.cursorToX's x: PySide6 answers (x, position) for the overload that may move the position."""
    return float(answer[0] if isinstance(answer, tuple) else answer)


class ReaderView(QTextBrowser):
    """Shows one Article. Thin: it renders and reports; the window loads articles and saves state.

    Signals:
      `article_shown(id)`          an article is on screen
      `article_closed()`           a message is shown in its place ("Pick an article", an article removed)
      `related_activated(id)`      the user clicked one of the related articles at the end
      `font_size_changed(points)`  zoom changed the body size
      `find_changed(current, total)`  find-in-article moved (current is 1-based, 0 when no match)

    Find in article is a component (`finder`, reader/find.py); `find(text)`, `find_next()`, `find_previous()`
    and `find_clear()` here are its verbs.

    For other panes (bookmarks), offsets are positions in `article.text` (paragraphs joined by "\\n\\n"):
      `article`                     the Article on screen, or None
      `selection_range()`           the selected passage as (start, end), or None
      `paragraph_range_at_cursor()` the (start, end) of the paragraph holding the text cursor, or None
      `set_highlights(key, ranges, colour, tooltips)` / `clear_highlights(key)`  named highlight layers
      `highlight_at(key, offset)`   index of the range of layer `key` covering offset, or None
      `scroll_to_offset(offset)`    bring that offset into view (a third of the way down)
      `offset_at(point)`            the offset nearest a viewport point, or None
      `offset_hit(point)`           the offset of the character drawn under a viewport point, or None (a
                                    click acts on a name only on its letters, not in the blank beside it)
      `add_context_action(action)`  add an action to the reader's context menu
      `rendered`                    Signal emitted after every (re)render, so layers can be re-applied
    """

    article_shown = Signal(str)
    article_closed = Signal()
    related_activated = Signal(str)
    font_size_changed = Signal(int)
    find_changed = Signal(int, int)
    rendered = Signal()
    restore_requested = Signal(str, int)  # (article id, removed block number): "Put back" was clicked

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("readerView")
        self.setAccessibleName("readerView")
        self.setAccessibleDescription("The article being read")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setCursorWidth(0)  # a reader, not an editor: no blinking caret; selections still show
        self.anchorClicked.connect(self._on_anchor)
        self.article: Article | None = None
        self.related: list[dict] = []
        self.colours: Colours = LIGHT
        self.font_size = DEFAULT_SIZE
        self._blocks: list[tuple[int, int, str]] = []  # per paragraph: (text offset, document position, text)
        self._layers: dict[str, tuple[list[tuple[int, int]], QColor | str | None, list[str] | None]] = {}
        self._context_actions: list[QAction] = []
        self._message: tuple[str, str] | None = None
        self._limit = (0, PAGE_CHARS, PAGE_PARAGRAPHS)  # what is laid out: from offset, characters, paragraphs
        self._layer_offsets: dict[str, list[tuple[int, int]]] = {}  # layers given as offsets, placed at each render
        self._shown: list[tuple[int, Paragraph]] = []
        self._span = (0, 0)  # the offsets of article.text laid out: from, to
        self._search_terms: list[str] = []  # the words of the "search" layer, found again at each render
        self.finder = ArticleFind(self, self)
        self.finder.changed.connect(self.find_changed)
        # A word longer than the column (a URL, or a hostile file's million-letter word) wraps anywhere.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.show_removed = False  # View > Show Removed Text

    # --- safety ---------------------------------------------------------------------------------

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        """Nothing is ever loaded: a valid but empty answer, so QTextDocument does not read files itself."""
        if kind == QTextDocument.ResourceType.ImageResource.value:
            img = QImage(1, 1, QImage.Format.Format_ARGB32)
            img.fill(Qt.GlobalColor.transparent)
            return img
        if kind == QTextDocument.ResourceType.StyleSheetResource.value:
            return ""
        return QByteArray()

    def _on_anchor(self, url: QUrl) -> None:
        if url.toString() == MORE_URL:
            self.show_more()
            return
        if url.toString() == EARLIER_URL:
            self.show_earlier()
            return
        if url.scheme() == RESTORE_SCHEME and self.article is not None and url.path().isdigit():
            self.restore_requested.emit(self.article.id, int(url.path()))
            return
        if url.scheme() == RELATED_SCHEME:
            aid = url.path()
            if any(str(r.get("id")) == aid for r in self.related):
                self.related_activated.emit(aid)
            return
        if url.scheme().lower() in ("http", "https") and url.host():
            QDesktopServices.openUrl(url)

    # --- showing --------------------------------------------------------------------------------

    def typography(self) -> Typography:
        body, heading = reading_fonts()
        c = self.colours
        return Typography(body_family=body, heading_family=heading, size=float(self.font_size), text=c.text,
                          muted=c.muted, accent=c.accent, link=c.link, rule=c.rule,
                          px_per_pt=self.logicalDpiY() / 72.0)

    def show_article(self, article: Article, related: list[dict] | None = None) -> None:
        """Render `article` from the top; highlight layers from the previous article are dropped."""
        self.article = article
        self.related = list(related or [])
        self._message = None
        self._limit = (0, PAGE_CHARS, PAGE_PARAGRAPHS)
        self._layers.clear()
        self._layer_offsets.clear()
        self.finder.clear()
        self._render(keep_position=False)
        self.article_shown.emit(article.id)

    def refresh_details(self, article: Article) -> None:
        """The open article again with corrected details (the same text): redrawn where the reader was, its
        highlights kept. Another article, or a changed text, is shown from the top instead."""
        if self.article is None or self.article.id != article.id or self.article.text != article.text:
            self.show_article(article, self.related)
            return
        self.article = article
        self._render(keep_position=True)

    def drop_related(self, article_ids: set[str]) -> None:
        """Articles removed from the library leave the related list at the end (their links could not open);
        the article is redrawn where the reader was, its highlights kept."""
        kept = [r for r in self.related if str(r.get("id")) not in article_ids]
        if len(kept) != len(self.related) and self.article is not None and self._message is None:
            self.related = kept
            self._render(keep_position=True)

    def show_more(self) -> None:
        """Lay out the next part of a long article after what is shown."""
        start, chars, paras = self._limit
        self._limit = (start, chars + PAGE_CHARS, paras + PAGE_PARAGRAPHS)
        self._render(keep_position=True)

    def show_earlier(self) -> None:
        """Lay out the part before what is shown (after going to a passage far into a long article)."""
        start, chars, paras = self._limit
        back = min(start, PAGE_CHARS)
        self._limit = (start - back, chars + back, paras + PAGE_PARAGRAPHS)
        self._moved()
        self._render(keep_position=False)

    def _moved(self) -> None:
        """The part laid out starts elsewhere: layers placed by document position (find, search terms) no
        longer fit it; find starts again on the new part."""
        for key in [k for k in self._layers if k not in self._layer_offsets]:
            del self._layers[key]
        self.finder.clear()

    def _show_around(self, offset: int) -> None:
        """Lay out a part of the article that holds `offset` (a bookmark far into a long article)."""
        assert self.article is not None
        start = 0
        for p_start, _p in self._paragraph_offsets():
            if p_start > offset:
                break
            start = p_start if offset - p_start < PAGE_CHARS // 2 else offset - PAGE_CHARS // 2
        self._limit = (start, PAGE_CHARS, PAGE_PARAGRAPHS)
        self._moved()
        self._render(keep_position=False)

    def _paragraph_offsets(self):
        assert self.article is not None
        offset = 0
        for p in self.article.paragraphs:
            yield offset, p
            offset += len(p.text) + 2

    def _visible(self) -> tuple[list[tuple[int, Paragraph]], int, int]:
        """The paragraphs within the limit as (offset in article.text, paragraph), the first and last possibly
        cut short; and the characters left out before and after them."""
        start, max_chars, max_paras = self._limit
        shown: list[tuple[int, Paragraph]] = []
        used = 0
        end = start
        for p_start, p in self._paragraph_offsets():
            p_end = p_start + len(p.text)
            if start > p_start and p_end <= start:
                continue
            if used >= max_chars or len(shown) >= max_paras:
                break
            cut_from = max(0, start - p_start)
            cut_to = min(len(p.text), cut_from + max_chars - used)
            if (cut_from, cut_to) != (0, len(p.text)):
                marks = [replace(m, start=max(m.start, cut_from) - cut_from, end=min(m.end, cut_to) - cut_from)
                         for m in p.marks if m.end > cut_from and m.start < cut_to]
                p = replace(p, text=p.text[cut_from:cut_to], marks=marks)
            shown.append((p_start + cut_from, p))
            used += len(p.text) + 2
            end = p_start + cut_from + len(p.text)
        first = shown[0][0] if shown else 0
        paragraphs = self.article.paragraphs if self.article is not None else []
        total = sum(len(p.text) for p in paragraphs) + 2 * max(0, len(paragraphs) - 1)
        return shown, first, max(0, total - end)

    def shown_span(self) -> tuple[int, int]:
        """The part of article.text laid out, as offsets (from, to); (0, 0) with no article."""
        return self._span

    def set_show_removed(self, on: bool) -> None:
        """Show (greyed, struck through) or hide the text the cleanup removed."""
        if on != self.show_removed:
            self.show_removed = on
            if self.article is not None:
                self._render()

    def show_message(self, title: str, body: str = "") -> None:
        """An empty or error state in place of an article (`title` and `body` are plain text)."""
        self.article = None
        self.related = []
        self._layers.clear()
        self._layer_offsets.clear()
        self.finder.clear()
        self._message = (title, body)
        self._render(keep_position=False)
        self.article_closed.emit()

    def _render(self, keep_position: bool = True) -> None:
        top = self.cursorForPosition(QPoint(0, 0)).position() if keep_position else 0
        # The place read, as an offset into the story: removed text shown or hidden above it moves its position.
        top_offset = self.offset_of(top) if top else None
        t = self.typography()
        if self.article is not None:
            self._shown, before, after = self._visible()
            last = self._shown[-1] if self._shown else None
            self._span = (before, last[0] + len(last[1].text) if last else before)
            more = f"Show more ({plural(after, 'character')} more)" if after else None
            earlier = f"Show earlier ({plural(before, 'character')} before)" if before else None
            page = article_html(self.article, t, self.related, shown=[p for _o, p in self._shown], more=more,
                                earlier=earlier, show_removed=self.show_removed and not before and not after)
        else:
            self._shown = []
            self._span = (0, 0)
            title, body = self._message or ("", "")
            gap = round(t.size * 3 * t.px_per_pt)
            page = (f'<html><body style="font-family: \'{t.heading_family}\'; color: {t.muted};">'
                    f'<p style="font-size: {t.size * 1.3:.1f}pt; margin-top: {gap}px; font-weight: 600; '
                    f'color: {t.text};">{html.escape(title, quote=False)}</p>'
                    f'<p style="font-size: {t.size:.1f}pt;">{html.escape(body, quote=False)}</p></body></html>')
        self.document().setDocumentMargin(0)
        self.setHtml(page)
        self._map_paragraphs()
        self._apply_measure()
        for key, ranges in self._layer_offsets.items():  # another part may be laid out: place them again
            _spans, colour, tips = self._layers[key]
            self._layers[key] = ([(self.position_of(a), self.position_of(b)) for a, b in ranges], colour, tips)
        if "search" in self._layers and self._search_terms:
            # Search marks cover the headline too, so they are document positions, which move when the page
            # changes (removed text shown or hidden above them): find the words again on the new page.
            _spans, colour, tips = self._layers["search"]
            self._layers["search"] = (self._term_spans(self._search_terms), colour, tips)
        self.finder.refresh()
        self._apply_layers()
        if keep_position and top:
            self.scroll_to_position(top if top_offset is None else self.position_of(top_offset), fraction=0.0)
        self.rendered.emit()

    def _map_paragraphs(self) -> None:
        """Find each paragraph's block; the HTML writes one block per paragraph with exactly its text."""
        self._blocks = []
        if self.article is None:
            return
        block = self.document().begin()
        for offset, p in self._shown:
            probe = block
            while probe.isValid() and probe.text() != p.text:
                probe = probe.next()
            if probe.isValid():
                self._blocks.append((offset, probe.position(), p.text))
                block = probe.next()
            else:  # should not happen; keep offsets monotonic anyway
                self._blocks.append((offset, self._blocks[-1][1] if self._blocks else 0, ""))

    def _apply_measure(self) -> None:
        """Centre a column of about MEASURE_CHARS characters, with breathing room on small windows."""
        font = QFont(self.typography().body_family)
        font.setPointSizeF(self.font_size)
        sample = QFontMetricsF(font).horizontalAdvance(_MEASURE_SAMPLE) / len(_MEASURE_SAMPLE)
        measure = sample * MEASURE_CHARS
        width = self.viewport().width()
        side = max(28.0, (width - measure) / 2)
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        if (fmt.leftMargin(), fmt.rightMargin()) != (side, side) or fmt.topMargin() != 36:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            fmt.setTopMargin(36)
            fmt.setBottomMargin(64)
            frame.setFrameFormat(fmt)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_measure()

    # --- appearance -----------------------------------------------------------------------------

    def set_colours(self, colours: Colours) -> None:
        self.colours = colours
        pal = self.viewport().palette()
        pal.setColor(QPalette.ColorRole.Base, QColor(colours.base))
        self.viewport().setPalette(pal)
        self._render()

    def set_font_size(self, points: int) -> None:
        points = max(MIN_SIZE, min(MAX_SIZE, int(points)))
        if points == self.font_size:
            return
        self.font_size = points
        self._render()
        self.font_size_changed.emit(points)

    def zoom_in(self) -> None:
        self.set_font_size(self.font_size + 1)

    def zoom_out(self) -> None:
        self.set_font_size(self.font_size - 1)

    def zoom_reset(self) -> None:
        self.set_font_size(DEFAULT_SIZE)

    # --- offsets (article.text) <-> document positions --------------------------------------------

    def position_of(self, offset: int) -> int:
        """The document position of an offset into article.text (separators map to the next paragraph)."""
        if not self._blocks:
            return 0
        for start, pos, text in reversed(self._blocks):
            if offset >= start:
                inside = min(offset - start, len(text))
                return pos + _utf16_len(text[:inside])
        return self._blocks[0][1]

    def offset_of(self, position: int) -> int | None:
        """The offset into article.text of a document position, or None outside the story's paragraphs."""
        for start, pos, text in self._blocks:
            end_pos = pos + _utf16_len(text)
            if pos <= position <= end_pos:
                units = position - pos
                i = 0
                while i < len(text) and _utf16_len(text[:i + 1]) <= units:
                    i += 1
                return start + i
        return None

    def selection_range(self) -> tuple[int, int] | None:
        cur = self.textCursor()
        if not cur.hasSelection() or not self._blocks:
            return None
        a, b = cur.selectionStart(), cur.selectionEnd()
        first_pos, last = self._blocks[0][1], self._blocks[-1]
        a = max(a, first_pos)
        b = min(b, last[1] + _utf16_len(last[2]))
        if a >= b:
            return None
        start, end = self._nearest_offset(a, forward=True), self._nearest_offset(b, forward=False)
        return (start, end) if start is not None and end is not None and start < end else None

    def _nearest_offset(self, position: int, forward: bool) -> int | None:
        found = self.offset_of(position)
        if found is not None:
            return found
        for start, pos, text in (self._blocks if forward else reversed(self._blocks)):
            if forward and pos >= position:
                return start
            if not forward and pos + _utf16_len(text) <= position:
                return start + len(text)
        return None

    def paragraph_range_at_cursor(self) -> tuple[int, int] | None:
        offset = self.offset_of(self.textCursor().position())
        if offset is None:
            return None
        for start, _pos, text in self._blocks:
            if start <= offset <= start + len(text):
                return start, start + len(text)
        return None

    def offset_at(self, point: QPoint) -> int | None:
        return self.offset_of(self.cursorForPosition(point).position())

    def offset_hit(self, point: QPoint) -> int | None:
        """The offset of the character whose box holds `point`, or None on blank space (margins, the gap
        between paragraphs, past a line's end): cursorForPosition answers with the nearest character."""
        position = self.position_hit(point)
        return self.offset_of(position) if position is not None else None

    def position_hit(self, point: QPoint) -> int | None:
        """The document position of the character whose box holds viewport `point`, or None."""
        near = self.cursorForPosition(point).position()
        for position in (near, near - 1):  # the nearest cursor stands before or after the character hit
            box = self._character_box(position)
            if box is not None and box.contains(QPointF(point)):
                return position
        return None

    def _character_box(self, position: int) -> QRectF | None:
        """The viewport rectangle of the character at a document position (its line's height), or None."""
        if position < 0:
            return None
        block = self.document().findBlock(position)
        layout = block.layout() if block.isValid() else None
        inside = position - block.position()
        if layout is None or not 0 <= inside < len(block.text()):
            return None
        line = layout.lineForTextPosition(inside)
        if not line.isValid():
            return None
        x1, x2 = _x_of(line.cursorToX(inside)), _x_of(line.cursorToX(inside + 1))
        origin = layout.position()
        box = QRectF(origin.x() + min(x1, x2), origin.y() + line.y(), abs(x2 - x1), line.height())
        return box.translated(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())

    def scroll_to_offset(self, offset: int) -> None:
        if self.article is not None and self._blocks and not \
                self._blocks[0][0] <= offset <= self._blocks[-1][0] + len(self._blocks[-1][2]):
            self._show_around(offset)  # a passage outside the part laid out: lay out the part around it
        self.scroll_to_position(self.position_of(offset))

    def scroll_to_position(self, position: int, fraction: float = 1 / 3) -> None:
        """Bring a document position into view, `fraction` of the way down."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(max(0, min(position, self.document().characterCount() - 1)))
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - int(self.viewport().height() * fraction))

    # --- highlight layers -----------------------------------------------------------------------

    def set_highlights(self, key: str, ranges: list[tuple[int, int]], colour: QColor | str | None = None,
                       tooltips: list[str] | None = None, *, positions: bool = False) -> None:
        """Show `ranges` (offsets into article.text, or document positions with positions=True) as layer `key`.

        `colour` is the background (None: the theme's search-term colour); `tooltips`, one per range, are shown
        as plain text when the pointer rests on the range.
        """
        if positions:
            self._layer_offsets.pop(key, None)
            spans = list(ranges)
        else:
            self._layer_offsets[key] = list(ranges)
            spans = [(self.position_of(a), self.position_of(b)) for a, b in ranges]
        self._layers[key] = (spans, colour, list(tooltips) if tooltips is not None else None)
        self._apply_layers()

    def clear_highlights(self, key: str) -> None:
        if key == "search":
            self._search_terms = []
        self._layer_offsets.pop(key, None)
        if self._layers.pop(key, None) is not None:
            self._apply_layers()

    def highlight_at(self, key: str, offset: int) -> int | None:
        layer = self._layers.get(key)
        if layer is None:
            return None
        pos = self.position_of(offset)
        return next((i for i, (a, b) in enumerate(layer[0]) if a <= pos < b), None)

    def highlight_count(self, key: str) -> int:
        layer = self._layers.get(key)
        return len(layer[0]) if layer else 0

    def _layer_format(self, key: str, colour: QColor | str | None) -> QTextCharFormat:
        c = self.colours
        fmt = QTextCharFormat()
        if key == "find":
            fmt.setBackground(QColor(c.find_bg))
        elif key == "find-current":
            fmt.setBackground(QColor(c.find_current_bg))
            fmt.setForeground(QColor("#000000"))
        elif colour is None:
            fmt.setBackground(QColor(c.term_bg))
            fmt.setForeground(QColor(c.term_text))
        else:
            fmt.setBackground(QColor(colour))
        return fmt

    def _layer_order(self) -> list[str]:
        """Layer keys from the bottom up: those under the rest, then the others as added, then _ORDER."""
        middle = [k for k in self._layers if k not in _ORDER and k not in _UNDER]
        return [k for k in _UNDER if k in self._layers] + middle + [k for k in _ORDER if k in self._layers]

    def _apply_layers(self) -> None:
        keys = self._layer_order()
        selections = []
        for key in keys:
            spans, colour, _tips = self._layers[key]
            fmt = self._layer_format(key, colour)
            for a, b in spans:
                sel = QTextEdit.ExtraSelection()
                cur = QTextCursor(self.document())
                cur.setPosition(a)
                cur.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
                sel.cursor = cur
                sel.format = fmt
                selections.append(sel)
        self.setExtraSelections(selections)

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = self.position_hit(event.pos())  # none on blank space: no tip for the name beside it
            for key in reversed(self._layer_order()):
                spans, _colour, tips = self._layers[key]
                if tips and pos is not None:
                    hit = next((i for i, (a, b) in enumerate(spans) if a <= pos < b and i < len(tips)), None)
                    if hit is not None and tips[hit]:
                        QToolTip.showText(event.globalPos(), plain_tooltip(tips[hit]), self.viewport())
                        return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().viewportEvent(event)

    @property
    def search_terms(self) -> list[str]:
        """The words the search marks show (none when there are no marks)."""
        return list(self._search_terms) if "search" in self._layers else []

    def highlight_terms(self, terms: list[str], scroll: bool = True) -> int:
        """Mark every whole-word occurrence of `terms` (case-insensitive) and scroll to the first one
        (unless `scroll` is False: the marks of a changed search, with the reader left where it is)."""
        self._search_terms = [t.strip() for t in terms if t and t.strip()]
        spans = self._term_spans(self._search_terms)
        self.set_highlights("search", spans, positions=True)
        body_start = self._blocks[0][1] if self._blocks else 0
        first = next((a for a, _b in spans if a >= body_start), spans[0][0] if spans else None)
        if first is not None and scroll:
            if spans[0][0] < body_start or self._seen_from_top(first):
                # A match in the headline, or one on the first screen: the outlet and the headline stay in view
                # (a third of the way down would scroll them away for a match in the first paragraph).
                self.verticalScrollBar().setValue(0)
            else:
                self.scroll_to_position(first)
        return len(spans)

    def _seen_from_top(self, position: int) -> bool:
        """Whether the line at a document position is on screen, with a line to spare, at the article's top."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(max(0, min(position, self.document().characterCount() - 1)))
        rect = self.cursorRect(cursor)  # in viewport coordinates: add the scroll to get the page's
        bottom = rect.bottom() + self.verticalScrollBar().value()
        return bottom + rect.height() <= self.viewport().height()

    def _term_spans(self, terms: list[str]) -> list[tuple[int, int]]:
        """The document positions of every whole-word occurrence of `terms`, in order (at most 5,000)."""
        spans: list[tuple[int, int]] = []
        doc = self.document()
        for term in set(terms):
            # Chinese and Japanese have no spaces between words: a term that begins or ends with Han or kana
            # is marked inside a run of them ("北京" in "在北京大学"), its other end still at a word's edge
            open_ends = (is_cjk(term[0]), is_cjk(term[-1])) if has_cjk(term) else None
            flags = QTextDocument.FindFlag(0) if open_ends else QTextDocument.FindFlag.FindWholeWords
            cur = QTextCursor(doc)
            while len(spans) < 5000:
                cur = doc.find(term, cur, flags)
                if cur.isNull():
                    break
                start, end = cur.selectionStart(), cur.selectionEnd()
                if open_ends and not ((open_ends[0] or not self._letter_at(start - 1))
                                      and (open_ends[1] or not self._letter_at(end))):
                    continue
                spans.append((start, end))
        spans.sort()
        return spans

    def _letter_at(self, position: int) -> bool:
        """Whether the document has a letter or digit at `position` (False outside it)."""
        if position < 0 or position >= self.document().characterCount():
            return False
        return self.document().characterAt(position).isalnum()

    # --- find in article (reader/find.py) ---------------------------------------------------------

    def find(self, text: str) -> int:  # type: ignore[override]  # find in the article, not Qt's find
        """Mark every match of `text` (case-insensitive); the first at or after the view's top is current."""
        return self.finder.find(text)

    def find_next(self, step: int = 1) -> None:
        self.finder.find_next(step)

    def find_previous(self) -> None:
        self.finder.find_previous()

    def find_clear(self) -> None:
        self.finder.clear()

    # --- keys ---------------------------------------------------------------------------------------

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab moves on to the next pane, as in other panes: QTextBrowser's Tab went through every link of
        the article first (a trial pressed it about 30 times, past each tinted name, to reach the Bookmarks
        pane). Ctrl+Tab and Ctrl+Shift+Tab go through the links instead (Enter follows one)."""
        return QWidget.focusNextPrevChild(self, next)

    def keyPressEvent(self, event) -> None:
        """Up and Down scroll the page, as in a browser; the (hidden) text cursor follows the top of the view,
        so Shift+Down starts a keyboard selection where the reader is looking. Ctrl+Tab (Ctrl+Shift+Tab) moves
        to the next (previous) link."""
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and mods & Qt.KeyboardModifier.ControlModifier:
            forward = key == Qt.Key.Key_Tab and not mods & Qt.KeyboardModifier.ShiftModifier
            QTextBrowser.focusNextPrevChild(self, forward)  # the next link; past the last, the next pane
            event.accept()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and mods == Qt.KeyboardModifier.NoModifier:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + (3 if key == Qt.Key.Key_Down else -3) * bar.singleStep())
            value = bar.value()
            self.setTextCursor(self.cursorForPosition(QPoint(0, 0)))
            bar.setValue(value)  # setTextCursor would scroll a half-visible top line back into view
            event.accept()
            return
        super().keyPressEvent(event)

    # --- context menu ---------------------------------------------------------------------------

    def add_context_action(self, action: QAction) -> None:
        self._context_actions.append(action)

    def contextMenuEvent(self, event) -> None:
        menu: QMenu = self.createStandardContextMenu(event.pos())
        if self._context_actions:
            menu.addSeparator()
            for action in self._context_actions:
                menu.addAction(action)
        menu.exec(event.globalPos())
        menu.deleteLater()
