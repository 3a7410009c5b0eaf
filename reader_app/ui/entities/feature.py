"""Wires people, organisations and places into the window (the window only constructs this).

The pane's counts follow the list on screen: the library's when browsing (only the articles the outlet and
year filters leave, when one is chosen), the search's facets when searching. Filters are written into the search box (`person:"Dmitry Peskov"`), so a filter is visible and
edited like any query, and the facet counts equal what the filter returns (the same engine counts both).
All library work runs through `window.run_task` (the window as a Shell), never on the GUI thread.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from reader_app.core.entities.filters import entity_filters, has_filter, only_filter, toggle_filter, without_filters
from reader_app.core.entities.table import FACET_LIMIT
from reader_app.ui.articles.row import UNDATED, UNKNOWN_OUTLET
from reader_app.ui.entities.facets import KIND_TITLES, EntityPane
from reader_app.ui.entities.filter_bar import EntityFilterBar
from reader_app.ui.entities.page import EntityPage
from reader_app.ui.entities.reader_links import EntityLinks
from reader_app.ui.text import label

if TYPE_CHECKING:
    from reader_app.core.articles.model import Article
    from reader_app.ui.window.shell import Shell

# Names per kind shown while browsing the whole library: as many as a search's or a filtered list's facets
# hold, so that every section at its limit says the same "top 50" (a trial saw "top 40" here, "top 50" there).
LIBRARY_FACETS = FACET_LIMIT


def _library_facets(library) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {k: {} for k in KIND_TITLES}
    for e in library.entities():
        if len(out[e["kind"]]) < LIBRARY_FACETS:
            out[e["kind"]][e["name"]] = e["articles"]
    return out


def _filtered_facets(library, rows: list) -> dict[str, dict[str, int]]:
    return library.entity_facets(r.id for r in rows)


def _scope(n: int, outlet: str, year: str) -> str:
    """'Most named in the 3 articles from The Moscow Times in 2021' (the list's filters, as the pane's heading)."""
    where = ""
    if outlet:
        where += " with no outlet" if outlet == UNKNOWN_OUTLET else f" from {label(outlet, 60)}"
    if year:
        where += " with no date" if year == UNDATED else f" in {year}"
    return f"Most named in the {n:,} article{'s' if n != 1 else ''}{where}"


def _article_links(library, article: Article) -> tuple[str, list]:
    from reader_app.core.entities.mentions import first_mentions

    found = library.article_entities(article.id)
    aliases = {e["name"]: e["aliases"] for e in library.entities()}
    return article.id, first_mentions(article.text, found, aliases)


class EntitiesFeature(QObject):
    """The facet pane (View › People, Organisations, Places; Ctrl+Shift+E), the reader's entity links and
    entity pages."""

    def __init__(self, window: Shell):
        super().__init__(window.widget)
        self.window = window
        self.pane = EntityPane(window.widget)
        self.dock = window.add_pane(self.pane, "People, Organisations, Places", "Ctrl+Shift+E",
                                    area=Qt.DockWidgetArea.LeftDockWidgetArea)
        self.dock.hide()  # until the user opens it (the saved window state may show it again)
        self.filter_bar = EntityFilterBar(window.list_pane.header)
        window.list_pane.header.add_line(self.filter_bar)
        self.filter_bar.clear_requested.connect(self.clear_filters)
        self.links = EntityLinks(window.reader)
        self.page: EntityPage | None = None
        self._library_facets: dict[str, dict[str, int]] | None = None
        # The library's names are first counted once it has opened and its files were checked (the sync), not
        # as soon as it opens: the sync reads the manifest and its saved view of every article (about 250 MB
        # at 100,000 articles) and frees it all, but a table of names made before it (100 MB of small
        # objects) left each of Python's 1 MB allocation arenas the sync then filled holding some long-lived
        # object, so the freed memory stayed the window's (+80-100 MB resident). Made after it, the table
        # fills the room the sync freed.
        self._settled = False
        window.library_settled.connect(self._on_settled)
        window.list_reloaded.connect(self._on_list_reloaded)
        window.search_done.connect(self._on_search_done)
        window.list_pane.listed.connect(self._on_listed)  # a new order or outlet/year filter is listed
        self._filtered = 0  # the newest filtered count asked for; older answers are dropped
        window.search_bar.query_changed.connect(self._on_query)
        window.article_opened.connect(self._on_article)
        window.theme_changed.connect(lambda _t: self.links.repaint())
        self.pane.filter_clicked.connect(self.toggle)
        self.pane.only_requested.connect(self.only)
        self.pane.page_requested.connect(self.show_page)
        self.links.clicked.connect(self.toggle)

    # --- filters ------------------------------------------------------------------------------------

    def toggle(self, kind: str, name: str) -> None:
        """Filter the list by an entity, or stop filtering by it when it is the filter already."""
        self.window.search_bar.set_query(toggle_filter(self.window.search_bar.query(), kind, name))

    def only(self, kind: str, name: str) -> None:
        """Filter the list by this entity alone: the other entity filters give way (the search's words stay)."""
        self.window.search_bar.set_query(only_filter(self.window.search_bar.query(), kind, name))

    def clear_filters(self) -> None:
        self.window.search_bar.set_query(without_filters(self.window.search_bar.query()))

    def _active(self, facets: dict[str, dict[str, int]]) -> set[tuple[str, str]]:
        query = self.window.search_bar.query()
        return {(k, n) for k, names in facets.items() for n in names if has_filter(query, k, n)} if query else set()

    # --- counts -------------------------------------------------------------------------------------

    def _on_settled(self) -> None:
        if not self._settled:
            self._settled = True
            self.reload()

    def _on_list_reloaded(self, _rows) -> None:
        if self._settled:  # the list changed (an import, say); before the first settling, that does it
            self.reload()

    def reload(self) -> None:
        """Count the library's entities again (after opening it, or after an import)."""
        library = self.window.library
        if library is not None:
            self.window.run_task(_library_facets, library, on_finished=self._library_ready,
                                 on_failed=lambda message: self.pane.scope.setText("Could not count names."))

    def _library_ready(self, facets: dict[str, dict[str, int]]) -> None:
        self._library_facets = facets
        if not self.window.search_bar.query():
            self._show_browse()

    def _on_query(self, query: str) -> None:
        self.filter_bar.set_names([name for _kind, name in entity_filters(query)])
        self.pane.set_filtering(bool(entity_filters(query)))
        if not query:
            self._show_browse()

    def _on_listed(self) -> None:
        if not self.window.search_bar.query():
            self._show_browse()

    def _show_browse(self) -> None:
        """The counts of the list shown while browsing: the library's, or (an outlet or year chosen) those of
        the articles listed, counted in a worker."""
        pane = self.window.list_pane
        outlet, year = pane.browse_filters
        self._filtered += 1
        if not outlet and not year:
            if self._library_facets is not None:
                self.pane.set_facets(self._library_facets, "Most named in the whole library", set(),
                                     LIBRARY_FACETS)
            return
        library, listing = self.window.library, pane.library_model.listing
        if library is None or listing.state.outlet != outlet or listing.state.year != year:
            return  # the list under these filters is still being made: `listed` comes when it is shown
        rows = listing.rows  # never changed once listed; its ids are read in the worker
        self.window.run_task(_filtered_facets, library, rows,
                             on_finished=partial(self._filtered_ready, self._filtered, _scope(len(rows), outlet, year)),
                             on_failed=lambda message: self.pane.scope.setText("Could not count names."))

    def _filtered_ready(self, request: int, scope: str, facets: dict[str, dict[str, int]]) -> None:
        if request == self._filtered and not self.window.search_bar.query():
            self.pane.set_facets(facets, scope, set())

    def _on_search_done(self, answer) -> None:
        if answer.query != self.window.search_bar.query():
            return  # a search the user has typed past
        facets = {k: answer.result.facets.get(k, {}) for k in KIND_TITLES}
        total = answer.result.total
        self.pane.set_facets(facets, f"Named in the {total} result{'s' if total != 1 else ''} of this search",
                             self._active(facets))

    # --- the reader ---------------------------------------------------------------------------------

    def _on_article(self, article: Article) -> None:
        self.links.clear()
        library = self.window.library
        if library is not None:
            self.window.run_task(_article_links, library, article,
                                 on_finished=lambda answer: self.links.show(*answer))

    # --- pages --------------------------------------------------------------------------------------

    def show_page(self, kind: str, name: str) -> None:
        library = self.window.library
        if library is None:
            return
        story_of = getattr(library, "story_of", None)  # core/stories, where the library offers it

        def work():
            profile = library.entity_profile(kind, name)
            stories = None
            if profile is not None and callable(story_of):
                stories = sorted({s for a in profile["articles"] if (s := story_of(a["id"]))})
            return profile, stories
        self.window.run_task(work, on_finished=self._page_ready)

    def _page_ready(self, answer) -> None:
        profile, stories = answer
        if profile is None:
            return
        if self.page is None:
            self.page = EntityPage(self.window.widget)
            self.page.article_requested.connect(lambda aid: self.window.open_article(aid))
            self.page.entity_requested.connect(self.show_page)
            self.page.filter_requested.connect(self.toggle)
        self.page.show_profile(profile, stories)
        self.page.show()
        self.page.raise_()
