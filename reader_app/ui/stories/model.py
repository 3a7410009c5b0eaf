"""The Stories pane's list model: one row per thread, newest activity first, with its unread count."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt

from reader_app.ui.blank_rows import BlankRowsModel

if TYPE_CHECKING:
    from reader_app.core.stories import Thread

ThreadRole = Qt.ItemDataRole.UserRole + 1  # the Thread of a row
UnreadRole = Qt.ItemDataRole.UserRole + 2  # how many of its articles are unread


def span(thread: Thread) -> str:
    """The thread's dates as a reader would say them: "2021 – 2024", "2024-05-09", "undated"."""
    if not thread.first:
        return "undated"
    return thread.first if thread.first == thread.last else f"{thread.first} – {thread.last}"


def summary(thread: Thread, unread: int) -> str:
    outlets = ", ".join(thread.outlets[:3]) + (f" +{len(thread.outlets) - 3}" if len(thread.outlets) > 3 else "")
    # the counts first: in a narrow pane the line elides at its end, and a trial saw "7 unre…"
    parts = [f"{len(thread.articles):,} articles"] + ([f"{unread:,} unread"] if unread else [])
    return " · ".join(parts + [outlets or "outlet unknown", span(thread)])


class StoriesModel(BlankRowsModel):
    """Threads as rows (DisplayRole: the label and a summary line; ThreadRole: the Thread). Its rowCount is
    C++ (ui/blank_rows.py): selecting a thread after a reset lays the view out."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._threads: list[Thread] = []
        self._read: set[str] = set()
        self.row_height = 0  # set by the view from its font: two lines and a margin

    def set_threads(self, threads: list[Thread], read: set[str]) -> None:
        self._threads = list(threads)
        self._read = set(read)
        self.setStringList([""] * len(self._threads))  # one reset


    def set_read(self, read: set[str]) -> None:
        self._read = set(read)
        if self._threads:
            self.dataChanged.emit(self.index(0), self.index(len(self._threads) - 1))

    def thread_at(self, row: int) -> Thread | None:
        return self._threads[row] if 0 <= row < len(self._threads) else None

    def row_of(self, thread_id: str) -> int:
        return next((n for n, t in enumerate(self._threads) if t.id == thread_id), -1)

    def unread(self, thread: Thread) -> int:
        return sum(1 for a in thread.articles if a not in self._read)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._threads):
            return None
        t = self._threads[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            from reader_app.ui.text import label

            return f"{label(t.title, 160)}\n{summary(t, self.unread(t))}"
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(0, self.row_height) if self.row_height else None  # as wide as the view: text elides
        if role == Qt.ItemDataRole.ToolTipRole:
            from reader_app.ui.text import plain_tooltip

            return plain_tooltip(f"{t.title}\n{summary(t, self.unread(t))}")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{t.title}, {summary(t, self.unread(t))}"
        if role == ThreadRole:
            return t
        if role == UnreadRole:
            return self.unread(t)
        return None
