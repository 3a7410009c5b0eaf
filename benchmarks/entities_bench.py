"""How good and how fast the entity extractors are (core/entities).

    python benchmarks/entities_bench.py [CORPUS_DIR] [--runs 3] [--copies 10] [--no-speed]
        [--sets tuned,heldout,heldout2,kinds] [--spacy-model PACKAGE] [--only-spacy]

Quality: benchmarks/entities_gold.json holds the people, organisations and places of the 5 seed articles
and 30 BBC articles, checked by hand (its "_about" says how); the built-in extractor's rules were tuned
while reading them, so benchmarks/entities_heldout.json lists 10 more BBC articles, written down before the
extractor ever ran on them, for a fair figure. Each extractor runs on those articles as the
index sees them (story paragraphs and photo captions, resolved within the article); a found entity is right
when its name or one of its aliases is one of a hand-listed entity's names for the same kind. Precision is
right found / found, recall is hand-listed entities found / hand-listed, per kind and overall.
benchmarks/entities_kinds.json holds labelled cases instead of whole articles: names found in the corpus, each
with the kind (or none) its article gives it; a case counts as found with the kind of the entity whose name or
alias it is (none when no entity has it), so precision is right / found of that kind among the cases, recall
right / labelled that kind, per kind, for all cases and for each way they were drawn.

--spacy-model measures a spaCy pipeline installed under another package name than the official ones (the
official en_core_web_sm comes from GitHub; benchmarks/README.md says which re-upload was measured, and why).

Speed: the time to extract from every article of CORPUS_DIR (default ../shared/corpora/bbc-news) plus the
seeds, in this one process (the import spreads the same work over two worker processes), and from 10 copies
of them, each copy's articles with a line of its own added (as benchmarks/import_bench.py makes copies);
then the time to read every article's stored names back and join them into the library's (EntityTable,
what the first search after a change builds). Articles are parsed before the clock starts; extraction runs
without cyclic garbage collection, as in the index workers. Medians of --runs runs, min-max beside.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader_app.core.articles.reading import read_article  # noqa: E402
from reader_app.core.entities import KINDS, encode, entities_of  # noqa: E402
from reader_app.core.entities.aliases import person_name  # noqa: E402
from reader_app.core.entities.builtin import BuiltinExtractor, _shape  # noqa: E402
from reader_app.core.entities.gazetteer import fold  # noqa: E402
from reader_app.core.entities.model import decode_rows  # noqa: E402
from reader_app.core.entities.spacy_extractor import SpacyExtractor, available_model  # noqa: E402
from reader_app.core.entities.table import EntityTable, paused_gc  # noqa: E402

GOLD = ROOT / "benchmarks" / "entities_gold.json"
HELD_OUT = ROOT / "benchmarks" / "entities_heldout.json"
HELD_OUT_2 = ROOT / "benchmarks" / "entities_heldout2.json"
KINDS_CASES = ROOT / "benchmarks" / "entities_kinds.json"
SETS = {"tuned": ("35 articles (seeds + 30 BBC)", GOLD), "heldout": ("10 held-out BBC articles", HELD_OUT),
        "heldout2": ("10 more held-out BBC articles", HELD_OUT_2),
        "kinds": ("labelled cases of kinds a reader would correct", KINDS_CASES)}


def default_corpus() -> Path:
    for base in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if (base / "corpora" / "bbc-news").is_dir():
            return base / "corpora" / "bbc-news"
    return ROOT.parent / "shared" / "corpora" / "bbc-news"


def article_input(path: Path) -> tuple[list[str], list[str]]:
    a = read_article(path, article_id="x", origin=str(path))
    return [p.text for p in a.paragraphs if p.kind == "p"], list(a.extra.get("captions", ()))


def quality(extractor, gold: dict, corpus: Path, library: bool = False) -> dict[str, dict[str, int]]:
    """{kind: {"found", "right", "listed", "recalled"}} over the hand-checked articles; `library`: the people as
    the library reads the stored names (aliases.person_name: glued weekday/party words cut, things dropped)."""
    tally = {k: {"found": 0, "right": 0, "listed": 0, "recalled": 0} for k in KINDS}
    for key, expected in gold.items():
        if key.startswith("_"):
            continue
        base, _, rest = key.partition("/")
        path = (ROOT / "seeds" / rest) if base == "seeds" else corpus / rest
        paras, captions = article_input(path)
        found = entities_of(paras, captions, using=extractor)
        if library:
            found = [e if e.kind != "person" else replace(e, name=clean)
                     for e in found if e.kind != "person" or (clean := person_name(e.name)) is not None]
        for kind in KINDS:
            listed = [{fold(n) for n in ([g] if isinstance(g, str) else g)} for g in expected.get(kind, [])]
            names = [{fold(n) for n in [e.name, *e.aliases]} for e in found if e.kind == kind]
            t = tally[kind]
            t["found"] += len(names)
            t["right"] += sum(1 for n in names if any(n & g for g in listed))
            t["listed"] += len(listed)
            t["recalled"] += sum(1 for g in listed if any(n & g for n in names))
    return tally


def case_quality(extractor, cases: list[dict], corpus: Path) -> dict[str, dict[str, dict[str, int]]]:
    """{group: {kind: {"found", "right", "listed", "recalled"}}} over labelled cases (entities_kinds.json), for
    every case ("all") and by how each was drawn; a case's kind as found is that of the entity of its article
    whose name or alias it is, or none."""
    found_in: dict[str, list] = {}
    tallies: dict[str, dict[str, dict[str, int]]] = {}
    for case in cases:
        key = case["article"]
        if key not in found_in:
            base, _, rest = key.partition("/")
            found_in[key] = entities_of(*article_input((ROOT / "seeds" / rest) if base == "seeds" else corpus / rest),
                                        using=extractor)
        name = fold(case["name"])
        got = next((e.kind for e in found_in[key] if name in {fold(n) for n in [e.name, *e.aliases]}), "none")
        for group in ("all", case["drawn"]):
            tally = tallies.setdefault(group, {k: {"found": 0, "right": 0, "listed": 0, "recalled": 0}
                                               for k in KINDS})
            if got in tally:
                tally[got]["found"] += 1
                tally[got]["right"] += got == case["kind"]
            if case["kind"] in tally:
                tally[case["kind"]]["listed"] += 1
                tally[case["kind"]]["recalled"] += got == case["kind"]
    return tallies


def print_quality(name: str, tally: dict[str, dict[str, int]]) -> None:
    total = {f: sum(t[f] for t in tally.values()) for f in ("found", "right", "listed", "recalled")}
    print(f"\n{name}: precision / recall (found, right, hand-listed, recalled)")
    for kind, t in [*tally.items(), ("all", total)]:
        p = t["right"] / t["found"] if t["found"] else 0.0
        r = t["recalled"] / t["listed"] if t["listed"] else 0.0
        print(f"  {kind:7} {p:6.1%} / {r:6.1%}   ({t['found']}, {t['right']}, {t['listed']}, {t['recalled']})")


def speed(extractor, corpus: Path, copies: int, runs: int) -> None:
    files = sorted(corpus.rglob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
    inputs = [article_input(f) for f in files]
    entities_of(["Warm up in London."], using=extractor)  # loaded already (main measures it)
    for n in sorted({1, copies}):
        batch = inputs if n == 1 else [(paras + [f"(Copy {k + 1} of {n}.)"], caps)
                                        for k in range(n) for paras, caps in inputs]
        times, tables = [], []
        for _ in range(runs):
            _shape.cache_clear()  # each run starts cold, as an index worker does
            with paused_gc():  # as in the index workers, which run without cyclic collection
                t0 = time.perf_counter()
                blobs = [encode(entities_of(p, c, using=extractor)) for p, c in batch]
                t1 = time.perf_counter()
                # what the search engine does once per index state: read every article's column value, join
                per_doc = [decode_rows(b) for b in blobs]
                EntityTable([str(i) for i in range(len(per_doc))], per_doc)
                t2 = time.perf_counter()
            times.append(t1 - t0)
            tables.append(t2 - t1)
        print(f"  {len(batch):6,} articles: extraction {statistics.median(times):6.2f} s "
              f"({min(times):.2f}-{max(times):.2f}), {1000 * statistics.median(times) / len(batch):.2f} ms an "
              f"article; joining names {statistics.median(tables):.2f} s ({min(tables):.2f}-{max(tables):.2f})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=default_corpus())
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--sets", default="tuned,heldout,heldout2,kinds",
                    help="which hand-checked lists to score, of: " + ", ".join(SETS))
    ap.add_argument("--spacy-model", help="an installed spaCy pipeline package to measure (default: an official one)")
    ap.add_argument("--only-spacy", action="store_true", help="leave the built-in extractor out")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"entities_bench: no corpus at {args.corpus}")
    sets = [(SETS[k][0], json.loads(SETS[k][1].read_text(encoding="utf-8")))
            for k in args.sets.split(",") if k and SETS[k][1].exists()]
    extractors = [] if args.only_spacy else [("built-in", BuiltinExtractor())]
    model = args.spacy_model or available_model()
    if model is not None:
        extractors.append((f"spaCy ({model})", SpacyExtractor(model)))
    else:
        print("spaCy with an English model is not installed here: only the built-in extractor is measured.")
    for name, ex in extractors:
        t0 = time.perf_counter()
        entities_of(["Warm up in London."], using=ex)  # the gazetteer (or the model) loads once per process
        print(f"{name}: loading, once per process: {time.perf_counter() - t0:.2f} s")
    for name, ex in extractors:
        for label, gold in sets:
            if "cases" in gold:
                for group, tally in case_quality(ex, gold["cases"], args.corpus).items():
                    print_quality(f"{name}, {label} ({group})", tally)
                continue
            print_quality(f"{name}, {label}", quality(ex, gold, args.corpus))
            print_quality(f"{name}, {label}, as the library reads them", quality(ex, gold, args.corpus, library=True))
    if not args.no_speed:
        for name, ex in extractors:
            print(f"\n{name}: speed, {args.runs} runs")
            speed(ex, args.corpus, args.copies, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
