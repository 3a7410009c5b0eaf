"""The line in the article list's header that names the people, organisations and places the list is
filtered by ("Naming Dmitry Peskov and Armenia"), with a button that clears them.

Facet clicks add up (each narrows the list shown, whose counts the pane gives), so the names in force are
said where the list is, not only in the search box. Signals: `clear_requested()`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from reader_app.ui.text import label


def naming(names: list[str]) -> str:
    """ "Naming A", "Naming A and B", "Naming A, B and C"."""
    shown = [label(n, 60) for n in names]
    return "Naming " + (", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0])


class EntityFilterBar(QWidget):
    """Hidden while no entity filter is in force."""

    clear_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("entityFilterBar")
        self.label = QLabel(self)
        self.label.setObjectName("entityFilterNames")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # wraps, never widens
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("entityFilterClear")
        self.clear_button.setText("✕ Clear")
        self.clear_button.setToolTip("Stop filtering by these names (the words of the search stay)")
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(self.clear_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def set_names(self, names: list[str]) -> None:
        self.label.setText(naming(names) if names else "")
        self.label.setToolTip(self.label.text())
        self.setVisible(bool(names))

    def text(self) -> str:
        return self.label.text()
