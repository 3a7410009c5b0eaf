"""Real windows on a per-test data folder; Qt warnings fail the GUI tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def make_window(qtbot, app_paths):
    """Open a main window on the test's data folder and wait until its list is filled in."""
    from reader_app.ui.app import build_window, make_app

    make_app([])
    windows = []

    def open_window(paths=app_paths, wait: bool = True):
        w = build_window(paths)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        if wait:
            with qtbot.waitSignal(w.library_ready, timeout=60000):
                w.start()
            qtbot.waitUntil(lambda: not w.controller.tasks.busy(), timeout=60000)
        windows.append(w)
        return w

    yield open_window
    for w in windows:
        w.close()


@pytest.fixture
def window(make_window):
    return make_window()


def idle(qtbot, window, timeout: int = 30000) -> None:
    qtbot.waitUntil(lambda: not window.controller.tasks.busy(), timeout=timeout)
