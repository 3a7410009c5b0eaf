"""A window too small for the list and a readable column folds the list away: it can always be reached (a
visible button), it folds again once an article is picked from it, and it comes back when there is room."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import idle
from tests.ui.window.test_window_day_one import shot


def test_a_folded_list_is_one_click_away_and_comes_back_with_room(qtbot, window):
    splitter = window.splitter
    window.resize(460, 600)
    qtbot.waitUntil(lambda: splitter.sizes()[0] == 0, timeout=5000)  # the list folded for the reader
    button = window.list_button
    qtbot.waitUntil(button.isVisible, timeout=5000)
    assert "Articles" in button.text() and "Ctrl+1" in button.toolTip()
    shot(window, "folded-list-button")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: splitter.sizes()[0] > 0, timeout=5000)
    assert window.list_pane.view.hasFocus() and not button.isVisible()
    shot(window, "folded-list-opened")
    window.list_pane.view.select_row(1)
    with qtbot.waitSignal(window.article_opened, timeout=30000):
        qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Return)
    # the article picked, the list folds again so the article is read in a readable column
    qtbot.waitUntil(lambda: splitter.sizes()[0] == 0, timeout=5000)
    assert button.isVisible() and window.reader.article is not None
    window.resize(1000, 600)
    qtbot.waitUntil(lambda: splitter.sizes()[0] > 0, timeout=5000)
    qtbot.waitUntil(lambda: not button.isVisible(), timeout=5000)
    idle(qtbot, window)
