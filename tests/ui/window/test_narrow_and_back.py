"""A window shrunk to 420 pixels wide and grown back: the panes come back at a usable size, and the bookmarks
pane's filters are never cut off."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QDockWidget, QToolButton

from tests.ui.conftest import idle
from tests.ui.window.test_window_day_one import shot


def _resize(qtbot, window, size: tuple[int, int]) -> None:
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size, timeout=5000)
    idle(qtbot, window)
    qtbot.wait(200)


def _open(qtbot, docks: list[QDockWidget]) -> None:
    for dock in docks:
        if not dock.isVisible():
            dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: all(d.isVisible() for d in docks), timeout=5000)


def _not_clipped(widget, pane) -> bool:
    """The widget is at least as large as it needs to be and lies wholly inside its pane."""
    hint = widget.minimumSizeHint()
    top_left = widget.mapTo(pane, widget.rect().topLeft())
    return (widget.width() >= hint.width() and top_left.x() >= 0
            and top_left.x() + widget.width() <= pane.width())


@pytest.mark.parametrize("names", [("stories", "bookmarks"), ("stories", "bookmarks", "entities")])
def test_stories_and_bookmarks_come_back_usable_after_a_narrow_window(qtbot, window, names):
    window.resize(1200, 780)
    stories, bookmarks = window.stories.dock, window.bookmarks.dock
    _open(qtbot, [getattr(window, n).dock for n in names])
    idle(qtbot, window)
    shot(window, f"narrow-{len(names)}-before")
    _resize(qtbot, window, (420, 780))
    shot(window, f"narrow-{len(names)}-420")
    _resize(qtbot, window, (1200, 780))
    qtbot.waitUntil(lambda: stories.isVisible() and bookmarks.isVisible(), timeout=5000)
    qtbot.wait(200)
    shot(window, f"narrow-{len(names)}-back")
    row = window.stories.pane.model.row_height
    assert stories.widget().height() >= 4 * row, stories.widget().height()
    assert stories.widget().width() >= 200 and bookmarks.widget().width() >= 200
    pane = bookmarks.widget()
    for widget in pane.findChildren(QComboBox) + pane.findChildren(QToolButton):
        if widget.isVisible():
            assert _not_clipped(widget, pane), (widget.objectName(), widget.width(), widget.minimumSizeHint())
    for combo in pane.findChildren(QComboBox):  # a choice too long for the box is elided, not cut off
        shown, text = combo.shown_text(), combo.currentText()
        assert shown == text or (shown.endswith("…") and text.startswith(shown[:-1])), (shown, text)
