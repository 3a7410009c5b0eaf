"""The main window: search box on top, the list and the reader side by side, menus, status bar, state.

Views only say what the user asked for; the window passes requests to the LibraryController (which runs
them in a worker) and shows the answers.

Features (bookmarks, imports, details, stories, entities) extend the window through the Shell protocol
(shell.py), which this class implements; the composition root (ui/app.py) builds them. The window never
imports a feature.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolBar,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reader_app.core.errors import ArticleNotFound
from reader_app.paths import AppPaths
from reader_app.ui.articles.fold_button import FoldedListButton
from reader_app.ui.articles.pane import ListPane
from reader_app.ui.reader.find_bar import FindBar
from reader_app.ui.reader.html import web_url
from reader_app.ui.reader.view import MAX_SIZE, MIN_SIZE, ReaderView
from reader_app.ui.search.bar import SearchBar
from reader_app.ui.text import label
from reader_app.ui.theme import (
    THEMES,
    app_stylesheet,
    colours_for,
    palette_for,
    set_window_theme,
)
from reader_app.ui.timer import timer
from reader_app.ui.window import dialogs
from reader_app.ui.window.controller import LibraryController, SearchAnswer
from reader_app.ui.window.menus import build_menus
from reader_app.ui.window.pane_sizes import PaneSizes, first_size
from reader_app.ui.window.status import StatusArea
from reader_app.ui.window.workers import Task

if TYPE_CHECKING:  # the facade's type only; the window gets the library from its controller
    from reader_app.core.library import Library

if TYPE_CHECKING:
    from reader_app.core.articles.model import Article
    from reader_app.core.prefs.settings import Settings

log = logging.getLogger(__name__)
APP_TITLE = "reader-app"


def _article_if_there(library, article_id: str) -> Article | None:
    """The article, or None when it is no longer in the library (not an error to log with its traceback)."""
    try:
        return library.article(article_id)
    except ArticleNotFound:
        return None


class MainWindow(QMainWindow):
    """The reader's window, a Shell for the features (shell.py lists its signals): `library_ready(library)`,
    `library_opened(library, report)`, `library_settled()`, `list_reloaded(rows)`, `article_opened(article)`, `theme_changed(theme)`
    ('system', 'light' or 'dark'), `search_done(answer)`, `query_changed(query)`, `closing()`."""

    library_ready = Signal(object)
    library_opened = Signal(object, object)
    library_settled = Signal()
    list_reloaded = Signal(object)  # the rows as made (a `list` signal copies them for each receiver)
    article_opened = Signal(object)
    theme_changed = Signal(str)
    search_done = Signal(object)
    query_changed = Signal(str)
    closing = Signal()

    def __init__(self, app_paths: AppPaths, settings: Settings, read_only: bool = False):
        super().__init__()
        self.setObjectName("mainWindow")
        self.paths = app_paths
        self.settings = settings
        self.read_only = read_only
        self._close_checks: list[Callable[[], bool]] = []
        self.controller = LibraryController(app_paths, self)
        self.read_ids: set[str] = set(settings.get("read_articles"))
        self.theme = settings.get("theme") if settings.get("theme") in THEMES else "system"
        self._terms: list[str] = []  # search words to mark in the next opened article
        self._pending_offset: int | None = None
        self._requested_id = ""  # the article last asked for (open_article), loading or shown
        self._open_first_when_ready = False
        self._answer_terms: list[str] = []
        self._history: list[str] = []
        self._history_pos = -1
        self._record_history = True
        self.library_ready_emitted = False
        self._restoring_id = settings.get("open_article") or ""
        self._save_timer = timer(self, 800, self.save_settings)
        self._report_shown: tuple[Any, str] = (None, "")  # the open's report and what the status bar said of it

        self.search_bar = SearchBar(self)
        self.list_pane = ListPane(self.read_ids, self)
        self.reader = ReaderView(self)
        self.find_bar = FindBar(self)
        right = self.reader_pane = QWidget(self)
        right.setObjectName("readerPane")
        rl = self._reader_column = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.setSpacing(0)
        rl.addWidget(self.reader, 1)
        rl.addWidget(self.find_bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.list_pane)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([380, 820])
        self.pane_sizes = PaneSizes(self, self.splitter, self.list_pane, right)  # small windows: panes give way
        self.list_button = FoldedListButton(self.list_pane, right)  # the list folded away: one click brings it
        rl.insertWidget(0, self.list_button, 0, Qt.AlignmentFlag.AlignLeft)
        central = QWidget(self)
        cl = QVBoxLayout(central)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        cl.addWidget(self.search_bar)
        cl.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.status = StatusArea(self)
        self.status_label, self.progress = self.status.label, self.status.progress
        self.menus = build_menus(self, self)
        self._connect()
        self.reader.font_size = max(MIN_SIZE, min(MAX_SIZE, int(settings.get("font_size"))))
        self.list_pane.set_state(settings.get("sort_key"), settings.get("sort_descending"),
                                 settings.get("outlet_filter"))
        self.reader.show_message("Opening your library…")
        self._update_title()
        screen = self.screen().availableGeometry()  # (a saved geometry, restored later, takes its place)
        self.resize(*first_size(screen.width(), screen.height()))

    # --- building ---------------------------------------------------------------------------------

    def _connect(self) -> None:
        c = self.controller
        c.progress.connect(self._on_progress)
        c.settled.connect(lambda: self.status.end_progress(self.read_only))
        c.ready.connect(self._on_ready)
        c.rebuilding.connect(self._on_rebuilding)
        c.rebuilt.connect(self._on_rebuilt)
        c.rows_ready.connect(self._on_rows)
        c.open_failed.connect(self._on_open_failed)
        c.article_loaded.connect(self._on_article)
        c.article_failed.connect(self._on_article_failed)
        c.search_done.connect(self._on_search_done)
        c.more_done.connect(self._on_more_done)
        c.search_failed.connect(self.list_pane.show_search_error)
        c.ready.connect(self.library_opened)
        c.settled.connect(self.library_settled)
        c.rows_ready.connect(self.list_reloaded)
        c.outside_synced.connect(self._reread_open_article)
        self.search_bar.query_changed.connect(self._on_query)
        self.search_bar.query_changed.connect(self.query_changed)
        self.search_bar.submitted.connect(self._on_submit)
        self.search_bar.down_pressed.connect(self.list_pane.enter_list)
        self.search_bar.help_requested.connect(self.show_search_help)
        self.search_bar.set_recent(self.settings.get("recent_searches"))
        self.list_pane.article_activated.connect(lambda aid: self.open_article(aid, self.list_terms()))
        self.list_pane.article_activated.connect(lambda _aid: self.pane_sizes.picked_from_list())
        self.list_pane.left_top.connect(self.focus_search)
        self.list_pane.suggestion_chosen.connect(self.search_bar.set_query)
        self.list_pane.search_filters_changed.connect(lambda *_: self._run_search())
        self.list_pane.more_wanted.connect(self._load_more)
        self.list_pane.all_wanted.connect(self._load_all)
        self.list_pane.sort_changed.connect(self._on_sort)
        self.list_pane.browse_filters_changed.connect(self._on_browse_filters)
        self.reader.related_activated.connect(lambda aid: self.open_article(aid))
        self.reader.font_size_changed.connect(self._on_font_size)
        self.reader.find_changed.connect(self.find_bar.set_count)
        self.find_bar.find_requested.connect(self.reader.find)
        self.find_bar.next_requested.connect(self.reader.find_next)
        self.find_bar.previous_requested.connect(self.reader.find_previous)
        self.find_bar.closed.connect(self._on_find_closed)

    # --- the Shell (shell.py): what features use -----------------------------------------------------

    @property
    def library(self) -> Library | None:
        return self.controller.library

    @property
    def widget(self) -> QMainWindow:
        return self

    def menu(self, name: str) -> QMenu:
        return self.menus.menus[name]

    def add_action(self, action: QAction, menu: str | None = None, before: str | None = None) -> None:
        self.addAction(action)  # its shortcut works while the menu bar is hidden (full screen) too
        if action.objectName():  # listed with the window's own actions (the help's key table, tests)
            self.menus.actions.setdefault(action.objectName(), action)
        if menu is None:
            return
        m = self.menus.menus[menu]
        actions = m.actions()
        if before == "":
            place = actions[0] if actions else None
        else:
            place = next((a for a in actions if a.objectName() == before), None) if before else None
        if place is not None:
            m.insertAction(place, action)
        else:
            m.addAction(action)

    def add_pane(self, widget: QWidget, title: str, shortcut: str | None = None,
                 area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{widget.objectName() or 'pane'}Dock")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        # A second pane on one side is a tab beside the first, not stacked under it (a trial's Stories pane,
        # stacked over the People pane, showed two and a half rows); opening one brings its tab to the front.
        beside = next((d for d in self.findChildren(QDockWidget)
                       if d is not dock and not d.isFloating() and self.dockWidgetArea(d) == area), None)
        if beside is not None:
            self.tabifyDockWidget(beside, dock)
        self.pane_sizes.watch_dock(dock)
        toggle = dock.toggleViewAction()
        toggle.triggered.connect(lambda shown: dock.raise_() if shown else None)
        if shortcut:
            toggle.setShortcut(QKeySequence(shortcut))
        view, separator = self.menus.menus["view"], self.menus.panes_separator
        view.insertAction(separator, toggle) if separator is not None else view.addAction(toggle)
        self.addAction(toggle)
        return dock

    def add_toolbar(self, toolbar: QToolBar) -> None:
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

    def add_status_widget(self, widget: QWidget) -> None:
        self.status.add_widget(widget)

    def add_to_reader_pane(self, widget: QWidget, index: int, stretch: int = 0) -> None:
        self._reader_column.insertWidget(index, widget, stretch)

    def run_task(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Task:
        return self.controller.tasks.submit(fn, *args, **kwargs)

    def show_status(self, text: str) -> None:
        self.status_label.setText(text)

    def clear_status(self, text: str) -> None:
        if self.status_label.text() == text:
            self.status_label.clear_message()

    def show_error(self, title: str, message: str, name: str = "errorDialog") -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=self)
        box.setObjectName(name)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def current_article(self) -> Article | None:
        return self.reader.article

    def selected_article_ids(self) -> list[str]:
        return self.list_pane.view.selected_ids()

    def article_changed(self, article: Article) -> None:
        if self.reader.article is not None and self.reader.article.id == article.id:
            self.reader.refresh_details(article)
            self._update_title()

    def refresh_list(self, search: bool = False) -> None:
        self.controller.reload_rows()
        if search and self.list_pane.searching:
            self._run_search()

    # --- starting ---------------------------------------------------------------------------------

    def start(self) -> None:
        """Open the library in the worker; the window is already on screen."""
        self.controller.start()

    def _on_progress(self, n: int, total: int, what: str) -> None:
        self.status.show_progress(n, total)
        if self.list_pane.library_size() == 0:  # first launch: say so, not "0 articles"
            self.list_pane.show_building(n, total)

    def _on_rebuilding(self, n: int, total: int) -> None:
        self.status.show_rebuilding(n, total)

    def _on_rebuilt(self, report) -> None:
        self.status.show_rebuilt(report, self.read_only,
                                 self.list_pane.library_count() if self.list_pane.library_size() else "")

    def _on_rows(self, rows: list) -> None:
        self.list_pane.set_library_rows(rows)
        # the count stays in view whatever the message says, and follows imports, removals and the fold
        self.status.set_count(self.list_pane.library_count() if self.list_pane.library_size() else "")
        report, said = self._report_shown
        if report is not None and said and self.status_label.text() == said:
            self._show_report(report)  # the stories folded copies since: the count still shown follows the list

    def _show_report(self, report) -> None:
        # the list's rows came just before (controller.rows_ready): the status bar counts as its header does
        self.status.show_report(report, self.read_only,
                                self.list_pane.library_count() if self.list_pane.library_size() else "")
        self._report_shown = (report, self.status_label.text())

    def _on_ready(self, library, report) -> None:
        self._show_report(report)
        first_time = not self.library_ready_emitted
        self.library_ready_emitted = True
        if first_time:
            self.library_ready.emit(library)
            if self.search_bar.query():
                self._run_search()
            if self._restoring_id:
                self.open_article(self._restoring_id)
            elif self.list_pane.library_size():
                self.reader.show_message("Pick an article to read.",
                                         "Use the list on the left (Up/Down or j/k, then Enter), or search above.")
            else:
                self.reader.show_message("No articles yet.", "Import text or Markdown files to start reading.")

    def _on_open_failed(self, message: str) -> None:
        self.status.show_error(label(message, 300))
        self.list_pane.set_placeholder("The library could not be opened.")
        self.reader.show_message("The library could not be opened.", label(message, 300))

    # --- articles ---------------------------------------------------------------------------------

    def open_article(self, article_id: str, terms: list[str] | tuple[str, ...] = (), offset: int | None = None,
                     record: bool = True) -> None:
        self._terms = list(terms)
        self._pending_offset = offset
        self._record_history = record
        self._requested_id = article_id
        self.controller.load_article(article_id)

    def requested_article_id(self) -> str:
        return self._requested_id

    def list_terms(self) -> list[str]:
        """The words the search marks in an article opened from the list (none without a search)."""
        return self._answer_terms if self.list_pane.searching else []

    def _on_article(self, article: Article, related: list[dict]) -> None:
        # The article open at the last quit comes back as it was: reopening it does not mark it read again.
        restored = article.id == self._restoring_id
        self._restoring_id = ""
        self.reader.show_article(article, related)
        if self._terms:
            self.reader.highlight_terms(self._terms)
        if self._pending_offset is not None:
            self.reader.scroll_to_offset(self._pending_offset)
        if self.find_bar.isVisible() and self.find_bar.field.text():
            self.reader.find(self.find_bar.field.text())
        if self._record_history and (not self._history or self._history[self._history_pos] != article.id):
            del self._history[self._history_pos + 1:]
            self._history.append(article.id)
            self._history_pos = len(self._history) - 1
        if article.id not in self.read_ids and not restored:
            self.list_pane.mark_read(article.id)
        self.list_pane.open_id = article.id
        if self.list_pane.view.current_id() != article.id:
            self.list_pane.view.select_id(article.id)
        self.settings.set("read_articles", sorted(self.read_ids))
        self.settings.set("open_article", article.id)
        self._save_timer.start()
        self._update_title()
        self.article_opened.emit(article)

    def _on_article_failed(self, article_id: str, message: str) -> None:
        if article_id == self._restoring_id:  # the article open last time has gone: start fresh
            self._restoring_id = ""
            self.settings.set("open_article", "")
            self.reader.show_message("Pick an article to read.", "The article you had open is no longer in the library.")
        else:
            self.reader.show_message("This article could not be opened.", label(message, 300))
        self._update_title()

    def _reread_open_article(self) -> None:
        """Another process changed the library (`reader-app restore`, `edit`, a file re-imported): the open
        article is read again in the worker, and shown again, where the reader was, if its text changed."""
        article = self.reader.article
        library = self.library
        if article is None or library is None:
            return
        self.run_task(_article_if_there, library, article.id, on_finished=partial(self._on_reread, article.id),
                      on_failed=lambda _message: None)  # the index unreadable: the list's sync says so

    def _on_reread(self, article_id: str, article: Article | None) -> None:
        shown = self.reader.article
        if shown is None or shown.id != article_id:
            return  # another article was opened meanwhile
        if article is None:  # removed by another process (`reader-app remove`)
            self.settings.set("open_article", "")
            self.reader.show_message("This article is no longer in the library.",
                                     "It was removed outside this window. Pick another from the list.")
            self._update_title()
            return
        if (article.text, [r.text for r in article.removed]) == (shown.text, [r.text for r in shown.removed]):
            return
        top = self.reader.offset_at(self.reader.viewport().rect().topLeft())
        self.open_article(article.id, self.reader.search_terms, offset=top, record=False)

    def _update_title(self) -> None:
        article = self.reader.article
        self.setWindowTitle(f"{label(article.title, 120)} — {APP_TITLE}" if article else APP_TITLE)

    def open_original(self) -> None:
        url = web_url(self.reader.article.url) if self.reader.article else None
        if url:
            QDesktopServices.openUrl(QUrl(url))
        else:
            self.status_label.setText("This article has no web address.")

    def mark_unread(self) -> None:
        if self.reader.article:
            self.list_pane.mark_read(self.reader.article.id, False)
            self.settings.set("read_articles", sorted(self.read_ids))
            self._save_timer.start()

    def step_article(self, delta: int) -> None:
        """Open the next (1) or previous (-1) article of the list."""
        aid = self.list_pane.step(delta)
        if aid:
            self.open_article(aid, self.list_terms())

    def go_back(self) -> None:
        if self._history_pos > 0:
            self._history_pos -= 1
            self.open_article(self._history[self._history_pos], record=False)

    def go_forward(self) -> None:
        if self._history_pos + 1 < len(self._history):
            self._history_pos += 1
            self.open_article(self._history[self._history_pos], record=False)

    # --- searching --------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_bar.focus()

    def _on_query(self, query: str) -> None:
        self.status_label.clear_message()  # a new search: what the status bar said about the last action is done
        if query:
            self._run_search()
        else:
            self.controller.cancel_search()
            self._open_first_when_ready = False
            self._answer_terms = []
            self.reader.clear_highlights("search")  # the search is gone: so are its marks in the article
            self.list_pane.show_library()
            if self.reader.article:  # highlighted, but the library shows from its top
                self.list_pane.view.select_id(self.reader.article.id, from_top=True)
            else:
                self.list_pane.view.scrollToTop()

    def _run_search(self) -> None:
        query = self.search_bar.query()
        if not query:
            return
        self.list_pane.show_searching(query)
        outlet, year = self.list_pane.header.filters() if self.list_pane.searching else ("", "")
        self.controller.search(query, outlet, year)

    def _load_more(self) -> None:
        """The results list reached its end: the next page of the same search."""
        query = self.search_bar.query()
        if query and self.list_pane.searching:
            outlet, year = self.list_pane.header.filters()
            self.controller.search_more(query, outlet, year, self.list_pane.result_ids())

    def _load_all(self, total: int) -> None:
        """The results are put in another order than relevance: every hit of the same search."""
        query = self.search_bar.query()
        if query and self.list_pane.searching:
            outlet, year = self.list_pane.header.filters()
            self.controller.search_more(query, outlet, year, self.list_pane.result_ids(), upto=total)

    def _on_more_done(self, answer) -> None:
        if answer.query != self.search_bar.query():
            return
        self._answer_terms = sorted(set(self._answer_terms) | set(answer.terms))
        self.list_pane.append_results(answer)

    def _on_search_done(self, answer: SearchAnswer) -> None:
        if answer.query != self.search_bar.query():
            return
        self._answer_terms = answer.terms
        self.list_pane.show_results(answer)
        self.search_done.emit(answer)
        self._remark_open_article(answer)
        if self._open_first_when_ready and answer.rows:
            self._open_first_when_ready = False
            self.list_pane.view.select_row(0)
            self.open_article(answer.rows[0].id, answer.terms)

    def _remark_open_article(self, answer) -> None:
        """The open article's search marks follow the search: the new words if it is a hit, else none."""
        article = self.reader.article
        if article is None:
            return
        if any(r.id == article.id for r in answer.rows):
            self.reader.highlight_terms(answer.terms, scroll=False)
        else:
            self.reader.clear_highlights("search")

    def _on_submit(self, query: str) -> None:
        """Enter in the search box opens the first result (now, or when the search in flight finishes)."""
        from reader_app.core.prefs.recent import remember_in

        remember_in(self.settings, query)  # what was searched for on purpose, not every keystroke
        self.search_bar.set_recent(self.settings.get("recent_searches"))
        self._save_timer.start()
        if self.list_pane.searching and not self.list_pane.waiting and self.list_pane.first_id():
            self.list_pane.view.select_row(0)
            self.open_article(self.list_pane.first_id() or "", self._answer_terms)
        else:
            self._open_first_when_ready = True

    # --- find, zoom, theme ------------------------------------------------------------------------

    def find_in_article(self) -> None:
        selected = self.reader.textCursor().selectedText()
        self.find_bar.open_bar(selected if selected and len(selected) < 80 else "")

    def _on_find_closed(self) -> None:
        self.reader.find_clear()
        self.reader.setFocus()

    def _on_font_size(self, points: int) -> None:
        self.settings.set("font_size", points)
        self.status_label.setText(f"Text size {points} pt")
        self._save_timer.start()

    def set_theme(self, theme: str) -> None:
        self.theme = theme if theme in THEMES else "system"
        colours = colours_for(self.theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setPalette(palette_for(colours))
            QToolTip.setPalette(palette_for(colours))  # tooltips keep a palette of their own
            if app.styleSheet() != app_stylesheet():
                app.setStyleSheet(app_stylesheet())
        set_window_theme(self, colours)  # the fields', menus' and focus frames' colours

        for view in self.list_pane.views():
            view.delegate.term_colours = (QColor(colours.term_bg), QColor(colours.term_text))
            view.viewport().update()
        self.reader.set_colours(colours)
        self.menus.themes[self.theme].setChecked(True)
        self.settings.set("theme", self.theme)
        self._save_timer.start()
        self.theme_changed.emit(self.theme)

    def toggle_dark(self) -> None:
        self.set_theme("light" if colours_for(self.theme).dark else "dark")

    def follow_system_theme(self) -> None:
        if self.theme == "system":
            self.set_theme("system")

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    # --- dialogs ----------------------------------------------------------------------------------

    def show_about(self) -> None:
        dialogs.about(self, self.windowIcon())

    def show_search_help(self) -> None:
        dialogs.search_help(self)

    # --- state ------------------------------------------------------------------------------------

    def _on_sort(self, key: str) -> None:
        self.settings.set("sort_key", key)
        self.settings.set("sort_descending", key == "date")
        self._save_timer.start()

    def _on_browse_filters(self, outlet: str, _year: str) -> None:
        self.settings.set("outlet_filter", outlet)
        self._save_timer.start()

    def restore_layout(self) -> None:
        for setting, restore in (("window_geometry", self.restoreGeometry), ("window_state", self.restoreState),
                                 ("splitter_state", self.splitter.restoreState)):
            value = self.settings.get(setting)
            if value:
                restore(QByteArray.fromBase64(value.encode("ascii", "ignore")))
        self.pane_sizes.unfold()  # a list folded in a small window does not come back folded

    def save_settings(self) -> None:
        if self.read_only:
            return
        s = self.settings
        s.set("window_geometry", bytes(self.saveGeometry().toBase64().data()).decode("ascii"))
        s.set("window_state", bytes(self.saveState().toBase64().data()).decode("ascii"))
        s.set("splitter_state", bytes(self.splitter.saveState().toBase64().data()).decode("ascii"))
        s.set("read_articles", sorted(self.read_ids))
        s.set("font_size", self.reader.font_size)
        s.set("theme", self.theme)
        s.set("open_article", self.reader.article.id if self.reader.article else s.get("open_article"))
        s.save()

    def add_close_check(self, check: Callable[[], bool]) -> None:
        self._close_checks.append(check)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not all(check() for check in self._close_checks):
            event.ignore()  # a feature asks the user first (an import running)
            return
        self.closing.emit()
        self._save_timer.stop()
        self.save_settings()
        self.controller.shutdown()
        super().closeEvent(event)
