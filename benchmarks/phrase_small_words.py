"""What checking quoted phrases that hold small words ("the prime minister", "said the") against the stored
text costs (core/search/wording.py), beside phrases without any, on a library folder given (for instance one
with the BBC corpus imported). Prints each query's total and the median of several runs; asserts nothing.

`python benchmarks/phrase_small_words.py DATA_DIR [--runs N]`
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader_app import paths  # noqa: E402
from reader_app.core.library import Library  # noqa: E402

QUERIES = ('"prime minister"', '"the prime minister"', '"in the uk"', '"of the year"', "said", '"said the"')


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    lib = Library(paths.resolve(args.data_dir))
    lib.open()
    try:
        lib.search("warm up")  # the first search loads the index's columns and words
        for query in QUERIES:
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                result = lib.search(query)
                times.append((time.perf_counter() - start) * 1000)
            print(f"{query:24} {result.total:6,} results  median {statistics.median(times):7.1f} ms"
                  + (f"  ({result.note})" if result.note else ""))
    finally:
        lib.close()


if __name__ == "__main__":
    main()
