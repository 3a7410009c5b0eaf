"""The article list: a model that shows a finished Listing (ordered, filtered, counted in a worker: see
listing.py) and a keyboard-friendly view.

The same model class holds the whole library (browse mode) and search hits (search mode); rows are built
off the GUI thread with every file-derived string already passed through `safe_label`. No proxy model sits
between the two: a QSortFilterProxyModel maps every row on each reset and calls Python per row to filter,
which a library of 100,000 articles feels.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAccessible, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea, QListView

from reader_app.ui.articles.delegate import ArticleDelegate
from reader_app.ui.articles.listing import SORT_KEYS, Listing, ListState, make_listing, sort_value
from reader_app.ui.articles.row import (
    ID_ROLE,
    READ_ROLE,
    ROW_ROLE,
    SORT_ROLE,
    ArticleRow,
)
from reader_app.ui.blank_rows import BlankRowsModel
from reader_app.ui.row_painting import paint_placeholder
from reader_app.ui.text import plain_tooltip

__all__ = ["SORT_KEYS", "ArticleListModel", "ArticleListView"]

_AS_GIVEN = ListState(key=None)


KEPT_SELECTION = 1000  # selected rows a new order of the list keeps selected (beyond: the current row only)


class ArticleListModel(BlankRowsModel):
    """Rows of articles (or search hits), with read state. `ROW_ROLE` returns the ArticleRow.

    It shows one Listing at a time (set_listing: a reset, or a swap for a list as long; no per-row work on the
    GUI thread); set_rows is for short lists (search hits), listed here in the order given.

    Its rowCount is C++ (ui/blank_rows.py): in Python the layout of 100,000 rows made 200,000 calls into
    Python (~0.27 s on every reset, re-sort and theme switch); in C++ it takes ~15 ms. Every role, the display
    text included, comes from data() here.

    Signal `more_wanted()`: the view reached the end of a list that has more (see set_more), through Qt's
    canFetchMore/fetchMore; the rows come back through append_rows. `rows_replaced()`: every row now shows
    another article, as after a reset (the views showing it let go of their selection: see set_listing).
    """

    more_wanted = Signal()
    rows_replaced = Signal()

    def __init__(self, read_ids: set[str] | None = None, parent=None):
        super().__init__(parent)
        self.read_ids: set[str] = read_ids if read_ids is not None else set()
        self.listing: Listing = make_listing([], _AS_GIVEN)
        self._rows: list[ArticleRow] = self.listing.rows  # in display order, those the filters let through
        self._more = False  # more rows can be asked for (search results past the first page)
        self._fetching = False  # ... and have been: one request at a time

    # --- reading ------------------------------------------------------------------------------

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        if role == READ_ROLE:
            return row.id in self.read_ids
        if role == SORT_ROLE:
            return sort_value(row, self.listing.state.key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip("\n".join(x for x in (row.title, row.meta) if x))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            unread = "" if row.id in self.read_ids else ", unread"
            return ", ".join(x for x in (row.title, row.meta) if x) + unread
        return None

    @property
    def state(self) -> ListState:
        """The order and filters of the list shown."""
        return self.listing.state

    def row_at(self, position: int) -> ArticleRow:
        return self._rows[position]

    def article_id(self, position: int) -> str | None:
        return self._rows[position].id if 0 <= position < len(self._rows) else None

    def rows(self) -> list[ArticleRow]:
        """The rows shown, in display order."""
        return list(self._rows)

    def total(self) -> int:
        """Rows in the list, shown or filtered out."""
        return len(self.listing.ordered)

    def copies(self) -> int:
        """The other copies of a text folded into the rows (each row's "+n other copies"), all rows counted."""
        return self.listing.copies

    def position_of(self, article_id: str) -> int | None:
        """The row showing `article_id` (None when it is not shown)."""
        return self.listing.positions.get(article_id)

    def find(self, article_id: str) -> ArticleRow | None:
        """The row of `article_id` in the list, shown or filtered out."""
        return self.listing.find(article_id)

    def outlets(self, year: str = "") -> dict[str, int]:
        """Articles per outlet (those with none under UNKNOWN_OUTLET), among those of `year` when given
        (counts follow the other filter). Worked out with the listing; other years are counted here."""
        if year == self.listing.state.year:
            return dict(self.listing.outlets)
        if not year:
            return dict(self.listing.all_outlets)
        return make_listing(self.listing.given, ListState(None, year=year)).outlets

    def years(self, outlet: str = "") -> dict[str, int]:
        """Articles per year (those with no date under UNDATED), among those of `outlet` when given."""
        if outlet == self.listing.state.outlet:
            return dict(self.listing.years)
        return make_listing(self.listing.given, ListState(None, outlet=outlet)).years

    # --- changing -----------------------------------------------------------------------------

    def has_rows(self, rows: list[ArticleRow]) -> bool:
        """True when `rows` is the list object shown now (equal lists are recognised in the worker)."""
        return rows is self.listing.given

    def set_more(self, available: bool) -> None:
        """Whether rows beyond these exist; a request made for them (more_wanted) is over."""
        self._more, self._fetching = available, False

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._fetching = True
            self.more_wanted.emit()

    def set_listing(self, listing: Listing) -> None:
        """Show a finished listing (the view's selection is the caller's to put back: `rows_replaced` clears it).

        A list as long as the one shown (a re-sort, a filter leaving as many rows) is swapped in without a
        reset or a change of every row: either makes a list view lay out all its rows again (25-50 ms of the
        GUI thread at 100,000 rows), which rows of one size at the same count do not need. The rows are read
        from Python when painted, so the views (`rows_replaced`) clear their selection and paint again;
        assistive technology, when on, is told every row changed."""
        self._more = self._fetching = False
        if len(listing.rows) == self.rowCount():
            self.listing, self._rows = listing, listing.rows
            self.rows_replaced.emit()
            if self._rows and QAccessible.isActive():
                self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))
        else:
            # the C++ list takes the new length in its own reset (blank strings: ~4 ms for 100,000);
            # data() guards against rows it has not got until then
            self.listing, self._rows = listing, listing.rows
            self.setStringList([""] * len(listing.rows))

    def set_rows(self, rows: list[ArticleRow], state: ListState = _AS_GIVEN) -> None:
        """Replace the rows, listed here and now (short lists: search hits); no more are wanted."""
        self.set_listing(make_listing(rows, state, set(self.read_ids)))

    def append_rows(self, rows: list[ArticleRow]) -> None:
        if not rows:
            return
        first = self.rowCount()
        self.listing.append(rows)  # at the end until the next listing; data() has them before the view asks
        self.insertRows(first, len(rows))

    def set_read(self, article_id: str, read: bool = True) -> None:
        (self.read_ids.add if read else self.read_ids.discard)(article_id)
        pos = self.listing.positions.get(article_id)
        if pos is not None:
            idx = self.index(pos)
            self.dataChanged.emit(idx, idx, [READ_ROLE, Qt.ItemDataRole.AccessibleTextRole])


class ArticleListView(QListView):
    """The list of articles or hits. Up/Down and j/k move; Enter or a click opens; Ctrl+click and Shift+click
    (or Shift+Up/Down) select several without opening them, for File › Remove.

    Signals: `article_activated(id)` when the user opens a row; `left_top()` when Up is pressed on the
    first row (the window moves focus back to the search box).
    """

    article_activated = Signal(str)
    left_top = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("articleList")
        self.setAccessibleName("articleList")
        self.setAccessibleDescription("Articles; Enter opens the selected one")
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self._press_mods = Qt.KeyboardModifier.NoModifier
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setMouseTracking(True)
        self.delegate = ArticleDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QListView.Shape.NoFrame)
        # rows elide their text to the width: a narrow list never needs to scroll sideways
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.placeholder = ""
        self.clicked.connect(self._clicked)

    def setModel(self, model) -> None:  # noqa: N802 (Qt's name)
        old = self.model()
        if isinstance(old, ArticleListModel):
            old.rows_replaced.disconnect(self._rows_replaced)
        super().setModel(model)
        if isinstance(model, ArticleListModel):
            model.rows_replaced.connect(self._rows_replaced)

    def _rows_replaced(self) -> None:
        # what a reset does to the view, without laying its rows out again: nothing selected or current
        selection = self.selectionModel()
        if selection is not None:
            selection.clear()
        self.viewport().update()

    def set_placeholder(self, text: str) -> None:
        """What the empty list says (no articles, no results, index building…)."""
        self.placeholder = text
        self.viewport().update()

    def selected_ids(self) -> list[str]:
        """The ids of the selected rows, top to bottom."""
        selection = self.selectionModel()
        if selection is None:
            return []
        return [i.data(ID_ROLE) for i in sorted(selection.selectedRows(), key=lambda i: i.row()) if i.data(ID_ROLE)]

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press_mods = event.modifiers()
        super().mousePressEvent(event)

    def current_id(self) -> str | None:
        idx = self.currentIndex()
        return idx.data(ID_ROLE) if idx.isValid() else None

    def select_row(self, row: int, from_top: bool = False) -> None:
        """Make `row` the current, selected row and scroll to it; `from_top` highlights it but shows the list
        from its top (a new list: its best rows first, not the row of the article being read)."""
        model = self.model()
        if model is None or not 0 <= row < model.rowCount():
            return
        idx = model.index(row, 0)
        self.setCurrentIndex(idx)
        if from_top:  # after: a change of current row scrolls to it (QAbstractItemView's autoScroll)
            self.scrollToTop()
        else:
            self.scrollTo(idx)

    def select_id(self, article_id: str, from_top: bool = False) -> bool:
        """Select the row of `article_id` if it is shown (found through the model's index, not a scan)."""
        model = self.model()
        pos = model.position_of(article_id) if isinstance(model, ArticleListModel) else None
        if pos is None:
            return False
        self.select_row(pos, from_top)
        return True

    def chosen_ids(self) -> list[str]:
        """The ids of the selected rows when there are several but at most KEPT_SELECTION (what a new order
        keeps selected besides the current row); [] otherwise (counted from the selection's ranges: a Ctrl+A
        over 100,000 rows is not listed row by row)."""
        selection = self.selectionModel()
        if selection is None:
            return []
        ranges = selection.selection()
        rows = sum(ranges.at(k).height() for k in range(ranges.size()))
        return self.selected_ids() if 1 < rows <= KEPT_SELECTION else []

    def also_select(self, ids: list[str]) -> None:
        """Add the rows of these articles (those shown) to the selection; the current row stays as it is."""
        model, selection = self.model(), self.selectionModel()
        if not isinstance(model, ArticleListModel) or selection is None:
            return
        rows = QItemSelection()  # selected in one call: one selectionChanged, one repaint
        for aid in ids:
            pos = model.position_of(aid)
            if pos is not None:
                index = model.index(pos, 0)
                rows.select(index, index)
        if not rows.isEmpty():
            selection.select(rows, QItemSelectionModel.SelectionFlag.Select)

    def _clicked(self, idx: QModelIndex) -> None:
        if not self._press_mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
            self._open_index(idx)  # a Ctrl- or Shift-click adds to the selection, it opens nothing

    def _open_index(self, idx: QModelIndex) -> None:
        aid = idx.data(ID_ROLE)
        if aid:
            self.article_activated.emit(aid)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        plain = not (mods & ~Qt.KeyboardModifier.KeypadModifier)
        current = self.currentIndex().row()
        if plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.currentIndex().isValid():
                self._open_index(self.currentIndex())
            event.accept()
            return
        if plain and key in (Qt.Key.Key_J, Qt.Key.Key_K):
            self.select_row(max(0, current + (1 if key == Qt.Key.Key_J else -1)))
            event.accept()
            return
        if plain and key == Qt.Key.Key_Up and current <= 0:
            self.left_top.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.StyleChange:
            # QAbstractItemView lays every row out again at once on a style change (a theme switch re-polishes
            # the window): 100,000 rows asked of the model one by one, some 25 ms. The rows' size comes from
            # the delegate and the font (a font change lays them out as usual), not from the theme's colours,
            # so only the scroll area's own part is done and the visible rows painted again.
            handled = QAbstractScrollArea.event(self, event)
            self.updateGeometries()
            self.viewport().update()
            return handled
        return super().event(event)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        paint_placeholder(self, self.placeholder)
