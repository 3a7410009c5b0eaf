"""Finding every process of one run, however far it wandered: each carries an environment marker that its
children inherit (a process whose parent died is re-parented, so the process tree alone would lose it)."""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

MARK = "READER_APP_TEST_RUN"


def new_mark() -> dict[str, str]:
    """Environment entries that mark a run's processes."""
    return {MARK: uuid.uuid4().hex}


def marked(env: dict[str, str]) -> list[int]:
    """Pids of the live processes carrying the run's marker (zombies are dead already and not counted)."""
    needle = f"{MARK}={env[MARK]}".encode()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if needle not in Path(f"/proc/{entry}/environ").read_bytes().split(b"\0"):
                continue
            state = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if state != "Z":
            found.append(int(entry))
    return found


def wait_for(check, timeout: float, step: float = 0.02):
    """`check()`'s first true value within `timeout` seconds, else its last value."""
    deadline = time.monotonic() + timeout
    value = check()
    while not value and time.monotonic() < deadline:
        time.sleep(step)
        value = check()
    return value


def describe(pids: list[int]) -> list[str]:
    out = []
    for pid in pids:
        try:
            out.append(f"{pid}: " + Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:160])
        except OSError:
            out.append(f"{pid}: (gone)")
    return out
