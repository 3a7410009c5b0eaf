"""Each article's nearest neighbours, found through an inverted index of the articles' strongest terms
instead of comparing all pairs.

An article's candidates are the articles whose vectors hold one of its top terms; a rough score over those
shared terms short-lists them and the exact cosine of the full vectors decides. Terms that top
a large share of the collection ("government", "film") are skipped: they would make every article a
candidate of every other and say little about which story it tells.
"""

from __future__ import annotations

import heapq
from collections import defaultdict

from reader_app.core.stories.vectors import Vector

TOP_TERMS = 15  # an article's terms that go into the inverted index
SHORTLIST = 60  # candidates per article whose exact cosine is computed
COMMON_SHARE = 0.02  # a term topping more than this share of the articles (and more than MIN_COMMON) is skipped
MIN_COMMON = 60

Edges = dict[tuple[int, int], float]  # (i, j) with i < j -> cosine


def neighbour_graph(vectors: list[Vector], k: int, floor: float) -> tuple[Edges, list[list[tuple[int, float]]]]:
    """The k-nearest-neighbour graph (symmetric: an edge when either end lists the other) and, per
    article, its neighbours best first as (index, cosine)."""
    tops = [heapq.nlargest(TOP_TERMS, v.items(), key=lambda tw: (tw[1], -tw[0])) for v in vectors]
    postings: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for d, v in enumerate(vectors):
        for t, w in v.items():
            postings[t].append((d, w))
    cap = max(MIN_COMMON, int(COMMON_SHARE * len(vectors)))
    # Each vector's terms as a set, made once: intersecting two sets is most of an exact cosine.
    keys = [frozenset(v) for v in vectors]
    edges: Edges = {}
    nearest: list[list[tuple[int, float]]] = []
    for d, top in enumerate(tops):
        acc: dict[int, float] = defaultdict(float)
        for t, w in top:
            posting = postings[t]
            if len(posting) > cap:
                continue
            for c, wc in posting:
                acc[c] += w * wc
        acc.pop(d, None)
        short = heapq.nlargest(SHORTLIST, acc.items(), key=lambda cs: (cs[1], -cs[0]))
        vd, kd = vectors[d], keys[d]
        scored = []
        for c, _ in short:
            vc = vectors[c]
            scored.append((sum([vd[t] * vc[t] for t in kd & keys[c]]), c))
        best = heapq.nlargest(k, ((s, c) for s, c in scored if s >= floor), key=lambda sc: (sc[0], -sc[1]))
        nearest.append([(c, s) for s, c in best])
        for s, c in best:
            edges[(d, c) if d < c else (c, d)] = s
    return edges, nearest
