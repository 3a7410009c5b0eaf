"""How alike the sentence pairs a comparison aligns are, to choose the similarity floor under which two
sentences are not paired (core/stories/compare.py). Prints every aligned pair between two similarities with
its score, for reading by eye, and counts per band; runs over the seeds' thread (every pair of its articles)
and pairs from the labelled BBC stories (benchmarks/stories_labels.json).

python benchmarks/compare_floor.py [CORPUS] [--low 0.3] [--high 0.5] [--pairs 12] [--floor F]
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

from reader_app.core.articles.reading import read_article
from reader_app.core.stories.compare import compare
from reader_app.core.stories.sentences import sentences_of

ROOT = Path(__file__).resolve().parents[1]


def body(path: Path):
    return sentences_of(read_article(path, article_id=path.stem).text)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpora" / "bbc-news"))
    ap.add_argument("--low", type=float, default=0.3)
    ap.add_argument("--high", type=float, default=0.5)
    ap.add_argument("--pairs", type=int, default=12, help="BBC pairs (the first two articles of each story)")
    ap.add_argument("--floor", type=float, default=0.3, help="the align threshold to compare with")
    ap.add_argument("--no-seeds", action="store_true", help="the BBC pairs only")
    args = ap.parse_args()
    pairs = [] if args.no_seeds else list(itertools.combinations(sorted((ROOT / "seeds").glob("*.txt")), 2))
    labels = json.loads((ROOT / "benchmarks" / "stories_labels.json").read_text())["stories"]
    corpus = Path(args.corpus)
    for files in list(labels.values()):
        for a, b in list(itertools.combinations(files, 2))[:2]:
            if (corpus / a).exists() and (corpus / b).exists():
                pairs.append((corpus / a, corpus / b))
    pairs = pairs[:(0 if args.no_seeds else 10) + args.pairs]
    bands: dict[str, int] = {}
    for a, b in pairs:
        c = compare(a.stem, body(a), b.stem, body(b), args.floor)
        for x, y, s in c.aligned:
            band = f"{int(s * 20) / 20:.2f}"
            bands[band] = bands.get(band, 0) + 1
            if args.low <= s < args.high:
                print(f"{s:.3f}  A: {x[:110]}\n       B: {y[:110]}\n")
    print("aligned pairs by similarity band:", dict(sorted(bands.items())))
    print("pairs of articles:", len(pairs))


if __name__ == "__main__":
    main()
