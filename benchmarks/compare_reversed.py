"""`compare` of an article against itself in reverse order (every aligned pair crosses the others): median
seconds of three runs for N sentences. The side-by-side rows were quadratic here (40,000 sentences: 62 s).

    .venv/bin/python benchmarks/compare_reversed.py 2000 10000
"""

from __future__ import annotations

import random
import statistics
import sys
import time

from reader_app.core.stories.compare import _rows, align, compare
from reader_app.core.stories.sentences import sentences_of
from reader_app.core.stories.thresholds import NORMAL


def main() -> None:
    words = [f"w{k}x" for k in range(5000)]
    for n in [int(x) for x in sys.argv[1:]] or [2000, 10000]:
        rng = random.Random(n)
        texts = [" ".join(rng.sample(words, 8)).capitalize() + "." for _ in range(n)]
        a, b = sentences_of(" ".join(texts)), sentences_of(" ".join(reversed(texts)))
        times, rows = [], []
        pairs = align(a, b, NORMAL.align)
        for _ in range(3):
            t = time.perf_counter()
            compare("a", a, "b", b, NORMAL.align)
            times.append(time.perf_counter() - t)
            t = time.perf_counter()
            _rows(a, b, pairs)
            rows.append(time.perf_counter() - t)
        print(f"{n} sentences, reversed: median {statistics.median(times):.2f} s "
              f"(the side-by-side rows alone {statistics.median(rows):.3f} s)")


if __name__ == "__main__":
    main()
