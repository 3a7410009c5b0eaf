"""TF-IDF vectors of articles: sublinear term frequency times inverse document frequency, the headline's
terms counted several times over (a headline names the story), L2-normalised and cut to an article's
strongest terms so that 20,000 articles fit in memory.

Terms are interned to integers (`Vocabulary`) and each article's counts kept as two flat arrays until the
collection's document frequencies are known.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from dataclasses import dataclass, field

from reader_app.core.stories.text import terms, terms_of_words

HEADLINE_WEIGHT = 3  # each headline term counts as this many body occurrences
KEEP_TERMS = 40  # strongest terms kept per article; the rest add little to any cosine

Vector = dict[int, float]  # term id -> weight, unit length


@dataclass
class Vocabulary:
    """Terms interned to small integers, so vectors hold ints rather than strings."""

    ids: dict[str, int] = field(default_factory=dict)

    def id(self, term: str) -> int:
        n = self.ids.get(term)
        if n is None:
            n = self.ids[term] = len(self.ids)
        return n


@dataclass
class TermCounts:
    """One article's term ids and their (headline-weighted) counts, as compact arrays."""

    ids: array
    counts: array


def count_terms(vocabulary: Vocabulary, title: str, body_words: list[str]) -> TermCounts:
    """The counts of an article's terms: its body's words (already split) and its headline's."""
    ids = vocabulary.ids
    counts: Counter[int] = Counter([ids.setdefault(t, len(ids)) for t in terms_of_words(body_words)])
    for t in terms(title):
        counts[ids.setdefault(t, len(ids))] += HEADLINE_WEIGHT
    keys = sorted(counts)
    return TermCounts(array("I", keys), array("f", [counts[k] for k in keys]))


def idf_weights(all_counts: list[TermCounts]) -> dict[int, float]:
    """Smoothed inverse document frequency, 1 + log((1 + N) / (1 + df)): a term in every article still counts
    a little, which matters in a small library (the five seeds all say "Armenia" and "Russia")."""
    df: Counter[int] = Counter()
    for c in all_counts:
        df.update(c.ids)
    n = len(all_counts)
    return {t: 1.0 + math.log((1 + n) / (1 + d)) for t, d in df.items()}


def vector(c: TermCounts, idf: dict[int, float], keep: int = KEEP_TERMS) -> Vector:
    """The article's unit-length TF-IDF vector over its `keep` strongest terms."""
    weights = [(t, (1.0 + math.log(f)) * idf.get(t, 0.0)) for t, f in zip(c.ids, c.counts)]
    weights = [tw for tw in weights if tw[1] > 0.0]
    if len(weights) > keep:
        weights.sort(key=lambda tw: (-tw[1], tw[0]))
        weights = weights[:keep]
    norm = math.sqrt(sum(w * w for _, w in weights)) or 1.0
    return {t: w / norm for t, w in weights}


def cosine(a: Vector, b: Vector) -> float:
    # Two articles share few of their terms: intersecting the keys (in C) beats looking up every term.
    return sum([a[t] * b[t] for t in a.keys() & b.keys()])
