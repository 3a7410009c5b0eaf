"""What a killed import leaves in the library folder (copies it never listed, half-written temporary files) is
removed by the next import; nothing is removed while the manifest cannot be read."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from reader_app.core.collection.manifest import MANIFEST


def _dead_pid() -> int:
    p = subprocess.Popen(["true"])
    p.wait()
    return p.pid


def _zombie() -> subprocess.Popen:
    """A process that has ended but not been reaped (as a killed worker waits for its new parent to reap it)."""
    p = subprocess.Popen(["true"])
    stat = Path(f"/proc/{p.pid}/stat")
    while stat.read_text().rsplit(")", 1)[1].split()[0] != "Z":
        time.sleep(0.01)
    return p


def test_the_next_import_removes_unlisted_copies_and_dead_writers_temporary_files(tmp_path, library):
    src = tmp_path / "src"
    src.mkdir()
    for n in range(3):
        (src / f"a{n}.txt").write_text(f"Story {n}\n\nText of story number {n}.\n", encoding="utf-8")
    library.import_paths([src / "a0.txt", src / "a1.txt"])
    folder = library.paths.library
    listed = {p.name for p in folder.iterdir()}
    stray = folder / "0123456789ab.txt"  # a killed import's copy: never listed in the manifest
    stale = folder / f".0123456789ab.txt.{_dead_pid()}.tmp"
    live = folder / f".0123456789ab.txt.{os.getpid()}.tmp"  # a live writer's: not ours to touch
    other = folder / "notes.txt"  # not a copy's name
    zombie = _zombie()
    unreaped = folder / f".0123456789ab.txt.{zombie.pid}.tmp"
    for p in (stray, stale, live, other, unreaped):
        p.write_text("x")

    report = library.import_paths([src / "a2.txt"])
    zombie.wait()

    assert len(report.added) == 1
    left = {p.name for p in folder.iterdir()}
    assert listed <= left
    assert stray.name not in left and stale.name not in left and unreaped.name not in left
    assert live.name in left and other.name in left


def test_without_a_readable_manifest_no_copy_is_removed_but_temporary_files_are(tmp_path, library):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("Story\n\nSome text.\n", encoding="utf-8")
    (src / "b.txt").write_text("Another\n\nOther text.\n", encoding="utf-8")
    library.import_paths([src / "a.txt"])
    folder = library.paths.library
    copies = {p.name for p in folder.iterdir() if p.name != MANIFEST}
    (folder / MANIFEST).write_text("{not json")
    stale = folder / f".0123456789ab.txt.{_dead_pid()}.tmp"  # a dead writer's: removed all the same
    stale.write_text("x")

    library.import_paths([src / "b.txt"])

    left = {p.name for p in folder.iterdir()}
    assert copies <= left and stale.name not in left
