"""The left pane: the list header and the article list, in browse mode (the library) or search mode (hits).

The library's rows stay in their own model while searching, so Esc brings the full list back at once,
with the outlet/year filters and sort order the user had.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from reader_app.ui.articles.header import ListHeader
from reader_app.ui.articles.list_view import ArticleListModel, ArticleListView, ArticleProxy
from reader_app.ui.articles.row import ArticleRow
from reader_app.ui.text import label

EMPTY_LIBRARY = "No articles yet.\nImport some with File → Import, or drop files on the window."
OPENING = "Opening your library…"
BUILDING = "Building the index…\nArticles appear here as soon as it is ready."


def building_message(n: int, total: int) -> str:
    return f"Building the index: {n:,} of {total:,}…" if total else "Building the index…"


class ListPane(QWidget):
    """Header plus list. Signals: `article_activated(id)`, `left_top()` (Up on the first row), and
    `search_filters_changed(outlet, year)` / `suggestion_chosen(query)` while searching;
    `sort_changed(key)` / `browse_filters_changed(outlet, year)` while browsing; `more_wanted()` when the
    results list is scrolled to its end and more hits exist (answered with append_results).

    `searching`: the list shows search results; `waiting`: a search was started and its answer is not in yet.
    """

    article_activated = Signal(str)
    left_top = Signal()
    search_filters_changed = Signal(str, str)
    browse_filters_changed = Signal(str, str)
    suggestion_chosen = Signal(str)
    sort_changed = Signal(str)
    more_wanted = Signal()

    def __init__(self, read_ids: set[str], parent=None):
        super().__init__(parent)
        self.setObjectName("listPane")
        self.header = ListHeader(self)
        self.view = ArticleListView(self)
        self.library_model = ArticleListModel(read_ids, self)
        self.results_model = ArticleListModel(read_ids, self)
        self.proxy = ArticleProxy(self)
        self.proxy.setSourceModel(self.library_model)
        self.view.setModel(self.proxy)
        self.view.set_placeholder(OPENING)
        self.searching = False
        self.waiting = False
        self.open_id: str | None = None  # the article the reader shows (the window keeps it up to date)
        self.sort_key, self.descending = "date", True
        self.browse_filters = ("", "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)
        self.view.article_activated.connect(self.article_activated)
        self.results_model.more_wanted.connect(self.more_wanted)
        self._answer = None  # the search answer shown (its counts and notes), for the pages after it
        self.view.left_top.connect(self.left_top)
        self.header.suggestion_chosen.connect(self.suggestion_chosen)
        self.header.filters_changed.connect(self._on_filters)
        self.header.sort_changed.connect(self._on_sort)
        self.header.show_browse(0, 0)
        self._resort()

    # --- browse mode --------------------------------------------------------------------------

    def set_library_rows(self, rows: list[ArticleRow]) -> None:
        """The whole library, in the browse order (the model sorts as it takes them)."""
        if rows and self.library_model.has_rows(rows):
            return  # the index's list matches the one shown from the cache: nothing to redo
        current = self.view.current_id() if not self.searching else None
        self.library_model.set_rows(rows)
        if not self.searching:
            self._refresh_browse_header()
            if current:
                self.view.select_id(current)
        self.view.set_placeholder(EMPTY_LIBRARY if not rows else "")

    def set_state(self, sort_key: str, descending: bool, outlet: str) -> None:
        self.sort_key, self.descending = sort_key, descending
        self.browse_filters = (outlet, "")
        self.header.set_sort(sort_key)
        if not self.searching:
            self.proxy.set_filters(outlet, "")
            self._resort()

    def set_placeholder(self, text: str) -> None:
        self.view.set_placeholder(text)

    def show_building(self, n: int, total: int) -> None:
        """The index is being built and the list is still empty: say how far it has got."""
        if not self.searching:
            self.header.count_label.setText(building_message(n, total))
        self.view.set_placeholder(BUILDING)

    def show_library(self) -> None:
        """Back to the full list, with the browse filters and order."""
        self.searching = self.waiting = False
        self.proxy.setSourceModel(self.library_model)
        self.proxy.set_filters(*self.browse_filters)
        self._resort()
        self._refresh_browse_header()
        self.view.set_placeholder(EMPTY_LIBRARY if self.library_model.rowCount() == 0 else "")

    def _refresh_browse_header(self) -> None:
        m = self.library_model
        outlet, year = self.browse_filters
        self.header.set_filters(m.outlets(year), m.years(outlet), outlet, year, cleaned=True)
        self.header.show_browse(self.proxy.rowCount(), m.rowCount())

    def _resort(self) -> None:
        # Dates read best newest first; headlines and outlets A to Z.
        self.proxy.apply_sort(self.sort_key, descending=self.descending if self.sort_key == "date" else False)

    def _on_sort(self, key: str) -> None:
        self.sort_key = key
        self.descending = key == "date"
        self._resort()
        self.sort_changed.emit(key)

    # --- search mode --------------------------------------------------------------------------

    def show_searching(self, query: str) -> None:
        if not self.searching:
            self.searching = True
            self.results_model.set_rows([])
            self.proxy.setSourceModel(self.results_model)
            self.proxy.set_filters("", "")
            self.proxy.apply_sort(None)
        self.waiting = True
        self.header.show_searching(query)

    def show_results(self, answer) -> None:
        """A SearchAnswer from the controller: hits in rank order, counts, notes and facets."""
        self.show_searching(answer.query)
        self.waiting = False
        self.results_model.set_rows(answer.rows)
        self.results_model.set_more(answer.result.total > len(answer.rows))
        self._answer = answer
        self.follow_open()
        r = answer.result
        self.header.set_filters(answer.outlets, answer.years, answer.outlet, answer.year)
        self.header.show_results(answer.query, r.total, len(answer.rows), r.corrected, list(r.suggestions or []),
                                 bool(r.relaxed), r.note, gist=bool(r.gist))
        if answer.rows:
            self.view.set_placeholder("")
        else:
            if (answer.outlet or answer.year) and r.note:  # the note says what the filter left out
                self.view.set_placeholder(label(r.note, 300))
                return
            if r.suggestions:
                hint = f"Did you mean “{r.suggestions[0]}”?"
            elif answer.outlet or answer.year:
                hint = "Try all outlets and years."
            else:
                hint = "Try fewer words, or another spelling."
            # label() flattens line breaks, so the hint is cleaned on its own and goes on a line of its own
            self.view.set_placeholder(f"No articles match “{label(answer.query, 80)}”.\n{label(hint, 200)}")

    def append_results(self, answer) -> None:
        """The next page of the search shown (answer.rows: the new hits only), added at the end."""
        if not self.searching or self._answer is None or answer.query != self._answer.query:
            return
        self.results_model.append_rows(answer.rows)
        shown = self.results_model.rowCount()
        self.results_model.set_more(bool(answer.rows) and answer.result.total > shown)
        r = self._answer.result
        self.header.show_results(self._answer.query, r.total, shown, r.corrected, list(r.suggestions or []),
                                 bool(r.relaxed), r.note, gist=bool(r.gist))

    def result_ids(self) -> list[str]:
        return [row.id for row in self.results_model.rows()]

    def show_search_error(self, query: str, message: str) -> None:
        self.show_searching(query)
        self.waiting = False
        self.results_model.set_rows([])
        self.header.count_label.setText("No results")
        self.view.set_placeholder(label(message, 300))

    def _on_filters(self, outlet: str, year: str) -> None:
        # One filter, whichever list it was set on: what the combo shows is what the list keeps after Esc
        # and what comes back after a restart.
        self.browse_filters = (outlet, year)
        if self.searching:
            self.search_filters_changed.emit(outlet, year)
        else:
            self.proxy.set_filters(outlet, year)
            self._refresh_browse_header()  # the other filter's counts follow this one
            self.follow_open()
        self.browse_filters_changed.emit(outlet, year)

    def follow_open(self) -> None:
        """Highlight the article the reader shows if the list shows it, else nothing: when a filter takes
        the current row away, Qt moves the highlight to a neighbour, which is not the article being read."""
        if self.open_id and self.view.select_id(self.open_id):
            return
        selection = self.view.selectionModel()
        if selection is not None:
            selection.clear()

    # --- moving -------------------------------------------------------------------------------

    def first_id(self) -> str | None:
        return self.proxy.article_id(0)

    def enter_list(self) -> None:
        """Focus the list with the first row (or the current one) selected."""
        self.view.setFocus()
        if not self.view.currentIndex().isValid():
            self.view.select_row(0)

    def step(self, delta: int) -> str | None:
        """Select the next/previous row and return its id."""
        row = self.view.currentIndex().row() + delta if self.view.currentIndex().isValid() else 0
        if 0 <= row < self.proxy.rowCount():
            self.view.select_row(row)
            return self.proxy.article_id(row)
        return None

    def mark_read(self, article_id: str, read: bool = True) -> None:
        self.library_model.set_read(article_id, read)
        self.results_model.set_read(article_id, read)
