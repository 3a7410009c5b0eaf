"""The bookmarks pane with many bookmarks: building rows (worker), filling the view, filtering (GUI thread).

Prints medians of several runs; asserts nothing. `QT_QPA_PLATFORM=offscreen python benchmarks/bookmarks_pane.py`
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bookmarks import median_ms  # noqa: E402  (benchmarks/bookmarks.py)
from PySide6.QtWidgets import QApplication  # noqa: E402

from reader_app.core.bookmarks.model import Bookmark  # noqa: E402
from reader_app.ui.bookmarks.model import bookmark_rows  # noqa: E402
from reader_app.ui.bookmarks.pane import BookmarksPane  # noqa: E402


def fake(n: int) -> list[Bookmark]:
    return [Bookmark(f"id{i}", f"a{i % 50}", "quoted words of a passage " * (1 + i % 6), "", "", 0, 10, "h",
                     note="a note " * (i % 7), tags=[f"t{i % 9}"], created=f"2024-01-{1 + i % 28:02d}T00:00:{i % 60:02d}",
                     title=f"Headline {i % 50}", outlet="Outlet", date="2024") for i in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--count", type=int, default=2000)
    args = ap.parse_args()
    app = QApplication([])
    bookmarks = fake(args.count)
    print(f"{args.count:,} bookmarks")
    print(f"  rows for the pane (worker):      {median_ms(lambda: bookmark_rows(bookmarks), args.runs):8.1f} ms")
    rows = bookmark_rows(bookmarks)
    pane = BookmarksPane()
    pane.resize(360, 800)
    pane.show()
    for grouped in (False, True):
        pane.set_grouped(grouped)
        pane.set_rows(rows, [])
        app.processEvents()

        def refill() -> None:
            pane.set_rows(rows, [])
            app.processEvents()

        def filter_once() -> None:
            for text in ("note", ""):
                pane.filter_box.setText(text)
                pane._apply_filters()  # what the debounce timer does
                app.processEvents()

        layout = "grouped" if grouped else "flat"
        print(f"  refill the view ({layout:7}):       {median_ms(refill, args.runs):8.1f} ms")
        print(f"  filter and clear ({layout:7}):      {median_ms(filter_once, args.runs):8.1f} ms")


if __name__ == "__main__":
    main()
