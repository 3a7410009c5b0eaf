"""Recent searches: kept when a search is made on purpose, offered again as completions next launch."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import idle


def test_recent_searches_are_offered_and_choosing_one_searches_it(qtbot, make_window, app_paths):
    first = make_window()
    box = first.search_bar.box
    for query in ("troops", "border guards"):
        first.focus_search()
        box.selectAll()
        qtbot.keyClicks(box, query)
        with qtbot.waitSignal(first.article_opened, timeout=10000):
            qtbot.keyClick(box, Qt.Key.Key_Return)
        idle(qtbot, first)
    first.close()

    again = make_window()
    bar = again.search_bar
    assert bar.recent_model.stringList()[:2] == ["border guards", "troops"]
    again.focus_search()
    qtbot.keyClicks(bar.box, "bord")
    completer = bar.box.completer()
    qtbot.waitUntil(lambda: completer.popup().isVisible(), timeout=5000)
    assert completer.completionCount() == 1 and completer.currentCompletion() == "border guards"
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    assert bar.query() == "border guards"  # the highlighted completion is in the box
    with qtbot.waitSignal(again.article_opened, timeout=10000):  # Enter searches it and opens the first hit
        qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert not completer.popup().isVisible()
    idle(qtbot, again)
    assert again.list_pane.searching and again.list_pane.shown_model().rowCount() >= 1


def test_esc_closes_the_recent_searches_before_it_clears_the_box(qtbot, window):
    bar = window.search_bar
    bar.set_recent(["troops", "treaty"])
    window.focus_search()
    qtbot.keyClicks(bar.box, "tr")
    popup = bar.box.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=5000)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible() and bar.box.text() == "tr"
    qtbot.keyClick(bar.box, Qt.Key.Key_Escape)
    assert bar.box.text() == ""
