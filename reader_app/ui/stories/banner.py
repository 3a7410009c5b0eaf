"""The "In story: …" line above an article: a flat button whose text is elided when the reader column is
narrower than it (the title gives way first, the counts stay), the whole line in its tooltip, so that it never
holds the column wider."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QPaintEvent
from PySide6.QtWidgets import QPushButton, QStyle, QStyleOptionButton, QStylePainter, QWidget

MIN_WIDTH = 160  # what the banner asks of the column at the least: "In story: Rus…"
PAD = 24  # the style sheet's left and right padding


class StoryBanner(QPushButton):
    """`setText` the whole line and `set_hint` what a click does; the button shows as much as fits."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._hint = ""
        self._keep = ""

    def set_line(self, text: str, hint: str, keep: str = "") -> None:
        """`keep`: the end of `text` that stays whole while the rest is elided ("(8 articles, 1 outlet)  ›": a
        trial's line read "(8 articles, 1 ou…")."""
        self.setText(text)
        self._hint = hint
        self._keep = keep if text.endswith(keep) else ""
        self.setToolTip(f"{text}\n{hint}" if hint else text)

    def shown_text(self) -> str:
        """The text as drawn now: the whole line, or its start and an ellipsis before the part kept whole
        (or, in a column too narrow even for that part, the line's start and an ellipsis)."""
        width = max(0, self.width() - PAD)
        metrics = QFontMetrics(self.font())
        text = self.text()
        if metrics.horizontalAdvance(text) <= width or not self._keep:
            return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
        head = text[:len(text) - len(self._keep)]
        room = width - metrics.horizontalAdvance(self._keep)
        if room < metrics.horizontalAdvance(head[:12] + "…"):  # the title would be gone: cut the line instead
            return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
        return metrics.elidedText(head.rstrip(), Qt.TextElideMode.ElideRight, room) + self._keep

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().sizeHint()
        return QSize(min(hint.width(), MIN_WIDTH), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), MIN_WIDTH), hint.height())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_PushButton, option)
