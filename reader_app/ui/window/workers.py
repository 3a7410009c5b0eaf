"""Long work off the GUI thread: a QRunnable per job, reporting through a small QObject's signals.

Domain code takes a plain progress callback (n, total, what); the worker turns calls to it into the
`progress` signal, so the core stays Qt-free and tests can pass any callable.
"""

from __future__ import annotations

import gc
import logging
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, str], None]


class TaskSignals(QObject):
    """What a running task reports, delivered on the GUI thread.

    Signals: `progress(n, total, what)`, `finished(result)`, `failed(message)` where message is one plain
    sentence for the user (the traceback goes to the log).
    """

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)


_bulk_lock = threading.Lock()
_bulk_depth = 0
_thresholds = gc.get_threshold()  # the collector's thresholds outside loads
_NO_FULL = 1 << 30  # a threshold for the oldest generation that allocation never reaches


@contextmanager
def bulk_load() -> Iterator[None]:
    """Around a worker step that loads a big long-lived structure (the library's rows, the stories): no full
    garbage collection while it grows, and what it loaded left out of later ones.

    A full collection walks every tracked object while holding the interpreter, on whichever thread
    allocates: 60-90 ms at 20,000 articles, 40-166 ms at 100,000, and the window froze for each; a load
    allocates enough to set off several (freezing each one's survivors still left the next to walk what was
    new since). Inside the block only the young generations are collected (a few thousand objects a walk),
    so the load's short-lived cycles are still freed; at its end what it loaded is frozen (gc.freeze) after
    one more young collection. Frozen objects are still freed by reference counting when dropped; only a
    reference cycle that outlived two young collections during a load, or was alive at its end, and was
    dropped later is never collected. So this is confined to these loads (a library opened or synced, the
    stories loaded), which happen a few times a session, never to every task: a search's leftovers are
    collected as usual."""
    global _bulk_depth, _thresholds
    with _bulk_lock:
        _bulk_depth += 1
        if _bulk_depth == 1:
            _thresholds = gc.get_threshold()
            gc.set_threshold(_thresholds[0], _thresholds[1], _NO_FULL)
    try:
        yield
    finally:
        with _bulk_lock:
            _bulk_depth -= 1
            if _bulk_depth == 0:
                gc.set_threshold(*_thresholds)
            gc.collect(1)  # the step's own young cyclic leftovers, before the rest is frozen
            gc.freeze()


def user_message(exc: BaseException) -> str:
    """One plain sentence for an exception raised by the core."""
    from reader_app.core.bookmarks import BookmarkError
    from reader_app.core.errors import LibraryError, describe_os_error

    if isinstance(exc, LibraryError | BookmarkError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"Something could not be read or saved: {describe_os_error(exc)}."
    return f"Something went wrong ({type(exc).__name__}); details are in the log file."


def _done(*_args: Any, **_kwargs: Any) -> None:
    """What a task holds once it has run (see Task.run)."""


class Task(QRunnable):
    """Runs `fn(*args, **kwargs)` on a pool thread. With `progress=True`, fn gets a `progress=` callback."""

    def __init__(self, fn: Callable[..., Any], *args: Any, progress: bool = False, **kwargs: Any):
        super().__init__()
        self.signals = TaskSignals()
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self._with_progress = progress
        self.setAutoDelete(False)  # the Runner keeps the Python object alive until it reports

    def _report_progress(self, n: int, total: int, what: str = "") -> None:
        safe_emit(self.signals.progress, int(n), int(total), str(what))

    def run(self) -> None:
        fn, args, kwargs = self._fn, self._args, self._kwargs
        # Let go of the arguments before reporting: the task object outlives its run (its signals' connections
        # refer back to it, a cycle through Qt that Python's collector cannot see), and arguments such as a
        # whole library's rows or the previous listing would stay alive with it for the rest of the session.
        self._fn, self._args, self._kwargs = _done, (), {}
        if self._with_progress:
            kwargs = dict(kwargs, progress=self._report_progress)
        try:
            result = fn(*args, **kwargs)
        except Exception as exc:  # reported, never raised on a pool thread
            log.exception("task %s failed", getattr(fn, "__qualname__", fn))
            traceback.clear_frames(exc.__traceback__)  # a kept log record must not keep the failed call's data
            del fn, args, kwargs
            safe_emit(self.signals.failed, user_message(exc))
            return
        del fn, args, kwargs
        safe_emit(self.signals.finished, result)


def safe_emit(signal: Any, *args: Any) -> None:
    """Report to the window, unless it is gone: a task still running when the app quits finds its signals
    deleted with the window (Qt's "Signal source has been deleted"), and nobody is left to tell."""
    try:
        signal.emit(*args)
    except RuntimeError:
        log.info("a task reported after its window had gone")


class Runner(QObject):
    """Submits tasks to its own thread pool and keeps them alive until they report.

    Library work runs on a one-thread pool by default, so the core sees one call at a time and tasks run in
    the order they were asked for; pass `threads` for work that may run side by side.
    """

    def __init__(self, threads: int = 1, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._running: set[Task] = set()

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_finished: Callable[[Any], None] | None = None,
        on_failed: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        **kwargs: Any,
    ) -> Task:
        task = Task(fn, *args, progress=on_progress is not None, **kwargs)
        if on_progress is not None:
            task.signals.progress.connect(self._while_here(on_progress))
        if on_finished is not None:
            task.signals.finished.connect(self._while_here(on_finished))
        if on_failed is not None:
            task.signals.failed.connect(self._while_here(on_failed))
        task.signals.finished.connect(lambda _r, t=task: self._running.discard(t))
        task.signals.failed.connect(lambda _m, t=task: self._running.discard(t))
        self._running.add(task)
        self.pool.start(task)
        return task

    def _while_here(self, callback: Callable[..., None]) -> Callable[..., None]:
        """`callback`, called only while this runner (and so the widget that made it, its parent) is still
        there: a task finishing after its window closed would call into deleted widgets ("Internal C++
        object already deleted"). Qt drops a connection by itself only for a bound method of a QObject."""

        def call(*args: Any) -> None:
            if isValid(self):
                callback(*args)

        return call

    def busy(self) -> bool:
        return bool(self._running)

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Drop queued tasks and wait for the running one; True when all stopped in time."""
        self.pool.clear()
        return self.pool.waitForDone(timeout_ms)
