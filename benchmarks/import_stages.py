"""CPU per step of an import worker's work, in one process: every file of a corpus parsed, its names found, copied
into a new library, analysed and added to a segment, then the segment's files written.

    python benchmarks/import_stages.py CORPUS_DIR [--runs 3] [--profile OUT.prof]

Each run is a fresh child process with a fresh data folder (its seed index built first by the command line,
untimed). Reads and hashes are done before timing, as the importing process does them. Prints, per step, the
median of the runs' CPU seconds (`time.process_time`: user + system of this process, so that other sessions'
load counts less than in wall time), with min-max. IMPORT_STAGES_CODE=/path/to/checkout measures another
checkout's code (a "before" figure).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(os.environ.get("IMPORT_STAGES_CODE") or Path(__file__).resolve().parents[1]).resolve()
STEPS = ("parse", "names", "copy", "add", "words", "finish")


def child(corpus: Path, data: Path, profile: str) -> None:
    sys.path.insert(0, str(ROOT))
    from reader_app.core.articles.furniture import Cleaning, candidate_keys, signature
    from reader_app.core.articles.reading import article_from_bytes, content_hash, stable_id
    from reader_app.core.index import documents
    from reader_app.core.index.documents import SourceFile, lean
    from reader_app.core.index.store import STOP_WORDS, ArticleIndex
    from reader_app.core.index.words import article_words

    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".md", ".html"))
    items = []
    for f in files:
        data_ = f.read_bytes()
        items.append((f, data_, content_hash(data_)))
    index = ArticleIndex(data / "index")
    library = data / "articles"
    library.mkdir(parents=True, exist_ok=True)
    cleaning = Cleaning.load(data)
    from reader_app.core.collection import importer
    from reader_app.core.entities import gazetteer

    gazetteer.keep_in(data / "cache")  # as the workers: the gazetteer read back from the cache folder
    importer._warm_up()  # as the workers do before their first job (loads the parser, the names, the gazetteer)
    gc.disable()  # as in the workers
    clock = time.process_time
    spent = dict.fromkeys(STEPS, 0.0)
    real_entity_fields = documents.entity_fields

    def timed_entity_fields(article):
        t = clock()
        out = real_entity_fields(article)
        spent["names"] += clock() - t
        return out

    documents.entity_fields = timed_entity_fields
    prof = None
    if profile:
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    with index.bulk():
        builder = index.segment_builder()
        for f, raw, _digest in items:
            aid = stable_id(str(f))
            t0 = clock()
            article = article_from_bytes(raw, name=f.name, article_id=aid, path=str(f), cleaning=cleaning)
            t1 = clock()
            spent["parse"] += t1 - t0
            target = library / f"{aid}{f.suffix.lower()}"
            with open(target, "xb") as fh:
                fh.write(raw)
            t2 = clock()
            spent["copy"] += t2 - t1
            doc = documents.document_for(article, SourceFile(target, aid, str(f), (), "2026-01-01T00:00:00"),
                                         os.stat(target))
            builder.add_document(**doc)
            t3 = clock()
            spent["add"] += t3 - t2
            words = article_words(doc["title"], doc["body"], STOP_WORDS)
            lean([doc])
            blocks = doc["body"].split("\n\n")
            candidate_keys(blocks), signature(blocks)
            del words
            spent["words"] += clock() - t3
        t4 = clock()
        builder.finish()
        spent["finish"] += clock() - t4
    if prof is not None:
        prof.disable()
        prof.dump_stats(profile)
    spent["add"] -= spent["names"]  # document_for's names are counted apart
    print(json.dumps(spent))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--profile", default="")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), args.profile)
        return 0
    results: list[dict[str, float]] = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="import-stages-") as tmp:
            data = Path(tmp) / "data"
            env = dict(os.environ, PYTHONPATH=str(ROOT))
            subprocess.run([sys.executable, "-m", "reader_app", "--data-dir", str(data), "index"], env=env,
                           check=True, capture_output=True, cwd=str(ROOT))
            # the gazetteer's cache made once, untimed (a worker reads it back in 20 ms)
            subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                            "from reader_app.core.entities import gazetteer; gazetteer.keep_in(Path(sys.argv[1])); "
                            "gazetteer.places()", str(data / "cache")], env=env, check=True, capture_output=True)
            out = subprocess.run([sys.executable, __file__, str(args.corpus), "--child", str(args.corpus), str(data),
                                  "--profile", args.profile], env=env, check=True, capture_output=True, text=True)
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    load = os.getloadavg()[0]
    print(f"{ROOT} ({args.runs} runs, load {load:.1f})")
    for step in (*STEPS, "all"):
        values = [sum(r.values()) if step == "all" else r[step] for r in results]
        print(f"  {step:7s} {statistics.median(values):6.2f} s ({min(values):.2f}-{max(values):.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
