"""Copy Citation in the real window: the pane's bookmark, Ctrl+Shift+C, and the clipboard holds the quote with its
byline, headline, outlet, date and URL."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.bookmarks.test_bookmarks_gui import open_article, settle

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise",
                                        "does not support grabbing the keyboard")]

QUOTE = "Armenia said Wednesday"


def test_copy_citation_from_the_pane_carries_the_byline(qtbot, make_window):
    window = make_window()
    feature = window.bookmarks
    open_article(qtbot, window, "Armenia Says Wants")  # "By AFP", The Moscow Times, 14 April 2021
    article = window.reader.article
    start = article.text.index(QUOTE)
    with qtbot.waitSignal(feature.rows_loaded, timeout=10000):
        feature.add(article, start, start + len(QUOTE), "", [])
    settle(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    settle(qtbot, window)
    [b] = feature.pane.visible_bookmarks()
    assert feature.pane.select_id(b.id)
    feature.pane.view.setFocus()
    QApplication.clipboard().clear()
    qtbot.keyClick(feature.pane.view, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.clipboard().text() == (
        f"“{QUOTE}” — AFP, “Armenia Says Wants More Russian Troops on Its Soil,” The Moscow Times, 14 April 2021, "
        f"{article.url}.")
