"""What the window holds in memory on a real library, step by step, and which lines of code allocated it.

    python benchmarks/window_memory.py --data-dir COPY [--unfolded] [--trace] [--top 25]

Opens the window offscreen on an existing data folder (use a copy: the window may sync and write its caches),
then browses (the list filled), searches, opens the first hit, clears the search and opens the Stories and
entities panes, printing the process's resident memory (RSS, /proc/self/status) after each step. With
`--trace`, tracemalloc follows every Python allocation from the start (2-3× slower) and the live Python
memory after the last step is printed by the line that allocated it and by module: what the window holds
per article. Figures only, never asserted.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from gui_latency import settle, wait_for  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402


def status_mb(field: str = "VmRSS") -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def idle(window) -> None:
    while window.controller.tasks.busy():
        settle(20)
    settle(200)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--query", default="government")
    parser.add_argument("--unfolded", action="store_true", help="no stories: every article a row of its own")
    parser.add_argument("--trace", action="store_true", help="tracemalloc: live memory by line and module")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--frames", type=int, default=1, help="with --trace: the callers shown per allocation")
    args = parser.parse_args()
    if args.trace:
        tracemalloc.start(args.frames)
    steps: list[tuple[str, float]] = [("started", status_mb())]
    from reader_app import paths
    from reader_app.ui.app import build_window, make_app

    make_app([])
    window = build_window(paths.resolve(args.data_dir))
    aside = args.data_dir / "stories.json.aside"
    if args.unfolded:
        window.stories.builder.start = lambda setting=None: None
        if (args.data_dir / "stories.json").exists():
            (args.data_dir / "stories.json").rename(aside)
    try:
        window.resize(1200, 780)
        window.show()
        settle(50)
        steps.append(("window shown", status_mb()))
        window.start()
        wait_for(window.library_ready)
        if window.stories.stories is None and not args.unfolded:
            wait_for(window.stories.stories_loaded, 600000)
        idle(window)
        steps.append((f"library open, list filled ({window.list_pane.library_model.rowCount():,} rows)",
                      status_mb()))
        box = window.search_bar.box
        box.setFocus()
        box.setText(args.query)
        wait_for(window.controller.search_done, 60000)
        idle(window)
        steps.append((f"searched {args.query!r}", status_mb()))
        QTest.keyClick(box, Qt.Key.Key_Return)
        wait_for(window.article_opened, 60000)
        idle(window)
        steps.append(("first hit opened", status_mb()))
        QTest.keyClick(box, Qt.Key.Key_Escape)
        idle(window)
        window.list_pane.view.select_row(window.list_pane.library_model.rowCount() // 2)
        QTest.keyClick(window.list_pane.view, Qt.Key.Key_Return)
        wait_for(window.article_opened, 60000)
        idle(window)
        steps.append(("search cleared, an article from the list read", status_mb()))
        window.stories.dock.show()
        window.entities.dock.show()
        idle(window)
        settle(500)
        idle(window)
        steps.append(("Stories and entities panes open", status_mb()))
        print(f"Window memory on {args.data_dir} ({'unfolded' if args.unfolded else 'folded'}), RSS in MB:")
        for what, mb in steps:
            print(f"  {what:<56} {mb:7.0f}")
        print(f"  {'peak (VmHWM)':<56} {status_mb('VmHWM'):7.0f}")
        if args.trace:
            gc.collect()
            snap = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
            total = sum(s.size for s in snap.statistics("filename"))
            print(f"\nLive Python memory (tracemalloc): {total / 2**20:.0f} MB; by module:")
            for s in snap.statistics("filename")[:args.top]:
                print(f"  {s.size / 2**20:7.1f} MB {s.count:9,} blocks  {_short(s.traceback[0].filename)}")
            print("by line:" if args.frames == 1 else "by line and callers (innermost last):")
            for s in snap.statistics("lineno" if args.frames == 1 else "traceback")[:args.top]:
                where = " < ".join(f"{_short(f.filename)}:{f.lineno}" for f in reversed(s.traceback))
                print(f"  {s.size / 2**20:7.1f} MB {s.count:9,} blocks  {where}")
        window.close()
    finally:
        if aside.exists():
            aside.rename(args.data_dir / "stories.json")
    return 0


def _short(filename: str) -> str:
    for marker in ("site-packages/", "reader_app/", "lib/python3"):
        if marker in filename:
            return filename[filename.index(marker):]
    return filename


if __name__ == "__main__":
    sys.exit(main())
