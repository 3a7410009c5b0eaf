"""How long the article list takes to order 20,000 rows in each sort order (on the GUI thread, when the
user picks an order or the list is refilled). Prints medians in milliseconds; asserts nothing.

    .venv/bin/python -m benchmarks.list_order [rows] [--cold]   (--cold: title keys not worked out beforehand)
"""

from __future__ import annotations

import random
import sys

from benchmarks.bookmarks import median_ms
from reader_app.ui.articles.list_view import ArticleListModel, ArticleRow
from reader_app.ui.articles.order import ORDERS


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
    n = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 20_000
    data = rows(n)
    if "--cold" not in sys.argv:
        for r in data:  # as the controller does in its worker
            _ = r.sort_title
    model = ArticleListModel({r.id for r in data[::3]})
    model.set_rows(data)
    for key, label in ORDERS:
        ms = median_ms(lambda k=key: model.sort_rows(k, descending=k == "date"), 7)
        print(f"{label:<14} {n:,} rows: {ms:6.1f} ms (median of 7)")


if __name__ == "__main__":
    main()
