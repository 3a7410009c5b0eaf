"""Copies: the same text under another headline (or with a line added), found by word-shingle Jaccard.

Candidates come from a bottom-k sketch (articles sharing one of each other's smallest shingle hashes), but
every pair is then checked exactly: the Jaccard similarity of the two articles' full shingle sets. Texts
with the same content hash are copies outright. The copies are the connected groups of those relations,
whatever order the pairs are checked in: so an update keeps the earlier groups no added or removed article
touches and checks only the pairs of those it does (`Known`).

A sketch value shared by more than BUCKET_MAX articles is a wire story printed hundreds of times, or
boilerplate ("Copy 3 of 10.") that hundreds of different texts end with: checking every pair there would be
quadratic. So the articles of such a bucket are looked at again by each NEAR of their sketch values (copies
share nearly all of them), and each of those "near" buckets is settled by itself, from its members alone:
the same words are one text outright; each other text joins every group whose first text it is like, in
article order; a bucket found to hold more than NEAR_GROUPS_MAX different groups is boilerplate and joins
nothing (bar the same words). 2,000 copies of one text take 2,000 word comparisons and a few checks, 2,000
texts sharing a paragraph at most NEAR_GROUPS_MAX checks each, whatever else is in the library. An update
settles a near bucket again whole whenever any of its members is touched, so it gives what a build gives.

Words are stable ids (CRC-32 of the word) and shingles hashes of tuples of them, so a sketch computed in one
process is the same in the next and can be cached with the stories.
"""

from __future__ import annotations

import heapq
import itertools
from array import array
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

SHINGLE = 4  # words per shingle
SKETCH = 6  # smallest shingle hashes kept per article
BUCKET_MAX = 64  # a sketch value shared by more articles makes candidates only of those sharing NEAR values
NEAR = 4  # sketch values shared in a near bucket (copies at Jaccard 0.8 share 4 of 6 in 98-99.9% of BBC tests)
NEAR_GROUPS_MAX = 64  # a near bucket holding more groups than this is boilerplate (see the module's docstring)
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


def near_keys(values: Sequence[int]) -> list[int]:
    """Keys for each NEAR of an article's sketch values: two articles share a key when they share NEAR values
    (or the whole of a shorter sketch)."""
    return [hash(c) for c in itertools.combinations(sorted(values), min(NEAR, len(values)))]


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
    removed since (and `near` their near_keys), `group_of` each article's earlier group of copies (by article
    number, any label per group). An earlier group none of whose members shares a sketch value with a change
    is still a group, and still apart from every other: every pair it was made of, or checked against, is a
    candidate as before."""

    dirty: set[int]
    near: set[int]
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
    near: dict[int, list[int]] = defaultdict(list)
    for i in sorted({d for docs in buckets.values() if len(docs) > BUCKET_MAX for d in docs}):
        for k in near_keys(sketches[i]):
            near[k].append(i)
    touched: set[int] | None = None
    if known is not None:
        touched = _touched(known, buckets, near, sketches)
        first_of: dict[int, int] = {}
        for d, g in known.group_of.items():
            if d not in touched:
                copies.union(first_of.setdefault(g, d), d)
    small = [docs for docs in buckets.values() if 1 < len(docs) <= BUCKET_MAX
             and (touched is None or sum(d in touched for d in docs) > 1)]
    # A near bucket is touched whole or not at all (_touched).
    settled = [docs for docs in near.values() if len(docs) > 1 and (touched is None or docs[0] in touched)]
    del buckets, near
    words = words_of(sorted({d for docs in small for d in docs if touched is None or d in touched}
                            | {d for docs in settled for d in docs}))
    sets: dict[int, set[int]] = {}

    def alike(a: int, b: int) -> bool:
        if len(sets) > SETS_KEPT:
            sets.clear()
        sa = sets.get(a)
        if sa is None:
            sa = sets[a] = shingles(words[a])
        sb = sets.get(b)
        if sb is None:
            sb = sets[b] = shingles(words[b])
        return jaccard(sa, sb) >= threshold

    for docs in small:
        if touched is not None:
            docs = [d for d in docs if d in touched]
        _link(docs, copies, alike)
    for docs in settled:
        for group in _settle(docs, words, alike):
            for d in group[1:]:
                copies.union(group[0], d)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[copies.find(i)].append(i)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: g[0])


def _touched(known: Known, buckets: Mapping[int, list[int]], near: Mapping[int, list[int]],
             sketches: Sequence[Sequence[int]]) -> set[int]:
    """The articles whose groups must be worked out again after a change: those sharing a changed sketch
    value, and with each of them its earlier group and every near bucket it is in (whole), until none is
    added."""
    touched: set[int] = set()
    for h in known.dirty:
        docs = buckets.get(h, [])
        # A bucket too large for candidates both now and before the change (it held at least the articles
        # that were there already) made and makes no pairs by itself (its near buckets are below).
        if len(docs) - sum(d in known.added for d in docs) <= BUCKET_MAX:
            touched.update(docs)
    for k in known.near:
        touched.update(near.get(k, ()))
    members: dict[int, list[int]] = defaultdict(list)
    for d, label in known.group_of.items():
        members[label].append(d)
    frontier = list(touched)
    while frontier:
        d = frontier.pop()
        more: list[int] = []
        g = known.group_of.get(d)
        if g is not None:
            more.extend(members.pop(g, ()))
        if any(len(buckets.get(h, ())) > BUCKET_MAX for h in sketches[d]):
            for k in near_keys(sketches[d]):
                more.extend(near.get(k, ()))
        for m in more:
            if m not in touched:
                touched.add(m)
                frontier.append(m)
    return touched


def _link(docs: list[int], copies: _Sets, alike: Callable[[int, int], bool]) -> None:
    """Joins the articles of one small bucket that are copies, as checking every pair would, but checking each
    article only against the groups it is not yet part of, each until one of its members matches."""
    groups: dict[int, list[int]] = {}  # the bucket's articles seen so far, by their group (its root)
    for b in docs:
        own = copies.find(b)
        joined = [own]
        for root, members in groups.items():
            if root != own and any(alike(a, b) for a in members):
                copies.union(members[0], b)
                joined.append(root)
        merged: list[int] = []
        for root in joined:
            part = groups.pop(root, None)
            if part is not None:
                if len(part) > len(merged):
                    part, merged = merged, part
                merged.extend(part)
        merged.append(b)
        groups[copies.find(b)] = merged


def _settle(docs: list[int], words: Mapping[int, array] | Sequence[array],
            alike: Callable[[int, int], bool]) -> list[list[int]]:
    """The groups of copies one near bucket makes by itself (see the module's docstring), from its members
    (in article order) alone."""
    same: dict[bytes, list[int]] = {}
    for d in docs:
        same.setdefault(words[d].tobytes(), []).append(d)
    texts = list(same.values())  # in the order of their first articles
    classes: list[list[int]] = []  # indexes into texts; the first is the class's first text
    for t in range(len(texts)):
        b = texts[t][0]
        matched = [c for c in classes if alike(texts[c[0]][0], b)]
        if not matched:
            classes.append([t])
            if len(classes) > NEAR_GROUPS_MAX:
                return [group for group in texts if len(group) > 1]  # boilerplate: the same words only
            continue
        merged = sorted(x for c in matched for x in c) + [t]
        classes = [c for c in classes if c not in matched]
        classes.append(merged)
        classes.sort(key=lambda c: c[0])
    return [[d for x in c for d in texts[x]] for c in classes if len(c) > 1 or len(texts[c[0]]) > 1]
