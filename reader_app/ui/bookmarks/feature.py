"""Bookmarks in the window: the actions, the popup, highlights in the reader, the pane, undo, export/import.

BookmarksFeature wires the views to the store: views say what the user asked for, every store call runs in
the window's worker (one at a time, in order), and answers come back as refreshed rows and highlights.

Signals (mostly for tests): `rows_loaded()` after the pane was refilled, `highlights_applied(article_id)`,
`revealed(bookmark_id)` after a jump scrolled to a passage and flashed it, `message(text)`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCursor, QUndoStack
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QToolBar, QToolButton, QWidget

from reader_app.core.wording import plural
from reader_app.ui.bookmarks.commands import AddBookmark, Change, DeleteBookmarks, EditBookmark
from reader_app.ui.bookmarks.highlights import ReaderHighlights
from reader_app.ui.bookmarks.model import bookmark_rows
from reader_app.ui.bookmarks.pane import BookmarksPane
from reader_app.ui.bookmarks.popup import BookmarkPopup
from reader_app.ui.timer import timer
from reader_app.ui.window.workers import Runner

if TYPE_CHECKING:
    from reader_app.core.articles.model import Article
    from reader_app.core.bookmarks import Bookmark
    from reader_app.ui.window.shell import Shell

log = logging.getLogger(__name__)


# The export dialog's choices: its filter text -> the format export_to writes.
EXPORT_STALL = 10.0  # seconds an export into a FIFO waits for its program to read more before it gives up
EXPORT_FILTERS = {"Markdown (*.md)": "md", "Dossier by story thread, with citations (*.md)": "dossier-story",
                  "Dossier by person, organisation or place, with citations (*.md)": "dossier-entity",
                  "Cited articles as CSL-JSON: Zotero, pandoc (*.json)": "csl",
                  "Web Annotation JSON (*.json)": "json"}


def failed_message(not_done: str, reason: str) -> str:
    """"The bookmark was not saved: the disk is full." and that nothing else was lost (a failed change is
    rolled back whole: the other bookmarks, and the articles, are untouched)."""
    reason = reason.removeprefix("cannot save bookmarks: ").rstrip(".")
    return (f"{not_done}: {reason}.\n\n"
            "Nothing else was lost: your other bookmarks and your articles are as they were.")


def _usual_keys(action: QAction, usual: tuple[str, ...]) -> str:
    """The action's keys among `usual` (portable names), as the platform writes them: "Ctrl+Z" for Undo, not
    the X11 "F14" or "Alt+Backspace" its standard bindings also hold."""
    keys = [k for k in action.shortcuts() if k.toString(QKeySequence.SequenceFormat.PortableText) in usual]
    return " or ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


class BookmarksFeature(QObject):
    """Everything the window does with bookmarks (see the module docstring)."""

    rows_loaded = Signal()
    highlights_applied = Signal(str)
    revealed = Signal(str)
    message = Signal(str)

    def __init__(self, shell: Shell):
        super().__init__(shell.widget)
        self.shell = shell
        self.reader = shell.reader
        self.undo_stack = QUndoStack(self)
        self.pane = BookmarksPane(shell.widget)
        self.dock = shell.add_pane(self.pane, "Bookmarks", "Ctrl+Shift+B")
        self.dock.hide()  # until the user opens it (the saved window state may show it again)
        shell.widget.resizeDocks([self.dock], [360], Qt.Orientation.Horizontal)
        self.highlights = ReaderHighlights(self.reader)
        self.popup: BookmarkPopup | None = None
        self.error_box: QWidget | None = None  # the last failure shown in a dialog
        self.highlight_menu: QMenu | None = None
        self.notice = ""
        self.store_read_only = False
        self.store_waits_for_room = False  # read-only as the disk was full: a save tries again (it may have room)
        self._tags: list[str] = []
        self._pending_reveal = ""
        self._reveal_focus = True
        self._shown_text: tuple[str, str] | None = None  # the open article's id and text
        self._writer = Runner(parent=self)  # exports are written here, never on the library's worker
        self._quitting = threading.Event()
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._quitting.set)
        self._build_actions()
        self._build_notice()
        self._connect()

    # --- building -------------------------------------------------------------------------------

    def _new_action(self, text: str, slot: Callable, shortcut: str = "", name: str = "") -> QAction:
        action = QAction(text, self.shell.widget)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.shell.add_action(action)
        return action

    def _build_actions(self) -> None:
        w = self.shell
        self.bookmark_action = self._new_action("&Bookmark Passage…", self.request_bookmark, "Ctrl+D", "bookmarkPassage")
        self.bookmark_action.setToolTip("Bookmark the selected passage, or the paragraph at the cursor (Ctrl+D)")
        self.cite_action = self._new_action("Copy Bookmark &Citation", self.copy_citation, "Ctrl+Shift+C",
                                            "copyCitation")
        self.export_action = self._new_action("&Export Bookmarks…", self.ask_export, "", "exportBookmarks")
        self.import_action = self._new_action("&Import Bookmarks…", self.ask_import, "", "importBookmarks")
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setObjectName("undo")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setObjectName("redo")
        self.redo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
        # F1's key table lists them as what they do, not their live text ("Undo Bookmark …"), and by their usual
        # keys (window/help.py reads these properties)
        self.undo_action.setProperty("helpKeys", _usual_keys(self.undo_action, ("Ctrl+Z",)))
        self.undo_action.setProperty("helpText", "Undo the last bookmark change")
        self.redo_action.setProperty("helpKeys", _usual_keys(self.redo_action, ("Ctrl+Shift+Z", "Ctrl+Y")))
        self.redo_action.setProperty("helpText", "Redo the bookmark change undone")
        w.add_action(self.undo_action)
        w.add_action(self.redo_action)

        edit = w.menu("edit")
        first = edit.actions()[0] if edit.actions() else None
        if first is not None:  # undo and redo lead the Edit menu
            edit.insertAction(first, self.undo_action)
            edit.insertAction(first, self.redo_action)
            edit.insertSeparator(first)
        else:
            edit.addActions([self.undo_action, self.redo_action])
        edit.addSeparator()
        edit.addAction(self.bookmark_action)
        edit.addAction(self.cite_action)

        file_menu = w.menu("file")
        quit_action = next((a for a in file_menu.actions() if a.objectName() == "quit"), None)
        if quit_action is not None:
            file_menu.insertActions(quit_action, [self.export_action, self.import_action])
            file_menu.insertSeparator(quit_action)
        else:
            file_menu.addActions([self.export_action, self.import_action])

        self.reader.add_context_action(self.bookmark_action)
        self.pane.view.addAction(self.cite_action)

        self.toolbar = QToolBar("Bookmarks", w.widget)
        self.toolbar.setObjectName("bookmarksToolBar")
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addAction(self.bookmark_action)
        pane_toggle = self.dock.toggleViewAction()
        pane_toggle.triggered.connect(lambda shown: self.pane.view.setFocus() if shown else self.reader.setFocus())
        pane_toggle.setToolTip("Show or hide the Bookmarks pane (Ctrl+Shift+B)")
        self.toolbar.addAction(pane_toggle)
        w.add_toolbar(self.toolbar)

    def _build_notice(self) -> None:
        self.notice_button = QToolButton(self.shell.widget)
        self.notice_button.setObjectName("bookmarksNotice")
        self.notice_button.setAutoRaise(True)
        self.notice_button.hide()
        self.notice_button.clicked.connect(self._show_notice)
        self.shell.add_status_widget(self.notice_button)

    def _connect(self) -> None:
        w = self.shell
        # after opening, syncing, importing or removing articles (re-anchored or orphaned): one refresh for both
        self._refresh_timer = timer(self, 0, self.refresh)
        w.library_opened.connect(lambda *_: self._refresh_timer.start())
        w.list_reloaded.connect(lambda _rows: self._refresh_timer.start())
        w.article_opened.connect(self._on_article_opened)
        w.theme_changed.connect(lambda _theme: self._apply_theme())
        # the story threads may have been computed since the rows were loaded: look again
        self.pane.grouping_changed.connect(lambda kind: self.refresh() if kind == "story" else None)
        self.pane.set_grouping(w.settings.get("bookmarks_grouping"))  # as it was left, like the list's order
        self.pane.grouping_changed.connect(self._remember_grouping)
        self.pane.bookmark_activated.connect(self.open_bookmark)
        self.pane.edit_requested.connect(self.edit_bookmark)
        self.pane.delete_requested.connect(self.delete_bookmarks)
        self.pane.cite_requested.connect(self.copy_citation)
        self.pane.export_requested.connect(lambda bookmarks: self.ask_export(bookmarks))
        self.highlights.clicked.connect(self.show_highlight_menu)
        self._apply_theme()

    def _remember_grouping(self, kind: str) -> None:
        self.shell.settings.set("bookmarks_grouping", kind)
        if not self.shell.read_only:  # a second, read-only window leaves the first one's settings alone
            self.shell.settings.save()

    # --- the store, through the worker ---------------------------------------------------------

    @property
    def writable(self) -> bool:
        return self.shell.library is not None and not self.shell.read_only and \
            (not self.store_read_only or self.store_waits_for_room)

    def _store(self):
        library = self.shell.library
        if library is None:
            raise RuntimeError("the library is not open yet")
        return library.bookmarks

    def _submit(self, work: Callable[[], Any], done: str, not_done: str) -> None:
        """Run a store change in the worker; then say `done` (or, in a dialog, `not_done` and why) and reload
        what shows bookmarks."""
        self.shell.run_task(work, on_finished=lambda _r: self._changed(done),
                            on_failed=lambda message: self._failed(not_done, message))

    def make(self, change: Change) -> None:
        """Make a change the user asked for; it goes on the undo stack once saved. One that failed is not put
        there (a trial: Undo then "undid" a bookmark a full disk had refused, and Edit › Undo named it); the
        dialog says what did not happen and why."""
        def made(_result: object) -> None:
            change.mark_made()
            self.undo_stack.push(change)
            self._changed(change.done)

        self.shell.run_task(change.make, on_finished=made, on_failed=lambda message: self._failed(change.not_done,
                                                                                                    message))

    def _changed(self, done: str) -> None:
        self._say(done)
        self.refresh()

    def _failed(self, not_done: str, message: str) -> None:
        """A change the user just made did not happen: a dialog that stays until dismissed (a trial's full
        disk showed only "cannot save bookmarks: the disk is full" in the status line, gone after 8 s)."""
        self._error("Bookmarks", failed_message(not_done, message))
        self.refresh()

    def _say(self, text: str) -> None:
        self.shell.show_status(text)
        self.message.emit(text)

    def _error(self, title: str, message: str) -> None:
        """A failure the user asked about (export, import): a dialog they dismiss, not a status line that
        lingers."""
        self._say(message)
        self.error_box = self.shell.show_error(title, message, "bookmarksErrorDialog")

    def refresh(self) -> None:
        """Reload the pane and the open article's highlights."""
        if self.shell.library is None:
            return
        self.shell.run_task(self._load_rows, on_finished=self._rows_ready, on_failed=self._say)
        self._load_highlights()

    def _load_rows(self) -> tuple[list, list, str, bool, bool]:
        store = self._store()
        store.reopen_if_room()  # opened on a full disk that has room now: writable again, its notice gone
        bookmarks = store.list()
        story_of = names_of = None
        removed: set[str] = set()
        library = self.shell.library
        if library is not None and bookmarks:
            from reader_app.core.bookmarks.dossier import grouping_for, removed_articles

            removed = removed_articles(bookmarks, library)  # their orphans say so, not "not found"

            # the stories computed last (a build runs in the window's child process, never here)
            story_of = lambda aid: library.story_of(aid, build=False)  # noqa: E731
            try:
                names_of = grouping_for(library, "entity").grouper
            except Exception as exc:  # a library being rebuilt: the pane still lists the bookmarks
                log.warning("bookmarks: names unavailable: %s", exc)
        return (bookmark_rows(bookmarks, story_of, names_of, removed), store.tags(), store.notice, store.read_only,
                store.waits_for_room)

    def _rows_ready(self, answer: tuple[list, list, str, bool, bool]) -> None:
        rows, tags, notice, read_only, waits_for_room = answer
        self._tags = [t for t, _n in tags]
        self.store_read_only, self.store_waits_for_room = read_only, waits_for_room
        self.pane.set_rows(rows, tags)
        self._set_notice(notice)
        self._update_actions()
        self.rows_loaded.emit()

    def _update_actions(self) -> None:
        for action in (self.bookmark_action, self.import_action):
            action.setEnabled(self.writable)
        self.export_action.setEnabled(self.shell.library is not None)

    def _set_notice(self, notice: str) -> None:
        if notice == self.notice:
            return
        self.notice = notice
        if not notice:
            self.notice_button.hide()
            return
        short = "Bookmarks are read-only" if self.store_read_only else "Bookmarks were repaired"
        self.notice_button.setText(f"⚠ {short}")
        self.notice_button.setToolTip(notice)
        self.notice_button.show()
        self._say(notice)

    def _show_notice(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "Bookmarks", self.notice, parent=self.shell.widget)
        box.setObjectName("bookmarksNoticeDialog")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()

    # --- highlights in the reader ---------------------------------------------------------------

    def _on_article_opened(self, article: Article) -> None:
        shown = self._shown_text
        if shown is not None and shown[0] == article.id and shown[1] != article.text:
            # The article's text changed under it (a paragraph put back): the undo commands hold offsets into
            # the old text, and undoing or redoing one would mark the wrong passage. None is offered.
            self.undo_stack.clear()
        self._shown_text = (article.id, article.text)
        self.highlights.clear()
        self._load_highlights()

    def _load_highlights(self) -> None:
        article = self.reader.article
        if article is None or self.shell.library is None:
            return
        library = self.shell.library
        self.shell.run_task(library.bookmarks_for, article, on_finished=lambda placed, a=article:
                             self._show_highlights(a, placed), on_failed=self._say)

    def _show_highlights(self, article: Article, placed: list[Bookmark]) -> None:
        if self.reader.article is not article:
            return  # another article was opened meanwhile
        self.highlights.show(placed)
        self.highlights_applied.emit(article.id)
        if self._pending_reveal:
            wanted, self._pending_reveal = self._pending_reveal, ""
            b = next((x for x in placed if x.id == wanted), None)
            if b is not None:
                self._reveal(b)

    def _apply_theme(self) -> None:
        self.pane.set_accent(self.reader.colours.accent)
        if self.highlights.shown:
            self.highlights.repaint()

    def show_highlight_menu(self, b: Bookmark, global_pos: QPoint) -> QMenu:
        menu = QMenu(self.shell.widget)
        menu.setObjectName("highlightMenu")
        edit = menu.addAction("Edit Note and Tags…", lambda: self.edit_bookmark(b))
        menu.addAction("Copy Citation", lambda: self.copy_citation(b))
        menu.addAction("Show in Bookmarks", lambda: self.show_in_pane(b))
        menu.addSeparator()
        delete = menu.addAction("Delete Bookmark", lambda: self.delete_bookmarks([b]))
        edit.setEnabled(self.writable)
        delete.setEnabled(self.writable)
        menu.popup(global_pos)
        self.highlight_menu = menu
        return menu

    # --- adding and editing ---------------------------------------------------------------------

    def request_bookmark(self) -> BookmarkPopup | None:
        """Ctrl+D: ask for a note and tags for the selected passage (or the paragraph at the cursor)."""
        if not self.writable:
            self._say("Bookmarks cannot be saved here: " + (
                "another reader-app window has this library open." if self.shell.read_only
                else "the bookmarks are read-only." if self.store_read_only else "the library is still opening."))
            return None
        article = self.reader.article
        chosen = self.highlights.passage_range()
        if article is None or chosen is None:
            self._say("Open an article and select a passage to bookmark.")
            return None
        start, end = chosen
        popup = BookmarkPopup(self.shell.widget, article.text[start:end], known_tags=self._tags)
        popup.accepted.connect(lambda: self.add(article, start, end, popup.note(), popup.tags()))
        popup.finished.connect(lambda _r: self._popup_closed(popup))
        self.popup = popup
        viewport = self.reader.viewport()
        passage = self._passage_rect(start, end).intersected(viewport.rect())
        if passage.isEmpty():  # scrolled out of view: under the top of the reader
            passage = QRect(0, 0, viewport.width(), 0)
        popup.show_beside(QRect(viewport.mapToGlobal(passage.topLeft()), passage.size()),
                          QRect(viewport.mapToGlobal(QPoint(0, 0)), viewport.size()))
        return popup

    def _passage_rect(self, start: int, end: int) -> QRect:
        """The reader viewport's rectangle around the lines of article.text[start:end]."""
        cursor = QTextCursor(self.reader.document())
        cursor.setPosition(self.reader.position_of(start))
        first = self.reader.cursorRect(cursor)
        cursor.setPosition(self.reader.position_of(end))
        last = self.reader.cursorRect(cursor)
        if last.top() > first.top():  # over several lines: from the text column's left to the reader's right
            cursor.setPosition(self.reader.position_of(start))
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            left = self.reader.cursorRect(cursor).left()
            return QRect(QPoint(left, first.top()), QPoint(self.reader.viewport().width() - 1, last.bottom()))
        return first.united(last)

    def _popup_closed(self, popup: BookmarkPopup) -> None:
        popup.deleteLater()
        if self.popup is popup:
            self.popup = None
        self.shell.widget.activateWindow()  # not every window manager gives focus back to the window by itself
        self.reader.setFocus()

    def add(self, article: Article, start: int, end: int, note: str = "", tags: list[str] | None = None) -> None:
        self.make(AddBookmark(self._store, self._submit, article, start, end, note, list(tags or [])))

    def edit_bookmark(self, b: Bookmark) -> BookmarkPopup | None:
        if not self.writable:
            self._say("Bookmarks cannot be changed here.")
            return None
        popup = BookmarkPopup(self.shell.widget, b.quote, b.note, b.tags, known_tags=self._tags, editing=True)
        popup.accepted.connect(lambda: self.update(b, popup.note(), popup.tags()))
        popup.finished.connect(lambda _r: self._popup_closed(popup))
        self.popup = popup
        popup.show_near(self.shell.widget.mapToGlobal(self.shell.widget.rect().center() - QPoint(200, 100)))
        return popup

    def update(self, b: Bookmark, note: str, tags: list[str]) -> None:
        if (note, tags) != (b.note, b.tags):
            self.make(EditBookmark(self._store, self._submit, b, note, tags))

    def delete_bookmarks(self, bookmarks: list[Bookmark]) -> None:
        if not bookmarks:
            return
        if not self.writable:
            self._say("Bookmarks cannot be deleted here.")
            return
        self.make(DeleteBookmarks(self._store, self._submit, bookmarks))

    # --- going to a bookmark --------------------------------------------------------------------

    def open_bookmark(self, b: Bookmark) -> None:
        """Open the bookmark's article, scroll to the passage and flash it (orphans: open and say why)."""
        # Clicked in the pane, the pane keeps the keyboard: Delete, F2 and the arrows go on acting on the list
        # (Ctrl+2 goes to the reader). Opened with Enter, or from anywhere else, the reader takes it.
        self._reveal_focus = not self.pane.view.by_mouse
        # A timeline or comparison shown in the reader's place hides it: the article is opened again (which
        # puts the reader back), not only scrolled where no one sees it.
        if self.reader.article is not None and self.reader.article.id == b.article_id and not self.reader.isHidden():
            self._reveal(self.highlights.find(b.id) or b)
            return
        self._pending_reveal = b.id
        self.shell.open_article(b.article_id, self.shell.list_terms(), offset=None if b.orphan else b.start)

    def _reveal(self, b: Bookmark) -> None:
        if b.orphan or self.highlights.find(b.id) is None:
            self._say("This passage is no longer found in the article; the bookmark keeps its quote and note.")
        else:
            self.highlights.reveal(b, focus=self._reveal_focus)
        self.revealed.emit(b.id)

    def show_in_pane(self, b: Bookmark) -> None:
        self.dock.show()
        self.dock.raise_()
        self.pane.filter_box.clear()
        self.pane.set_tag_filter("")
        self.pane.select_id(b.id)
        self.pane.view.setFocus()

    # --- citation, export, import ---------------------------------------------------------------

    def current_bookmark(self) -> Bookmark | None:
        """The bookmark the user means: the pane's current one when the pane has focus, else the one at the
        reader's cursor, else the pane's current one."""
        pane_b = self.pane.view.current_bookmark()
        focused = QApplication.focusWidget()
        if pane_b is not None and focused is not None and self.pane.isAncestorOf(focused):
            return pane_b
        at_cursor = self.highlights.bookmark_at(self.reader.offset_of(self.reader.textCursor().position()))
        return at_cursor or pane_b

    def copy_citation(self, b: Bookmark | None = None) -> None:
        from reader_app.core.bookmarks.export import citation

        b = b or self.current_bookmark()
        if b is None:
            self._say("Choose a bookmark (in the Bookmarks pane, or click a highlight) to copy its citation.")
            return
        QApplication.clipboard().setText(citation(b))
        self._say("Copied the citation.")

    def ask_export(self, bookmarks: list[Bookmark] | None = None) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self.shell.widget, "Export Bookmarks", str(Path.home() / "bookmarks.md"), ";;".join(EXPORT_FILTERS))
        if path:
            fmt = EXPORT_FILTERS.get(chosen) or ("json" if path.lower().endswith(".json") else "md")
            self.export_to(Path(path), fmt, bookmarks)

    def export_to(self, path: Path, fmt: str, bookmarks: list[Bookmark] | None = None) -> None:
        """Write all bookmarks (or `bookmarks`) to `path` as Markdown ('md'), W3C Web Annotation JSON ('json'),
        a cited dossier grouped by story thread or by name ('dossier-story', 'dossier-entity': Markdown with a
        citation line per quote), or the cited articles as CSL-JSON ('csl', for Zotero, pandoc, citeproc).

        The text is made on the window's worker (it reads the library); the file is written on a thread of
        its own, so that a FIFO whose program does not read holds nothing else up (and is given up after
        EXPORT_STALL seconds without progress, or when the app quits)."""
        ids = [b.id for b in bookmarks] if bookmarks else None
        failed = lambda message: self._error("Export failed", message)  # noqa: E731 - used twice
        self.shell.run_task(self._render, fmt, ids, on_failed=failed,
                             on_finished=lambda made: self._writer.submit(self._write, path, *made,
                                                                          on_finished=self._say, on_failed=failed))

    def _render(self, fmt: str, ids: list[str] | None) -> tuple[str, int, str]:
        """The export's text, how many bookmarks it holds, and what it left out (or "")."""
        store = self._store()
        chosen = [store.get(i) for i in ids] if ids else store.list()
        from reader_app.core.bookmarks import dossier

        group = fmt.split("-", 1)[1] if fmt.startswith("dossier-") else None
        text, note = dossier.render(chosen, "md" if group else fmt, group, self.shell.library)
        return text, len(chosen), note

    def _write(self, path: Path, text: str, count: int, note: str) -> str:
        from reader_app.core.bookmarks import BookmarkError
        from reader_app.core.bookmarks import export as bookmark_export

        try:
            # never over a device or a link; through a FIFO, never waiting on it for ever
            bookmark_export.write_export(path, text, stall=EXPORT_STALL, stopped=self._quitting.is_set)
        except bookmark_export.ExportFormatError as exc:
            if not path.parent.is_dir():
                raise BookmarkError(f"Could not export to {path.name} in {path.parent}: that folder does not exist.")
            raise BookmarkError(str(exc))
        except OSError as exc:
            from reader_app.core.errors import describe_os_error

            reason = "that folder does not exist" if not path.parent.is_dir() else describe_os_error(exc)
            raise BookmarkError(f"Could not export to {path.name} in {path.parent}: {reason}.") from exc
        done = f"Exported {count} bookmark{'s' if count != 1 else ''} to {path.name}."
        return f"{done} ({note[0].upper()}{note[1:]}.)" if note else done

    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.shell.widget, "Import Bookmarks", str(Path.home()),
                                              "Web Annotation JSON (*.json);;All files (*)")
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        self.shell.run_task(self._import, path, on_finished=self._changed,
                             on_failed=lambda message: self._error("Import failed", message))

    def _import(self, path: Path) -> str:
        from reader_app.core.bookmarks import BookmarkError
        from reader_app.core.bookmarks.export import ExportFormatError, read_export

        try:
            data = read_export(path)  # refuses a FIFO, a device, a folder, a huge file; allows a BOM
        except ExportFormatError as exc:
            raise BookmarkError(f"{path.name} cannot be read as a bookmarks export: {exc}")
        library = self.shell.library
        assert library is not None
        try:
            counts = library.import_bookmarks(data)
        except ExportFormatError as exc:
            raise BookmarkError(f"{path.name}: {exc}")
        failed = f", {len(counts.failed)} could not be read" if counts.failed else ""
        mended = (f", {plural(len(counts.mended), 'tag')} changed: a tag holds no comma nor control character"
                  if counts.mended else "")
        return (f"Imported {plural(counts.added, 'bookmark')} "
                f"({counts.updated} updated, {counts.duplicates} already there{failed}{mended}).")
