"""The button over the reader that brings back the article list while a small window has folded it away
(window/pane_sizes.py folds it so the reader keeps a readable column; its splitter handle is a hairline)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QSizePolicy, QToolButton, QWidget


class FoldedListButton(QToolButton):
    """Shown exactly while `list_pane` is folded (a pixel wide at most); a click focuses the list, which unfolds it."""

    def __init__(self, list_pane: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("foldedListButton")
        self.setText("☰ Articles")
        self.setToolTip("Show the article list (Ctrl+1): the window is too narrow for it beside the article")
        self.setAccessibleName("Show the article list")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setAutoRaise(True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.list_pane = list_pane
        self.clicked.connect(self._show_list)
        list_pane.installEventFilter(self)
        self.hide()

    def _show_list(self) -> None:
        enter = getattr(self.list_pane, "enter_list", None)
        enter() if callable(enter) else self.list_pane.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list_pane and event.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide):
            # folded: QSplitter leaves it a pixel wide (its minimum, which pane_sizes keeps at 1 while folded)
            self.setVisible(self.list_pane.isVisible() and self.list_pane.width() <= 1)
        return False
