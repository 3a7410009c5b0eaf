"""Hooks for end-to-end tests and benchmarks, off unless their environment variable is set.

READER_APP_TEST_REPORT=FILE    Ctrl+Shift+F12 writes what the window shows (title, search box, list rows,
                               reader text, focus…) to FILE as JSON, for tests that drive the real app.
READER_APP_STARTUP_PROBE=FILE  writes the wall-clock times (time.time()) of the window's first paint and of
                               the first paint of a filled list to FILE as JSON, then closes the window.
"""

from __future__ import annotations

import json
import os
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

TEST_REPORT_ENV = "READER_APP_TEST_REPORT"
TEST_REPORT_KEY = "Ctrl+Shift+F12"
STARTUP_PROBE_ENV = "READER_APP_STARTUP_PROBE"


def visible_texts(window) -> dict:
    """What the user sees, for end-to-end tests: title, search box, list header, rows, reader text."""
    pane = window.list_pane
    model = pane.shown_model()
    rows = [model.index(r, 0).data() for r in range(min(model.rowCount(), 30))]
    focus = QApplication.focusWidget()
    reader = window.reader
    return {
        "title": window.windowTitle(),
        "search": window.search_bar.box.text(),
        "count": pane.header.count_label.text(),
        "notice": pane.header.notice_text(),
        "rows": rows,
        "placeholder": pane.view.placeholder,
        "article_id": reader.article.id if reader.article else None,
        "reader_text": reader.toPlainText()[:2000],
        "search_highlights": reader.highlight_count("search"),
        "focus": focus.objectName() if isinstance(focus, QWidget) else "",
        "status": window.status_label.text(),
        "font_size": reader.font_size,
        "theme": window.theme,
    }


def _write_json(path: str, data: dict) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
    os.replace(tmp, path)


class StartupProbe(QObject):
    """Notes when `window` first paints and when `list_view` first paints with rows, then calls `done`."""

    def __init__(self, window: QWidget, list_view, path: str, done) -> None:
        super().__init__(window)
        self.window, self.view, self.path, self.done = window, list_view, path, done
        self.times: dict[str, float] = {}
        window.installEventFilter(self)
        list_view.viewport().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            now = time.time()
            if obj is self.window and "shown" not in self.times:
                self.times["shown"] = now
            elif obj is self.view.viewport() and "populated" not in self.times and self.view.model().rowCount() > 0:
                self.times.setdefault("shown", now)
                self.times["populated"] = now
                self.times["rows"] = self.view.model().rowCount()
                _write_json(self.path, self.times)
                QTimer.singleShot(0, self.done)
        return False


def install(window) -> None:
    """Turn on whichever hooks the environment asks for."""
    report = os.environ.get(TEST_REPORT_ENV)
    if report:
        shortcut = QShortcut(QKeySequence(TEST_REPORT_KEY), window)
        shortcut.activated.connect(lambda: _write_json(report, visible_texts(window)))
    probe = os.environ.get(STARTUP_PROBE_ENV)
    if probe:
        window.startup_probe = StartupProbe(window, window.list_pane.view, probe, window.close)  # kept alive
