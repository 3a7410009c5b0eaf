"""The figures `compare` flags as possible discrepancies over every pair of articles in one story thread.

    python benchmarks/compare_flags.py DATA_DIR [--per-thread 8] [--list] [--labels FILE]

DATA_DIR is a library whose stories are computed (`reader-app --data-dir DATA_DIR stories` once); it is only
read. Prints how many pairs were compared and how many differences were flagged; `--list` prints each one
(the two figures and the two sentences), to be read by eye. `PYTHONPATH=/other/checkout` measures another
version of the code (a "before" figure).

With `--labels` (benchmarks/compare_flags_labels.json: the BBC library's flags read by eye, and discrepancies
a user trial found missing), precision is the share of the labelled flags that are discrepancies, recall the
share of the labelled discrepancies flagged; a flag not labelled is listed, to be read and added.
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

from reader_app import paths
from reader_app.core.library import Library
from reader_app.core.stories import compare_articles, stories_for


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path)
    ap.add_argument("--per-thread", type=int, default=8, help="the first N articles of each thread")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--labels", type=Path)
    a = ap.parse_args()
    labels = {}
    if a.labels:
        labels = {_key(c["a"], c["b"], c["a_figure"], c["b_figure"]): c
                  for c in json.loads(a.labels.read_text())["cases"]}
    found: set[tuple] = set()
    unlabelled = []
    lib = Library(paths.resolve(a.data))
    lib.open(sync=False)
    pairs = flagged = 0
    for thread in stories_for(lib).threads:
        for x, y in itertools.combinations(thread.articles[:a.per_thread], 2):
            pairs += 1
            for d in compare_articles(lib, x, y).differences:
                flagged += 1
                key = _key(d.a, d.b, d.a_figure, d.b_figure)
                found.add(key)
                if labels and key not in labels:
                    unlabelled.append(d)
                if a.list:
                    print(f"{d.a_figure} | {d.b_figure}\n   A: {d.a}\n   B: {d.b}")
    print(f"{pairs} pairs compared, {flagged} differences flagged")
    if labels:
        right = sum(labels[k]["discrepancy"] for k in found if k in labels)
        judged = sum(k in labels for k in found)
        wanted = [c for c in labels.values() if c["discrepancy"]]
        caught = [c for k, c in labels.items() if c["discrepancy"] and k in found]
        print(f"precision {right}/{judged} = {right / max(judged, 1):.1%} of the labelled flags; "
              f"recall {len(caught)}/{len(wanted)} = {len(caught) / max(len(wanted), 1):.1%} of the labelled "
              f"discrepancies; {len(unlabelled)} flags not labelled")
        for c in wanted:
            if c not in caught:
                print(f"  missed: {c['a_figure']} | {c['b_figure']} ({c['why']})")
        for d in unlabelled:
            print(f"  not labelled: {d.a_figure} | {d.b_figure}\n     A: {d.a}\n     B: {d.b}")


def _key(a: str, b: str, a_figure: str, b_figure: str) -> tuple:
    """A flag, whichever article came first."""
    return tuple(sorted([(a, a_figure), (b, b_figure)]))


if __name__ == "__main__":
    main()
