"""Draws the articles a new part of the gist set is written from, so that a draw can be repeated.

    python benchmarks/gist_draw.py CORPUS_DIR SEED [--per 5] [--tech 4] [--skip KEY ...] [--as-before FLAG]
                                   [--queries benchmarks/gist_queries.json]

The rule: the corpus's articles (as search_bench.load reads them) whose key is not yet in the gist set, sorted
by key, are shuffled once with random.Random(SEED); going down that order, the first --per of each section
are taken (--tech of tech), passing over any key given with --skip (a near-twin of an article already sought,
judged by reading it). For each drawn article it prints the sought article whose text is most alike (share
of common content stems), for that judgement; nothing is searched and no query is run. To repeat a draw once
its queries are in the set, --as-before names their flag, so that they count as not yet written: fresh4 is
`gist_draw.py CORPUS_DIR 20261204 --skip tech/playstation-3-processor-unveiled.txt --as-before fresh4`.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_bench import GISTS, Item, content_words, load, stem  # noqa: E402


def draw(items: list[Item], sought: set[str], seed: int, per: int, tech: int, skip: set[str]) -> list[Item]:
    """The first `per` (`tech` for tech) unsought articles of each section in the seed's shuffled order."""
    pool = sorted((it for it in items if it.key not in sought), key=lambda it: it.key)
    random.Random(seed).shuffle(pool)
    wanted: dict[str, int] = {}
    drawn = []
    for it in pool:
        section = it.key.split("/", 1)[0]
        if it.key in skip or wanted.get(section, 0) >= (tech if section == "tech" else per):
            continue
        wanted[section] = wanted.get(section, 0) + 1
        drawn.append(it)
    return sorted(drawn, key=lambda it: it.key.split("/", 1)[0])  # stable: each section in drawn order


def _stems(it: Item) -> set[str]:
    return {stem(w.lower()) for w in content_words(" ".join([it.title, *it.paragraphs]))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, metavar="CORPUS_DIR")
    ap.add_argument("seed", type=int)
    ap.add_argument("--per", type=int, default=5, help="articles per section (default: %(default)s)")
    ap.add_argument("--tech", type=int, default=4, help="articles from tech (default: %(default)s)")
    ap.add_argument("--skip", action="append", default=[], metavar="KEY", help="a near-twin to pass over")
    ap.add_argument("--as-before", metavar="FLAG", help="count the queries with this flag as not yet written")
    ap.add_argument("--queries", type=Path, default=GISTS)
    args = ap.parse_args(argv)
    items = load(args.corpus)
    queries = json.loads(args.queries.read_text(encoding="utf-8"))["queries"]
    sought = {q["key"] for q in queries if not (args.as_before and q.get(args.as_before))}
    by_key = {it.key: it for it in items}
    sought_stems = {k: _stems(by_key[k]) for k in sought if k in by_key}
    for it in draw(items, sought, args.seed, args.per, args.tech, set(args.skip)):
        mine = _stems(it)
        alike, key = max((len(mine & s) / len(mine | s), k) for k, s in sought_stems.items())
        print(f"{it.key}\t{it.title}\t(most alike sought: {key}, {alike:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
