"""The search box across the top: debounces typing with a single-shot timer and says what the user asked
for (the window runs the searches); recent searches complete what is typed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QKeyCombination, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLineEdit, QToolButton, QWidget

DEBOUNCE_MS = 180


class SearchBox(QLineEdit):
    """The query field. Signals: `submitted()` on Enter, `down_pressed()` on Down, `escaped()` on Esc."""

    submitted = Signal()
    down_pressed = Signal()
    escaped = Signal()

    # Keys a line edit claims for editing on some platforms (Ctrl+E: end of line, as in Emacs, on X11) that are
    # the window's shortcuts: from the search box, where focus stays after a search, they do what the menus say.
    WINDOW_KEYS = {QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_E)}  # Article Details

    def event(self, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and event.keyCombination() in self.WINDOW_KEYS):
            event.ignore()  # not ours: the shortcut map passes the key to the window's action
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        completer = self.completer()
        popup = completer.popup() if completer else None
        completing = popup if popup is not None and popup.isVisible() else None
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if completing:
                completing.hide()  # Enter takes the highlighted recent search (already in the box) and goes
            self.submitted.emit()
        elif key == Qt.Key.Key_Down:
            self.down_pressed.emit()
        elif key == Qt.Key.Key_Escape:
            if completing:
                completing.hide()  # Esc first closes the recent searches, then clears
            else:
                self.escaped.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()


class SearchBar(QWidget):
    """The search box. Signals:
      `query_changed(query)`  the (debounced) query to show results for; '' means the full list
      `submitted(query)`      Enter: open the first result of `query`
      `down_pressed()`        Down: move into the results
      `help_requested()`      the "?" button: show the query syntax
    """

    query_changed = Signal(str)
    submitted = Signal(str)
    down_pressed = Signal()
    help_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("searchBar")
        self.box = SearchBox(self)
        self.box.setObjectName("searchBox")
        self.box.setAccessibleName("searchBox")
        self.box.setAccessibleDescription("Search the articles; Enter opens the first result, Esc clears")
        self.box.setPlaceholderText("Search articles   (Ctrl+K)")
        self.box.setClearButtonEnabled(True)
        self.box.setMaxLength(2000)
        self.help_button = QToolButton(self)
        self.help_button.setObjectName("searchHelpButton")
        self.help_button.setText("?")
        self.help_button.setToolTip("Search syntax")
        self.help_button.setAccessibleName("Search syntax")
        self.help_button.clicked.connect(self.help_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(self.box, 1)
        layout.addWidget(self.help_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit_query)
        self._last_emitted = ""
        self.box.textChanged.connect(self._on_text)
        self.box.submitted.connect(self._on_submit)
        self.box.down_pressed.connect(self.down_pressed)
        self.box.escaped.connect(self.clear)
        # Recent searches complete what is typed (a model, shown by QCompleter's own popup).
        self.recent_model = QStringListModel(self)
        completer = QCompleter(self.recent_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.activated.connect(self.set_query)
        self.box.setCompleter(completer)

    def set_recent(self, searches: list[str]) -> None:
        """The user's recent searches, newest first, offered as completions."""
        self.recent_model.setStringList([s for s in searches if isinstance(s, str)])

    def query(self) -> str:
        return self.box.text().strip()

    def set_query(self, text: str) -> None:
        """Put `text` in the box and search for it now (a "Did you mean" click, say)."""
        self.box.setText(text)
        self._emit_query()

    def clear(self) -> None:
        self.box.clear()
        self._emit_query()

    def focus(self) -> None:
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def _on_text(self, _text: str) -> None:
        if not self.query():
            self._emit_query()  # clearing brings back the list at once
        else:
            self._timer.start()

    def _emit_query(self) -> None:
        self._timer.stop()
        query = self.query()
        if query != self._last_emitted:
            self._last_emitted = query
            self.query_changed.emit(query)

    def _on_submit(self) -> None:
        self._emit_query()  # a query still waiting on the timer goes now
        if self.query():
            self.submitted.emit(self.query())
