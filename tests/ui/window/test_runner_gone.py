"""A task that finishes after the widget that asked for it has gone (the window closed while a list was being
sorted) reports to nobody, instead of calling into the deleted widget."""

from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import QObject

from reader_app.ui.window.workers import Runner


def _slow(x: int) -> int:
    time.sleep(0.3)
    return x * 2


class _Pane(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.runner = Runner(parent=self)
        self.answers: list[int] = []

    def take(self, value: int) -> None:
        self.objectName()  # a deleted widget raises here (Internal C++ object already deleted)
        self.answers.append(value)


def test_a_task_reports_to_its_widget_while_it_is_there(qtbot):
    pane = _Pane()
    pane.runner.submit(_slow, 21, on_finished=lambda v: pane.take(v))
    qtbot.waitUntil(lambda: pane.answers == [42], timeout=5000)


def test_a_task_finishing_after_its_widget_was_deleted_calls_nothing(qtbot):
    pane = _Pane()
    called: list[int] = []

    def take(value: int) -> None:
        called.append(value)
        pane.take(value)

    pane.runner.submit(_slow, 21, on_finished=take, on_failed=lambda m: called.append(-1))
    shiboken6.delete(pane)  # the widget and its runner go (the pool waits for the running task)
    qtbot.wait(300)  # the task's queued report is delivered now, to nobody
    assert called == []
