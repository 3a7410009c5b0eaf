"""The article list: a model of rows, a proxy that filters (the model sorts itself) and a keyboard-friendly view.

The same model class holds the whole library (browse mode) and search hits (search mode); rows are built
off the GUI thread with every file-derived string already passed through `safe_label`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListView

from reader_app.ui.articles.delegate import ArticleDelegate
from reader_app.ui.articles.order import ORDERS, ordered
from reader_app.ui.articles.row import (
    ID_ROLE,
    READ_ROLE,
    ROW_ROLE,
    SORT_ROLE,
    UNDATED,
    UNKNOWN_OUTLET,
    ArticleRow,
)
from reader_app.ui.row_painting import paint_placeholder
from reader_app.ui.text import plain_tooltip

SORT_KEYS = tuple(key for key, _label in ORDERS)


class ArticleListModel(QAbstractListModel):
    """Rows of articles (or search hits), with read state. `ROW_ROLE` returns the ArticleRow.

    Signal `more_wanted()`: the view reached the end of a list that has more (see set_more), through Qt's
    canFetchMore/fetchMore; the rows come back through append_rows.
    """

    more_wanted = Signal()

    def __init__(self, read_ids: set[str] | None = None, parent=None):
        super().__init__(parent)
        self._rows: list[ArticleRow] = []  # in display order
        self._given: list[ArticleRow] = []  # in the order they were given (search hits: rank)
        self._source: list[ArticleRow] | None = None  # the list object given, recognised by identity
        self._pos: dict[str, int] = {}
        self.read_ids: set[str] = read_ids if read_ids is not None else set()
        self.sort_key = "date"
        self._order: tuple[str | None, bool] = (None, False)
        self._more = False  # more rows can be asked for (search results past the first page)
        self._fetching = False  # ... and have been: one request at a time

    # --- reading ------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

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
            return self.sort_value(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip("\n".join(x for x in (row.title, row.meta) if x))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            unread = "" if row.id in self.read_ids else ", unread"
            return ", ".join(x for x in (row.title, row.meta) if x) + unread
        return None

    def sort_value(self, row: ArticleRow) -> str:
        if self.sort_key == "title":
            return row.sort_title
        if self.sort_key == "outlet":
            return (row.outlet.casefold() or "\uffff") + "\x00" + row.date
        return row.date or "0000"

    def row_at(self, position: int) -> ArticleRow:
        return self._rows[position]

    def rows(self) -> list[ArticleRow]:
        return list(self._rows)

    def position_of(self, article_id: str) -> int | None:
        return self._pos.get(article_id)

    def outlets(self, year: str = "") -> dict[str, int]:
        """Articles per outlet (those with none under UNKNOWN_OUTLET), among those of `year` when given
        (counts follow the other filter)."""
        counts: dict[str, int] = {}
        for r in self._rows:
            if not year or r.year == ("" if year == UNDATED else year):
                key = r.outlet or UNKNOWN_OUTLET
                counts[key] = counts.get(key, 0) + 1
        return counts

    def years(self, outlet: str = "") -> dict[str, int]:
        """Articles per year (those with no date under UNDATED), among those of `outlet` when given."""
        counts: dict[str, int] = {}
        for r in self._rows:
            if not outlet or r.outlet == ("" if outlet == UNKNOWN_OUTLET else outlet):
                key = r.year or UNDATED
                counts[key] = counts.get(key, 0) + 1
        return counts

    # --- changing -----------------------------------------------------------------------------

    def has_rows(self, rows: list[ArticleRow]) -> bool:
        """True when `rows` are exactly the rows shown now (same articles, same text, same order given)."""
        return rows is self._source or rows == self._given

    def set_more(self, available: bool) -> None:
        """Whether rows beyond these exist; a request made for them (more_wanted) is over."""
        self._more, self._fetching = available, False

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._fetching = True
            self.more_wanted.emit()

    def set_rows(self, rows: list[ArticleRow]) -> None:
        """Replace the rows; they are shown in the current order (see sort_rows). No more are wanted."""
        self._more = self._fetching = False
        self.beginResetModel()
        self._source = rows
        self._given = list(rows)
        self._rows = self._ordered()
        self._pos = {r.id: i for i, r in enumerate(self._rows)}
        self.endResetModel()

    def _ordered(self) -> list[ArticleRow]:
        key, descending = self._order
        if key is None:
            return list(self._given)
        if key not in ("title", "outlet"):  # orders with a fixed direction and undated rows last
            return ordered(self._given, key, self.read_ids)
        return sorted(self._given, key=self.sort_value, reverse=descending)

    def sort_rows(self, key: str | None, descending: bool = False) -> None:
        """Order the rows by `key` (one of SORT_KEYS), or as they were given when key is None.

        The model sorts itself with one key per row: a proxy sort would call data() from C++ for every
        comparison, which takes long enough on a big library to be felt.
        """
        if key is not None and key not in SORT_KEYS:
            raise ValueError(f"unknown sort key {key!r}")
        if key is not None:
            self.sort_key = key
        self._order = (key, descending)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].id if 0 <= i.row() < len(self._rows) else None for i in persistent]
        self._rows = self._ordered()
        self._pos = {r.id: i for i, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            persistent, [self.index(self._pos[i]) if i in self._pos else QModelIndex() for i in ids])
        self.layoutChanged.emit()

    def append_rows(self, rows: list[ArticleRow]) -> None:
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        for i, r in enumerate(rows, first):
            self._pos[r.id] = i
        self._rows.extend(rows)  # at the end until the next sort
        self._given.extend(rows)
        self.endInsertRows()

    def set_read(self, article_id: str, read: bool = True) -> None:
        (self.read_ids.add if read else self.read_ids.discard)(article_id)
        pos = self._pos.get(article_id)
        if pos is not None:
            idx = self.index(pos)
            self.dataChanged.emit(idx, idx, [READ_ROLE, Qt.ItemDataRole.AccessibleTextRole])

class ArticleProxy(QSortFilterProxyModel):
    """Filters by outlet and year, and asks its ArticleListModel to sort itself by date, headline or outlet
    (or to keep the order it was given: search hits by rank)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.outlet = ""
        self.year = ""
        self.setDynamicSortFilter(False)

    def set_filters(self, outlet: str = "", year: str = "") -> None:
        if (outlet, year) != (self.outlet, self.year):
            if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
                self.beginFilterChange()
                self.outlet, self.year = outlet, year
                self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
            else:
                self.outlet, self.year = outlet, year
                self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not (self.outlet or self.year):
            return True
        model = self.sourceModel()
        row = model.row_at(source_row) if isinstance(model, ArticleListModel) else None
        if row is None:
            return True
        # outlet names match in any case, as in the search filter ("the moscow times")
        outlet = "" if self.outlet == UNKNOWN_OUTLET else self.outlet
        year = "" if self.year == UNDATED else self.year
        return (not self.outlet or row.outlet.casefold() == outlet.casefold()) \
            and (not self.year or row.year == year)

    def apply_sort(self, key: str | None, descending: bool = False) -> None:
        """Sort by `key` (one of SORT_KEYS), or keep the source order when key is None."""
        if self.sortColumn() != -1:
            self.sort(-1)  # the proxy keeps its source's order
        model = self.sourceModel()
        if isinstance(model, ArticleListModel):
            model.sort_rows(key, descending)

    def article_id(self, row: int) -> str | None:
        idx = self.index(row, 0)
        return idx.data(ID_ROLE) if idx.isValid() else None


class ArticleListView(QListView):
    """The list of articles or hits. Up/Down and j/k move; Enter or a click opens.

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
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setMouseTracking(True)
        self.delegate = ArticleDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QListView.Shape.NoFrame)
        # rows elide their text to the width: a narrow list never needs to scroll sideways
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.placeholder = ""
        self.clicked.connect(self._open_index)

    def set_placeholder(self, text: str) -> None:
        """What the empty list says (no articles, no results, index building…)."""
        self.placeholder = text
        self.viewport().update()

    def current_id(self) -> str | None:
        idx = self.currentIndex()
        return idx.data(ID_ROLE) if idx.isValid() else None

    def select_row(self, row: int) -> None:
        model = self.model()
        if model is None or not 0 <= row < model.rowCount():
            return
        idx = model.index(row, 0)
        self.setCurrentIndex(idx)
        self.scrollTo(idx)

    def select_id(self, article_id: str) -> bool:
        """Select the row of `article_id` if it is shown (found through the model's index, not a scan)."""
        model = self.model()
        source = model.sourceModel() if isinstance(model, QSortFilterProxyModel) else model
        if not isinstance(source, ArticleListModel):
            return False
        pos = source.position_of(article_id)
        if pos is None:
            return False
        idx = source.index(pos)
        if isinstance(model, QSortFilterProxyModel):
            idx = model.mapFromSource(idx)
        if not idx.isValid():
            return False
        self.select_row(idx.row())
        return True

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

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        paint_placeholder(self, self.placeholder)
