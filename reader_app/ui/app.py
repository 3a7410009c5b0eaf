"""QApplication set-up and main window assembly: one window per data folder, shown at once, then the
library opens in a worker."""

from __future__ import annotations

import json
import os
import sys

from PySide6.QtGui import QGuiApplication, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from reader_app import APP_NAME, __version__
from reader_app.paths import AppPaths, resources_dir

TEST_REPORT_ENV = "READER_APP_TEST_REPORT"
TEST_REPORT_KEY = "Ctrl+Shift+F12"


def make_app(argv: list[str]) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("")
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    QGuiApplication.setDesktopFileName(APP_NAME)
    app.setStyle("Fusion")
    app.setWindowIcon(QIcon(str(resources_dir() / "reader-app.svg")))
    return app


def build_window(app_paths: AppPaths, read_only: bool = False):
    """The main window with settings loaded and the theme applied (not yet shown, library not yet open)."""
    from reader_app.core.settings import Settings
    from reader_app.ui.main_window import MainWindow

    settings = Settings(app_paths.settings_file)
    window = MainWindow(app_paths, settings, read_only=read_only)
    window.set_theme(window.theme)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: window.follow_system_theme())
    return window


def visible_texts(window) -> dict:
    """What the user sees, for end-to-end tests: title, search box, list header, rows, reader text."""
    pane = window.list_pane
    rows = [pane.proxy.index(r, 0).data() for r in range(min(pane.proxy.rowCount(), 30))]
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


def _install_test_report(window, path: str) -> None:
    def dump() -> None:
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(visible_texts(window), fh, ensure_ascii=False, indent=1)
        os.replace(tmp, path)

    shortcut = QShortcut(QKeySequence(TEST_REPORT_KEY), window)
    shortcut.activated.connect(dump)


def run(app_paths: AppPaths, argv: list[str]) -> int:
    from PySide6.QtCore import QTimer

    from reader_app.ui.errors import install_excepthook
    from reader_app.ui.single_instance import InstanceGuard

    app = make_app(argv)
    install_excepthook(str(app_paths.log_file))
    guard = InstanceGuard(app_paths)
    read_only = False
    if not guard.claim():
        if guard.hand_over():
            print("reader-app is already open on this library; brought that window to the front.", file=sys.stderr)
            return 0
        read_only = True
    window = build_window(app_paths, read_only=read_only)
    window.setWindowIcon(app.windowIcon())

    def come_forward() -> None:
        window.showNormal() if window.isMinimized() else window.show()
        window.raise_()
        window.activateWindow()

    guard.activation_requested.connect(come_forward)
    if os.environ.get(TEST_REPORT_ENV):
        _install_test_report(window, os.environ[TEST_REPORT_ENV])
    window.show()
    QTimer.singleShot(0, window.start)
    try:
        return app.exec()
    finally:
        guard.release()
