"""TF-IDF vectors of articles: sublinear term frequency times inverse document frequency, the headline's
terms counted several times over (a headline names the story), L2-normalised and cut to an article's
strongest terms so that 20,000 articles fit in memory.

Terms are interned to integers (`Vocabulary`: a term's id is its CRC-32, the same in every build and
process, so counts cached from one build serve the next and ties between equal weights break the same way
whatever order the articles were read in) and each article's counts kept as two flat arrays until the
collection's document frequencies are known.
"""

from __future__ import annotations

import math
import zlib
from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from reader_app.core.stories.text import base, known_terms, term, words

HEADLINE_WEIGHT = 3  # each headline term counts as this many body occurrences
KEEP_TERMS = 80  # strongest terms kept per article; the rest add little to any cosine (80 beat 40 and 120 on BBC)

Vector = dict[int, float]  # term id -> weight, unit length
COUNT_MAX = 0xFFFF


def stable_id(text: str) -> int:
    """A string's CRC-32: the same in every process (str's hash() is not). Two terms of a library sharing
    one (a few in 200,000) count as one term, the same way in every build."""
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


@dataclass
class Vocabulary:
    """Terms interned to integers (their stable ids), so vectors hold ints rather than strings; and for each
    term the word it was first made from in this build, in the order the build counts its texts (id order,
    body before headline), which a small library's word weights look up in English word frequencies
    (idf_weights). Kept per build, so that the same texts always give the same weights, whatever else the
    process read before (an update reads the new texts first, then may build in full)."""

    ids: dict[str, int] = field(default_factory=dict)
    surface: dict[str, str] = field(default_factory=dict)

    def id(self, term: str) -> int:
        n = self.ids.get(term)
        if n is None:
            n = self.ids[term] = stable_id(term)
        return n


@dataclass(slots=True)
class TermCounts:
    """One article's term ids (ascending) and their (headline-weighted) counts, as compact arrays."""

    ids: array
    counts: array


def count_terms(vocabulary: Vocabulary, title: str, body_words: list[str]) -> TermCounts:
    """The counts of an article's terms: its body's words (already split) and its headline's."""
    get, surface, known = vocabulary.ids.get, vocabulary.surface, known_terms().get
    counts: Counter[int] = Counter()
    # Distinct words in the order they first appear, so that a term's surface word is the first one said.
    for word_counts, weight in ((Counter(body_words), 1), (Counter(words(title)), HEADLINE_WEIGHT)):
        for w, c in word_counts.items():
            t = known(w)
            if t is None:
                t = term(w)
            if not t:
                continue
            n = get(t)
            if n is None:  # the term's first word in this build
                n = vocabulary.id(t)
                surface[t] = base(w)
            counts[n] += c * weight
    keys = sorted(counts)
    # Counts as 16-bit: a term said over 65,535 times in one article weighs as if said 65,535 times.
    return TermCounts(array("I", keys), array("H", [min(counts[k], COUNT_MAX) for k in keys]))


BACKGROUND_UP_TO = 1000  # libraries smaller than this lean on English word frequencies for rarity
BACKGROUND_WEIGHT = 100  # ... as much as a library of this many articles would count


def idf_weights(all_counts: list[TermCounts], vocabulary: Vocabulary | None = None) -> dict[int, float]:
    """Smoothed inverse document frequency, 1 + log((1 + N) / (1 + df)).

    A small library cannot tell rare words from common ones: in the five seeds "Armenia" is in every
    article and would weigh least. Below BACKGROUND_UP_TO articles the weight is blended with how rare the
    word is in English at large (wordsegment's word counts, already a dependency), the library's own
    counts taking over as it grows.
    """
    df: Counter[int] = Counter()
    for c in all_counts:
        df.update(c.ids)
    n = len(all_counts)
    idf = {t: 1.0 + math.log((1 + n) / (1 + d)) for t, d in df.items()}
    if vocabulary is None or n >= BACKGROUND_UP_TO:
        return idf
    rarity = _background()
    share = n / (n + BACKGROUND_WEIGHT)
    top = 1.0 + math.log(1 + BACKGROUND_WEIGHT)  # the library's scale: a word in 1 of BACKGROUND_WEIGHT
    names = {i: t for t, i in vocabulary.ids.items()}
    for t in idf:
        r = rarity(vocabulary.surface.get(names[t], names[t]))  # 0 (commonest) .. 1 (unknown)
        idf[t] = share * idf[t] + (1 - share) * (1.0 + r * (top - 1.0))
    return idf


def _background() -> Callable[[str], float]:
    """rarity(word): 0 for the commonest English words, 1 for words English corpora hardly know."""
    import wordsegment

    if not wordsegment.UNIGRAMS:
        wordsegment.load()
    counts = wordsegment.UNIGRAMS
    most = math.log(max(counts.values()))
    floor = math.log(1e4)  # seen fewer times than this (of ~6e11 words): as rare as words come

    def rarity(word: str) -> float:
        c = counts.get(word)
        if not c or c <= 1e4:
            return 1.0
        return min(1.0, max(0.0, (most - math.log(c)) / (most - floor)))

    return rarity


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
