"""Find in a long article (ui/reader/find.py): the time of `find(text)` on the GUI thread in an article of
200,000 paragraphs, for a word only in a part not laid out (found there, and that part laid out) and for a
phrase in every paragraph. Medians of 5 runs.

python benchmarks/find_long.py
"""

from __future__ import annotations

import os
import statistics
import time


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from reader_app.core.articles.model import Article, Paragraph
    from reader_app.ui.reader.view import ReaderView

    app = QApplication.instance() or QApplication([])
    paragraphs = [f"Paragraph number {i} tells a little more." for i in range(200_000)]
    paragraphs[150_000] = "A late needle in the hay."
    article = Article(id="big", title="A huge article", outlet=None, byline=None, date=None, url=None,
                      paragraphs=[Paragraph(t) for t in paragraphs], path="/tmp/big.txt")
    view = ReaderView()
    view.resize(800, 600)
    view.show()
    start = time.perf_counter()
    view.show_article(article)
    print(f"open the article: {(time.perf_counter() - start) * 1000:.0f} ms")
    for query in ("needle", "tells a little"):
        times = []
        for _ in range(5):
            view.show_article(article)
            start = time.perf_counter()
            found = view.find(query)
            times.append(time.perf_counter() - start)
        print(f"find {query!r}: {found} matches, median {statistics.median(times) * 1000:.0f} ms "
              f"({', '.join(f'{t * 1000:.0f}' for t in times)})")
    app.processEvents()


if __name__ == "__main__":
    main()
