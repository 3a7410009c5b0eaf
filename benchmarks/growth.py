"""Inputs whose cost used to grow with the square of their size (issue #13): figures, never assertions.

Parsing a file of many short lines, normalising a bookmark's tags, importing many bookmarks of one article and
listing them. Prints the median of several runs for each size.
Opening a huge article in the reader (Qt offscreen) with --reader.
`python benchmarks/growth.py [--runs N] [--big] [--reader]` (--big adds the sizes of the issue: 300,000 lines,
100,000 tags, 200,000 bookmarks, a 5,000,000-character word, 200,000 paragraphs).
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader_app import paths  # noqa: E402
from reader_app.core.articles.reading import article_from_bytes  # noqa: E402
from reader_app.core.bookmarks import Bookmark, BookmarkStore, normalise_tags  # noqa: E402
from reader_app.core.bookmarks.anchoring import text_hash  # noqa: E402


def median_s(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def parse_lines(n: int) -> None:
    data = "\n".join(f"line {i} of the text goes on" for i in range(n)).encode() + b".\n"
    article_from_bytes(data, name="lines.txt", article_id="x", path="lines.txt")


def tags(n: int) -> None:
    try:
        normalise_tags(f"Tag{i}" for i in range(n))
    except Exception:  # a capped number of tags is refused with a message: the time to say so is the figure
        pass


class Story:
    id, title, outlet, date, url = "bench", "Benchmark story", "Outlet", "2024-01-01", None

    def __init__(self, text: str):
        self.text = text


def bookmarks(n: int) -> None:
    text = "".join(f"w{i:07d} " for i in range(n + 10))
    digest = text_hash(text)
    items = [Bookmark(f"b{i:07d}", "bench", text[9 * i:9 * i + 8], "", "", 9 * i, 9 * i + 8, digest,
                      created="2024-01-01T00:00:00", updated="2024-01-01T00:00:00") for i in range(n)]
    with tempfile.TemporaryDirectory() as tmp:
        store = BookmarkStore(paths.resolve(tmp), backup_every=10**9)
        counts = store.import_bookmarks(items)
        placed = store.reanchor_article("bench", text)
        assert counts.added == n and len(placed) == n, (counts, len(placed))
        store.close()


_APP = None


def _reader():
    import os

    global _APP
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from reader_app.ui.reader.view import ReaderView

    _APP = _APP or QApplication.instance() or QApplication([])
    view = ReaderView()
    view.resize(900, 700)
    view.show()
    return view


@functools.lru_cache(maxsize=1)
def _article(kind: str, n: int):
    """The article is built (and its words counted, as the window's worker does) outside the timing."""
    from reader_app.core.articles.model import Article, Paragraph

    texts = ["Before the word.", "x" * n, "After it."] if kind == "word" else \
        [f"Paragraph number {i} tells a little more." for i in range(n)]
    article = Article(id="big", title="A huge article", outlet=None, byline=None, date=None, url=None,
                      paragraphs=[Paragraph(t) for t in texts], path="/tmp/big.txt")
    _ = article.words
    return article


def _open(kind: str, n: int) -> None:
    view = _reader()
    view.show_article(_article(kind, n))
    _APP.processEvents()
    view.close()
    view.deleteLater()


def open_word(n: int) -> None:
    _open("word", n)


def open_paragraphs(n: int) -> None:
    _open("paragraphs", n)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--big", action="store_true")
    ap.add_argument("--reader", action="store_true")
    args = ap.parse_args()
    big = args.big
    cases = [
        ("parse a file of N short lines", parse_lines, [10_000, 20_000, 40_000] + ([300_000] if big else [])),
        ("normalise N tags of one bookmark", tags, [5_000, 10_000, 20_000] + ([100_000] if big else [])),
        ("import + list N bookmarks of one article", bookmarks, [2_500, 5_000, 10_000] + ([200_000] if big else [])),
    ]
    if args.reader:
        cases = [
            ("open an article of one word of N characters", open_word, [100_000, 300_000] + ([5_000_000] if big else [])),
            ("open an article of N paragraphs", open_paragraphs, [20_000, 50_000] + ([200_000] if big else [])),
        ]
    for label, fn, sizes in cases:
        print(label)
        for n in sizes:
            try:
                print(f"  N = {n:>7,}  {median_s(lambda fn=fn, n=n: fn(n), args.runs):8.2f} s", flush=True)
            except Exception as exc:  # the old code fails outright on some sizes: that is a figure too
                print(f"  N = {n:>7,}  failed: {type(exc).__name__}: {exc}", flush=True)


if __name__ == "__main__":
    main()
