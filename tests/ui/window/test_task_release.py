"""A finished task lets go of what it was given: a worker's arguments (a whole library's rows, the previous
listing) are freed once it has reported, not kept for the rest of the session."""

from __future__ import annotations

import gc
import weakref

from reader_app.ui.window.workers import Runner


class _Rows(list):
    """A list that can be watched with a weak reference (a plain list cannot)."""


def _fails(_rows: list) -> int:
    raise ValueError("bad input")


def test_a_task_frees_its_arguments_after_it_reports(qtbot):
    runner = Runner()
    answers: list[int] = []
    rows = _Rows(range(100))
    gone = weakref.ref(rows)
    runner.submit(len, rows, on_finished=answers.append)
    del rows
    qtbot.waitUntil(lambda: not runner.busy())
    gc.collect()
    assert answers == [100]
    assert gone() is None


def test_a_failed_task_frees_its_arguments_too(qtbot):
    runner = Runner()
    messages: list[str] = []
    rows = _Rows(range(100))
    gone = weakref.ref(rows)
    runner.submit(_fails, rows, on_failed=messages.append)
    del rows
    qtbot.waitUntil(lambda: not runner.busy())
    gc.collect()
    assert len(messages) == 1
    assert gone() is None


def test_a_task_that_reports_after_its_window_has_gone_raises_nothing(qtbot):
    """Ctrl+Q while an export waited on a FIFO: the task's signals were deleted with the window, and its report
    raised "Signal source has been deleted" on the pool thread (a traceback on standard error at quit)."""
    import shiboken6

    from reader_app.ui.window.workers import Task

    for fn in (len, _fails):
        task = Task(fn, [1, 2])
        shiboken6.delete(task.signals)
        task.run()  # raised RuntimeError before
