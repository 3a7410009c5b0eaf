"""Small windows with every side pane open: the docks give way before the reader, and the article list folds
only when nothing else can."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDockWidget

from reader_app.ui.window.pane_sizes import READER_MIN
from tests.ui.conftest import idle
from tests.ui.window.test_window_day_one import shot


def _open_all_panes(window) -> list[QDockWidget]:
    docks = [window.bookmarks.dock, window.stories.dock, window.entities.dock]
    for dock in docks:
        dock.toggleViewAction().trigger() if not dock.isVisible() else None
    return docks


def _inside(child, window) -> bool:
    """The widget lies wholly within the window's client area (nothing drawn off its edge)."""
    top_left = child.mapTo(window, child.rect().topLeft())
    return (top_left.x() >= 0 and top_left.y() >= 0 and top_left.x() + child.width() <= window.width()
            and top_left.y() + child.height() <= window.height())


@pytest.mark.parametrize("size", [(800, 600), (560, 420)])
def test_every_pane_open_in_a_small_window_the_reader_stays_readable(qtbot, window, size):
    docks = _open_all_panes(window)
    reader = window.reader.parentWidget()
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size, timeout=5000)
    qtbot.waitUntil(lambda: reader.width() >= READER_MIN, timeout=5000)
    idle(qtbot, window)
    qtbot.wait(100)
    shot(window, f"all-panes-{size[0]}")
    window.set_theme("dark")
    shot(window, f"all-panes-{size[0]}-dark")
    shown = [d for d in docks if d.isVisible()]
    assert reader.width() >= READER_MIN
    assert window.list_pane.width() > 0  # the docks closed before the list folded
    if size == (800, 600):
        assert shown == [window.entities.dock]  # the pane opened last stays, the others closed
    for widget in [reader, window.list_pane, window.search_bar, window.statusBar(), *shown]:
        if widget.isVisible() and widget.width():
            assert _inside(widget, window), widget.objectName()
    status_top = window.statusBar().mapTo(window, window.statusBar().rect().topLeft()).y()
    for dock in shown:
        assert dock.mapTo(window, dock.rect().bottomLeft()).y() < status_top  # no pane header over the status bar


def test_panes_closed_for_a_small_window_come_back_when_it_grows(qtbot, window):
    """The app closed panes to keep the reader readable; growing the window again reopened none of them."""
    window.resize(1400, 900)
    docks = _open_all_panes(window)
    qtbot.waitUntil(lambda: all(d.isVisible() for d in docks), timeout=5000)
    idle(qtbot, window)
    window.resize(800, 600)
    qtbot.waitUntil(lambda: [d for d in docks if d.isVisible()] == [window.entities.dock], timeout=5000)
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: all(d.isVisible() for d in docks), timeout=5000)
    idle(qtbot, window)
    qtbot.wait(200)
    assert all(d.isVisible() for d in docks)
    assert window.reader.parentWidget().width() >= READER_MIN and window.list_pane.width() > 0
    shot(window, "panes-back-1400")


def test_a_pane_the_user_closed_stays_closed_when_the_window_grows(qtbot, window):
    window.resize(1400, 900)
    docks = _open_all_panes(window)
    qtbot.waitUntil(lambda: all(d.isVisible() for d in docks), timeout=5000)
    window.resize(800, 600)
    qtbot.waitUntil(lambda: [d for d in docks if d.isVisible()] == [window.entities.dock], timeout=5000)
    window.entities.dock.toggleViewAction().trigger()  # closed by hand
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: window.bookmarks.dock.isVisible() and window.stories.dock.isVisible(), timeout=5000)
    idle(qtbot, window)
    qtbot.wait(200)
    assert not window.entities.dock.isVisible()
