"""What a bookmarks backup costs by the size of the file (the store now takes one when closed, if it changed),
and what opening a file whose 100-byte header is damaged costs (the rows read through a mended copy).

Prints medians of several runs; asserts nothing. `python benchmarks/bookmark_backup.py [--runs N]`
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader_app import paths  # noqa: E402
from reader_app.core.bookmarks import Bookmark, BookmarkStore  # noqa: E402
from reader_app.core.bookmarks.store import _put  # noqa: E402

STAMP = "2026-01-01T00:00:00.000000+00:00"


def filled(folder: Path, n: int) -> BookmarkStore:
    store = BookmarkStore(paths.resolve(folder), backup_every=10**9, backup_at_close=False)
    with store.db.writing() as conn:
        for i in range(n):
            _put(conn, Bookmark(f"b{i:011d}", f"a{i % 500}", "a quoted passage of some length " * 3, "prefix " * 4,
                                "suffix " * 4, i, i + 96, "h" * 64, "a note" if i % 3 else "", ["tag", f"t{i % 7}"],
                                STAMP, STAMP, False, "A headline", "Outlet", "2024-01-01", "https://example.org/x"))
    store.db._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return store


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    logging.disable(logging.CRITICAL)  # the repair logs each run
    print(f"load average {os.getloadavg()[0]:.2f}")
    for n in (100, 1_000, 10_000, 50_000):
        folder = Path(tempfile.mkdtemp(prefix="bm-backup-"))
        store = filled(folder, n)
        size = store.db.path.stat().st_size
        backup = []
        for _ in range(runs):
            t = time.perf_counter()
            store.db.backup()
            backup.append(time.perf_counter() - t)
        store.close()
        good = folder / "good.sqlite3"
        shutil.copyfile(store.db.path, good)
        for b in store.db.paths.backups.iterdir():
            b.unlink()
        rescue = []
        for _ in range(runs):
            for p in [*folder.glob("bookmarks.sqlite3*"), *store.db.paths.backups.iterdir()]:
                p.unlink()  # each run as the first: no backup, the whole file to rescue
            shutil.copyfile(good, folder / "bookmarks.sqlite3")
            with open(folder / "bookmarks.sqlite3", "r+b") as fh:
                fh.write(b"\0" * 16)
            t = time.perf_counter()
            again = BookmarkStore(paths.resolve(folder), backup_at_close=False)
            rescue.append(time.perf_counter() - t)
            assert again.count() == n, again.notice
            again.close()
        print(f"{n:>6,} bookmarks ({size / 1e6:5.1f} MB): backup median {statistics.median(backup) * 1000:6.1f} ms "
              f"(min {min(backup) * 1000:.1f}); open with a damaged header and rescue all: median "
              f"{statistics.median(rescue) * 1000:6.1f} ms")
        shutil.rmtree(folder, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
