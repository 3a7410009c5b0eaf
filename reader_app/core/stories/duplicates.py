"""Copies: the same text under another headline (or with a line added), found by word-shingle Jaccard.

Candidates come from a bottom-k sketch (articles sharing one of each other's smallest shingle hashes), but
every pair is then checked exactly: the Jaccard similarity of the two articles' full shingle sets. Texts
with the same content hash are copies outright. The copies are the connected groups of those two relations,
whatever order the pairs are checked in: so an update keeps the earlier groups no added or removed article
touches and checks only the pairs of those it does (`Known`).

Words are stable ids (CRC-32 of the word) and shingles hashes of tuples of them, so a sketch computed in one
process is the same in the next and can be cached with the stories.
"""

from __future__ import annotations

import heapq
from array import array
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

SHINGLE = 4  # words per shingle
SKETCH = 6  # smallest shingle hashes kept per article
BUCKET_MAX = 64  # a sketch value shared by more articles is boilerplate ("Copy 3 of 10."), not a copy
SETS_KEPT = 512  # shingle sets kept at once while checking pairs (a set of 400 shingles is ~30 KB)

# article numbers -> their word ids (by article number: a mapping, or the list of every article's)
WordsOf = Callable[[list[int]], Mapping[int, array] | Sequence[array]]


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
    removed since, `group_of` each article's earlier group of copies (by article number, any label per
    group). An earlier group none of whose members shares a sketch value with a change is still a group, and
    still apart from every other: every pair it was made of, or checked against, is a candidate as before."""

    dirty: set[int]
    group_of: dict[int, int]
    added: set[int]  # the articles (by number) added or changed since


def duplicate_groups(sketches: Sequence[Sequence[int]], hashes: Sequence[str], threshold: float,
                     words_of: WordsOf, known: Known | None = None) -> list[list[int]]:
    """Groups (of two or more article numbers, each sorted) of articles that are copies of each other.

    `words_of` gives the word ids of the articles whose pairs must be checked (asked once); with `known`,
    only pairs of articles that a change touches are checked, the rest taken from it.
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
    touched: set[int] | None = None
    if known is not None:
        touched = set()
        for h in known.dirty:
            docs = buckets.get(h, [])
            # A bucket too large for candidates both now and before the change (it held at least the
            # articles that were there already) made and makes no pairs: the copy line of a whole folder.
            if len(docs) - sum(d in known.added for d in docs) > BUCKET_MAX:
                continue
            touched.update(docs)
        touched_groups = {known.group_of[d] for d in touched if d in known.group_of}
        first_of: dict[int, int] = {}
        for d, g in known.group_of.items():
            if g in touched_groups:
                touched.add(d)
            else:
                copies.union(first_of.setdefault(g, d), d)
    checked = [docs for docs in buckets.values() if 1 < len(docs) <= BUCKET_MAX
               and (touched is None or sum(d in touched for d in docs) > 1)]
    del buckets
    words = words_of(sorted({d for docs in checked for d in docs if touched is None or d in touched}))
    sets: dict[int, set[int]] = {}
    for docs in checked:
        if touched is not None:
            docs = [d for d in docs if d in touched]
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
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[copies.find(i)].append(i)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: g[0])
