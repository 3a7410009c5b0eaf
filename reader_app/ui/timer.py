"""QTimers made in one line: Qt's keyword-property form (`QTimer(self, interval=…, timeout=…)`) works at run
time but is not in PySide6's type stubs, so the window's timers are made here."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


def timer(parent: QObject, interval_ms: int, slot: Callable[[], object], single_shot: bool = True) -> QTimer:
    """A stopped timer owned by `parent` that calls `slot` after `interval_ms` (once, or every interval)."""
    t = QTimer(parent)
    t.setSingleShot(single_shot)
    t.setInterval(interval_ms)
    t.timeout.connect(slot)
    return t
