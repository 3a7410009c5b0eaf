"""Search latency per kind of query on an index already built, with an optional profile of one kind.

    python benchmarks/gist_latency.py CORPUS_DIR INDEX_DIR [--build COPIES] [--runs 3] [--kinds gist,...]
                                      [--profile KIND] [--typing N]

CORPUS_DIR gives the queries (search_bench's known-item kinds and the gist set); INDEX_DIR is a Whoosh index
folder (a data folder's `index`, e.g. a copy of /work/libs/data-x10/index, or one made here with --build N:
the corpus indexed N times as search_bench does). Prints p50/p95 ms per kind (medians over --runs runs) and,
with --profile, the top of a cProfile of that kind's queries. Latency only: hits are not scored here (an
imported library's ids are not the corpus keys); search_bench.py measures MRR. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from search_bench import GISTS, KINDS, _pct, build_index, engine_for, gist_queries, load, make_queries  # noqa: E402

from reader_app.core.index.store import ArticleIndex  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("index", type=Path)
    ap.add_argument("--build", type=int, default=0, help="first index the corpus this many times into INDEX_DIR")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--profile", default="", help="a kind whose queries are profiled (one more run)")
    ap.add_argument("--typing", type=int, default=0, help="also search every prefix (3 letters on) of the first "
                    "N queries of each kind, as typing in the search box does (one search per key)")
    args = ap.parse_args(argv)
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    items = load(args.corpus)
    queries = [q for q in make_queries(items, args.queries) + gist_queries(GISTS, items) if q.kind in kinds]
    if args.build:
        index, secs = build_index(args.corpus, args.index, args.build)
        print(f"indexed {index.count():,} articles in {secs:.0f} s", flush=True)
    else:
        index = ArticleIndex(args.index)
    engine = engine_for(index)
    engine.search("warm up the searcher", limit=10)
    engine.search("wram", limit=10)
    times: dict[str, list[list[float]]] = {k: [] for k in kinds}
    for _ in range(args.runs):
        per: dict[str, list[float]] = {k: [] for k in kinds}
        for query in queries:
            started = time.perf_counter()
            engine.search(query.text, limit=10)
            per[query.kind].append((time.perf_counter() - started) * 1000)
        for k in kinds:
            times[k].append(per[k])
    print(f"{index.count():,} articles; {args.runs} runs")
    print("| queries | p50 ms | p95 ms |\n|---|---:|---:|")
    for k in kinds:
        if times[k] and times[k][0]:
            p50 = statistics.median(_pct(t, 50) for t in times[k])
            p95 = statistics.median(_pct(t, 95) for t in times[k])
            print(f"| {k} ({len(times[k][0])}) | {p50:.1f} | {p95:.1f} |")
    if args.typing:
        print("| typed key by key | searches | p50 ms | p95 ms |\n|---|---:|---:|---:|")
        for k in kinds:
            typed = [query.text[:n] for query in [q for q in queries if q.kind == k][:args.typing]
                     for n in range(3, len(query.text) + 1)]
            per: list[list[float]] = []
            for _ in range(args.runs):
                run: list[float] = []
                for text in typed:
                    started = time.perf_counter()
                    engine.search(text, limit=60)
                    run.append((time.perf_counter() - started) * 1000)
                per.append(run)
            if typed:
                print(f"| {k} | {len(typed)} | {statistics.median(_pct(t, 50) for t in per):.1f} | "
                      f"{statistics.median(_pct(t, 95) for t in per):.1f} |")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for query in queries:
            if query.kind == args.profile:
                engine.search(query.text, limit=10)
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
    index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
