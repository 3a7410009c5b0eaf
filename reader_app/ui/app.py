"""QApplication set-up and the main window (a placeholder until the full window lands)."""

from __future__ import annotations

from reader_app import __version__
from reader_app.paths import AppPaths


def run(app_paths: AppPaths, argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication.instance() or QApplication(argv)
    window = QMainWindow()
    window.setWindowTitle(f"reader-app {__version__}")
    window.setCentralWidget(QLabel("reader-app"))
    window.resize(1000, 700)
    window.show()
    return app.exec()
