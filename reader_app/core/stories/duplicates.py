"""Copies: the same text under another headline (or with a line added), found by word-shingle Jaccard.

Candidates come from a bottom-k sketch (articles sharing one of each other's smallest shingle hashes), but
every pair is then checked exactly: the Jaccard similarity of the two articles' full shingle sets. Texts
with the same content hash are copies outright.
"""

from __future__ import annotations

import heapq
from array import array
from collections import defaultdict
from collections.abc import Sequence

SHINGLE = 4  # words per shingle
SKETCH = 6  # smallest shingle hashes kept per article
BUCKET_MAX = 64  # a sketch value shared by more articles is boilerplate ("Copy 3 of 10."), not a copy


def shingles(words: array, size: int = SHINGLE) -> set[int]:
    """Hashes of the article's runs of `size` words (word ids, so hashes are stable within one build)."""
    if len(words) < size:
        return {hash(tuple(words))} if len(words) else set()
    return set(map(hash, zip(*(words[k:] for k in range(size)))))


def jaccard(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


class _Sets:
    """Union-find over article numbers."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def duplicate_groups(words: Sequence[array], hashes: Sequence[str], threshold: float) -> list[list[int]]:
    """Groups (of two or more article numbers, each sorted) of articles that are copies of each other."""
    n = len(words)
    copies = _Sets(n)
    by_hash: dict[str, int] = {}
    buckets: dict[int, list[int]] = defaultdict(list)
    for i, w in enumerate(words):
        if hashes[i]:
            first = by_hash.setdefault(hashes[i], i)
            if first != i:
                copies.union(first, i)
                continue
        for h in heapq.nsmallest(SKETCH, shingles(w)):
            buckets[h].append(i)
    pairs: set[tuple[int, int]] = set()
    for docs in buckets.values():
        if 1 < len(docs) <= BUCKET_MAX:
            pairs.update((a, b) for x, a in enumerate(docs) for b in docs[x + 1:])
    # Shingle sets are built one connected group of candidates at a time, so memory stays that of a group.
    candidates = _Sets(n)
    for a, b in pairs:
        candidates.union(a, b)
    by_group: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for a, b in sorted(pairs):
        by_group[candidates.find(a)].append((a, b))
    for group_pairs in by_group.values():
        sets: dict[int, set[int]] = {}
        for a, b in group_pairs:
            if copies.find(a) == copies.find(b):
                continue
            sa = sets.get(a) or sets.setdefault(a, shingles(words[a]))
            sb = sets.get(b) or sets.setdefault(b, shingles(words[b]))
            if jaccard(sa, sb) >= threshold:
                copies.union(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[copies.find(i)].append(i)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: g[0])
