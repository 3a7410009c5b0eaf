"""Computing the stories away from the window: a child process builds them and writes the cache; the window
polls for its end and then reads the cache in its worker. The child is a core.storage.children.Child, so it
dies with the window's process however that ends (issue #20: a killed window leaves no build running on).

A process, not a thread, so that the interpreter the window runs on is never held by seconds of text
analysis. It reads the index only, and its result is the cache file core/stories keeps anyway.
"""

from __future__ import annotations

import logging
from multiprocessing.connection import Connection

from PySide6.QtCore import QObject, Signal

from reader_app.core.storage.children import Child
from reader_app.paths import AppPaths
from reader_app.ui.timer import timer

log = logging.getLogger(__name__)
POLL_MS = 200
NICENESS = 10  # the stories build runs below the window (as recollindex nices its indexer)


def build_in_child(_conn: Connection, app_paths: AppPaths, setting: str | None) -> None:
    """In the child: the library's stories, computed and cached (core/stories.stories_for)."""
    import os

    # Background work: on a machine with few cores the window's own threads go first (the window's worker
    # holds the interpreter while it runs; preempted by this build, it keeps the GUI thread waiting).
    os.nice(NICENESS)
    from reader_app.core.library import Library
    from reader_app.core.stories import stories_for

    library = Library(app_paths)
    try:
        stories_for(library, setting)
    finally:
        library.close()


class StoryBuilder(QObject):
    """Runs build_in_child in a child process. Signals: `finished(ok)` when it has ended."""

    finished = Signal(bool)

    def __init__(self, app_paths: AppPaths, parent: QObject | None = None):
        super().__init__(parent)
        self.paths = app_paths
        self._proc: Child | None = None
        self._again: str | None | bool = False  # a setting to build for once the running build ends
        self._timer = timer(self, POLL_MS, self._poll, single_shot=False)

    @property
    def pid(self) -> int | None:
        """The running build's process id (None when no build runs)."""
        return self._proc.pid if self._proc is not None else None

    @property
    def running(self) -> bool:
        return self._proc is not None

    def start(self, setting: str | None = None) -> None:
        """Build now, or once the build in progress has ended (the library changed meanwhile)."""
        if self._proc is not None:
            self._again = setting
            return
        # started here, on the thread that polls for it: the kernel's death signal follows the starting thread
        self._proc = Child(build_in_child, self.paths, setting, name="reader-app stories")
        self._proc.start()
        self._timer.start()

    def _poll(self) -> None:
        proc = self._proc
        if proc is None or proc.exitcode is None:
            return
        self._timer.stop()
        ok = proc.exitcode == 0
        if not ok:
            log.warning("building the stories ended with exit code %s", proc.exitcode)
        proc.close()
        self._proc = None
        again, self._again = self._again, False
        if again is not False:
            self.start(again)  # type: ignore[arg-type]
        else:
            self.finished.emit(ok)

    def stop(self) -> None:
        """End a running build (the window is closing); the cache it would have written is simply not there."""
        self._timer.stop()
        self._again = False
        if self._proc is not None:
            self._proc.close()  # cuts its lifeline: it exits (and is killed if it has not within 5 s)
            self._proc = None
