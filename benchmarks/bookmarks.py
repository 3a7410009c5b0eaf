"""Bookmark timings: saving one (a durable commit), re-anchoring after edits, and listing many.

Prints medians of several runs; asserts nothing. `python benchmarks/bookmarks.py [--runs N]`
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader_app import paths  # noqa: E402
from reader_app.core.bookmarks import BookmarkStore  # noqa: E402
from reader_app.core.bookmarks.anchoring import anchor_at, reanchor  # noqa: E402

WORDS = ["river", "valley", "council", "budget", "minister", "election", "harbour", "engineers", "storm", "vaccine",
         "museum", "railway", "drought", "festival", "treaty", "border", "summit", "factory", "union", "court"]


def article_text(paragraphs: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(80)) + f" (paragraph {n})." for n in range(paragraphs))


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


class Story:
    id, title, outlet, date, url = "bench", "Benchmark story", "Outlet", "2024-01-01", None

    def __init__(self, text: str):
        self.text = text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()

    for paragraphs in (20, 200):
        text = article_text(paragraphs)
        middle = text.index(f"(paragraph {paragraphs // 2})")
        old = anchor_at(text, middle - 120, middle)
        inserted = "An editor's note was added at the top of the story.\n\n" + text
        changed = text[:middle - 60] + "XXXX" + text[middle - 56:]
        deleted = text[:middle - 200] + text[middle + 20:]
        print(f"article of {len(text):,} characters, a passage of {len(old.quote)}:")
        for label, new in (("unchanged", text), ("text inserted before", inserted), ("a word changed inside", changed),
                           ("passage deleted (orphan)", deleted)):
            placed = reanchor(new, old)
            ms = median_ms(lambda n=new, o=old: reanchor(n, o), args.runs)
            print(f"  re-anchor, {label:26} {ms:8.2f} ms  ({placed.method})")

    with tempfile.TemporaryDirectory() as tmp:
        store = BookmarkStore(paths.resolve(tmp), backup_every=10_000)
        story = Story(article_text(50))
        rng = random.Random(2)

        def add() -> None:
            start = rng.randrange(0, len(story.text) - 200)
            store.add(story, start, start + 80, note="a note", tags=["bench"])

        print(f"save one bookmark (WAL, synchronous=FULL):  {median_ms(add, max(args.runs, 20)):8.2f} ms")
        for _ in range(2000):
            add()
        print(f"list {store.count():,} bookmarks:                     {median_ms(store.list, args.runs):8.2f} ms")
        print(f"filter them by text:                        {median_ms(lambda: store.list(text='river'), args.runs):8.2f} ms")
        store.close()


if __name__ == "__main__":
    main()
