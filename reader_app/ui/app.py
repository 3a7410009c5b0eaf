"""The composition root: the QApplication, the main window and the features built on it (each given the
window as its Shell, and the services it needs); one window per data folder, shown at once, then the library
opens in a worker."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QWidget

from reader_app import APP_NAME, __version__
from reader_app.paths import AppPaths, resources_dir
from reader_app.ui.bookmarks.feature import BookmarksFeature
from reader_app.ui.details.feature import DetailsFeature, known_outlets
from reader_app.ui.entities import EntitiesFeature
from reader_app.ui.imports.feature import ImportController
from reader_app.ui.reader.removed_text import RemovedTextFeature
from reader_app.ui.stories.feature import StoriesFeature
from reader_app.ui.stories.rows import fold_copies, fold_source
from reader_app.ui.window import probes
from reader_app.ui.window.errors import install_excepthook
from reader_app.ui.window.main_window import MainWindow
from reader_app.ui.window.single_instance import CLOSING, HANDED_OVER, InstanceGuard

if TYPE_CHECKING:  # the settings store's type only; build_window imports it when it opens the window
    from reader_app.core.prefs.settings import Settings

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


OUTSIDE_CHECK_MS = 3000  # how often a shown window looks for changes the command line made


class ReaderWindow(MainWindow):
    """The main window with its features: `imports` (File › Import…, drops, the watched folder), `bookmarks`,
    `details` (Edit › Article Details…), `stories` and `entities`. Each gets the window as its Shell and
    never imports the window class."""

    def __init__(self, app_paths: AppPaths, settings: Settings, read_only: bool = False):
        super().__init__(app_paths, settings, read_only=read_only)
        self.controller.row_filters.append(fold_copies)  # copies of one text: one row of the list
        self.controller.row_sources.append(fold_source)
        self.imports = ImportController(self, outlets=lambda: known_outlets(self.list_pane.library_model))
        self.bookmarks = BookmarksFeature(self)
        self.details = DetailsFeature(self, import_busy=self.imports.busy)
        self.stories = StoriesFeature(self)
        self.entities = EntitiesFeature(self)  # people, organisations, places: a pane, reader links, pages
        self.removed_text = RemovedTextFeature(self)  # View > Show Removed Text, and "Put back"
        self.restore_layout()  # after the features: their panes must exist before the saved layout comes back
        self._bookmarks_stamp = self._bookmarks_files()
        # Also looked for every few seconds while the window shows, not only when it is activated: a window
        # kept in front (or a desktop that does not move the focus) showed articles the command line had
        # removed until it was left and came back to (a user trial). Five stat calls when nothing changed.
        self._outside_timer = QTimer(self, interval=OUTSIDE_CHECK_MS)
        self._outside_timer.timeout.connect(self._check_while_shown)
        self.library_ready.connect(lambda _lib: self._outside_timer.start())

    def _check_while_shown(self) -> None:
        if self.isVisible() and not self.isMinimized():
            self.check_outside_changes()

    def changeEvent(self, event: QEvent) -> None:
        """Coming back to the window: what the command line changed meanwhile (`reader-app import`, `remove`,
        `edit`, `bookmarks add`) is read in, as a sync of the library and a reload of the bookmarks pane."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.check_outside_changes()

    def check_outside_changes(self) -> None:
        if self.imports.busy():
            return  # our own import is writing; it reloads everything when it ends
        self.controller.outside_changes()
        stamp = self._bookmarks_files()
        if stamp != self._bookmarks_stamp:
            self._bookmarks_stamp = stamp
            self.bookmarks.refresh()

    def _bookmarks_files(self) -> tuple:
        """The bookmarks database and its write-ahead log (where SQLite puts recent writes) as last seen."""
        from reader_app.core.storage.files import stamps

        db = self.paths.bookmarks_db
        return stamps((db, db.with_name(db.name + "-wal")))


def keep_qt_settings_in(app_paths: AppPaths) -> None:
    """Qt's own settings (the file dialog's last folder and view, written as `QtProject.conf`) go into the
    app's config folder, so that `--data-dir` keeps everything in DIR: QSettings would put them in
    ~/.config. Set before any dialog opens."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(app_paths.config))


def build_window(app_paths: AppPaths, read_only: bool = False) -> ReaderWindow:
    """The main window with settings loaded and the theme applied (not yet shown, library not yet open)."""
    from reader_app.core.prefs.settings import Settings

    keep_qt_settings_in(app_paths)
    settings = Settings(app_paths.settings_file)
    window = ReaderWindow(app_paths, settings, read_only=read_only)
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
    app = make_app(argv)
    install_excepthook(str(app_paths.log_file))
    guard = InstanceGuard(app_paths)
    read_only = False
    if not guard.claim(listen=False):
        answer = guard.hand_over()
        if answer == HANDED_OVER:
            print("reader-app is already open on this library; brought that window to the front.", file=sys.stderr)
            return 0
        if answer == CLOSING:
            print("reader-app is closing on this library (stopping an import); waiting for it to end…",
                  file=sys.stderr, flush=True)
        read_only = not (answer == CLOSING and guard.wait_for_first())
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

    window.closing.connect(guard.closing)  # a launch meanwhile is told this one is going, not brought to it
    window.show()
    after_first_paint(window, first_frame_shown)
    try:
        code = app.exec()
        window.imports.wait_stopped()  # the window is gone; an import it stopped ends its file in hand
        return code
    finally:
        guard.release()
