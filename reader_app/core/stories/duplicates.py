"""Copies: the same text under another headline (or with a line added), found by word-shingle Jaccard.

Candidates come from a bottom-k sketch (articles sharing one of each other's smallest shingle hashes), but
every pair is then checked exactly: the Jaccard similarity of the two articles' full shingle sets. Texts
with the same content hash are copies outright. The copies are the connected groups of those two relations,
whatever order the pairs are checked in: so an update can keep what it knows of the candidate groups no
added or removed article touches, and check only the others (`Known`).

Words are stable ids (CRC-32 of the word) and shingles hashes of tuples of them, so a sketch computed in one
process is the same in the next and can be cached with the stories.
"""

from __future__ import annotations

import heapq
from array import array
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

SHINGLE = 4  # words per shingle
SKETCH = 6  # smallest shingle hashes kept per article
BUCKET_MAX = 64  # a sketch value shared by more articles is boilerplate ("Copy 3 of 10."), not a copy
SETS_KEPT = 4096  # shingle sets kept at once while checking a candidate group (bounds memory in a huge group)

WordsOf = Callable[[list[int]], dict[int, array]]  # article numbers -> their word ids


def shingles(words: array, size: int = SHINGLE) -> set[int]:
    """Hashes of the article's runs of `size` words (stable word ids, so stable hashes)."""
    if len(words) < size:
        return {hash(tuple(words))} if len(words) else set()
    return set(map(hash, zip(*(words[k:] for k in range(size)))))


def sketch(words: array) -> tuple[int, ...]:
    """The article's SKETCH smallest shingle hashes, ascending."""
    return tuple(heapq.nsmallest(SKETCH, shingles(words)))


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


@dataclass
class Known:
    """What an earlier computation established: `dirty` holds the sketch values of every article added or
    removed since (a candidate group touching none of them is as it was), `group_of` each article's earlier
    group of copies (by article number, any label per group)."""

    dirty: set[int]
    group_of: dict[int, int]


def duplicate_groups(sketches: Sequence[Sequence[int]], hashes: Sequence[str], threshold: float,
                     words_of: WordsOf, known: Known | None = None) -> list[list[int]]:
    """Groups (of two or more article numbers, each sorted) of articles that are copies of each other.

    `words_of` gives the word ids of the articles whose pairs must be checked (asked one candidate group at
    a time); with `known`, groups that no change touches are taken from it instead.
    """
    n = len(sketches)
    copies = _Sets(n)
    by_hash: dict[str, int] = {}
    buckets: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        if hashes[i]:
            first = by_hash.setdefault(hashes[i], i)
            if first != i:
                copies.union(first, i)
                continue
        for h in sketches[i]:
            buckets[h].append(i)
    del by_hash
    candidates = _Sets(n)
    by_root: dict[int, list[list[int]]] = defaultdict(list)  # candidate group -> its buckets
    dirty: set[int] = set()
    for h, docs in buckets.items():
        if known is not None and h in known.dirty:
            dirty.update(docs)
        if 1 < len(docs) <= BUCKET_MAX:
            for d in docs[1:]:
                candidates.union(docs[0], d)
    for docs in buckets.values():
        if 1 < len(docs) <= BUCKET_MAX:
            by_root[candidates.find(docs[0])].append(docs)
    del buckets
    for root in sorted(by_root):
        group_buckets = by_root[root]
        members = sorted({d for docs in group_buckets for d in docs})
        if known is not None and not dirty.intersection(members):
            first_of: dict[int, int] = {}
            for d in members:
                g = known.group_of.get(d)
                if g is not None:
                    copies.union(first_of.setdefault(g, d), d)
            continue
        _check(group_buckets, members, copies, threshold, words_of)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[copies.find(i)].append(i)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: g[0])


def _check(group_buckets: list[list[int]], members: list[int], copies: _Sets, threshold: float,
           words_of: WordsOf) -> None:
    """Every candidate pair of one group checked exactly (pairs already joined through others skipped)."""
    words = words_of(members)
    sets: dict[int, set[int]] = {}
    for docs in group_buckets:
        for x, a in enumerate(docs):
            for b in docs[x + 1:]:
                if copies.find(a) == copies.find(b):
                    continue
                if len(sets) > SETS_KEPT:
                    sets.clear()
                sa = sets.get(a)
                if sa is None:
                    sa = sets[a] = shingles(words[a])
                sb = sets.get(b)
                if sb is None:
                    sb = sets[b] = shingles(words[b])
                if jaccard(sa, sb) >= threshold:
                    copies.union(a, b)
