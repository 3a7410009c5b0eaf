"""`compare` on long articles: seconds and peak memory (tracemalloc) for N synthetic sentences each.

    .venv/bin/python benchmarks/compare_long.py 2000 4000
"""

from __future__ import annotations

import random
import statistics
import sys
import time
import tracemalloc

from reader_app.core.stories.compare import compare
from reader_app.core.stories.sentences import sentences_of
from reader_app.core.stories.thresholds import NORMAL


def text(rng: random.Random, n: int) -> str:
    words = [f"w{k}x" for k in range(3000)]
    return " ".join(" ".join(rng.sample(words, 8)).capitalize() + " common shared words here." for _ in range(n))


def main() -> None:
    for n in [int(x) for x in sys.argv[1:]] or [2000, 4000]:
        rng = random.Random(n)
        a, b = sentences_of(text(rng, n)), sentences_of(text(rng, n))
        times, peaks = [], []
        for _ in range(3):
            tracemalloc.start()
            t = time.perf_counter()
            compare("a", a, "b", b, NORMAL.align)
            times.append(time.perf_counter() - t)
            peaks.append(tracemalloc.get_traced_memory()[1] / 2**20)
            tracemalloc.stop()
        print(f"{n} sentences each: median {statistics.median(times):.2f} s, peak {statistics.median(peaks):.0f} MB")


if __name__ == "__main__":
    main()
