"""The article list built in a worker (listing.py) against what the GUI thread computed before, on a real
library (the seeds and BBC articles under two spellings of one outlet and none, several years and none);
then the same through the window's widgets, with the list made in the pane's worker."""

from __future__ import annotations

import shutil
from itertools import groupby

import pytest
from PySide6.QtCore import Qt

from reader_app.ui.articles.listing import KEPT_ORDERS, SORT_KEYS, ListState, make_listing
from reader_app.ui.articles.row import UNDATED, UNKNOWN_OUTLET, ArticleRow
from reader_app.ui.window.controller import summary_row
from tests.conftest import template_library
from tests.core.stories.test_stories import BBC
from tests.ui.conftest import idle

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("does not support propagateSizeHints")]  # the offscreen platform

FILTERS = [("", ""), ("BBC News", ""), ("bbc news", ""), (UNKNOWN_OUTLET, ""), ("", "2004"), ("", UNDATED),
           ("BBC News", "2005"), (UNKNOWN_OUTLET, UNDATED), ("The Moscow Times", "2021"), ("Nobody", "")]


@pytest.fixture(scope="module")
def real_library_template(tmp_path_factory):
    """The seeds, 24 BBC business articles as "BBC News", 12 sport ones as "bbc news" and 12 tech ones with
    no outlet; a dozen given dates in 2003-2005 (the rest of the BBC ones undated). Imported once per module;
    each test opens its own copy (`real_library`), never this one."""
    if not BBC.is_dir():
        pytest.skip("the BBC corpus is not beside this checkout")
    root = tmp_path_factory.mktemp("listing-library")
    with template_library(root) as library:
        for section, n, outlet in (("business", 24, "BBC News"), ("sport", 12, "bbc news"), ("tech", 12, None)):
            folder = root / "src" / section
            folder.mkdir(parents=True)
            for f in sorted((BBC / section).iterdir())[:n]:
                (folder / f.name).write_bytes(f.read_bytes())
            report = library.import_paths([folder], procs=1, outlet=outlet)
            assert len(report.added) == n
        bbc = [d["id"] for d in library.list_articles() if not d.get("date")]
        for i, aid in enumerate(bbc[:12]):
            library.edit_details(aid, {"date": f"{2003 + i % 3}-0{1 + i % 9}-1{i % 10}"})
    return root / "data"


@pytest.fixture
def real_library(real_library_template, data_dir, app_paths):
    """The test's own copy of that library (a data folder holds no path of its own), opened."""
    from reader_app.core.library import Library

    shutil.copytree(real_library_template, data_dir, dirs_exist_ok=True)
    library = Library(app_paths)
    library.open()
    yield library
    library.close()


def _gui_thread_before(rows: list[ArticleRow], state: ListState, read_ids: set[str]):
    """What the model and its proxy computed on the GUI thread before: ArticleListModel._ordered, then
    ArticleProxy.filterAcceptsRow, and the header's counts ArticleListModel.outlets(year) / years(outlet)."""
    from itertools import groupby
    from operator import attrgetter

    def by_value(rows, field, newest_first):  # order.py's _by_value as it was: one sort per part
        value, title = attrgetter(field), attrgetter("sort_title")
        having = sorted((r for r in rows if value(r)), key=value, reverse=newest_first)
        out = []
        for _v, run in groupby(having, key=value):
            out.extend(sorted(run, key=title))
        return out + sorted((r for r in rows if not value(r)), key=title)

    def ordered(rows, key, read):
        if key == "unread":
            newest = by_value(rows, "date", True)
            return [r for r in newest if r.id not in read] + [r for r in newest if r.id in read]
        return by_value(rows, "added" if key == "added" else "date", key != "oldest")

    def sort_value(row):
        if state.key == "title":
            return row.sort_title
        return row.date or "0000"

    def by_outlet(rows, descending):  # outlets A to Z (none last), within one newest first, undated last
        outlet = lambda r: r.outlet.casefold() or "\uffff"  # noqa: E731
        runs = groupby(sorted(rows, key=outlet, reverse=descending), key=outlet)
        return [r for _o, run in runs for r in by_value(list(run), "date", True)]

    if state.key is None:
        in_order = list(rows)
    elif state.key == "outlet":
        in_order = by_outlet(rows, state.descending)
    elif state.key not in ("title", "outlet"):
        in_order = ordered(rows, state.key, read_ids)
    else:
        in_order = sorted(rows, key=sort_value, reverse=state.descending)
    outlet = "" if state.outlet == UNKNOWN_OUTLET else state.outlet
    year = "" if state.year == UNDATED else state.year
    shown = [r for r in in_order if (not state.outlet or r.outlet.casefold() == outlet.casefold())
             and (not state.year or r.year == year)]
    outlets: dict[str, int] = {}
    for r in in_order:
        if not state.year or r.year == year:
            outlets[r.outlet or UNKNOWN_OUTLET] = outlets.get(r.outlet or UNKNOWN_OUTLET, 0) + 1
    years: dict[str, int] = {}
    for r in in_order:
        if not state.outlet or r.outlet == outlet:
            years[r.year or UNDATED] = years.get(r.year or UNDATED, 0) + 1
    return [r.id for r in shown], outlets, years


def test_the_worker_listing_equals_what_the_gui_thread_computed(real_library):
    rows = [summary_row(d) for d in real_library.list_articles(lede=True)]
    assert len(rows) == 53
    read = {rows[3].id, rows[10].id, rows[40].id}
    for key in (*SORT_KEYS, None):
        previous = None
        for outlet, year in FILTERS:
            state = ListState(key, key == "date", outlet, year)
            listing = make_listing(rows, state, read, previous)  # reusing the order when only filters change
            ids, outlets, years = _gui_thread_before(rows, state, read)
            assert [r.id for r in listing.rows] == ids, (key, outlet, year)
            assert listing.outlets == outlets and listing.years == years, (key, outlet, year)
            assert listing.positions == {aid: i for i, aid in enumerate(ids)}
            assert all(listing.find(r.id) is r for r in rows)
            previous = listing
    counts = make_listing(rows, ListState("date", True)).outlets
    assert counts["BBC News"] == 24 and counts["bbc news"] == 12 and counts[UNKNOWN_OUTLET] >= 12
    assert sum(counts.values()) == 53


def test_listings_made_one_from_another_reuse_orders_and_counts_and_equal_fresh_ones(real_library):
    """A listing keeps the last orders of its rows and its filters' counts for the next one (a re-sort back
    to "Newest first" at 100,000 rows took the worker ~130 ms of Python, which a theme switch just after it
    waited on): whatever the path of re-sorts and filters, each listing equals one made from scratch."""
    rows = [summary_row(d) for d in real_library.list_articles(lede=True)]
    read = {rows[3].id, rows[10].id}
    previous = None
    path = [(key, outlet, year) for outlet, year in FILTERS[:4] for key in (*SORT_KEYS, "date", "title", None)]
    for key, outlet, year in path + path[::-1]:
        state = ListState(key, key == "date", outlet, year)
        listing = make_listing(rows, state, read, previous)
        fresh = make_listing(rows, state, read)
        assert [r.id for r in listing.rows] == [r.id for r in fresh.rows], (key, outlet, year)
        assert (listing.outlets, listing.years, listing.all_outlets, listing.copies, listing.positions) == \
            (fresh.outlets, fresh.years, fresh.all_outlets, fresh.copies, fresh.positions), (key, outlet, year)
        assert all(listing.find(r.id) is r for r in rows)
        previous = listing
    newest = make_listing(rows, ListState("date", True), read)
    by_title = make_listing(rows, ListState("title"), read, newest)
    back = make_listing(rows, ListState("date", True), read, by_title)
    assert back.ordered is newest.ordered and back.outlets is newest.outlets  # reused, not made again
    assert len(back.orders) <= KEPT_ORDERS
    read.add(rows[0].id)  # "unread first" follows the read articles: never an order made before a read
    unread = make_listing(rows, ListState("unread"), read, back)
    again = make_listing(rows, ListState("unread"), read | {rows[1].id}, unread)
    assert again.ordered is not unread.ordered and again.rows[-1].id in read | {rows[1].id}
    other = [*rows]  # other rows (an import): nothing of the last listing's is theirs
    assert make_listing(other, ListState("date", True), read, back).ordered is not newest.ordered


def test_lists_sorted_in_pieces_are_in_the_same_order(monkeypatch):
    """Long lists are sorted in pieces merged in Python (the worker lets the GUI thread in between): the
    same stable order as one sort, ties included, in every order and direction."""
    import random
    from operator import attrgetter

    from reader_app.core import yielding
    from reader_app.ui.articles import order

    rnd = random.Random(3)
    words = ["Armenia", "£1.8m", "élan", "“Quoted”", "troops", "deal", "Deal", "DEAL"]
    rows = [ArticleRow(f"r{i}", " ".join(rnd.choice(words) for _ in range(2)), rnd.choice(["", "BBC", "bbc", "AFP"]),
                       rnd.choice(["", "2004", "2004-05", "2004-05-01", "2011-01-02"]),
                       added=rnd.choice(["", "2026-01-01T00:00:00", "2026-01-02T00:00:00"]))
            for i in range(3000)]
    read = {r.id for r in rows[::4]}
    by_date = attrgetter("date")
    assert order.sort_in_pieces(rows, by_date, chunk=7) == sorted(rows, key=by_date)
    assert order.sort_in_pieces(rows, by_date, True, chunk=7) == sorted(rows, key=by_date, reverse=True)
    monkeypatch.setattr(yielding, "CHUNK", 97)
    for key in (*SORT_KEYS, None):
        for outlet, year in (("", ""), ("bbc", ""), ("", "2004")):
            state = ListState(key, key == "date", outlet, year)
            ids, outlets, years = _gui_thread_before(rows, state, read)
            listing = make_listing(rows, state, read)
            assert [r.id for r in listing.rows] == ids and listing.outlets == outlets and listing.years == years


def _shown_ids(pane) -> list[str]:
    model = pane.shown_model()
    return [model.index(r, 0).data(Qt.ItemDataRole.UserRole + 2) for r in range(model.rowCount())]


def _choose(qtbot, pane, combo, data) -> None:
    """Pick an item of a header combo as a user would, and wait for the worker's list to be swapped in."""
    with qtbot.waitSignal(pane.listed, timeout=30000):
        combo.setCurrentIndex(combo.findData(data))
    assert not pane.listing_pending()


def test_sorting_and_filtering_through_the_widgets_lists_in_the_worker(qtbot, real_library, make_window):
    rows = [summary_row(d) for d in real_library.list_articles(lede=True)]
    real_library.close()
    w = make_window()
    pane, header = w.list_pane, w.list_pane.header
    pane.inline_rows = 0  # every listing in the pane's worker, as with a big library
    idle(qtbot, w)
    qtbot.waitUntil(lambda: pane.library_model.total() == 53 and not pane.listing_pending(), timeout=30000)
    assert header.count_label.text() == "53 articles"

    for key in (*SORT_KEYS[1:], SORT_KEYS[0]):  # from "Newest first", shown now, round to it again
        _choose(qtbot, pane, header.sort_combo, key)
        assert _shown_ids(pane) == _gui_thread_before(rows, ListState(key, key == "date"), w.read_ids)[0], key

    _choose(qtbot, pane, header.sort_combo, "title")
    _choose(qtbot, pane, header.outlet_combo, "BBC News")
    ids, outlets, years = _gui_thread_before(rows, ListState("title", False, "BBC News", ""), w.read_ids)
    assert _shown_ids(pane) == ids and len(ids) == 36  # both spellings of the outlet
    assert header.count_label.text() == "36 of 53 articles"
    year_items = [header.year_combo.itemText(i) for i in range(header.year_combo.count())]
    assert year_items[-1] == f"Undated ({years[UNDATED]})"  # the year counts follow the outlet filter
    _choose(qtbot, pane, header.year_combo, "2004")
    ids, outlets, years = _gui_thread_before(rows, ListState("title", False, "BBC News", "2004"), w.read_ids)
    assert _shown_ids(pane) == ids and ids
    outlet_items = {header.outlet_combo.itemData(i): header.outlet_combo.itemText(i)
                    for i in range(header.outlet_combo.count())}
    assert outlet_items["BBC News"] == f"BBC News ({outlets['BBC News']})"  # and the outlet counts the year's
    assert header.count_label.text() == f"{len(ids)} of 53 articles"

    _choose(qtbot, pane, header.year_combo, "")
    _choose(qtbot, pane, header.outlet_combo, UNKNOWN_OUTLET)
    ids, outlets, _years = _gui_thread_before(rows, ListState("title", False, UNKNOWN_OUTLET, ""), w.read_ids)
    assert _shown_ids(pane) == ids and len(ids) == outlets[UNKNOWN_OUTLET] >= 12  # the tech ones, a seed clipping
    assert header.outlet_combo.currentText() == f"Unknown outlet ({len(ids)})"

    # a search and Esc: the results list is short and as ranked; back to the list with its order and filter
    w.search_bar.set_query("growth")
    qtbot.waitUntil(lambda: pane.searching and not pane.waiting, timeout=30000)
    assert pane.shown_model() is pane.results_model
    w.search_bar.set_query("")
    qtbot.waitUntil(lambda: not pane.listing_pending(), timeout=30000)
    assert pane.shown_model() is pane.library_model and _shown_ids(pane) == ids
    assert header.count_label.text() == f"{len(ids)} of 53 articles"


def _listed_in_the_worker(qtbot, real_library, make_window):
    """A window on the 53-article library whose every listing is made in the worker, once it is listed."""
    real_library.close()
    w = make_window()
    pane, header = w.list_pane, w.list_pane.header
    pane.inline_rows = 0
    idle(qtbot, w)
    qtbot.waitUntil(lambda: pane.library_model.total() == 53 and not pane.listing_pending(), timeout=30000)
    return w, pane, header


def test_a_swap_keeps_the_selection_and_the_keys_follow_the_new_order(qtbot, real_library, make_window):
    w, pane, header = _listed_in_the_worker(qtbot, real_library, make_window)
    pane.enter_list()
    pane.view.select_row(7)
    chosen = pane.view.current_id()
    _choose(qtbot, pane, header.sort_combo, "title")
    assert pane.view.current_id() == chosen  # the same article, wherever the new order puts it
    row = pane.library_model.position_of(chosen)
    assert pane.view.currentIndex().row() == row
    qtbot.keyClick(pane.view, Qt.Key.Key_Down)
    assert pane.view.current_id() == pane.library_model.article_id(row + 1)  # Down: the next one in this order
    qtbot.keyClick(pane.view, Qt.Key.Key_J)
    assert pane.view.current_id() == pane.library_model.article_id(row + 2)

    # the rows given again (a sync, an import): the selection stays on its article
    chosen = pane.view.current_id()
    with qtbot.waitSignal(pane.listed, timeout=30000):
        pane.set_library_rows(list(reversed(pane.library_model.listing.given)))
    assert pane.view.current_id() == chosen
    # equal rows given again are recognised in the worker and change nothing
    shown = pane.library_model.listing
    with qtbot.waitSignal(pane.listed, timeout=30000):
        pane.set_library_rows(list(shown.given))
    assert pane.library_model.listing is shown and not pane.listing_pending()


def test_the_outlet_order_is_outlets_a_to_z_then_newest_first_and_undated_last_by_headline(real_library):
    """README: every order puts undated articles last, by headline. The Outlet order lists outlets A to Z (in
    any case; no outlet last) and within one the list's own order: newest first, then the undated by headline
    (a new user saw an undated "£1.8m…" lead BBC News, and "Zambia…" before "Yukos…")."""
    rows = [summary_row(d) for d in real_library.list_articles(lede=True)]
    shown = make_listing(rows, ListState("outlet")).rows
    outlets = [r.outlet.casefold() or "\uffff" for r in shown]
    assert outlets == sorted(outlets) and outlets[-1] == "\uffff"
    for _outlet, run in groupby(shown, key=lambda r: r.outlet.casefold()):
        run = list(run)
        dated = [r for r in run if r.date]
        undated = [r for r in run if not r.date]
        assert run == dated + undated
        assert [r.date for r in dated] == sorted((r.date for r in dated), reverse=True)
        assert [r.sort_title for r in undated] == sorted(r.sort_title for r in undated)
    bbc = [r for r in shown if r.outlet.casefold() == "bbc news"]
    assert bbc[0].date and not bbc[-1].date  # both kinds are there, so the order within was really tested
    assert make_listing(rows, ListState("outlet", outlet="BBC News")).rows == bbc  # the filter keeps the order


def test_rows_of_one_outlet_share_its_name(real_library):
    """A library of 100,000 articles from a few outlets keeps a few outlet names, not one string per row (the
    same for the dates articles share); the rows are otherwise what they were."""
    rows = [summary_row(d) for d in real_library.list_articles(lede=True)]
    bbc = [r for r in rows if r.outlet == "BBC News"]
    assert len(bbc) == 24
    assert all(r.outlet is bbc[0].outlet for r in bbc)
    again = [summary_row(d) for d in real_library.list_articles(lede=True)]
    assert again == rows and all(a.date is r.date for a, r in zip(again, rows, strict=True))


def test_rows_made_as_the_summaries_are_read_equal_rows_made_from_the_summaries(real_library):
    """The window makes its rows while the index is read (Library.list_articles' `make`), never holding every
    summary at once: the same rows in the same order as from the list of summaries."""
    assert real_library.list_articles(lede=True, make=summary_row) == [
        summary_row(d) for d in real_library.list_articles(lede=True)]
    assert real_library.list_articles(make=len) == [len(d) for d in real_library.list_articles()]


def test_a_new_order_keeps_several_picked_rows_selected(qtbot, real_library, make_window):
    """Rows picked with Ctrl+click stay selected when the list is sorted again (a trial found only the current
    row left, and File › Remove would then have removed one article); a selection of more than KEPT_SELECTION
    rows (Ctrl+A over a big library) keeps only the current row, as before, rather than walk every row."""
    from PySide6.QtCore import QItemSelectionModel

    from reader_app.ui.articles import list_view

    w, pane, header = _listed_in_the_worker(qtbot, real_library, make_window)
    view, model = pane.view, pane.library_model
    pane.enter_list()
    view.select_row(3)
    for row in (9, 20):
        view.selectionModel().select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select)
    picked = set(view.selected_ids())
    current = view.current_id()
    assert len(picked) == 3
    _choose(qtbot, pane, header.sort_combo, "title")
    assert set(view.selected_ids()) == picked and view.current_id() == current
    assert w.selected_article_ids() == view.selected_ids()  # what File › Remove acts on
    list_view.KEPT_SELECTION = 2  # (read when the list is sorted again)
    try:
        _choose(qtbot, pane, header.sort_combo, "newest")
        assert view.selected_ids() == [current] and view.current_id() == current
    finally:
        list_view.KEPT_SELECTION = 1000
