"""The library's entity table brought up to date after an import of 100 articles, in the process that had it.

    python benchmarks/entity_update_bench.py DATA_DIR [--corpus CORPUS_DIR] [--runs 3]

DATA_DIR is a built library (for instance /work/libs/data-x10); it is copied to a temporary folder for each
run and never written. In one process, as the window's worker does: the table is joined once from scratch
(`Library.entities()`), 100 new articles are imported (100 corpus files with a line of their own, as
benchmarks/scale_bench.py makes them), and the table is joined again for the index's new state (the timed
step, after the engine's new index state, timed apart as "state": carried over from the previous table when
the engine can, from scratch otherwise). The library is then opened again and its table, joined from scratch,
compared with it (same names, counts, aliases and per-article names).
Prints each run and the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from scale_bench import extra_folder  # noqa: E402


def snapshot(library) -> dict:
    """What the table shows: ranked names with counts and aliases, and each article's names."""
    gen = library.engine.generation()
    table = library.engine.entity_table(gen)
    return {"ranked": table.ranked(),
            "by_id": {aid: sorted(table.by_doc[d]) for d, aid in enumerate(table.ids) if aid}}


def one_run(src: Path, corpus: Path) -> dict:
    from reader_app import paths
    from reader_app.core.library import Library

    with tempfile.TemporaryDirectory(prefix="entity-update-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(src, data, symlinks=True)
        library = Library(paths.resolve(str(data)))
        library.open(sync=False)
        t0 = time.perf_counter()
        library.entities()
        full = time.perf_counter() - t0
        extra = extra_folder(corpus, Path(tmp), "entity update")
        t0 = time.perf_counter()
        library.import_paths([extra])
        imported = time.perf_counter() - t0
        t0 = time.perf_counter()
        library.engine.generation()  # the searcher's new state and its per-document columns (not the table)
        state = time.perf_counter() - t0
        t0 = time.perf_counter()
        library.entities()
        update = time.perf_counter() - t0
        after = snapshot(library)
        library.close()
        fresh = Library(paths.resolve(str(data)))
        fresh.open(sync=False)
        t0 = time.perf_counter()
        rebuilt = snapshot(fresh)
        again = time.perf_counter() - t0
        fresh.close()
        return {"full": full, "import": imported, "state": state, "update": update, "full_after": again,
                "equal": after == rebuilt, "articles": len(after["by_id"])}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent.parent / "shared" / "corpora" / "bbc-news")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    runs = []
    for _run in range(args.runs):
        res = one_run(args.data_dir, args.corpus)
        res["load"] = os.getloadavg()[0]
        runs.append(res)
        print(json.dumps(res), flush=True)
    for k in ("full", "state", "update", "full_after"):
        print(f"{k}: median {statistics.median(x[k] for x in runs):.2f} s")
    print(f"articles {runs[-1]['articles']:,}; equal to a fresh join in {sum(x['equal'] for x in runs)}/{len(runs)}"
          f" runs; load {statistics.median(x['load'] for x in runs):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
