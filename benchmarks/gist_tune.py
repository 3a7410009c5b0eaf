"""Tuning harness for the gist ranking: the tuning queries (the "gist" and "gist tuned2" kinds) in two folds.

    python benchmarks/gist_tune.py CORPUS_DIR [--set NAME=VALUE ...] [--variants FILE] [--ranks]

Builds one index of the corpus (as search_bench.py does, 2,095 articles for the BBC corpus), then runs the
tuning queries through the search for each variant: a variant sets module constants of
reader_app.core.search.gist ("COVERAGE=8", "gist.FUSE_WEIGHT=0.25") for its run only. It prints MRR@10 and
recall@10 over all the tuning queries and over two folds (alternate queries of each split), so that a change
can be kept only when it helps both. --ranks prints each query's rank and, when not first, what outranked it.
Held-out, fresh, fresh2, fresh3 and fresh4 queries are never run here (search_bench.py runs them before and after
a change).
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_bench import GISTS, build_index, load  # noqa: E402

from reader_app.core.search.engine import Engine  # noqa: E402

TUNING = ("gist", "gist tuned2")


def tuning_queries(path: Path) -> list[tuple[str, str, int]]:
    """(query, sought key, fold) for the tuning splits; folds alternate within each split."""
    data = json.loads(path.read_text(encoding="utf-8"))["queries"]
    first = [q for q in data if not (q.get("held_out") or q.get("fresh") or q.get("fresh2") or q.get("tuned2")
                                          or q.get("fresh3") or q.get("fresh4"))]
    second = [q for q in data if q.get("tuned2")]
    return [(q["query"], q["key"], i % 2) for part in (first, second) for i, q in enumerate(part)]


def apply(settings: list[str]) -> dict[tuple[object, str], object]:
    """Set module constants; returns the old values to restore."""
    old: dict[tuple[object, str], object] = {}
    for s in settings:
        name, value = s.split("=", 1)
        module_name, _, attr = name.rpartition(".")
        module = importlib.import_module(f"reader_app.core.search.{module_name or 'gist'}")
        old[(module, attr)] = getattr(module, attr)
        setattr(module, attr, type(old[(module, attr)])(json.loads(value)))
    return old


def run(index, queries: list[tuple[str, str, int]], ranks: bool, titles: dict[str, str]) -> dict[str, float]:
    engine = Engine(lambda: index.ix, words=index.word_counts)
    engine.search("warm up the searcher", limit=10)
    rr: dict[int, list[float]] = {0: [], 1: []}
    found: list[bool] = []
    for text, key, fold in queries:
        keys = [h.id.split(":", 1)[1] for h in engine.search(text, limit=10).hits]
        rank = keys.index(key) + 1 if key in keys else None
        rr[fold].append(1 / rank if rank else 0.0)
        found.append(rank is not None)
        if ranks:
            above = "" if rank == 1 else " | above: " + "; ".join(titles.get(k, k)[:40] for k in keys[:(rank or 4) - 1][:3])
            print(f"  {rank or '-':>2} {text[:60]!r} [{titles[key][:40]}]{above}")
    every = rr[0] + rr[1]
    return {"mrr": statistics.mean(every), "recall": sum(found) / len(found),
            "fold0": statistics.mean(rr[0]), "fold1": statistics.mean(rr[1])}


# the constants coordinate ascent may move, each by these factors of its value (0 stays 0 unless listed)
ASCENT = {"COVERAGE": (0.5, 0.75, 1.5, 2), "POWER": (0.5, 1.5), "LEAD_BONUS": (0, 0.5, 2), "NEAR_BONUS": (0.5, 0.75, 1.5),
          "FUSE_WEIGHT": (0, 0.5, 1.5, 2), "FUSE_K": (0.5, 2), "STAND_IN": (0, 0.5), "EXPANSION_WEIGHT": (0, 0.5, 2),
          "LEAD": (0.5, 2)}


def ascent(index, queries, titles, start: list[str], fold: int, sweeps: int) -> None:
    from reader_app.core.search import gist
    old = apply(start)
    other = 1 - fold
    try:
        best = run(index, queries, False, titles)
        print(f"start fold{fold} {best[f'fold{fold}']:.3f} fold{other} {best[f'fold{other}']:.3f}", flush=True)
        for _ in range(sweeps):
            moved = False
            for name, factors in ASCENT.items():
                base = getattr(gist, name)
                for f in factors:
                    value = type(base)(base * f) if base else type(base)(f)
                    if value == getattr(gist, name):
                        continue
                    setattr(gist, name, value)
                    r = run(index, queries, False, titles)
                    if r[f"fold{fold}"] > best[f"fold{fold}"] + 1e-9:
                        best, base, moved = r, value, True
                        print(f"  {name}={value}: fold{fold} {r[f'fold{fold}']:.3f} fold{other} "
                              f"{r[f'fold{other}']:.3f} all {r['mrr']:.3f}", flush=True)
                    setattr(gist, name, base)
            if not moved:
                break
        print("fitted: " + " ".join(f"{n}={getattr(gist, n)}" for n in ASCENT), flush=True)
    finally:
        for (module, attr), value in old.items():
            setattr(module, attr, value)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--gists", type=Path, default=GISTS)
    ap.add_argument("--set", action="append", default=[], help="NAME=VALUE for the one variant run")
    ap.add_argument("--variants", type=Path, help="a file of variants, one a line: settings separated by spaces")
    ap.add_argument("--ranks", action="store_true")
    ap.add_argument("--ascent", type=int, choices=(0, 1), help="fit the constants of ASCENT by coordinate ascent "
                    "on MRR over this fold (from --set), printing the other fold's MRR at each step")
    ap.add_argument("--sweeps", type=int, default=2)
    args = ap.parse_args(argv)
    items = load(args.corpus)
    titles = {it.key: it.title for it in items}
    queries = tuning_queries(args.gists)
    variants = [args.set]
    if args.variants:
        variants += [line.split() for line in args.variants.read_text().splitlines() if line.strip()
                     and not line.startswith("#")]
    with tempfile.TemporaryDirectory() as tmp:
        index, _ = build_index(args.corpus, Path(tmp) / "ix", 1)
        if args.ascent is not None:
            ascent(index, queries, titles, args.set, args.ascent, args.sweeps)
            variants = []
        for v in variants:
            old = apply(v)
            try:
                r = run(index, queries, args.ranks, titles)
            finally:
                for (module, attr), value in old.items():
                    setattr(module, attr, value)
            print(f"MRR {r['mrr']:.3f} R@10 {r['recall']:.3f} fold0 {r['fold0']:.3f} fold1 {r['fold1']:.3f}  "
                  f"{' '.join(v) or '(as is)'}", flush=True)
        index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
