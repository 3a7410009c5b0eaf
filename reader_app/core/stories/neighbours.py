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
from operator import neg

from reader_app.core.stories.vectors import Vector

TOP_TERMS = 15  # an article's terms that go into the inverted index
SHORTLIST = 60  # candidates per article whose exact cosine is computed
COMMON_SHARE = 0.02  # a term topping more than this share of the articles (and more than MIN_COMMON) is skipped
MIN_COMMON = 60
PENDING_MAX = 500_000  # cosines kept for the other end of a pair at most (about 50 MB)

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
    # Cosines of pairs (d, c), d < c, kept for when c short-lists d too (most do): half the exact work.
    later: dict[tuple[int, int], float] = {}
    for d, top in enumerate(tops):
        acc: dict[int, float] = defaultdict(float)
        for t, w in top:
            posting = postings[t]
            if len(posting) > cap:
                continue
            for c, wc in posting:
                acc[c] += w * wc
        acc.pop(d, None)
        # (score, -candidate) pairs made in C: ties go to the smaller number, as a key function would
        # order them, without calling one for each of a thousand candidates.
        short = heapq.nlargest(SHORTLIST, zip(acc.values(), map(neg, acc.keys())))
        vd, kd = vectors[d], keys[d]
        scored = []
        for _, minus_c in short:
            c = -minus_c
            if c < d:
                s = later.pop((c, d), None)  # computed when c short-listed d
                if s is None:
                    s = sum([vd[t] * vectors[c][t] for t in kd & keys[c]])
            else:
                s = sum([vd[t] * vectors[c][t] for t in kd & keys[c]])
                if len(later) < PENDING_MAX:
                    later[(d, c)] = s
            if s >= floor:
                scored.append((s, minus_c))
        best = heapq.nlargest(k, scored)
        nearest.append([(-minus_c, s) for s, minus_c in best])
        for s, minus_c in best:
            c = -minus_c
            edges[(d, c) if d < c else (c, d)] = s
    return edges, nearest
