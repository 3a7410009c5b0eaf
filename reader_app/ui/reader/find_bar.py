"""Find in article: a slim bar under the reader with the query, previous/next and a match count."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    """Signals: `find_requested(text)` as the user types, `next_requested()`, `previous_requested()`,
    `closed()` when hidden with Esc or the close button."""

    find_requested = Signal(str)
    next_requested = Signal()
    previous_requested = Signal()
    closed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("findBar")
        self.field = QLineEdit(self)
        self.field.setObjectName("findField")
        self.field.setAccessibleName("Find in article")
        self.field.setPlaceholderText("Find in article")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel("", self)
        self.count.setObjectName("findCount")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setMinimumWidth(90)
        self.prev_button = self._button("findPrevious", "↑", "Previous match (Shift+Enter)", self.previous_requested)
        self.next_button = self._button("findNext", "↓", "Next match (Enter)", self.next_requested)
        self.close_button = self._button("findClose", "✕", "Close (Esc)", self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(6)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.prev_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.close_button)
        self.field.textChanged.connect(self.find_requested)
        self.field.installEventFilter(self)
        self.hide()

    def _button(self, name: str, text: str, tip: str, slot) -> QToolButton:
        b = QToolButton(self)
        b.setObjectName(name)
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(tip.split(" (")[0])
        b.setAutoRaise(True)
        b.clicked.connect(slot)
        return b

    def open_bar(self, text: str = "") -> None:
        self.show()
        if text:
            self.field.setText(text)
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        if self.field.text():
            self.find_requested.emit(self.field.text())

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def set_count(self, current: int, total: int) -> None:
        if not self.field.text():
            self.count.setText("")
        elif total == 0:
            self.count.setText("No matches")
        else:
            self.count.setText(f"{current} of {total}")

    def eventFilter(self, obj, event) -> bool:
        if obj is self.field and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                (self.previous_requested if shift else self.next_requested).emit()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(obj, event)
