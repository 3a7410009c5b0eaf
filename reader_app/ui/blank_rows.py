"""A list model whose row count is C++: a QStringListModel of blank strings, read-only, every role from data().

QListView lays out by asking the model for an index of every row, and each index() asks rowCount(). In a
Python model each of those is a call into Python, which waits for the interpreter while a worker thread runs
core code: 200,000 calls per layout at 100,000 articles (~0.27 s on every reset, re-sort and theme switch), and
47-51 ms to select a thread in a Stories pane of 470. Subclasses keep their rows in Python, set as many blank
strings (setStringList: one reset) and answer every role in data().
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt


class BlankRowsModel(QStringListModel):
    """Read-only rows with a list model's flags (a string list's are editable and draggable)."""

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,  # noqa: N802 (Qt's name)
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        return False  # rows are read-only
