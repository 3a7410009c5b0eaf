"""Entity wildcards against a plain word in one warm process: prints each search's time, total and note.

    python benchmarks/entity_wildcards.py DATA_DIR [--runs 3]

DATA_DIR is a library's data folder (a copy: opening it may upgrade its files). The first search of the
process (a plain word) is the warm-up.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader_app import paths  # noqa: E402
from reader_app.core.library import Library  # noqa: E402

QUERIES = ("troops", "place:*a", "person:bl?ir", "place:*on", "place:london")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    library = Library(paths.resolve(args.data))
    library.open()
    library.search("troops", limit=60)  # warm-up: searcher, entity table, vocabulary
    print(f"load average {os.getloadavg()[0]:.1f}")
    for query in QUERIES:
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            result = library.search(query, limit=60)
            times.append(time.perf_counter() - started)
        print(f"{query:14} {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f})  "
              f"total {result.total:,}  note {result.note!r}")
    library.close()


if __name__ == "__main__":
    main()
