"""QApplication set-up and main window assembly: one window per data folder, shown at once, then the
library opens in a worker."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QWidget

from reader_app import APP_NAME, __version__
from reader_app.paths import AppPaths, resources_dir

GIL_SWITCH_INTERVAL = 0.001  # seconds; Python's default is 0.005


def make_app(argv: list[str]) -> QApplication:
    # Every paint calls back into Python (delegates, event filters); each call waits for the GIL while a
    # worker runs core code, up to the switch interval. A shorter interval keeps those waits small.
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)
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
    from reader_app.core.prefs.settings import Settings
    from reader_app.ui.main_window import MainWindow

    settings = Settings(app_paths.settings_file)
    window = MainWindow(app_paths, settings, read_only=read_only)
    window.set_theme(window.theme)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: window.follow_system_theme())
    return window


class _FirstPaint(QObject):
    """Calls `fn` once, just after `widget` first paints (or after `fallback_ms` if it never does)."""

    def __init__(self, widget: QWidget, fn: Callable[[], None], fallback_ms: int):
        super().__init__(widget)
        self._widget, self._fn, self._done = widget, fn, False
        widget.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self._call)

    def eventFilter(self, obj, event) -> bool:
        if obj is self._widget and event.type() == QEvent.Type.Paint:
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self._call)
        return False

    def _call(self) -> None:
        if not self._done:
            self._done = True
            self._fn()


def after_first_paint(widget: QWidget, fn: Callable[[], None], fallback_ms: int = 1000) -> None:
    """Run `fn` once the first frame is on screen: the library then opens (importing Whoosh, reading the
    index) without competing with drawing the window for the interpreter."""
    _FirstPaint(widget, fn, fallback_ms)


def run(app_paths: AppPaths, argv: list[str]) -> int:
    from reader_app.ui import probes
    from reader_app.ui.errors import install_excepthook
    from reader_app.ui.single_instance import InstanceGuard

    app = make_app(argv)
    install_excepthook(str(app_paths.log_file))
    guard = InstanceGuard(app_paths)
    read_only = False
    if not guard.claim(listen=False):
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
    probes.install(window)

    def first_frame_shown() -> None:  # then listen for later launches and open the library
        guard.listen()
        window.start()

    window.show()
    after_first_paint(window, first_frame_shown)
    try:
        return app.exec()
    finally:
        guard.release()
