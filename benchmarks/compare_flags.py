"""The figures `compare` flags as possible discrepancies over every pair of articles in one story thread.

    python benchmarks/compare_flags.py DATA_DIR [--per-thread 8] [--list]

DATA_DIR is a library whose stories are computed (`reader-app --data-dir DATA_DIR stories` once); it is only
read. Prints how many pairs were compared and how many differences were flagged; `--list` prints each one
(the two figures and the two sentences), to be read by eye. `PYTHONPATH=/other/checkout` measures another
version of the code (a "before" figure).
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from reader_app import paths
from reader_app.core.library import Library
from reader_app.core.stories import compare_articles, stories_for


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path)
    ap.add_argument("--per-thread", type=int, default=8, help="the first N articles of each thread")
    ap.add_argument("--list", action="store_true")
    a = ap.parse_args()
    lib = Library(paths.resolve(a.data))
    lib.open(sync=False)
    pairs = flagged = 0
    for thread in stories_for(lib).threads:
        for x, y in itertools.combinations(thread.articles[:a.per_thread], 2):
            pairs += 1
            for d in compare_articles(lib, x, y).differences:
                flagged += 1
                if a.list:
                    print(f"{d.a_figure} | {d.b_figure}\n   A: {d.a}\n   B: {d.b}")
    print(f"{pairs} pairs compared, {flagged} differences flagged")


if __name__ == "__main__":
    main()
