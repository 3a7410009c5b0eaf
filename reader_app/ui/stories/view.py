"""The story view: a thread's timeline or a comparison, shown in the reader pane in place of the article.

Signals: `article_requested(id)`, `compare_picked(id)`, `back_requested(thread_id)` (to the timeline),
`closed()` (Esc: back to the article).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QTextBrowser

from reader_app.ui.theme import Colours


class StoryView(QTextBrowser):
    """Read-only HTML with keyboard-followable links (Tab, Enter)."""

    article_requested = Signal(str)
    compare_picked = Signal(str)
    back_requested = Signal(str)
    closed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("storyView")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.anchorClicked.connect(self._on_anchor)
        self.document().setDocumentMargin(24)
        self.kind = ""  # "timeline" or "compare": what is shown

    def show_html(self, html: str, kind: str) -> None:
        self.kind = kind
        self.setHtml(html)
        self.verticalScrollBar().setValue(0)

    def set_colours(self, colours: Colours) -> None:
        pal = self.viewport().palette()
        pal.setColor(QPalette.ColorRole.Base, QColor(colours.base))
        pal.setColor(QPalette.ColorRole.Text, QColor(colours.text))
        self.viewport().setPalette(pal)

    def _on_anchor(self, url: QUrl) -> None:
        scheme, _, value = url.toString().partition(":")
        if scheme == "story-article":
            self.article_requested.emit(value)
        elif scheme == "story-compare":
            self.compare_picked.emit(value)
        elif scheme == "story-back":
            self.back_requested.emit(value)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
            return
        super().keyPressEvent(event)
