"""The Stories pane: threads of the library, newest activity first; Enter or a click opens one.

Signals: `thread_activated(thread_id)`.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QListView, QVBoxLayout, QWidget

from reader_app.ui.stories.model import StoriesModel, ThreadRole


class StoriesView(QListView):
    """The list of threads; Enter opens the current one."""

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class StoriesPane(QWidget):
    """A status line ("5 stories", "Finding stories…") over the list of threads."""

    thread_activated = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("storiesPane")
        self.model = StoriesModel(self)
        self.status = QLabel("Finding stories…", self)
        self.status.setObjectName("storiesStatus")
        self.status.setContentsMargins(8, 6, 8, 6)
        self.status.setWordWrap(True)
        self.view = StoriesView(self)
        self.view.setObjectName("storiesList")
        self.view.setModel(self.model)
        self.model.row_height = 2 * self.view.fontMetrics().lineSpacing() + 8
        # One title line and one summary line per thread, elided: rows of one height need no measuring,
        # so thousands of threads reset without laying each one out on the GUI thread.
        self.view.setWordWrap(False)
        self.view.setUniformItemSizes(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setAlternatingRowColors(True)
        self.view.setSpacing(2)
        self.view.setAccessibleName("Story threads")
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self.setFocusProxy(self.view)

    def _activated(self, index: QModelIndex) -> None:
        thread = index.data(ThreadRole)
        if thread is not None:
            self.thread_activated.emit(thread.id)

    def select_thread(self, thread_id: str | None) -> None:
        """Highlight the row of the thread the reader shows (none: no row), without opening it."""
        row = self.model.row_of(thread_id) if thread_id else -1
        selection = self.view.selectionModel()
        if row < 0:
            selection.clearSelection()
            selection.setCurrentIndex(QModelIndex(), selection.SelectionFlag.NoUpdate)
            return
        index = self.model.index(row)
        selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)

    def set_status(self, text: str) -> None:
        self.status.setText(text)
