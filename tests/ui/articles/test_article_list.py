"""The list model (checked with qtmodeltester) showing listings, the delegate and the view's keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader_app.ui.articles.list_view import ArticleListModel, ArticleListView
from reader_app.ui.articles.listing import ListState, make_listing
from reader_app.ui.articles.row import ID_ROLE, READ_ROLE, ROW_ROLE, ArticleRow
from reader_app.ui.text import short_date
from reader_app.ui.window.controller import hit_row, query_terms, summary_row

pytestmark = pytest.mark.qt_log_level_fail("WARNING")

ROWS = [
    ArticleRow("a1", "Bravo headline", "Outlet B", "2021-04-14", "Lede one."),
    ArticleRow("a2", "alpha headline", "Outlet A", "2023", "Lede two."),
    ArticleRow("a3", "Charlie headline", "", "", "Lede three."),
    ArticleRow("a4", "Delta headline", "Outlet B", "2019-01-02", "Lede four."),
]


def test_models_pass_qtmodeltester(qtmodeltester):
    model = ArticleListModel({"a2"})
    model.set_rows(ROWS[:2])
    model.append_rows(ROWS[2:])
    qtmodeltester.check(model)
    model.set_listing(make_listing(ROWS, ListState("title", outlet="Outlet B")))
    qtmodeltester.check(model)


def test_roles_and_read_state():
    model = ArticleListModel({"a2"})
    model.set_rows(ROWS)
    changed = []
    model.dataChanged.connect(lambda a, b, roles: changed.append((a.row(), list(roles))))
    assert model.index(0).data() == "Bravo headline"
    assert model.index(0).data(ID_ROLE) == "a1" and model.index(0).data(ROW_ROLE) is ROWS[0]
    assert model.index(1).data(READ_ROLE) is True and model.index(0).data(READ_ROLE) is False
    model.set_read("a1")
    assert model.index(0).data(READ_ROLE) is True and changed and changed[0][0] == 0
    assert "unread" in model.index(2).data(Qt.ItemDataRole.AccessibleTextRole)


def test_listings_sort_by_date_title_and_outlet_and_filter():
    model = ArticleListModel()
    model.set_rows(ROWS)

    def ids(key, descending=False, outlet="", year=""):
        model.set_listing(make_listing(ROWS, ListState(key, descending, outlet, year)))
        return [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())]

    assert ids("date", descending=True) == ["a2", "a1", "a4", "a3"]  # undated last
    assert ids("title") == ["a2", "a1", "a3", "a4"]  # case-insensitive
    assert ids("outlet") == ["a2", "a1", "a4", "a3"]  # within an outlet, newest first; no outlet last
    assert sorted(ids("outlet", outlet="Outlet B")) == ["a1", "a4"]
    assert ids("outlet", year="2021") == ["a1"]
    assert ids(None) == ["a1", "a2", "a3", "a4"]  # search hits keep their rank order
    assert model.total() == 4 and model.find("a3") is ROWS[2]


def test_view_keys(qtbot):
    view = ArticleListView()
    qtbot.addWidget(view)
    model = ArticleListModel()
    model.set_rows(ROWS)
    view.setModel(model)
    view.show()
    view.select_row(0)
    qtbot.keyClick(view, Qt.Key.Key_J)
    qtbot.keyClick(view, Qt.Key.Key_J)
    assert view.current_id() == "a3"
    qtbot.keyClick(view, Qt.Key.Key_K)
    with qtbot.waitSignal(view.article_activated) as sig:
        qtbot.keyClick(view, Qt.Key.Key_Enter)
    assert sig.args == ["a2"]


def test_empty_list_draws_its_placeholder(qtbot):
    view = ArticleListView()
    qtbot.addWidget(view)
    view.setModel(ArticleListModel())
    view.set_placeholder("No articles yet.")
    view.resize(300, 200)
    view.show()
    qtbot.waitExposed(view)
    image = view.viewport().grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, 300, 3) for y in range(30, 80, 2)}
    assert len(colours) > 1  # the message is drawn


def test_rows_are_built_from_cleaned_text():
    hostile = "\u202eevil\u200b <img src=/dev/zero> title\x07"
    row = summary_row({"id": "x1", "title": hostile, "outlet": "Out\u2066let", "date": "2021-01-02", "lede": "a\nb"})
    assert "\u202e" not in row.title and "\u200b" not in row.title and "\x07" not in row.title
    assert row.outlet == "Outlet" and row.lede == "a b"
    assert short_date(row.date) == "2 Jan 2021" and short_date("2021") == "2021"
    model = ArticleListModel()
    model.set_rows([row])
    tip = model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip and "&lt;img" in tip  # tooltips are rich text: the file's markup is escaped


def test_hit_rows_and_terms():
    from reader_app.core.search.results import Hit

    hit = Hit(id="h1", title="T", outlet=None, byline=None, date=None, url=None, path="p", words=3, score=1.0,
              snippet="Russian **troops** left; the **troop** count fell")
    row = hit_row(hit)
    assert [t for t, m in row.snippet if m] == ["troops", "troop"]
    assert query_terms("date:2021 NOT left " 'title:armenia "russian troops" -tanks OR guard', [hit]) == sorted(
        {"armenia", "russian troops", "guard", "troops", "troop"})  # not the excluded word; a phrase whole


def test_laying_out_a_long_list_calls_no_python_per_row(qtbot):
    """QListView asks the model for every row's index on each layout (each index() asks rowCount()): a
    Python rowCount made that 200,000 calls into Python per reset at 100,000 rows."""
    import sys

    from reader_app.ui.articles.listing import ListState, make_listing

    rows = [ArticleRow(f"id{i}", f"Headline {i}", "Outlet", f"20{i % 20:02d}-01-01") for i in range(20000)]
    view = ArticleListView()
    qtbot.addWidget(view)
    model = ArticleListModel()
    view.setModel(model)
    view.resize(300, 400)
    view.show()
    qtbot.waitExposed(view)
    calls = []

    def count(_frame, event, _arg):
        if event == "call":
            calls.append(1)

    for state in (ListState("date", True), ListState("title"), ListState("title", outlet="Outlet")):
        listing = make_listing(rows, state)
        calls.clear()
        sys.setprofile(count)
        try:
            model.set_listing(listing)
            view.doItemsLayout()
            view.viewport().repaint()
        finally:
            sys.setprofile(None)
        assert model.rowCount() == 20000 and view.indexAt(view.rect().topLeft()).isValid()
        assert len(calls) < 2000, len(calls)  # the rows painted, not the rows listed


def test_the_count_says_how_many_copies_are_folded_into_the_rows(qtbot):
    """The status line said "2,100 articles" and the list "2,063 articles" with nothing to say why."""
    from reader_app.ui.articles.pane import ListPane

    pane = ListPane(set())
    qtbot.addWidget(pane)
    rows = [ArticleRow("a1", "Bravo headline", "Outlet B", "2021-04-14", "Lede one.", copies=2),
            ArticleRow("a2", "alpha headline", "Outlet A", "2023", "Lede two."),
            ArticleRow("a3", "Charlie headline", "", "", "Lede three.", copies=1)]
    with qtbot.waitSignal(pane.listed, timeout=5000):
        pane.set_library_rows(rows)
    assert pane.header.count_label.text().replace("\u00a0", " ") == "3 articles (+3 copies)"
    assert "3 more files are copies" in pane.header.count_label.toolTip()
    with qtbot.waitSignal(pane.listed, timeout=5000):
        pane.set_library_rows(rows[1:2])
    assert pane.header.count_label.text() == "1 article" and pane.header.count_label.toolTip() == ""
