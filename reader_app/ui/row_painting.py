"""Drawing shared by the list views' delegates and views: a row's background and an empty view's message."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyleOptionViewItem


def paint_row_background(painter: QPainter, option: QStyleOptionViewItem, inset: int = 0) -> tuple[bool, QColor]:
    """Selection or hover fill and a hairline under the row (inset from both ends).

    Returns whether the row is selected and the colour its main text takes."""
    pal = option.palette
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    rect = QRect(option.rect)
    if selected:
        painter.fillRect(rect, pal.color(QPalette.ColorRole.Highlight))
    elif option.state & QStyle.StateFlag.State_MouseOver:
        painter.fillRect(rect, pal.color(QPalette.ColorRole.AlternateBase))
    painter.setPen(pal.color(QPalette.ColorRole.Midlight))
    painter.drawLine(rect.left() + inset, rect.bottom(), rect.right() - inset, rect.bottom())
    return selected, pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)


def paint_placeholder(view: QAbstractItemView, text: str) -> None:
    """The view's empty-state message, centred near the top of its viewport, when it has no rows."""
    model = view.model()
    if not text or (model is not None and model.rowCount() > 0):
        return
    painter = QPainter(view.viewport())
    painter.setPen(view.palette().color(QPalette.ColorRole.PlaceholderText))
    r = view.viewport().rect().adjusted(24, 40, -24, -24)
    painter.drawText(r, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, text)
    painter.end()
