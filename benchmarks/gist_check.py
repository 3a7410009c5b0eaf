"""Checks the gist query set (benchmarks/gist_queries.json) against the corpus its queries were written from.

    python benchmarks/gist_check.py CORPUS_DIR [--queries benchmarks/gist_queries.json]

A gist query recalls an article in other words than its own: it may share at most one content word with the
article's headline and first paragraph, compared by Porter stem with the search benchmark's stop words left
out (content words: three letters or more, as search_bench.content_words). The check fails (exit 1), naming
each query, when a query shares more, when its article is not in the corpus, when two queries seek the same
article, when the set has fewer than 60 queries or when its held-out part is not about a third (of the queries
before the "fresh" ones: 20 written later from articles drawn at random, after the ranking had been tuned, and
measured only before and after a change of it; "fresh2": 20 more written the same way for a third round;
"tuned2": 64 more written for the fifth round as a second tuning part, tuned on with the first one;
"fresh3": 24 more for the seventh round, unseen until its one end run; "fresh4": 24 more for the eighth round,
drawn by gist_draw.py and likewise unseen until its end run).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_bench import Item, content_words, load, stem  # noqa: E402

DEFAULT = Path(__file__).resolve().parent / "gist_queries.json"
MIN_QUERIES = 60
MAX_SHARED = 1


@dataclass
class Gist:
    key: str
    text: str
    held_out: bool
    fresh: bool = False  # written later, after the ranking had been tuned: a second, unseen held-out part
    fresh2: bool = False  # a third unseen part, written before the third round of ranking changes
    tuned2: bool = False  # a second tuning part (fifth round), to tune on with the first one
    fresh3: bool = False  # a fourth unseen part, written before the seventh round's code
    fresh4: bool = False  # a fifth unseen part, written before the eighth round's code


def read_gists(path: Path = DEFAULT) -> list[Gist]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [Gist(q["key"], q["query"], bool(q.get("held_out")), bool(q.get("fresh")),
                 bool(q.get("fresh2")), bool(q.get("tuned2")), bool(q.get("fresh3")), bool(q.get("fresh4")))
            for q in data["queries"]]


def stems(text: str) -> set[str]:
    return {stem(w.lower()) for w in content_words(text)}


def shared(gist: Gist, item: Item) -> set[str]:
    """The query's content stems that the headline or the first paragraph also has."""
    lead = item.paragraphs[0] if item.paragraphs else ""
    return stems(gist.text) & stems(f"{item.title}\n{lead}")


def problems(gists: list[Gist], items: list[Item]) -> list[str]:
    by_key = {it.key: it for it in items}
    out = []
    if len(gists) < MIN_QUERIES:
        out.append(f"only {len(gists)} queries; at least {MIN_QUERIES} wanted")
    # the set as first written; its third held out from tuning
    first = [g for g in gists if not (g.fresh or g.fresh2 or g.tuned2 or g.fresh3 or g.fresh4)]
    held = sum(g.held_out for g in first)
    if not len(first) / 4 <= held <= len(first) / 2.5:
        out.append(f"{held} of {len(first)} held out; about a third wanted")
    seen: set[str] = set()
    for g in gists:
        if g.key in seen:
            out.append(f"{g.key}: sought by more than one query")
        seen.add(g.key)
        item = by_key.get(g.key)
        if item is None:
            out.append(f"{g.key}: no such article in the corpus")
            continue
        common = shared(g, item)
        if len(common) > MAX_SHARED:
            out.append(f"{g.text!r} shares {len(common)} words with {item.title!r} and its lead: "
                       f"{', '.join(sorted(common))}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, metavar="CORPUS_DIR")
    ap.add_argument("--queries", type=Path, default=DEFAULT)
    args = ap.parse_args(argv)
    gists = read_gists(args.queries)
    found = problems(gists, load(args.corpus))
    for p in found:
        print(f"gist_check: {p}", file=sys.stderr)
    held = sum(g.held_out for g in gists)
    fresh = sum(g.fresh for g in gists)
    fresh2 = sum(g.fresh2 for g in gists)
    tuned2 = sum(g.tuned2 for g in gists)
    fresh3 = sum(g.fresh3 for g in gists)
    fresh4 = sum(g.fresh4 for g in gists)
    print(f"{len(gists)} gist queries ({held} held out, {fresh} fresh, {fresh2} fresh2, {tuned2} tuned2, "
          f"{fresh3} fresh3, {fresh4} fresh4): "
          f"{'all within the rule' if not found else f'{len(found)} problems'}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
