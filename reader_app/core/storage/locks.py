"""Advisory file locks (fcntl.flock): released by the kernel when a process dies, so never stale."""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

ENV_LOCK_TIMEOUT = "READER_APP_LOCK_TIMEOUT"
LOCK_TIMEOUT = 20.0  # seconds a command waits for another process's import or removal before giving up


def lock_timeout(default: float = LOCK_TIMEOUT) -> float:
    """How long to wait for the library lock: $READER_APP_LOCK_TIMEOUT seconds (for tests), else `default`."""
    try:
        value = float(os.environ.get(ENV_LOCK_TIMEOUT, ""))
    except ValueError:
        return default
    return value if value >= 0 else default


class LockBusy(Exception):
    """Another process holds the lock."""


@contextlib.contextmanager
def file_lock(path: Path, timeout: float = 30.0, shared: bool = False) -> Iterator[None]:
    """Hold an exclusive (or shared) lock on `path` for the block; LockBusy after `timeout` seconds.

    A folder that cannot be written gets no lock file; the caller's own writes will then fail clearly.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield
        return
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockBusy(str(path))
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)


class InstanceLock:
    """Held for a window's lifetime, so a second window on the same data folder knows it is second."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._fd: int | None = None

    def acquire(self) -> bool:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return True  # a read-only folder: nothing can be written, so nothing can clash
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
