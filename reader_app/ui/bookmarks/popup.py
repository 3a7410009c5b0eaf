"""The small popup that takes a bookmark's note and tags: Enter saves, Shift+Enter starts a new line, Esc cancels."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QStringListModel, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reader_app.ui.text import label

QUOTE_PREVIEW = 220
GAP = 8  # between the passage and the popup


def _parts(text: str) -> list[str]:
    return text.split("," if "," in text or "#" not in text else "#")


def split_tags(text: str) -> list[str]:
    """Tags typed as `a, b c` or `#a #b`: commas separate tags; without commas, each #word is one tag."""
    from reader_app.core.bookmarks import BookmarkError, normalise_tags

    parts = _parts(text)
    try:
        return normalise_tags(parts)
    except BookmarkError:  # the popup refuses these (tags_problem); saving would say why in the status bar
        return [p for p in parts if p.strip()]


def tags_problem(text: str) -> str | None:
    """Why the tags typed cannot be kept (core.bookmarks.model.tag_problem: the rule the command line and
    importing follow too), or None."""
    from reader_app.core.bookmarks import BookmarkError, normalise_tags

    try:
        normalise_tags(_parts(text))
    except BookmarkError as exc:
        return str(exc)
    return None


class _NoteEdit(QPlainTextEdit):
    """A note field where Enter submits (the dialog's accept) and Shift+Enter inserts a line break."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class _TagCompleter(QCompleter):
    """Completes the tag being typed (after the last comma), keeping the ones before it."""

    def splitPath(self, path: str) -> list[str]:
        return [path.split(",")[-1].strip().lstrip("#")]

    def pathFromIndex(self, index) -> str:
        field = self.widget()
        typed = field.text() if isinstance(field, QLineEdit) else ""
        head = typed.rsplit(",", 1)[0] + ", " if "," in typed else ""
        return head + str(index.data())


class BookmarkPopup(QDialog):
    """Asks for a note and tags for one passage. `note()` and `tags()` hold the answer once accepted."""

    def __init__(self, parent: QWidget | None, quote: str, note: str = "", tags: list[str] | None = None,
                 known_tags: list[str] | None = None, editing: bool = False):
        super().__init__(parent)
        self.setObjectName("bookmarkPopup")
        self.setWindowTitle("Edit Bookmark" if editing else "Bookmark Passage")
        self.setModal(True)
        preview = label(" ".join(quote.split()), QUOTE_PREVIEW * 2)
        self.quote_label = QLabel(self)
        self.quote_label.setObjectName("bookmarkQuote")
        self.quote_label.setTextFormat(Qt.TextFormat.PlainText)
        self.quote_label.setWordWrap(True)
        self.quote_label.setText("“" + (preview if len(preview) <= QUOTE_PREVIEW else preview[:QUOTE_PREVIEW - 1] + "…")
                                 + "”")
        font = self.quote_label.font()
        font.setItalic(True)
        self.quote_label.setFont(font)

        self.note_edit = _NoteEdit(self)
        self.note_edit.setObjectName("bookmarkNote")
        self.note_edit.setAccessibleName("bookmarkNote")
        self.note_edit.setPlaceholderText("Note (optional) — Shift+Enter for a new line")
        self.note_edit.setPlainText(note)
        self.note_edit.setTabChangesFocus(True)
        lines = QFontMetrics(self.note_edit.font()).lineSpacing()
        self.note_edit.setFixedHeight(lines * 4 + 14)
        self.tags_edit = QLineEdit(self)
        self.tags_edit.setObjectName("bookmarkTags")
        self.tags_edit.setAccessibleName("bookmarkTags")
        self.tags_edit.setPlaceholderText("Tags, separated by commas")
        self.tags_edit.setText(", ".join(tags or []))
        if known_tags:
            completer = _TagCompleter(QStringListModel(known_tags, self), self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.tags_edit.setCompleter(completer)
        self.tags_error = QLabel(self)  # why the tags typed cannot be kept, until they are changed
        self.tags_error.setObjectName("bookmarkTagsError")
        self.tags_error.setTextFormat(Qt.TextFormat.PlainText)
        self.tags_error.setWordWrap(True)
        self.tags_error.hide()
        self.tags_edit.textEdited.connect(lambda _text: self.tags_error.hide())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.note_edit.submitted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        layout.addWidget(self.quote_label)
        layout.addWidget(self.note_edit)
        layout.addWidget(self.tags_edit)
        layout.addWidget(self.tags_error)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)
        self.setMaximumWidth(520)
        self.note_edit.setFocus()
        self.note_edit.moveCursor(self.note_edit.textCursor().MoveOperation.End)

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def tags(self) -> list[str]:
        return split_tags(self.tags_edit.text())

    def accept(self) -> None:
        """Save, unless a tag cannot be kept: then say why under the tags and stay open."""
        why = tags_problem(self.tags_edit.text())
        if why:
            self.tags_error.setText(why[:1].upper() + why[1:] + ".")
            self.tags_error.show()
            self.tags_edit.setFocus()
            return
        super().accept()

    def show_near(self, point: QPoint) -> None:
        """Open (window-modal, not blocking) with its top-left near `point` (global), inside the window when it
        fits there and on screen."""
        self.show_beside(QRect(point, point), None)

    def show_beside(self, passage: QRect, area: QRect | None) -> None:
        """Open (window-modal, not blocking) below `passage` (a global rectangle), or above it when there is no
        room below, so that it covers none of it, within `area` (global: the reader's viewport) when it fits
        there, else within the window; the screen has the last word. A trial's popup covered the passage being
        bookmarked and ran over the reader's scroll bar to the window's edge."""
        self.adjustSize()
        self.move(passage.left(), passage.bottom() + GAP)
        self.open()  # shown first: its frame (title bar, borders) is known only then
        frame = self.frameGeometry()
        width, height = frame.width(), frame.height()
        x, y = passage.left(), passage.bottom() + GAP
        areas = [area] if area is not None else []
        parent = self.parentWidget()
        if parent is not None:
            areas.append(parent.window().frameGeometry())
        screen = self.screen()
        # the first area the popup fits in (the reader, else the window), then the screen has the last word
        areas = [a for a in areas if a.width() >= width and a.height() >= height][:1]
        if screen is not None:
            areas.append(screen.availableGeometry())
        for bounds in areas:
            x = max(bounds.left(), min(x, bounds.right() + 1 - width))
            if y + height > bounds.bottom() + 1:
                above = passage.top() - GAP - height
                y = above if above >= bounds.top() else max(bounds.top(), bounds.bottom() + 1 - height)
        self.move(x, y)
        self.note_edit.setFocus()
