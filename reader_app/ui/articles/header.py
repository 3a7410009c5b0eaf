"""The header above the list that says what the list shows: counts, "Showing results for …", a clickable
"Did you mean …", the relaxed-match label, and the outlet/year filters (facets while searching) and the
sort order (while searching, "Relevance" and the same orders).
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reader_app.core.search.results import GIST_NOTE
from reader_app.core.wording import plural
from reader_app.ui.articles.order import ORDERS
from reader_app.ui.articles.row import UNDATED, UNKNOWN_OUTLET
from reader_app.ui.text import label

PARTIAL_LABEL = "Partial matches: not every word was found"
GIST_LABEL = GIST_NOTE
ALL = ""


_COUNT = re.compile(r"^(.*?)( \([\d,]+\))$")



def article_count(total: int, copies: int = 0) -> str:
    """The library's size as the list and the status bar both say it: "2,066 articles (+37 copies)" (the
    copies are files folded into a row of the same text, so the library holds total + copies files)."""
    text = f"{total:,} article{'s' if total != 1 else ''}"
    return text + (f" (+{copies:,} cop{'y' if copies == 1 else 'ies'})" if copies else "")


RELEVANCE = "relevance"  # the search results' own order, by rank
_COPIES = re.compile(r" \(\+([\d,]+) cop(?:y|ies)\)$")


def shorter_counts(text: str) -> list[str]:
    """The forms a count may take, longest first: "2,063 articles (+37 copies)", "2,063 articles (+37)",
    "2,063 articles"."""
    m = _COPIES.search(text)
    if m is None:
        return [text]
    return [text, text[:m.start()] + f" (+{m.group(1)})", text[:m.start()]]


class CountLabel(QLabel):
    """The list's count on one line: in a narrow list "2,063 articles (+37 copies)" gives way to its shorter
    forms (shorter_counts), then is elided, the whole line in the tooltip. Wrapped, it took two lines (a trial)."""

    def shown_text(self) -> str:
        metrics, room = self.fontMetrics(), self.contentsRect().width()
        forms = shorter_counts(self.text())
        fitting = next((f for f in forms if metrics.horizontalAdvance(f) <= room), None)
        return fitting if fitting is not None else metrics.elidedText(forms[-1], Qt.TextElideMode.ElideRight, room)

    def minimumSizeHint(self) -> QSize:
        # room for the shortest form of a large count; a longer message ("Sorting 100,000 results…") is elided
        metrics = self.fontMetrics()
        shortest = shorter_counts(self.text())[-1]
        width = min(metrics.horizontalAdvance(shortest), metrics.horizontalAdvance("00,000 articles"))
        return QSize(width, super().minimumSizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment()), self.palette(),
                                  self.isEnabled(), self.shown_text(), self.foregroundRole())

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent) and self.shown_text() != self.text():
            QToolTip.showText(e.globalPos(), "\n\n".join(t for t in (self.text(), self.toolTip()) if t), self)
            return True
        return super().event(e)


class CountCombo(QComboBox):
    """A filter whose items read "Name (count)": when narrow, the name is elided and the count stays (Qt
    cut the end, count and all: "The Moscow"); the whole choice is in the tooltip."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.currentTextChanged.connect(lambda _text: self.refresh_tip())

    def refresh_tip(self) -> None:
        """The whole choice in the tooltip (also after items were filled in with signals blocked)."""
        self.setToolTip(f"{self.accessibleName()}: {self.currentText()}")

    def shown_text(self) -> str:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        room = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                           QStyle.SubControl.SC_ComboBoxEditField, self).width() - 4
        text, metrics = self.currentText(), QFontMetrics(self.font())
        if metrics.horizontalAdvance(text) <= room:
            return text
        m = _COUNT.match(text)
        name, count = (m.group(1), m.group(2)) if m else (text, "")
        return metrics.elidedText(name, Qt.TextElideMode.ElideRight, max(0, room - metrics.horizontalAdvance(count))) \
            + count

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


class ListHeader(QWidget):
    """What the list shows. Signals:
      `suggestion_chosen(query)`       a "Did you mean" or "search instead for" link was clicked
      `filters_changed(outlet, year)`  '' for all
      `sort_changed(key)`              one of order.ORDERS' keys, or RELEVANCE (searching only)
    """

    suggestion_chosen = Signal(str)
    filters_changed = Signal(str, str)
    sort_changed = Signal(str)

    SORTS = ORDERS

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("listHeader")
        self.count_label = CountLabel(self)
        self.count_label.setObjectName("resultCount")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice = QLabel(self)
        self.notice.setObjectName("searchNotice")
        self.notice.setTextFormat(Qt.TextFormat.RichText)  # built here from escaped text only
        self.notice.setWordWrap(True)
        self.notice.linkActivated.connect(self._on_link)
        self.notice.hide()
        self.relaxed_label = QLabel(PARTIAL_LABEL, self)
        self.relaxed_label.setObjectName("relaxedLabel")
        self.relaxed_label.setTextFormat(Qt.TextFormat.PlainText)
        self.relaxed_label.hide()
        self.outlet_combo = self._combo("outletFilter", "Filter by outlet", CountCombo(self))
        self.year_combo = self._combo("yearFilter", "Filter by year", CountCombo(self))
        self.sort_combo = self._combo("sortOrder", "Sort order", CountCombo(self))  # elided when narrow
        for key, title in self.SORTS:
            self.sort_combo.addItem(title, key)
        # A search's results offer the same orders after "Relevance", theirs (a trial found no way to put a
        # story's hits in date order: the box went while searching); each mode keeps its own choice.
        self._sorts_for_search = False
        self._browse_sort = "date"
        self.sort_combo.setMinimumContentsLength(12)
        # the count beside it is read first: the order gives way when the list is narrow
        self.sort_combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.sort_combo.setMinimumWidth(60)
        self.sort_combo.currentIndexChanged.connect(self._on_sort_chosen)
        self.outlet_combo.currentIndexChanged.connect(self._on_filters)
        self.year_combo.currentIndexChanged.connect(self._on_filters)
        self._links: list[str] = []
        self._updating = False

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.count_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        top.addWidget(self.count_label, 1)
        top.addWidget(self.sort_combo)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.outlet_combo, 2)
        filters.addWidget(self.year_combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.relaxed_label)
        layout.addLayout(filters)

    def _combo(self, name: str, accessible: str, combo: QComboBox | None = None) -> QComboBox:
        combo = combo if combo is not None else QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return combo

    def sizeHint(self) -> QSize:
        return QSize(280, super().sizeHint().height())

    def add_line(self, widget: QWidget) -> None:
        """A line another feature keeps (the names the list is filtered by), above the outlet and year filters."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.count() - 1, widget)

    # --- filling in ---------------------------------------------------------------------------

    def _fill(self, combo: QComboBox, all_label: str, counts: dict[str, int], selected: str,
              by_count: bool, cleaned: bool) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_label, ALL)
        items = sorted(counts.items(), key=(lambda kv: (-kv[1], kv[0])) if by_count else (lambda kv: kv[0]),
                       reverse=not by_count)
        for name, n in items:
            if name not in (UNKNOWN_OUTLET, UNDATED):
                combo.addItem(f"{name[:60] if cleaned else label(name, 60)} ({n:,})", name)
        if UNKNOWN_OUTLET in counts or selected == UNKNOWN_OUTLET:  # last: it is not an outlet
            combo.addItem(f"Unknown outlet ({counts.get(UNKNOWN_OUTLET, 0):,})", UNKNOWN_OUTLET)
        elif UNDATED in counts or selected == UNDATED:  # last: it is not a year
            combo.addItem(f"Undated ({counts.get(UNDATED, 0):,})", UNDATED)
        elif selected and selected not in counts:
            combo.addItem(f"{label(selected, 60)} (0)", selected)
        combo.setCurrentIndex(max(0, combo.findData(selected)))
        combo.blockSignals(False)
        if isinstance(combo, CountCombo):
            combo.refresh_tip()

    def set_filters(self, outlets: dict[str, int], years: dict[str, int], outlet: str, year: str,
                    cleaned: bool = False) -> None:
        """Fill the outlet and year choices with counts. `cleaned`: the names come from list rows, already
        made safe for labels (search facets come straight from the index and are cleaned here)."""
        self._fill(self.outlet_combo, "All outlets", outlets, outlet, by_count=True, cleaned=cleaned)
        self._fill(self.year_combo, "All years", years, year, by_count=False, cleaned=cleaned)

    def filters(self) -> tuple[str, str]:
        return self.outlet_combo.currentData() or ALL, self.year_combo.currentData() or ALL

    def set_sort(self, key: str) -> None:
        """The browse order (shown while browsing)."""
        self._browse_sort = key
        if not self._sorts_for_search:
            self._set_sorts(False, key)

    def set_search_sort(self, key: str) -> None:
        """The search results' order: RELEVANCE or one of the browse orders."""
        self._set_sorts(True, key)

    def _set_sorts(self, search: bool, key: str) -> None:
        combo = self.sort_combo
        combo.blockSignals(True)
        if search != self._sorts_for_search:
            self._sorts_for_search = search
            if search:
                combo.insertItem(0, "Relevance", RELEVANCE)
            else:
                combo.removeItem(combo.findData(RELEVANCE))
        combo.setCurrentIndex(max(0, combo.findData(key)))
        combo.blockSignals(False)
        combo.refresh_tip()

    def _on_sort_chosen(self, _index: int) -> None:
        key = self.sort_combo.currentData() or (RELEVANCE if self._sorts_for_search else "date")
        if not self._sorts_for_search:
            self._browse_sort = key
        self.sort_changed.emit(key)

    def show_browse(self, shown: int, total: int, copies: int = 0) -> None:
        """`copies`: other copies of a text folded into the rows: the library holds total + copies files."""
        self._set_sorts(False, self._browse_sort)
        text = article_count(total, copies) if total == shown else \
            f"{shown:,} of {plural(total, 'article')}" + (f" (+{copies:,} cop{'y' if copies == 1 else 'ies'})" if copies else "")
        self.count_label.setText(text)
        self.count_label.setToolTip(
            f"{copies:,} more file{'s are copies' if copies != 1 else ' is a copy'} of a text listed once "
            "(the row says \"+1 other copy\")." if copies else "")
        self._set_notice([])
        self.relaxed_label.hide()

    def show_searching(self, query: str) -> None:
        self.count_label.setText("Searching…")

    def show_results(self, query: str, total: int, shown: int, corrected: str | None, suggestions: list[str],
                     relaxed: bool, note: str | None, gist: bool = False) -> None:
        """Counts and notes for a finished search; every string here may come from the index. A gist match
        (no article has every word; the closest ones) says so in the partial-match label, not twice."""
        from reader_app.core.search.query import exact_query
        from reader_app.ui.text import label

        more = f" (showing {shown})" if total > shown else ""
        self.count_label.setText(f"{total:,} result{'s' if total != 1 else ''}{more}" if total
                                 else "No results")
        parts: list[tuple[str, str | None]] = []
        if corrected and corrected != query:
            parts.append((f"Showing results for “{label(corrected, 120)}”. ", None))
            parts.append(("Search instead for ", None))
            parts.append((f"“{label(query, 120)}”", exact_query(query)))  # as typed, not corrected again
        elif suggestions:
            parts.append(("Did you mean ", None))
            for i, s in enumerate(suggestions[:3]):
                if i:
                    parts.append((" or ", None))
                parts.append((label(s, 120), s))
            parts.append(("?", None))
        if gist and note:
            note = note.replace(GIST_LABEL, "").strip() or None
        if note:
            parts.append(((" " if parts else "") + label(note, 300), None))
        self._set_notice(parts)
        self.relaxed_label.setText(GIST_LABEL if gist else PARTIAL_LABEL)
        self.relaxed_label.setVisible(bool(relaxed))

    def _set_notice(self, parts: list[tuple[str, str | None]]) -> None:
        self._links = []
        pieces = []
        for text, target in parts:
            if target is None:
                pieces.append(html.escape(text, quote=False))
            else:
                self._links.append(target)
                pieces.append(f'<a href="#{len(self._links) - 1}">{html.escape(text, quote=False)}</a>')
        self.notice.setText("".join(pieces))
        self.notice.setVisible(bool(pieces))

    def notice_text(self) -> str:
        """The notice as the user reads it (for tests and the test report)."""
        return html.unescape(re.sub(r"<[^>]+>", "", self.notice.text()))

    def _on_link(self, href: str) -> None:
        try:
            target = self._links[int(href.lstrip("#"))]
        except (ValueError, IndexError):
            return
        self.suggestion_chosen.emit(target)

    def _on_filters(self, _i: int) -> None:
        self.filters_changed.emit(*self.filters())

