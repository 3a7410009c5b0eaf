"""Everything the search returns for the benchmark's queries, written out so two versions of the code can be
compared query by query (hits, scores, snippets, counts, facets, notes), not only by MRR.

    python benchmarks/search_same.py CORPUS_DIR INDEX_DIR OUT.jsonl [--code DIR] [--queries 300] [--typing 8]
    diff <(python ... --code /tmp/before) <(python ...)   # or compare the two files

INDEX_DIR is a Whoosh index folder (a data folder's `index`; opened read-only). --code runs another checkout
of reader-app (e.g. a `git archive` of the code before a change) on the same index. Each line is one search:
the known-item kinds, the gist set and the typo queries of search_bench.py (top 10), and every prefix (3
letters on) of the first --typing queries of each kind (top 60, as the window asks while typing).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("index", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--code", type=Path, default=Path(__file__).resolve().parents[1])
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--typing", type=int, default=8)
    args = ap.parse_args(argv)
    sys.path[:0] = [str(args.code), str(args.code / "benchmarks")]
    from search_bench import GISTS, KINDS, engine_for, gist_queries, load, make_queries, make_typos

    from reader_app.core.index.store import ArticleIndex

    items = load(args.corpus)
    queries = make_queries(items, args.queries) + gist_queries(GISTS, items)
    searches = [(q.text, 10) for q in queries] + [(t.text, 10) for t in make_typos(items, args.queries // 3)]
    for kind in KINDS:
        for query in [q for q in queries if q.kind == kind][:args.typing]:
            searches += [(query.text[:n], 60) for n in range(3, len(query.text) + 1)]
    index = ArticleIndex(args.index)
    engine = engine_for(index)
    with args.out.open("w", encoding="utf-8") as out:
        for text, limit in searches:
            result = engine.search(text, limit=limit, time_limit=60.0)  # no deadline cuts: same work each time
            out.write(json.dumps({"limit": limit, **result.to_dict()}, sort_keys=True) + "\n")
    index.close()
    print(f"{len(searches)} searches written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
