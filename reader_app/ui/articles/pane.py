"""The left pane: the list header and the article list, in browse mode (the library) or search mode (hits).

The library's rows stay in their own model and view while searching (the results have a view of their own, the
two stacked), so Esc brings the full list back at once, with the outlet/year filters and sort order the user
had (a model of 100,000 rows set back on a view was laid out again; a kept view is not). A big library's list
is ordered, filtered and counted in a worker of its own (listing.py); the GUI thread swaps the finished list in.
"""

from __future__ import annotations

from functools import partial
from operator import attrgetter

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from reader_app.ui.articles.header import RELEVANCE, ListHeader, article_count
from reader_app.ui.articles.list_view import ArticleListModel, ArticleListView
from reader_app.ui.articles.listing import Listing, ListState, make_listing
from reader_app.ui.articles.row import ArticleRow
from reader_app.ui.text import label
from reader_app.ui.window.workers import Runner

EMPTY_LIBRARY = "No articles yet.\nImport some with File → Import, or drop files on the window."
OPENING = "Opening your library…"
BUILDING = "Building the index…\nArticles appear here as soon as it is ready."
INLINE_ROWS = 1000  # lists up to this long are listed on the spot (a few ms); longer ones in the worker
_COPIES = attrgetter("copies")


def _relisted(rows: list[ArticleRow], state: ListState, read_ids: set[str], previous: Listing) -> Listing | None:
    """The worker's part: the listing, or None when `rows` equal the rows shown and nothing else changed
    (comparing 20,000 rows takes the GUI thread ~40 ms, so it happens here)."""
    if rows is not previous.given and state == previous.state and state.key != "unread" \
            and rows == previous.given:
        return None
    return make_listing(rows, state, read_ids, previous)


def building_message(n: int, total: int) -> str:
    return f"Building the index: {n:,} of {total:,}…" if total else "Building the index…"


class ListPane(QWidget):
    """Header plus list. Signals: `article_activated(id)`, `left_top()` (Up on the first row), and
    `search_filters_changed(outlet, year)` / `suggestion_chosen(query)` while searching;
    `sort_changed(key)` / `browse_filters_changed(outlet, year)` while browsing; `more_wanted()` when the
    results list is scrolled to its end and more hits exist, `all_wanted(total)` when the results are put in
    another order than relevance and not every hit is in yet (both answered with append_results).

    `searching`: the list shows search results; `waiting`: a search was started and its answer is not in yet.
    `listed()`: a new library listing was swapped in (its order, filters and counts are final).

    `view` is the list shown: `library_view` (the library's model) or `results_view` (the search results').
    """

    article_activated = Signal(str)
    left_top = Signal()
    search_filters_changed = Signal(str, str)
    browse_filters_changed = Signal(str, str)
    suggestion_chosen = Signal(str)
    sort_changed = Signal(str)
    more_wanted = Signal()
    all_wanted = Signal(int)
    listed = Signal()

    def __init__(self, read_ids: set[str], parent=None):
        super().__init__(parent)
        self.setObjectName("listPane")
        self.header = ListHeader(self)
        self.library_model = ArticleListModel(read_ids, self)
        self.results_model = ArticleListModel(read_ids, self)
        self.library_view = ArticleListView(self)
        self.library_view.setModel(self.library_model)
        self.results_view = ArticleListView(self)
        self.results_view.setModel(self.results_model)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.library_view)
        self.stack.addWidget(self.results_view)
        self.lister = Runner(threads=1, parent=self)  # its own thread: a search never delays a re-sort
        self.inline_rows = INLINE_ROWS
        self._given: list[ArticleRow] = []  # the library's rows as last given (the model shows them when listed)
        self._copies_of: tuple[list[ArticleRow], int] = (self._given, 0)  # rows given, the copies they stand for
        self._request = 0  # the newest listing asked for; older answers are dropped
        self._shown_request = 0  # the request whose listing the library model shows
        self._follow = False  # the newest request changed a filter: highlight the open article after it
        self._have_library = False  # the library's rows came (until then the placeholder says "Opening")
        self.set_placeholder(OPENING)
        self.searching = False
        self.importing = False  # an import is running (ui/imports): its articles are not searchable until it ends
        self.waiting = False
        self.open_id: str | None = None  # the article the reader shows (the window keeps it up to date)
        self.sort_key, self.descending = "date", True
        self.browse_filters = ("", "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        for view in self.views():
            view.article_activated.connect(self.article_activated)
            view.left_top.connect(self.left_top)
        self.results_model.more_wanted.connect(self.more_wanted)
        self._answer = None  # the search answer shown (its counts and notes), for the pages after it
        self.search_sort = RELEVANCE  # the results' order, chosen apart from the browse order
        self._ranked: list[ArticleRow] = []  # the hits in, in rank order
        self._results_request = 0  # the newest ordering of the results asked for; older answers are dropped
        self.header.suggestion_chosen.connect(self.suggestion_chosen)
        self.header.filters_changed.connect(self._on_filters)
        self.header.sort_changed.connect(self._on_sort)
        self.header.show_browse(0, 0)
        self.header.count_label.clear()  # no count until the library's is known ("0 articles" beside "Opening…")

    @property
    def view(self) -> ArticleListView:
        """The list shown: the library's or the search results'."""
        return self.results_view if self.stack.currentWidget() is self.results_view else self.library_view

    def views(self) -> tuple[ArticleListView, ArticleListView]:
        """Both lists (for what each needs alike: a context menu, the marks' colours)."""
        return self.library_view, self.results_view

    # --- browse mode --------------------------------------------------------------------------

    def set_library_rows(self, rows: list[ArticleRow]) -> None:
        """The whole library, in any order: listed (in the browse order, under the browse filters) off the
        GUI thread, then shown."""
        if rows and (rows is self._given or self.library_model.has_rows(rows)):
            return  # the index's list is the one shown from the cache: nothing to redo
        self._given = rows
        self._have_library = True
        self._relist()

    def library_size(self) -> int:
        """Articles in the library's list as last given (listed or still being listed)."""
        return len(self._given)

    def library_count(self) -> str:
        """The library's size in the header's words ("2,066 articles (+37 copies)"), for the status bar."""
        return article_count(len(self._given), self._copies())

    def _copies(self) -> int:
        # Counted once per list given (the status bar asks two or three times for each), by one C call: a
        # generator over 100,000 rows was 15-20 ms of Python on the GUI thread each time, and a worker's
        # turns at the interpreter in between made it 40-60 ms (most of the window's stall as a library opened).
        rows, copies = self._copies_of
        if rows is not self._given:
            listing = self.library_model.listing
            copies = listing.copies if listing.given is self._given else sum(map(_COPIES, self._given))
            self._copies_of = (self._given, copies)
        return copies

    def listing_pending(self) -> bool:
        """A listing was asked for and is not shown yet."""
        return self.library_model.listing.given is not self._given or self._request != self._shown_request

    def set_state(self, sort_key: str, descending: bool, outlet: str) -> None:
        self.sort_key, self.descending = sort_key, descending
        self.browse_filters = (outlet, "")
        self.header.set_sort(sort_key)
        if not self.searching:
            self._relist()

    def set_placeholder(self, text: str) -> None:
        """What the list says when empty; one message for both views, as when they were one view (the
        search's own messages included: they stay until the next is set)."""
        for view in self.views():
            view.set_placeholder(text)

    def show_building(self, n: int, total: int) -> None:
        """The index is being built and the list is still empty: say how far it has got."""
        if not self.searching:
            self.header.count_label.setText(building_message(n, total))
        self.set_placeholder(BUILDING)

    def show_library(self) -> None:
        """Back to the full list, with the browse filters and order."""
        self.searching = self.waiting = False
        self._show_model(self.library_model)
        if self._browse_state() != self.library_model.state or self.sort_key == "unread" \
                or self.listing_pending():
            self._relist()  # the filters changed while searching (or articles were read: unread first)
        self._refresh_browse_header()
        self.set_placeholder(EMPTY_LIBRARY if not self._given else "")

    def _browse_state(self) -> ListState:
        # Dates read best newest first; headlines and outlets A to Z.
        return ListState(self.sort_key, self.descending if self.sort_key == "date" else False, *self.browse_filters)

    def _relist(self, follow: bool = False) -> None:
        """Ask for the library's list in the browse order and filters: listed here when short, else in the
        worker; the newest request's answer is swapped in (_take)."""
        self._request += 1
        self._follow = self._follow or follow  # kept until a listing is swapped in
        state, previous = self._browse_state(), self.library_model.listing
        if len(self._given) <= self.inline_rows:
            self._take(self._request, make_listing(self._given, state, set(self.library_model.read_ids), previous))
        else:
            # a copy of the read ids: the GUI thread keeps changing its own
            self.lister.submit(_relisted, self._given, state, set(self.library_model.read_ids), previous,
                               on_finished=partial(self._take, self._request))

    def _take(self, request: int, listing: Listing | None) -> None:
        if request != self._request:
            return  # a newer order, filter or list was asked for meanwhile
        self._shown_request = request
        if listing is None:  # the rows given equal those shown, in the same order and filters
            self._given = self.library_model.listing.given
        else:
            current = self.view.current_id() if not self.searching else None
            chosen = self.view.chosen_ids() if current else []  # several rows picked (Ctrl/Shift+click)
            # a list grown by an import shows from its top, where the new articles are (newest first)
            grown = len(listing.given) > len(self.library_model.listing.given)
            self.library_model.set_listing(listing)
            if not self.searching:
                if self._follow:
                    self.follow_open(from_top=grown)
                elif current:
                    self.view.select_id(current, from_top=grown)  # the selection stays on its article
                    # and on the other rows picked with it (File › Remove acts on them all)
                    self.view.also_select([aid for aid in chosen if aid != current])
                elif grown:
                    self.view.scrollToTop()
        self._follow = False
        if not self.searching and self._have_library:
            self._refresh_browse_header()
            self.set_placeholder(EMPTY_LIBRARY if not self._given else "")
        self.listed.emit()

    def _refresh_browse_header(self) -> None:
        m = self.library_model
        outlet, year = self.browse_filters
        if m.listing.given is self._given and m.state == self._browse_state():
            self.header.set_filters(m.outlets(year), m.years(outlet), outlet, year, cleaned=True)
        # else the counts come with the listing being made (_take)
        self.header.show_browse(m.rowCount(), m.total(), m.copies())
        if not self._have_library:
            self.header.count_label.clear()  # the library is still opening: its size is not known yet

    def _show_model(self, model: ArticleListModel) -> None:
        """Show the view of `model`. Each model keeps a view: the library's does not lay its rows out again.
        The view shown comes with no row selected (as a model set on a view did) and takes the keyboard
        focus if the other one had it."""
        view = self.library_view if model is self.library_model else self.results_view
        old = self.view
        if old is view:
            return
        focused = self.window().focusWidget() is old  # the window's focus, whether or not it is active
        self.stack.setCurrentWidget(view)
        if focused:
            view.setFocus()
        selection = view.selectionModel()
        if selection is not None:  # after the focus: a view given focus makes its first row current
            selection.clear()

    def _on_sort(self, key: str) -> None:
        if self.searching:
            self.search_sort = key
            self._order_results()
            return
        self.sort_key = key
        self.descending = key == "date"
        self._relist()
        self.sort_changed.emit(key)

    # --- search mode --------------------------------------------------------------------------

    def show_searching(self, query: str) -> None:
        if not self.searching:
            self.searching = True
            self.search_sort = RELEVANCE  # a new search starts by rank; a query refined keeps its order
            self._ranked = []
            self.results_model.set_rows([])
            self._show_model(self.results_model)
        self.waiting = True
        self.header.set_search_sort(self.search_sort)
        self.header.show_searching(query)

    def show_results(self, answer) -> None:
        """A SearchAnswer from the controller: hits in rank order, counts, notes and facets."""
        self.show_searching(answer.query)
        self.waiting = False
        self._ranked = list(answer.rows)
        self._answer = answer
        if self.search_sort != RELEVANCE:
            self._order_results()
        else:
            self._results_request += 1  # an ordering still being made is for the last answer's rows
            self.results_model.set_rows(answer.rows)
            self.results_model.set_more(answer.result.total > len(answer.rows))
        self.follow_open(from_top=True)  # hit 1 in view, not the open article's row below it
        r = answer.result
        self.header.set_filters(answer.outlets, answer.years, answer.outlet, answer.year)
        self.header.show_results(answer.query, r.total, len(answer.rows), r.corrected, list(r.suggestions or []),
                                 bool(r.relaxed), r.note, gist=bool(r.gist))
        if answer.rows:
            self.set_placeholder("")
        else:
            if (answer.outlet or answer.year) and r.note:  # the note says what the filter left out
                self.set_placeholder(label(r.note, 300))
                return
            if r.empty:  # the header says there was nothing to search for: "Try fewer words" would be wrong
                self.set_placeholder("")
                return
            if self.importing:  # the import's articles join the index when it ends; the search runs again then
                self.set_placeholder(f"Nothing found for “{label(answer.query, 80)}” yet.\n"
                                          "An import is running: its articles are searched once it ends.")
                return
            if r.suggestions:
                hint = f"Did you mean “{r.suggestions[0]}”?"
            elif answer.outlet or answer.year:
                hint = "Try all outlets and years."
            else:
                hint = "Try fewer words, or another spelling."
            # label() flattens line breaks, so the hint is cleaned on its own and goes on a line of its own
            self.set_placeholder(f"No articles match “{label(answer.query, 80)}”.\n{label(hint, 200)}")

    def append_results(self, answer) -> None:
        """The next page of the search shown (answer.rows: the new hits only), added at the end."""
        if not self.searching or self._answer is None or answer.query != self._answer.query:
            return
        # a page asked for by scrolling may come after (or before) every hit asked for by an order: a hit is
        # added once
        have = {row.id for row in self._ranked}
        new = [row for row in answer.rows if row.id not in have]
        self._ranked.extend(new)
        if self.search_sort != RELEVANCE:
            r = self._answer.result
            # no more came than were in: those are every hit there is (copies folded into hits can leave
            # fewer than first counted)
            r.total = max(len(self._ranked), min(r.total, answer.result.total)) if new else len(self._ranked)
            self._order_results()
            return
        self.results_model.append_rows(new)
        shown = self.results_model.rowCount()
        self.results_model.set_more(bool(answer.rows) and answer.result.total > shown)
        r = self._answer.result
        if new:  # a later page has folded more copies into their hits (core/library.search): nearer
            r.total = max(shown, min(r.total, answer.result.total))
        self.header.show_results(self._answer.query, r.total, shown, r.corrected, list(r.suggestions or []),
                                 bool(r.relaxed), r.note, gist=bool(r.gist))

    def _order_results(self) -> None:
        """Show the hits in the order chosen: by rank as they came, or (every hit first asked for, then
        ordered off the GUI thread when there are many, as the library's list is) by date, outlet, headline…"""
        self._results_request += 1
        answer = self._answer
        if answer is None or self.waiting:
            return  # ordered when the answer comes
        total = answer.result.total
        if self.search_sort == RELEVANCE:
            self.results_model.set_rows(self._ranked)
            self.results_model.set_more(total > len(self._ranked))
            self.follow_open(from_top=True)
            return
        if total > len(self._ranked):  # the order is over every hit: the rest first
            self.header.count_label.setText(f"Sorting {total:,} results…")
            self.all_wanted.emit(total)
            return
        state = ListState(self.search_sort, False)
        read = set(self.results_model.read_ids)
        if len(self._ranked) <= self.inline_rows:
            self._take_results(self._results_request, make_listing(self._ranked, state, read))
        else:
            self.lister.submit(make_listing, list(self._ranked), state, read,
                               on_finished=partial(self._take_results, self._results_request))

    def _take_results(self, request: int, listing: Listing) -> None:
        if request != self._results_request or not self.searching or self._answer is None:
            return  # another order, or another search, was asked for meanwhile
        self.results_model.set_listing(listing)
        self.results_model.set_more(False)
        self.follow_open(from_top=True)
        r = self._answer.result
        self.header.show_results(self._answer.query, r.total, len(listing.rows), r.corrected,
                                 list(r.suggestions or []), bool(r.relaxed), r.note, gist=bool(r.gist))

    def result_ids(self) -> list[str]:
        return [row.id for row in self.results_model.rows()]

    def show_search_error(self, query: str, message: str) -> None:
        self.show_searching(query)
        self.waiting = False
        self.results_model.set_rows([])
        self.header.count_label.setText("No results")
        self.set_placeholder(label(message, 300))

    def _on_filters(self, outlet: str, year: str) -> None:
        # One filter, whichever list it was set on: what the combo shows is what the list keeps after Esc
        # and what comes back after a restart.
        self.browse_filters = (outlet, year)
        if self.searching:
            self.search_filters_changed.emit(outlet, year)
        else:
            self._relist(follow=True)  # the other filter's counts follow this one when it is swapped in
        self.browse_filters_changed.emit(outlet, year)

    def follow_open(self, from_top: bool = False) -> None:
        """Highlight the article the reader shows if the list shows it, else nothing: when a filter takes
        the current row away, Qt moves the highlight to a neighbour, which is not the article being read.
        `from_top`: a new list (search results, a grown library) shows from its top, not from that row."""
        if self.open_id and self.view.select_id(self.open_id, from_top):
            return
        selection = self.view.selectionModel()
        if selection is not None:
            selection.clear()
        if from_top:
            self.view.scrollToTop()

    # --- moving -------------------------------------------------------------------------------

    def shown_model(self) -> ArticleListModel:
        """The model the list shows: the library's, or the search results'."""
        return self.results_model if self.searching else self.library_model

    def first_id(self) -> str | None:
        return self.shown_model().article_id(0)

    def enter_list(self) -> None:
        """Focus the list with the first row (or the current one) selected. (Taking the focus, a list with no
        current row makes its first one current without selecting it: that row is selected here too, or the
        first Down went to the second row.)"""
        view = self.view
        view.setFocus()
        current = view.currentIndex()
        selection = view.selectionModel()
        if not current.isValid():
            view.select_row(0)
        elif selection is not None and not selection.isSelected(current):
            view.select_row(current.row())

    def step(self, delta: int) -> str | None:
        """Select the next/previous row and return its id."""
        row = self.view.currentIndex().row() + delta if self.view.currentIndex().isValid() else 0
        if 0 <= row < self.shown_model().rowCount():
            self.view.select_row(row)
            return self.shown_model().article_id(row)
        return None

    def mark_read(self, article_id: str, read: bool = True) -> None:
        self.library_model.set_read(article_id, read)
        self.results_model.set_read(article_id, read)
