"""What the furniture classifier costs over the BBC corpus, now against an earlier version of it, interleaved.

    .venv/bin/python benchmarks/cleanup_cost.py [--against main] [--runs 5]

The classifier's inputs (each article's blocks, the kinds the earlier rules gave them, their markup) are
captured once by parsing the 2,095 BBC articles; then `furniture.classify` as it is and as it was at the git ref
`--against` run over the same inputs in turn, and the script prints each run's seconds and the medians. The
parse itself is not timed (it is the same for both).
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader_app.core.articles import furniture  # noqa: E402
from reader_app.core.articles import reading as articles  # noqa: E402

CORPUS = ROOT.parent.parent / "shared" / "corpora" / "bbc-news"
if not CORPUS.is_dir():
    CORPUS = ROOT.parent / "shared" / "corpora" / "bbc-news"


def captured_inputs() -> list[tuple[list[str], list[str], list[str] | None]]:
    calls: list[tuple[list[str], list[str], list[str] | None]] = []
    real = furniture.classify

    def spy(texts, kinds, *, raw=None):
        calls.append((list(texts), list(kinds), list(raw) if raw is not None else None))
        return real(texts, kinds, raw=raw)

    furniture.classify = spy
    try:
        for f in sorted(CORPUS.glob("*/*.txt")):
            articles.article_from_bytes(f.read_bytes(), name=f.name, article_id="x", path=f.name)
    finally:
        furniture.classify = real
    return calls


def module_at(ref: str):
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{ref}:reader_app/core/articles/furniture.py"],
                            check=True, capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / "furniture_then.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("furniture_then", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--against", default="main", help="the git ref whose classifier to compare with")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    inputs = captured_inputs()
    then = module_at(args.against)
    timings: dict[str, list[float]] = {args.against: [], "now": []}
    for _ in range(args.runs):
        for name, classify in ((args.against, then.classify), ("now", furniture.classify)):
            for module in (then, furniture):  # both start cold: the block caches are per module
                module.cue_anywhere.cache_clear()
            start = time.perf_counter()
            for texts, kinds, raw in inputs:
                classify(texts, kinds, raw=raw)
            timings[name].append(time.perf_counter() - start)
    print(f"{len(inputs)} articles, {args.runs} interleaved runs each")
    for name, secs in timings.items():
        print(f"{name:>8}: median {statistics.median(secs):.3f} s ({', '.join(f'{s:.3f}' for s in secs)}), "
              f"{1000 * statistics.median(secs) / len(inputs):.3f} ms an article")


if __name__ == "__main__":
    main()
