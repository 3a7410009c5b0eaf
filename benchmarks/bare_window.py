"""A bare PySide6 window with the same widgets as reader-app's main window, for the start-up benchmark.

Menus, a search box, a list header with combo boxes, a QListView, a QTextBrowser in a splitter and a
status bar; the list is filled (after the first show) from a JSON array of titles. No reader_app import.
Writes the times of the first paint and of the first paint of the filled list (READER_APP_STARTUP_PROBE),
then quits.
"""

from __future__ import annotations

import json
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)


class Probe(QObject):
    """Same marks as reader_app.ui.probes.StartupProbe."""

    def __init__(self, window: QMainWindow, view: QListView, path: str):
        super().__init__(window)
        self.window, self.view, self.path, self.times = window, view, path, {}
        window.installEventFilter(self)
        view.viewport().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            now = time.time()
            if obj is self.window and "shown" not in self.times:
                self.times["shown"] = now
            elif obj is self.view.viewport() and "populated" not in self.times and self.view.model().rowCount():
                self.times.setdefault("shown", now)
                self.times.update(populated=now, rows=self.view.model().rowCount())
                with open(self.path, "w", encoding="utf-8") as fh:
                    json.dump(self.times, fh)
                QTimer.singleShot(0, self.window.close)
        return False


def main() -> int:
    titles_file = sys.argv[1]
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    window = QMainWindow()
    for title in ("&File", "&Edit", "&View", "&Go", "&Help"):
        menu = window.menuBar().addMenu(title)
        for i in range(6):
            menu.addAction(QAction(f"Action {i}", window))
    central = QWidget()
    layout = QVBoxLayout(central)
    top = QHBoxLayout()
    top.addWidget(QLineEdit(placeholderText="Search articles"), 1)
    top.addWidget(QToolButton(text="?"))
    layout.addLayout(top)
    left = QWidget()
    ll = QVBoxLayout(left)
    header = QHBoxLayout()
    header.addWidget(QLabel("Articles"), 1)
    for _ in range(3):
        header.addWidget(QComboBox())
    ll.addLayout(header)
    view = QListView()
    view.setUniformItemSizes(True)
    model = QStringListModel()
    view.setModel(model)
    ll.addWidget(view, 1)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(left)
    reader = QTextBrowser()
    reader.setHtml("<h1>Pick an article to read.</h1>")
    splitter.addWidget(reader)
    layout.addWidget(splitter, 1)
    window.setCentralWidget(central)
    window.statusBar().addWidget(QLabel("Ready"), 1)
    window.statusBar().addPermanentWidget(QProgressBar())
    window.resize(1200, 780)
    Probe(window, view, os.environ["READER_APP_STARTUP_PROBE"])

    def fill() -> None:
        with open(titles_file, encoding="utf-8") as fh:
            model.setStringList(json.load(fh))

    window.show()
    QTimer.singleShot(0, fill)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
