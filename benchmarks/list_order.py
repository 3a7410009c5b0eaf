"""How long the article list takes to show a synthetic library in each sort order, and under a filter: the
listing (ordered, filtered, counted: in the pane's worker) and the swap the GUI thread does with it (one
model reset, the view's layout and a paint). Prints medians in milliseconds; asserts nothing.

    .venv/bin/python -m benchmarks.list_order [rows]
"""

from __future__ import annotations

import os
import random
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from benchmarks.bookmarks import median_ms  # noqa: E402
from reader_app.ui.articles.list_view import ArticleListModel, ArticleListView, ArticleRow  # noqa: E402
from reader_app.ui.articles.listing import ListState, make_listing  # noqa: E402
from reader_app.ui.articles.order import ORDERS  # noqa: E402


def rows(n: int) -> list[ArticleRow]:
    rnd = random.Random(7)
    words = ["Armenia", "£1.8m", "iTunes", "Zambia", "“Quoted”", "élan", "border", "troops", "Russia", "deal"]
    out = []
    for i in range(n):
        title = " ".join(rnd.choice(words) for _ in range(6))
        dated = rnd.random() < 0.7
        date = f"{rnd.randint(2000, 2024)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}" if dated else ""
        out.append(ArticleRow(id=f"{i:08x}", title=title, date=date, outlet=rnd.choice(["", "BBC", "AFP"]),
                              added=f"2026-01-{rnd.randint(1, 28):02d}T00:00:{i % 60:02d}"))
    return out


def main() -> None:
    from PySide6.QtWidgets import QApplication

    n = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 20_000
    data = rows(n)  # each row's title key is worked out as it is made (in the controller's worker)
    app = QApplication.instance() or QApplication([])
    read = {r.id for r in data[::3]}
    model = ArticleListModel(read)
    view = ArticleListView()
    view.setModel(model)
    view.resize(360, 700)
    view.show()
    app.processEvents()

    def swap(listing) -> None:
        model.set_listing(listing)
        view.doItemsLayout()
        view.viewport().repaint()

    print(f"{n:,} rows; listing in the worker | swap on the GUI thread (reset, layout, paint); ms, median of 7")
    states = [(label, ListState(key, key == "date")) for key, label in ORDERS]
    states += [("Newest, one outlet", ListState("date", True, "BBC")),
               ("Newest, one year", ListState("date", True, year="2010"))]
    for label, state in states:
        listing = make_listing(data, state, read)
        work = median_ms(lambda s=state: make_listing(data, s, read), 7)
        other = make_listing(data, ListState(None), read)
        gui = median_ms(lambda li=listing, o=other: (swap(o), swap(li)), 7) / 2
        print(f"  {label:<20} {work:7.1f} | {gui:6.1f}   ({len(listing.rows):,} shown)")


if __name__ == "__main__":
    main()
