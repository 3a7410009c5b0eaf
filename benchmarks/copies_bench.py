"""Copies in crowds: the stories build (core/stories/build.py, no index) of 1,000 BBC texts plus N copies of
one wire story under other headlines, N near-copies of another (a line of each paper's own added) and N (at
most 1,000) other BBC texts sharing one paragraph of boilerplate, and N short texts (a BBC text's first 12
words) that are mostly a long shared paragraph (Jaccard about 0.7: not copies, but they share their sketches) (1,000 distinct texts at least, so that
word rarity never leans on English word frequencies, whose table would dwarf the rest). Prints, per N, the wall and CPU time and the peak memory of
a child process doing the build, and the size of the two crowds' groups of copies.

    python benchmarks/copies_bench.py CORPUS_DIR [--sizes 200,2000] [--runs 3]

COPIES_BENCH_CODE=/path/to/checkout measures another checkout's code (a "before" figure).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(os.environ.get("COPIES_BENCH_CODE") or Path(__file__).resolve().parents[1]).resolve()
BOILER = ("Subscribe to our daily newsletter for the latest business news and analysis from our reporters "
          "around the world, delivered to your inbox every morning before markets open.")


def child(corpus: Path, n: int) -> None:
    sys.path.insert(0, str(ROOT))
    from reader_app.core.stories.build import Record, build
    from reader_app.core.stories.thresholds import NORMAL

    files = sorted(corpus.glob("*/*.txt"))
    wire, other = files[0].read_text().split("\n", 1)[1], files[1].read_text().split("\n", 1)[1]
    records = []
    for k, p in enumerate(files[2:1002]):
        title, body = p.read_text().split("\n", 1)
        records.append(Record(f"base{k:05d}", title, None, None, f"b{k}", body))
    for k in range(n):
        records.append(Record(f"exact{k:05d}", f"Paper {k} on the wire story", None, None, f"e{k}", wire))
        records.append(Record(f"near{k:05d}", f"Paper {k} on the other", None, None, f"n{k}",
                              f"{other}\nFiled by desk {k} of the paper.\n"))
    for k, p in enumerate(files[1002:1002 + min(n, 1000)]):
        title, body = p.read_text().split("\n", 1)
        records.append(Record(f"plate{k:05d}", title, None, None, f"p{k}", f"{body.rstrip()}\n\n{BOILER}\n"))
    for k, p in enumerate(files[2:2 + n]):
        opening = " ".join(p.read_text().split("\n", 1)[1].split()[:12])
        records.append(Record(f"short{k:05d}", f"Short {k}", None, None, f"s{k}", f"{opening}. {BOILER} {BOILER}"))
    records.sort(key=lambda r: r.id)
    started, cpu = time.perf_counter(), time.process_time()
    stories = build(records, NORMAL)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    sizes = {kind: max((sum(a.startswith(kind) for a in g) for g in stories.copies), default=0)
             for kind in ("exact", "near", "plate", "short")}
    print(json.dumps({"wall": wall, "cpu": cpu, "groups": sizes,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--sizes", default="200,2000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", type=int)
    args = parser.parse_args()
    if args.child is not None:
        child(args.corpus, args.child)
        return
    print(f"code: {ROOT}; load average {os.getloadavg()[0]:.1f}")
    for n in (int(s) for s in args.sizes.split(",")):
        runs = [json.loads(subprocess.run([sys.executable, __file__, str(args.corpus), "--child", str(n)],
                                          check=True, capture_output=True, text=True).stdout)
                for _ in range(args.runs)]
        med = {k: statistics.median(r[k] for r in runs) for k in ("wall", "cpu", "peak_mb")}
        print(f"N={n}: build {med['wall']:.2f} s wall ({min(r['wall'] for r in runs):.2f}-"
              f"{max(r['wall'] for r in runs):.2f}), {med['cpu']:.2f} s CPU, peak {med['peak_mb']:.0f} MB; "
              f"largest groups of copies: {runs[0]['groups']}")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
