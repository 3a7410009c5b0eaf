"""The Shell: what a feature (bookmarks, imports, details, stories, entities) may use of the window.

Features are built by the composition root (ui/app.py) with the Shell and the services they need passed in;
they never import the window class, and the window never imports them. The main window implements this
protocol; `mypy` checks that it does where app.py passes it to the features.

Signals (Qt signals of the implementing window):
  `library_ready(library)`          the library is open (once)
  `library_opened(library, report)` the library was opened or synced again (the core's IndexReport)
  `library_settled()`               opening or a sync is over, whatever it found (the files checked)
  `list_reloaded(rows)`             the article list was read again (after opening, syncing, importing)
  `article_opened(article)`         an article is on screen
  `theme_changed(theme)`            'system', 'light' or 'dark'
  `search_done(answer)`             the newest search finished (a ui.window.controller.SearchAnswer)
  `query_changed(query)`            the (debounced) query in the search box; '' when cleared
  `closing()`                       the window is closing (every close check agreed): stop background work
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QToolBar, QWidget

from reader_app.paths import AppPaths

if TYPE_CHECKING:
    from reader_app.core.articles.model import Article
    from reader_app.core.library import Library
    from reader_app.core.prefs.settings import Settings
    from reader_app.ui.articles.pane import ListPane
    from reader_app.ui.reader.view import ReaderView
    from reader_app.ui.search.bar import SearchBar
    from reader_app.ui.window.workers import Task

RIGHT = Qt.DockWidgetArea.RightDockWidgetArea


class Shell(Protocol):
    """The window as features see it (see the module docstring)."""

    paths: AppPaths
    settings: Settings
    read_only: bool
    read_ids: set[str]  # the articles marked read (shared, updated in place)
    reader: ReaderView  # the reader pane: offsets, highlight layers, context menu actions
    list_pane: ListPane  # the article list: its view (context menu, current row) and model
    search_bar: SearchBar  # the search box: `query()`, `set_query(text)`

    @property
    def library_ready(self) -> SignalInstance: ...
    @property
    def library_opened(self) -> SignalInstance: ...
    @property
    def library_settled(self) -> SignalInstance: ...
    @property
    def list_reloaded(self) -> SignalInstance: ...
    @property
    def article_opened(self) -> SignalInstance: ...
    @property
    def theme_changed(self) -> SignalInstance: ...
    @property
    def search_done(self) -> SignalInstance: ...
    @property
    def query_changed(self) -> SignalInstance: ...
    @property
    def closing(self) -> SignalInstance: ...

    @property
    def library(self) -> Library | None:
        """The core facade, once open (None before)."""

    @property
    def widget(self) -> QMainWindow:
        """The window as a parent for dialogs, popups and event filters."""

    def menu(self, name: str) -> QMenu:
        """The QMenu "file", "edit", "view", "go" or "help"."""

    def add_action(self, action: Any, menu: str | None = None, before: str | None = None) -> None:
        """Make `action`'s shortcut work anywhere in the window; with `menu`, list it there too, before the
        action named `before` (an objectName; "" = the menu's first action) or at the end."""

    def add_pane(self, widget: QWidget, title: str, shortcut: str | None = None,
                 area: Qt.DockWidgetArea = RIGHT) -> QDockWidget:
        """A dock holding `widget`, toggled from View (and `shortcut`)."""

    def add_toolbar(self, toolbar: QToolBar) -> None: ...

    def add_close_check(self, check: Callable[[], bool]) -> None:
        """`check()` is asked before the window closes; False keeps it open (the check asks the user, and
        closes the window again itself when the answer is to quit)."""

    def add_status_widget(self, widget: QWidget) -> None:
        """A permanent widget at the right of the status bar."""

    def add_to_reader_pane(self, widget: QWidget, index: int, stretch: int = 0) -> None:
        """A widget in the column that holds the reader (above it, or in its place when the reader hides)."""

    def run_task(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Task:
        """Run `fn(*args)` on the window's worker (library work, one task at a time, in order);
        `on_finished(result)`, `on_failed(message)` and `on_progress(n, total, what)` come back on the GUI
        thread."""

    def show_status(self, text: str) -> None:
        """A transient message in the status bar."""

    def clear_status(self, text: str) -> None:
        """Take the message `text` off the status bar if it still shows (it no longer holds)."""

    def show_error(self, title: str, message: str, name: str = "errorDialog") -> QWidget:
        """A failure the user asked about, in a dialog they dismiss (plain text; `name` its objectName)."""

    def current_article(self) -> Article | None:
        """The article in the reader, or None."""

    def selected_article_ids(self) -> list[str]:
        """The ids of the rows selected in the article list, top to bottom (several with Ctrl/Shift+click)."""

    def open_article(self, article_id: str, terms: list[str] | tuple[str, ...] = (), offset: int | None = None,
                     record: bool = True) -> None:
        """Open an article (in the worker), marking `terms` or scrolling to `offset` (into article.text)."""

    def requested_article_id(self) -> str:
        """The article last asked for with open_article (it may still be loading); "" before any."""

    def list_terms(self) -> list[str]:
        """The words the search marks in an article opened from the list (none without a search): an article
        opened from elsewhere (a bookmark) shows the same marks."""

    def article_changed(self, article: Article) -> None:
        """The open article's details were corrected: show them (reader and title) where it is open."""

    def refresh_list(self, search: bool = False) -> None:
        """Read the article list again (after an import or a removal); with `search`, the search results too
        (an article's text changed)."""
