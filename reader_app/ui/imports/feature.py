"""Importing from the window: File → Import Files…/Import Folder…, files dropped on the window, the watched folder.

Imports run on their own worker thread with their own Library object, so the list stays scrollable and
searches (on the window's worker) go on meanwhile; the search engine sees each committed batch as soon as
it lands. Progress and a Cancel button live in the status bar; when files are refused, a report lists
each with its reason. The watched folder is followed with a QFileSystemWatcher whose bursts of change
signals are debounced into one scan.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QFileSystemWatcher, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader_app.core.wording import plural
from reader_app.ui.details.feature import ImportOutletDialog
from reader_app.ui.text import label
from reader_app.ui.timer import timer
from reader_app.ui.window.workers import Runner

if TYPE_CHECKING:
    from reader_app.core.articles.model import Article
    from reader_app.core.library import ImportReport
    from reader_app.ui.window.shell import Shell

log = logging.getLogger(__name__)

FILE_FILTER = "Articles (*.txt *.md *.markdown *.text *.html *.htm *.xhtml);;All files (*)"
WATCH_DEBOUNCE_MS = 1500
MAX_LISTED = 2000  # files listed in the report dialog for each reason; the rest are counted


def summary(report: ImportReport) -> str:
    """One sentence for the status bar."""
    parts = [f"Imported {len(report.added):,} article{'s' if len(report.added) != 1 else ''}"]
    if report.updated:
        parts.append(f"updated {len(report.updated):,}")
    if report.duplicates:
        parts.append(f"{len(report.duplicates):,} already in the library")
    if unreadable := report.unreadable():
        parts.append(f"{unreadable:,} could not be read")
    if empty := report.empty_skipped():  # empty files and links out of the folder: not failures to read
        parts.append(f"{plural(empty, 'empty file')} skipped")
    if links := report.links_skipped():
        parts.append(f"{links:,} link{'s' if links != 1 else ''} skipped")
    if report.warnings:
        parts.append(f"{len(report.warnings):,} with bytes replaced")
    text = ", ".join(parts) + "."
    if report.cancelled:
        text = "Import cancelled. " + text + (f" {plural(report.skipped, 'file')} {'was' if report.skipped == 1 else 'were'} not looked at."
                                             if report.skipped else "")
    return text


MAX_LINES_SHOWN = 16  # the report's list scrolls beyond this many lines


class ImportReportDialog(QDialog):
    """What an import did, with every refused file and its one-line reason (plain text, never rendered)."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None):
        from reader_app.core.articles.text import safe_label

        super().__init__(parent)
        self.setObjectName("importReportDialog")
        self.setWindowTitle("Import report")
        layout = QVBoxLayout(self)
        self.summary = QLabel(summary(report), self)
        self.summary.setObjectName("importSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("importFailures")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        # Grouped by reason, each group's files in natural order: 10,000 empty files were 10,000 identical
        # lines in string order (e1, e10, e100…), and a file that really could not be read was lost among them.
        lines = []
        for group in report.refusals():
            lines.append(safe_label(group.heading(), 300))
            for origin, reason in group.files[:MAX_LISTED]:
                detail = f": {safe_label(reason, 200)}" if reason != group.kind else ""  # "too large (30.2 MB…)"
                lines.append(f"    {safe_label(origin, 400)}{detail}")
            if len(group.files) > MAX_LISTED:
                lines.append(f"    …and {len(group.files) - MAX_LISTED:,} more")
        lines += [f"{safe_label(origin, 400)}: warning: {safe_label(what, 200)}"
                  for origin, what in report.warnings[:MAX_LISTED]]  # imported, with a caveat
        if len(report.warnings) > MAX_LISTED:
            lines.append(f"…and {len(report.warnings) - MAX_LISTED:,} more warnings")
        self.details.setPlainText("\n".join(lines))
        self.details.setVisible(bool(lines))
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fit(lines)

    def _fit(self, lines: list[str]) -> None:
        """As big as what it says: the list as high as its lines (up to MAX_LINES_SHOWN, then it scrolls) and
        as wide as the longest (up to 720 pixels); two lines made a 720 by 420 box of blank before."""
        metrics = self.details.fontMetrics()
        frame = 2 * self.details.frameWidth() + 2 * int(self.details.document().documentMargin()) + 16
        shown = min(len(lines), MAX_LINES_SHOWN)
        scrollbar = self.details.style().pixelMetric(self.details.style().PixelMetric.PM_ScrollBarExtent)
        widest = max((metrics.horizontalAdvance(line) for line in lines), default=0)
        too_wide = widest + frame > 720 - 24
        if not too_wide:  # every line fits: a scroll bar for the document's last pixels of margin would not
            self.details.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if len(lines) <= shown:  # likewise every line is shown
            self.details.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details.setFixedHeight(shown * metrics.lineSpacing() + frame + (scrollbar if too_wide else 0))
        self.details.setMinimumWidth(min(widest + frame + (scrollbar if len(lines) > shown else 0), 720 - 24))
        self.setMinimumWidth(420)
        self.adjustSize()


REMOVE_ONE = "&Remove Article from Library…"


class ImportController(QObject):
    """The window's imports. Signals: `started()`, `progress(n, total, what)`, `finished(report)`,
    `failed(message)`, `removed()`, `stopped()` (the import running when the window closed has ended).
    `busy()` says whether one is running; requests made meanwhile wait their turn. `outlets()` gives the
    outlets offered before an import (the list's)."""

    started = Signal()
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)
    removed = Signal()
    stopped = Signal()

    def __init__(self, shell: Shell, outlets: Callable[[], list[str]]):
        super().__init__(shell.widget)
        self.shell = shell
        self.outlets = outlets
        self.runner = Runner(threads=1, parent=self)
        self._cancel = threading.Event()
        self._waiting: list[tuple[list[Path], bool, str | None]] = []
        self.outlet_dialog: QDialog | None = None
        self._outlet: str | None = None  # the running import's outlet for all its articles
        self._running = False
        self._done_of: tuple[int, int] | None = None  # the running import's progress: files done, of how many
        self.quit_question: QMessageBox | None = None
        self._quit_anyway = False  # the user answered Quit: the window's next close goes through
        self._closed = False  # the window closed while the import ran: it is stopping, nobody is shown its end
        self.last_report: ImportReport | None = None
        self.report_dialog: ImportReportDialog | None = None
        self._build_actions()
        self._build_status()
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._folder_changed)
        self._watch_timer = timer(self, WATCH_DEBOUNCE_MS, self.scan_watched)
        shell.widget.setAcceptDrops(True)
        shell.widget.installEventFilter(self)  # drops on the window
        shell.add_close_check(self.may_close)
        shell.closing.connect(self.shutdown)
        shell.library_ready.connect(self._on_library_ready)

    # --- building ---------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        menu = self.shell.menu("file")
        first = menu.actions()[0] if menu.actions() else None

        def action(text: str, name: str, slot, shortcut: str = "") -> QAction:
            a = QAction(text, self.shell.widget)
            a.setObjectName(name)
            if shortcut:
                a.setShortcut(shortcut)
            a.triggered.connect(slot)
            a.setEnabled(False)  # until the library is open
            menu.insertAction(first, a) if first else menu.addAction(a)
            self.shell.add_action(a)
            return a

        self.import_files_action = action("&Import Files…", "importFiles", self.choose_files, "Ctrl+O")
        self.import_folder_action = action("Import &Folder…", "importFolder", self.choose_folder, "Ctrl+Shift+I")
        self.watch_action = action("&Watch a Folder…", "watchFolder", self.choose_watched_folder)
        self.cancel_action = action("&Cancel Import", "cancelImport", self.cancel)
        self.remove_action = action(REMOVE_ONE, "removeArticle",
                                    lambda: self.remove_articles())  # not triggered(checked) as `confirm`
        if first:
            menu.insertSeparator(first)
        menu.aboutToShow.connect(self._name_remove)

    def _name_remove(self) -> None:
        """Say in the menu what Remove acts on: the articles highlighted in the list when there are several."""
        n = len(self.shell.selected_article_ids())
        self.remove_action.setText(f"&Remove {n:,} Articles from Library…" if n > 1 else REMOVE_ONE)

    def _build_status(self) -> None:
        box = QWidget(self.shell.widget)
        box.setObjectName("importStatus")
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.status_label = QLabel(box)
        self.status_label.setObjectName("importMessage")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_bar = QProgressBar(box)
        self.progress_bar.setObjectName("importProgress")
        self.progress_bar.setMaximumWidth(200)
        self.progress_bar.setTextVisible(False)
        self.cancel_button = QToolButton(box)
        self.cancel_button.setObjectName("cancelImportButton")
        self.cancel_button.setText("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        for w in (self.status_label, self.progress_bar, self.cancel_button):
            row.addWidget(w)
        box.hide()
        self.status_box = box
        self.shell.add_status_widget(box)

    def _on_library_ready(self, _library) -> None:
        writable = not self.shell.read_only
        for a in (self.import_files_action, self.import_folder_action, self.watch_action, self.remove_action):
            a.setEnabled(writable)
        folder = self.shell.settings.get("watched_folder")
        if folder and writable:
            self.watch(folder)

    # --- asking -----------------------------------------------------------------------------------

    def _start_folder(self) -> str:
        """Where the import dialogs open: the folder chosen last (kept across launches), else home."""
        last = self.shell.settings.get("import_folder")
        return last if isinstance(last, str) and last and Path(last).is_dir() else str(Path.home())

    def _remember(self, folder: Path) -> None:
        self.shell.settings.set("import_folder", str(folder))
        self.shell.settings.save()

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self.shell.widget, "Import Articles", self._start_folder(),
                                                FILE_FILTER)
        if names:
            self._remember(Path(names[0]).parent)
            what = f"“{label(Path(names[0]).name, 80)}”" if len(names) == 1 else f"{len(names):,} files"
            self.ask_outlet([Path(n) for n in names], what)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.shell.widget, "Import a Folder of Articles",
                                                  self._start_folder())
        if folder:
            self._remember(Path(folder))
            self.ask_outlet([Path(folder)], f"the articles in the folder “{label(Path(folder).name, 80)}”")

    def ask_outlet(self, paths: list[Path], what: str) -> None:
        """A small dialog before the import: an optional outlet for all of its articles."""
        dialog = ImportOutletDialog(what, self.outlets(), self.shell.widget)
        self.outlet_dialog = dialog
        dialog.accepted.connect(lambda: self.import_paths(paths, outlet=dialog.chosen()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def choose_watched_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.shell.widget, "Watch a Folder for New Articles", str(Path.home()))
        if folder:
            self.shell.settings.set("watched_folder", folder)
            self.shell.settings.save()
            self.watch(folder)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if self._dropped_paths(event) and self.import_files_action.isEnabled():
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        elif kind == QEvent.Type.Drop:
            paths = self._dropped_paths(event)
            if paths and self.import_files_action.isEnabled():
                event.acceptProposedAction()  # type: ignore[attr-defined]
                self.import_paths(paths)
                return True
        return False

    def may_close(self) -> bool:
        """Whether the window may close now; while an import runs, the user is asked first."""
        if self._running and not self._quit_anyway:
            self.ask_quit()
            return False
        return True

    def _quit_text(self) -> str:
        done = f" ({self._done_of[0]:,} of {self._done_of[1]:,})" if self._done_of else " (looking for articles)"
        return f"An import is running{done}. Quit anyway?"

    def ask_quit(self) -> None:
        """Closing the window (Ctrl+Q) while an import runs: ask first, as a desktop app does (a trial's Ctrl+Q
        quit at once, and nothing said that the articles imported so far were kept)."""
        if self.quit_question is not None:
            self.quit_question.raise_()
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Quit While Importing?", self._quit_text(),
                          parent=self.shell.widget)
        box.setObjectName("quitDuringImport")
        box.setInformativeText("The articles imported so far are kept.")
        quit_button = box.addButton("&Quit", QMessageBox.ButtonRole.AcceptRole)
        quit_button.setObjectName("quitAnyway")
        keep = box.addButton("&Keep Importing", QMessageBox.ButtonRole.RejectRole)
        keep.setObjectName("keepImporting")
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setWindowModality(Qt.WindowModality.WindowModal)

        def answered() -> None:
            self.quit_question = None
            if box.clickedButton() is quit_button:
                self._quit_anyway = True
                self.shell.widget.close()

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        self.quit_question = box
        box.open()

    @staticmethod
    def _dropped_paths(event: QEvent) -> list[Path]:
        mime = event.mimeData()  # type: ignore[attr-defined]
        if mime is None or not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]

    # --- running ----------------------------------------------------------------------------------

    def busy(self) -> bool:
        return self._running

    def import_paths(self, paths: list[Path], quiet: bool = False, outlet: str | None = None) -> None:
        """Import files and folders in the worker (after the one running, if any); `outlet` is set for all
        their articles."""
        if self._running:
            self._waiting.append((list(paths), quiet, outlet))
            return
        self._outlet = outlet
        self._start(lambda progress: self._import(list(paths), progress, outlet), quiet)

    def _start(self, job, quiet: bool) -> None:
        # The import allocates millions of short-lived objects on its thread, and each full collection then
        # walked every object the window holds too, stopping the GUI thread for 100-200 ms (measured with
        # benchmarks/import_bench.py). Frozen objects are left out of collections; the window's are long-lived.
        gc.freeze()
        self._running = True
        self._quiet = quiet
        self._cancel.clear()
        self.cancel_action.setEnabled(True)
        self.cancel_button.setEnabled(True)
        self.status_label.setText("Looking for articles…")
        self.progress_bar.setRange(0, 0)
        self.status_box.show()
        self.shell.list_pane.importing = True  # a search that finds nothing meanwhile says why
        self.started.emit()
        self.runner.submit(job, on_progress=self._on_progress, on_finished=self._on_finished,
                           on_failed=self._on_failed)

    def _library(self):
        from reader_app.core.library import Library

        return Library(self.shell.paths)  # its own: the window's library keeps serving the list and searches

    def _import(self, paths: list[Path], progress, outlet: str | None = None) -> ImportReport:
        library = self._library()
        try:
            return library.import_paths(paths, progress=progress, cancel=self._cancel.is_set, outlet=outlet)
        finally:
            library.close()

    def _scan(self, folder: str, progress) -> ImportReport:
        from reader_app.core.collection import watched

        library = self._library()
        try:
            return watched.scan(library, folder, progress=progress, cancel=self._cancel.is_set)
        finally:
            library.close()

    def cancel(self) -> None:
        """Stop: a file being read in this process is dropped at its next step (a worker process finishes its
        file first); what was imported before stays."""
        if self._running:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.cancel_action.setEnabled(False)
            self.status_label.setText("Cancelling…")

    def _on_progress(self, n: int, total: int, what: str) -> None:
        if self._cancel.is_set() or self._closed:
            return
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(n)
        self._done_of = (n, total)
        self.status_label.setText(f"Importing… {n:,} of {total:,}")
        if self.quit_question is not None:  # the question counts on as the status bar does
            self.quit_question.setText(self._quit_text())
        self.progress.emit(n, total, what)

    def _on_finished(self, report: ImportReport) -> None:
        if self._stopped_after_close():
            return
        self._done()
        self.last_report = report
        self.shell.show_status(summary(report))
        if self._quit_as_asked():
            self.finished.emit(report)
            return
        if report.added or report.updated or (self._outlet and report.duplicates):
            # the import's articles land in one commit at its end: a search made meanwhile is run again
            self.shell.refresh_list(search=True)
        if (report.failed or report.warnings) and not self._quiet:
            self.show_report(report)
        self.finished.emit(report)
        self._next()

    def _on_failed(self, message: str) -> None:
        if self._stopped_after_close():
            log.warning("the import stopped as the window closed failed: %s", message)
            return
        self._done()
        self.shell.show_status(f"The import failed: {message}")
        if self._quit_as_asked():
            self.failed.emit(message)
            return
        self.failed.emit(message)
        self._next()

    def _done(self) -> None:
        self._running = False
        self._done_of = None
        self.shell.list_pane.importing = False
        self.status_box.hide()
        self.cancel_action.setEnabled(False)

    def _stopped_after_close(self) -> bool:
        """The import the window's closing stopped has ended: nothing is shown (the window is gone); the app,
        waiting for that (`wait_stopped`), may end."""
        if not self._closed:
            return False
        self._running = False
        log.info("the import stopped by closing the window has ended")
        self.stopped.emit()
        return True

    def wait_stopped(self) -> None:
        """Once the window has closed: wait, serving events, until the import it stopped has ended (its file in
        hand dropped at its next step, what it finished committed). The closed window waited for it on the GUI
        thread before, frozen with the question still drawn for 50-100 s (a trial of 20 MB pages)."""
        if self._running and self._closed:
            loop = QEventLoop()
            self.stopped.connect(loop.quit)
            loop.exec()

    def _quit_as_asked(self) -> bool:
        """The import ended while "Quit anyway?" was open: the question goes and the window closes. The user asked
        to quit; the one reason to ask (an import to lose) is gone, and a question left open kept saying "An
        import is running (4 of 4)" under "Imported 4 articles" (a trial). What the import did is kept, as a
        Quit would have kept it; its report of refused files is not shown."""
        box = self.quit_question
        if box is None:
            return False
        log.info("the import ended while the user was asked whether to quit: quitting")
        self.quit_question = None
        box.reject()  # answered() sees no button clicked: it leaves the closing to us
        self._quit_anyway = True
        self.shell.widget.close()
        return True

    def _next(self) -> None:
        if self._waiting:
            paths, quiet, outlet = self._waiting.pop(0)
            self.import_paths(paths, quiet, outlet)

    def show_report(self, report: ImportReport) -> None:
        if self.report_dialog is not None:
            self.report_dialog.close()
        self.report_dialog = ImportReportDialog(report, self.shell.widget)
        self.report_dialog.open()

    # --- removing ---------------------------------------------------------------------------------

    def remove_articles(self, confirm: bool = True) -> None:
        """File › Remove: what is highlighted in the list (one row, or several with Ctrl/Shift+click); the open
        article only when no row is. A trial removed the open article while another row alone was highlighted."""
        chosen = self.shell.selected_article_ids()
        if len(chosen) > 1:
            self.remove_many(chosen, confirm)
        elif chosen:
            self.remove_article(chosen[0], confirm,
                                still=lambda: self.shell.selected_article_ids() == chosen)
        else:
            self.remove_open_article(confirm)

    def remove_many(self, article_ids: list[str], confirm: bool = True) -> None:
        """Take several articles out in one batch (Library.remove_many in the worker), after one question;
        shipped articles among them stay, and the question says so."""
        library = self.shell.library
        if library is None:
            return

        def count() -> tuple[list[str], int, int]:  # in the worker: the bookmark store is SQLite
            removable = [a for a in article_ids if not library.is_seed(a)]
            wanted = set(removable)
            marks = sum(1 for b in library.bookmarks.list() if b.article_id in wanted)
            return removable, len(article_ids) - len(removable), marks

        self.shell.run_task(count, on_finished=lambda found: self._confirm_remove_many(found, confirm),
                            on_failed=lambda message: self.shell.show_status(f"Could not remove them: {message}"))

    def _confirm_remove_many(self, found: tuple[list[str], int, int], confirm: bool) -> None:
        ids, seeds, marks = found
        shipped = (f"\n\n{seeds} shipped article{'s' if seeds != 1 else ''} among those selected cannot be removed "
                   f"and {'stay' if seeds != 1 else 'stays'}.") if seeds else ""
        if not ids:
            self.shell.show_status("The articles shipped with reader-app cannot be removed.")
            return
        n = len(ids)
        what = f"{n:,} article{'s' if n != 1 else ''}"
        kept = (f" Their {marks} bookmark{'s' if marks != 1 else ''} will be kept, marked as orphaned."
                if marks else "")
        if confirm and QMessageBox.question(
                self.shell.widget, "Remove Articles", f"Remove {what} from the library?{shipped}"
                f"\n\nThe files you imported them from are not touched.{kept}") != QMessageBox.StandardButton.Yes:
            return
        self.runner.submit(self._remove_many, ids, on_finished=self._removed_many,
                           on_failed=lambda message: self.shell.show_status(f"Could not remove them: {message}"))

    def _remove_many(self, article_ids: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
        library = self._library()
        try:
            return library.remove_many(article_ids)
        finally:
            library.close()

    def _removed_many(self, result: tuple[list[str], list[tuple[str, str]]]) -> None:
        removed, failed = result
        n = len(removed)
        said = f"Removed {n:,} article{'s' if n != 1 else ''}."
        if failed:  # removed meanwhile from elsewhere (the command line): say so, in the same line
            said += f" {len(failed):,} could not be: {failed[0][1]}."
        self._after_removal(set(removed), said, "The article was removed from the library.")

    def _after_removal(self, removed: set[str], said: str, why: str) -> None:
        """The window once articles are gone: the reader leaves the open one if it went (`why`), or drops the
        links to them from it; `said` in the status bar; a search shown runs again (its removed hits would
        stay listed); `removed` told."""
        shown = self.shell.current_article()
        if shown is not None and shown.id in removed:
            self.shell.reader.show_message("Pick an article to read.", why)
            self.shell.settings.set("open_article", "")
        else:
            self.shell.reader.drop_related(removed)
        self.shell.show_status(said)
        self.shell.refresh_list(search=True)
        self.removed.emit()

    def remove_open_article(self, confirm: bool = True) -> None:
        """Take the open (imported) article out of the library, after asking; its bookmarks stay, as orphans."""
        article = self.shell.current_article()
        if article is None:
            self.shell.show_status("Select or open the article to remove first.")
            return
        self.remove_article(article.id, confirm, still=lambda: self._is_open(article.id))

    def _is_open(self, article_id: str) -> bool:
        shown = self.shell.current_article()
        return shown is not None and shown.id == article_id

    def remove_article(self, article_id: str, confirm: bool = True, still: Callable[[], bool] = lambda: True) -> None:
        """Take one (imported) article out of the library, after asking; its bookmarks stay, as orphans. The
        question is not asked when `still()` says by then it is no longer what the user chose.

        Its title and bookmarks are read for the question in the window's worker (the index, and the bookmark
        store is SQLite)."""
        library = self.shell.library
        if library is None:
            return
        if library.is_seed(article_id):  # a look at the (few) shipped file names, no database
            self.shell.show_status("The articles shipped with reader-app cannot be removed.")
            return

        def look() -> tuple[Article, int]:
            return library.article(article_id), len(library.bookmarks.list(article_id=article_id))

        self.shell.run_task(look, on_finished=lambda found: self._confirm_remove(found, confirm, still),
                            on_failed=lambda message: self.shell.show_status(f"Could not remove it: {message}"))

    def _confirm_remove(self, found: tuple[Article, int], confirm: bool, still: Callable[[], bool]) -> None:
        article, marks = found
        if not still():
            return  # another article was opened or highlighted meanwhile: do not ask about this one
        kept = f"\n\nIts {marks} bookmark{'s' if marks != 1 else ''} will be kept, marked as orphaned." if marks else ""
        if confirm and QMessageBox.question(
                self.shell.widget, "Remove Article", f"Remove “{label(article.title, 120)}” from the library?"
                f"\n\nThe file you imported it from is not touched.{kept}") != QMessageBox.StandardButton.Yes:
            return
        title = label(article.title, 80)
        self.runner.submit(self._remove, article.id, on_finished=lambda _: self._removed(article.id, title),
                           on_failed=lambda message: self.shell.show_status(f"Could not remove it: {message}"))

    def _remove(self, article_id: str) -> None:
        library = self._library()
        try:
            library.remove(article_id)
        finally:
            library.close()

    def _removed(self, article_id: str, title: str) -> None:
        # a highlighted row removed while another article is open leaves that one open
        self._after_removal({article_id}, f"Removed “{title}”.", f"“{title}” was removed from the library.")

    # --- the watched folder -----------------------------------------------------------------------

    def watch(self, folder: str) -> None:
        """Follow `folder` (and its subfolders): files that appear there are imported."""
        if self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())
        root = Path(folder).expanduser()
        if not root.is_dir():
            self.shell.show_status(f"The watched folder {root} is not there.")
            return
        dirs = [str(root)] + [str(p) for p in root.rglob("*") if p.is_dir() and not p.name.startswith(".")][:500]
        self.watcher.addPaths(dirs)
        self.scan_watched()

    def _folder_changed(self, _path: str) -> None:
        self._watch_timer.start()  # a copy of many files is one burst of signals: scan once it settles

    def scan_watched(self) -> None:
        folder = self.shell.settings.get("watched_folder")
        if not folder:
            return
        if self._running:
            self._watch_timer.start()
            return
        self._outlet = None
        self._start(lambda progress: self._scan(folder, progress), quiet=True)

    def shutdown(self) -> None:
        """The window is closing: the import running is told to stop, and not waited for here (the window goes
        at once; the app waits for it after, see wait_stopped)."""
        self._waiting.clear()
        self._watch_timer.stop()
        self._cancel.set()
        self.runner.shutdown(timeout_ms=0)  # queued work dropped; the running import is not waited for
        if self._running:
            self._closed = True
            log.info("the window closed during an import: stopping it")
