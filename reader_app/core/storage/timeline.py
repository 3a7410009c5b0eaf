"""Timestamps of an import's steps for benchmarks/import_timeline.py, written only when READER_APP_TIMELINE names
a file (each line: wall-clock time, pid, the process's CPU seconds so far, step); otherwise `mark` does nothing."""

from __future__ import annotations

import os
import time

_FILE = os.environ.get("READER_APP_TIMELINE")


def mark(what: str) -> None:
    if _FILE:
        fd = os.open(_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, f"{time.time():.4f} {os.getpid()} {time.process_time():.3f} {what}\n".encode())
        finally:
            os.close(fd)


_PROFILE = os.environ.get("READER_APP_PROFILE_WORKERS")  # a folder: each import worker's cProfile is saved there


def profile_start():
    """A running cProfile.Profile when READER_APP_PROFILE_WORKERS names a folder, else None."""
    if not _PROFILE:
        return None
    import cProfile

    prof = cProfile.Profile()
    prof.enable()
    return prof


def profile_save(prof) -> None:
    if prof is not None:
        prof.disable()
        prof.dump_stats(os.path.join(_PROFILE or ".", f"worker-{os.getpid()}.prof"))
