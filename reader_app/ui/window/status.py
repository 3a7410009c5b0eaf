"""The status bar: a one-line message on the left, the indexing progress bar, a button listing skipped files,
and the library's count at the right end ("7 articles (+1 copy)"), which no message replaces.

Messages are transient: each clears itself after MESSAGE_MS, or when the next search starts, so an old
error never sits beside a new answer. What must stay (the read-only note, progress) is set as the base
line, which the label falls back to.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QToolButton, QWidget

from reader_app.core.wording import plural
from reader_app.ui.articles.pane import building_message
from reader_app.ui.timer import timer
from reader_app.ui.window import dialogs

MESSAGE_MS = 8000
READ_ONLY_NOTE = "Another reader-app window has this library open; this one does not save changes."


DAMAGE_NOTICE = "The index was damaged and has been rebuilt."  # the core's notice, said in other words here


def rebuilding_message(n: int, total: int) -> str:
    return (f"The index was damaged; rebuilding it: {n:,} of {total:,}…" if total else
            "The index was damaged; rebuilding it…")


def report_message(report, read_only: bool = False, count: str = "") -> str:
    """What the status bar says once the library is open (report: the core's IndexReport; count: the list's
    own words for its size, which count a text's copies apart, as the list header does)."""
    count = count or plural(report.total, "article")
    messages = []
    if report.action in ("built", "rebuilt"):
        what = "Built" if report.action == "built" else "Rebuilt"
        why = f" ({report.reason})" if report.action == "rebuilt" and report.reason else ""
        messages.append(f"{what} the index{why}: {count}.")
    if report.notice:
        messages.append(report.notice)
    if read_only:
        messages.append(READ_ONLY_NOTE)
    return " ".join(messages)  # nothing more to say: the count stays on the right (StatusArea.count)


class StatusMessage(QLabel):
    """The status line. `setText` shows a transient message; `set_base` the line it falls back to."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.base = ""
        self.timer = timer(self, MESSAGE_MS, self.clear_message)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name: every caller's message becomes transient)
        self._show(text)
        if text and text != self.base:
            self.timer.start()

    def set_base(self, text: str) -> None:
        self.base = text
        self.timer.stop()
        self._show(text)

    def clear_message(self) -> None:
        self.timer.stop()
        self._show(self.base)

    def _show(self, text: str) -> None:
        """The line, and the same words as its tooltip: a narrow window cuts a long message short."""
        super().setText(text)
        self.setToolTip(text)


class StatusArea:
    """The widgets in `window`'s status bar: `label`, `progress`, `skipped_button` (shown when an index
    build skipped files; clicking it lists them) and `count`, the library's size, always last."""

    def __init__(self, window: QMainWindow):
        bar = window.statusBar()
        bar.setObjectName("statusBar")
        self.label = StatusMessage(window)
        self.label.setObjectName("statusMessage")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar(window)
        self.progress.setObjectName("indexProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.skipped_button = QToolButton(window)
        self.skipped_button.setObjectName("skippedFiles")
        self.skipped_button.setAutoRaise(True)
        self.skipped_button.hide()
        self.skipped_button.clicked.connect(lambda: self._list_skipped(window))
        self.skipped: list[tuple[str, str]] = []
        self.count = QLabel(window)
        self.count.setObjectName("libraryCount")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setToolTip("Articles in the library (copies of one text are listed once)")
        self.count.setContentsMargins(6, 0, 6, 0)
        bar.addWidget(self.label, 1)
        self._bar = bar
        bar.addPermanentWidget(self.skipped_button)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.count)

    def add_widget(self, widget: QWidget) -> None:
        """A feature's own widget, at the right but left of the count (which ends the bar)."""
        self._bar.removeWidget(self.count)
        self._bar.addPermanentWidget(widget)
        self._bar.addPermanentWidget(self.count)
        self.count.show()  # removeWidget hid it

    def set_count(self, text: str) -> None:
        self.count.setText(text)
        self.count.setVisible(bool(text))

    def show_progress(self, n: int, total: int) -> None:
        self.progress.show()
        self.progress.setRange(0, total)  # (0, 0) until the total is known: Qt's busy indicator
        self.progress.setValue(n)
        self.label.set_base(building_message(n, total))  # stays while the work goes on

    def show_rebuilding(self, n: int, total: int) -> None:
        """A read found the index damaged and the library rebuilds it (the search waits for it)."""
        self.progress.show()
        self.progress.setRange(0, total)
        self.progress.setValue(n)
        self.label.set_base(rebuilding_message(n, total))

    def show_rebuilt(self, report, read_only: bool = False, count: str = "") -> None:
        """The damaged index is whole again: said until the next message (report: the rebuild's)."""
        self.progress.hide()
        self.label.set_base(READ_ONLY_NOTE if read_only else "")
        count = count or plural(report.total, "article")
        notice = report.notice if report.notice and report.notice != DAMAGE_NOTICE else ""
        self.label.setText(" ".join(m for m in (f"The index was damaged and has been rebuilt: {count}.", notice) if m))

    def show_report(self, report, read_only: bool = False, count: str = "") -> None:
        self.progress.hide()
        self.label.set_base(READ_ONLY_NOTE if read_only else "")
        self.label.setText(report_message(report, read_only, count))
        if report.failed:
            self.skipped = list(report.failed)
            n = len(self.skipped)
            self.skipped_button.setText(f"{n} file{'s' if n != 1 else ''} could not be read")
            self.skipped_button.show()

    def end_progress(self, read_only: bool = False) -> None:
        """The work is over: the bar goes, and so does a "Building the index: n of n…" line."""
        self.progress.hide()
        if self.label.base.startswith(building_message(0, 0).rstrip("…")):
            self.label.set_base(READ_ONLY_NOTE if read_only else "")

    def show_error(self, message: str) -> None:
        self.progress.hide()
        self.label.set_base(message)  # the library did not open: that stays true until it does

    def _list_skipped(self, window: QMainWindow) -> None:
        dialogs.skipped_files(window, self.skipped)
