"""What a bookmark save costs now that every write is checkpointed into the file, and what opening costs when a
log was left behind (checked frame by frame before SQLite reads it; read back when damaged).

Prints medians; asserts nothing. Run it from two checkouts to compare (it imports the reader_app beside it):
`python benchmarks/bookmark_wal.py [--saves 50] [--cli 50] [--runs 7]`
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader_app import paths  # noqa: E402
from reader_app.core.bookmarks import Bookmark, BookmarkStore  # noqa: E402
from reader_app.core.bookmarks.database import BookmarkDatabase  # noqa: E402
from reader_app.core.bookmarks.store import _put  # noqa: E402

STAMP = "2026-01-01T00:00:00.000000+00:00"
TEXT = "\n\n".join(f"Paragraph {n} talks about the river, the valley and the council budget number {n}."
                   for n in range(400))


class _Article:
    id, title, outlet, date, url, text = "art1", "A headline", "The Outlet", "2024-01-02", None, TEXT


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.2f} ms"


def filled(folder: Path, n: int) -> BookmarkStore:
    store = BookmarkStore(paths.resolve(folder), backup_every=10**9, backup_at_close=False)
    with store.db.writing() as conn:
        for i in range(n):
            _put(conn, Bookmark(f"b{i:011d}", f"a{i % 500}", "a quoted passage of some length " * 3, "prefix " * 4,
                                "suffix " * 4, i, i + 96, "h" * 64, "a note" if i % 3 else "", ["tag", f"t{i % 7}"],
                                STAMP, STAMP, False, "A headline", "Outlet", "2024-01-01", "https://example.org/x"))
    store.db._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return store


def store_saves(n: int, saves: int) -> list[float]:
    folder = Path(tempfile.mkdtemp(prefix="bm-wal-"))
    store = filled(folder, n)
    took = []
    for i in range(saves):
        t = time.perf_counter()
        store.add_quote(_Article(), f"budget number {i}.", note="a note", tags=["tag"])
        took.append(time.perf_counter() - t)
    store.close()
    shutil.rmtree(folder)
    return took


def checkpoint_costs(n: int, saves: int) -> dict[str, list[float]]:
    """Saves on three stores of `n` bookmarks, taken in turn so the machine's load falls on each alike: without
    a checkpoint (as before), with a PASSIVE one, with the TRUNCATE one every write now ends with."""
    stores = {}
    for mode in ("none", "PASSIVE", "TRUNCATE"):
        store = filled(Path(tempfile.mkdtemp(prefix=f"bm-wal-{mode}-")), n)
        if mode == "none":
            store.db._checkpoint = lambda: None  # type: ignore[method-assign]
        elif mode == "PASSIVE":
            conn = store.db._conn
            store.db._checkpoint = lambda c=conn: c.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()  # type: ignore[method-assign]
        stores[mode] = store
    took: dict[str, list[float]] = {mode: [] for mode in stores}
    for i in range(saves):
        for mode, store in stores.items():
            t = time.perf_counter()
            store.add_quote(_Article(), f"budget number {i}.", note="a note", tags=["tag"])
            took[mode].append(time.perf_counter() - t)
    for store in stores.values():
        store.close()
        shutil.rmtree(store.db.paths.data)
    return took


def cli_saves(saves: int) -> list[float]:
    folder = Path(tempfile.mkdtemp(prefix="bm-wal-cli-"))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "reader_app", "--data-dir", str(folder)]
    rows = json.loads(subprocess.run(cmd + ["list", "--json"], env=env, capture_output=True, text=True,
                                     check=True).stdout)
    aid = next(r["id"] for r in rows if r["title"].startswith("Russia Agrees"))
    took = []
    for i in range(saves):
        t = time.perf_counter()
        subprocess.run(cmd + ["bookmarks", "add", aid, "--quote", "troops", "--occurrence", str(1 + i % 3)],
                       env=env, capture_output=True, check=True)
        took.append(time.perf_counter() - t)
    shutil.rmtree(folder)
    return took


def left_log(folder: Path, n: int, in_log: int) -> Path:
    """A data folder as a kill leaves it: `n` bookmarks in the file, `in_log` saves only in the log; returns the
    folder holding those files."""
    store = filled(folder / "data", n)
    db = store.db.path
    reader = sqlite3.connect(db, isolation_level=None)  # another reader-app reading: the log keeps the saves
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM bookmarks").fetchone()
    for i in range(in_log):
        store.add_quote(_Article(), f"budget number {i}.", note="a note", tags=["tag"])
    crashed = folder / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal", "-shm"):
        shutil.copyfile(f"{db}{suffix}", crashed / f"{db.name}{suffix}")
    reader.close()
    store.close()
    return crashed


def opening(n: int, in_log: int, damage: bool, runs: int) -> list[float]:
    took = []
    for _ in range(runs):
        folder = Path(tempfile.mkdtemp(prefix="bm-wal-open-"))
        crashed = left_log(folder, n, in_log)
        db = folder / "data" / "bookmarks.sqlite3"
        for f in crashed.iterdir():
            shutil.copyfile(f, db.parent / f.name)
        if damage:
            wal = Path(f"{db}-wal")
            with open(wal, "r+b") as fh:  # one byte of the last frame's page
                fh.seek(wal.stat().st_size - 100)
                byte = fh.read(1)
                fh.seek(-1, 1)
                fh.write(bytes([byte[0] ^ 0x5A]))
        t = time.perf_counter()
        store = BookmarkStore(paths.resolve(folder / "data"), backup_every=10**9, backup_at_close=False)
        took.append(time.perf_counter() - t)
        assert not damage or "damaged" in store.notice, store.notice
        store.close()
        shutil.rmtree(folder)
    return took


def opening_damaged_file(n: int, in_log: int, size: int, runs: int) -> list[float]:
    """Open with the database file cut to `size` bytes (0: emptied) beside a sound log: restored from the backup,
    the rows the log's frames hold read back."""
    took = []
    for _ in range(runs):
        folder = Path(tempfile.mkdtemp(prefix="bm-wal-open-"))
        crashed = left_log(folder, n, in_log)
        db = folder / "data" / "bookmarks.sqlite3"
        for f in crashed.iterdir():
            shutil.copyfile(f, db.parent / f.name)
        with open(db, "r+b") as fh:
            fh.truncate(size)
        t = time.perf_counter()
        store = BookmarkStore(paths.resolve(folder / "data"), backup_every=10**9, backup_at_close=False)
        took.append(time.perf_counter() - t)
        store.close()
        shutil.rmtree(folder)
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--saves", type=int, default=50)
    parser.add_argument("--cli", type=int, default=50, help="saves through the command line (0: none)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # a repair logs each run
    print(f"{ROOT}: load average {os.getloadavg()[0]:.2f}")
    for n in (100, 10_000):
        print(f"store save, {n:,} bookmarks: median of {args.saves}: {_ms(store_saves(n, args.saves))}")
        if hasattr(BookmarkDatabase, "_checkpoint"):  # (main has no checkpoint to take in turn)
            costs = checkpoint_costs(n, args.saves)
            print(f"  taken in turn, median of {args.saves}: " + ", ".join(f"{mode} {_ms(v)}"
                                                                        for mode, v in costs.items()))
    if args.cli:
        print(f"reader-app bookmarks add (a whole process): median of {args.cli}: {_ms(cli_saves(args.cli))}")
    try:
        import reader_app.core.bookmarks.wal  # noqa: F401
        damaged = True
    except ImportError:  # a checkout from before the log was checked
        damaged = False
    for n, in_log in ((100, 0), (100, 3), (10_000, 3), (10_000, 150)):
        line = f"open, {n:,} bookmarks, {in_log} saves left in the log: {_ms(opening(n, in_log, False, args.runs))}"
        if damaged and in_log:
            line += f"; last frame damaged: {_ms(opening(n, in_log, True, args.runs))}"
        print(line)
    for n in (100, 10_000):  # (on a checkout from before, an emptied file opens as a new, empty database)
        print(f"open, {n:,} bookmarks, 3 saves in the log, the file emptied: "
              f"{_ms(opening_damaged_file(n, 3, 0, args.runs))}; cut to 10 bytes: "
              f"{_ms(opening_damaged_file(n, 3, 10, args.runs))}")


if __name__ == "__main__":
    main()
