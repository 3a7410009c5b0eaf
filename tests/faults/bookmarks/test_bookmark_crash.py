"""kill -9 while saving bookmarks: nothing confirmed is ever lost and the file stays sound.

A child process (tests/faults/bookmark_writer.py) adds and edits bookmarks in a loop, printing each one only
after the store call returned. It is killed with SIGKILL at a random moment (while starting, opening,
migrating, writing or backing up), 30 times on the same data folder; after every kill the database must pass
`PRAGMA integrity_check`, open without any repair, and hold every confirmed bookmark and note.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

from tests.conftest import ROOT

KILLS = 30


def _start(data_dir, seed: int) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.Popen([sys.executable, "-m", "tests.faults.bookmark_writer", str(data_dir), str(seed)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _integrity(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def _when(note: str) -> tuple[int, int]:
    """'note ROUND-N' -> (round, n), the order in which notes were written."""
    if not note.startswith("note "):
        return (-1, -1)
    round_, n = note[5:].split("-")
    return int(round_), int(n)


def test_sigkill_while_saving_loses_no_confirmed_bookmark(data_dir):
    from reader_app import paths
    from reader_app.core.bookmarks import BookmarkStore

    rng = random.Random(20261123)
    app_paths = paths.resolve(data_dir)
    confirmed: set[str] = set()
    notes: dict[str, str] = {}
    killed_while_writing = 0
    for round_ in range(KILLS):
        child = _start(data_dir, round_)
        first = ""
        if round_ % 2:  # odd rounds: at any moment, often before the store is even open
            time.sleep(rng.uniform(0.02, 0.5))
        else:  # even rounds: once saving is under way, at a random point of the loop
            assert child.stdout is not None
            first = child.stdout.readline()
            time.sleep(rng.uniform(0.0, 0.3))
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=30)
        out = first + out
        assert child.returncode == -signal.SIGKILL, err
        assert "Traceback" not in err, err
        lines = out.split("\n")[:-1]  # the last piece is empty, or a line cut short by the kill: unconfirmed
        if lines:
            killed_while_writing += 1
        for line in lines:
            kind, bid, *rest = line.split(" ", 2)
            if kind == "A":
                confirmed.add(bid)
            else:
                notes[bid] = rest[0]

        assert app_paths.bookmarks_db.exists() or not confirmed
        if not app_paths.bookmarks_db.exists():
            continue
        assert _integrity(app_paths.bookmarks_db) == ["ok"], f"after kill {round_ + 1}"
        store = BookmarkStore(app_paths)
        try:
            assert store.notice == "", store.notice  # no repair was needed
            present = {b.id: b for b in store.list()}
        finally:
            store.close()
        missing = confirmed - set(present)
        assert not missing, f"after kill {round_ + 1}: {len(missing)} confirmed bookmarks lost"
        for bid, note in notes.items():  # the confirmed note, or one saved later whose line the kill cut off
            assert _when(present[bid].note) >= _when(note), f"after kill {round_ + 1}: a confirmed note was lost"

    assert killed_while_writing >= KILLS // 2, "the kills should mostly land while bookmarks are being saved"
    assert len(confirmed) >= KILLS // 2  # every even round confirmed at least one
    print(f"{KILLS} kills, {killed_while_writing} mid-writing, {len(confirmed)} confirmed bookmarks, "
          f"{len(notes)} confirmed note changes: all present, integrity ok")
