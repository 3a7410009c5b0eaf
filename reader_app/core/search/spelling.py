"""Typo tolerance from the collection's own words: close real words for a misspelt one, best first.

A Vocabulary holds every word of the headlines and texts as written (not stemmed) with how many articles
use it; it is built once per index state by core/search.py. Closeness is the optimal-string-alignment
distance (a swap of two neighbouring letters counts as one change), so "Azerbajan", "goverment",
"Pashinian" and "Armneia" are each one change from the real word. No Whoosh, no Qt.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA
from rapidfuzz.process import extract

from reader_app.core.articles.cjk import has_cjk
from reader_app.core.articles.text import lower_folded
from reader_app.core.search import query as q

MIN_WORD = 3
RARE = 2  # a word in this few articles may be a slip for a commoner one
# A typed word no article holds that still finds articles through rarer words sharing its stem ("goverment" ->
# "gover", as in "governess") is taken for a slip of a common word when that word is one typing slip away, in
# at least SHADOW_RATIO times as many articles (and COMMON at least), and nearer than every stem-mate
# (benchmarks/README.md "Search": the rule as chosen on the BBC corpus's slips and its held-out real words).
SHADOW_RATIO = 5
COMMON = 5
_KEYS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_AT = {ch: (row, i) for row, keys in enumerate(_KEYS) for i, ch in enumerate(keys)}


def max_changes(word: str) -> int:
    """How many changes a word of this length may carry and still be recognised."""
    n = len(word)
    if n < 4:
        return 0
    return 1 if n < 7 else 2


def _neighbours(a: str, b: str) -> bool:
    """Whether two letters are next to each other on a QWERTY keyboard (same row, or the rows' overlap)."""
    if a not in _KEY_AT or b not in _KEY_AT:
        return False
    (r1, i1), (r2, i2) = _KEY_AT[a], _KEY_AT[b]
    if r1 == r2:
        return abs(i1 - i2) == 1
    if abs(r1 - r2) != 1:
        return False
    # each row sits half a key to the right of the one above: "s" touches "w" and "e", "x" touches "s" and "d"
    upper, lower = (i1, i2) if r1 < r2 else (i2, i1)
    return upper - lower in (0, 1)


def one_slip(typed: str, word: str) -> bool:
    """Whether `typed` is `word` with one typing slip: a letter dropped, a letter doubled, two neighbours
    swapped, or a letter replaced by its neighbour on the keyboard (lower-case letters)."""
    if len(typed) == len(word) - 1:
        return any(word[:i] + word[i + 1:] == typed for i in range(len(word)))
    if len(typed) == len(word) + 1:
        return any(typed[:i] + typed[i + 1:] == word and typed[i] in (typed[i - 1:i] + typed[i + 1:i + 2])
                   for i in range(len(typed)))
    if len(typed) != len(word):
        return False
    diff = [i for i, (a, b) in enumerate(zip(typed, word)) if a != b]
    if len(diff) == 1:
        return _neighbours(typed[diff[0]], word[diff[0]])
    return len(diff) == 2 and diff[1] == diff[0] + 1 and typed[diff[0]] == word[diff[1]] \
        and typed[diff[1]] == word[diff[0]]


class Vocabulary:
    """The collection's words (lower-cased, as written) with their document counts."""

    def __init__(self, counts: dict[str, int]):
        self.counts = {w: c for w, c in counts.items() if len(w) >= MIN_WORD and w.isalpha()}
        # by (length, first letter): a slip rarely changes the first letter, and when it swaps the first
        # two, the second letter's bucket has the word
        buckets: dict[tuple[int, str], list[str]] = defaultdict(list)
        for w in self.counts:
            buckets[(len(w), w[0])].append(w)
        self._buckets = dict(buckets)

    def __len__(self) -> int:
        return len(self.counts)

    def count(self, word: str) -> int:
        return self.counts.get(lower_folded(word), 0)

    def close(self, word: str, changes: int | None = None, limit: int = 5) -> list[str]:
        """Real words within `changes` edits of `word` (default: by its length), most likely first.

        Fewer changes first; among equals, words sharing the first letter, then the commoner word.
        """
        word = lower_folded(word)
        if not word.isalpha():
            return []
        changes = max_changes(word) if changes is None else min(changes, max_changes(word) or 1)
        if changes <= 0:
            return []
        scored: list[tuple[float, str]] = []
        firsts = {word[0], word[1]} if len(word) > 1 else {word[0]}
        buckets = [(n, f) for n in range(len(word) - changes, len(word) + changes + 1) for f in firsts]
        for key in buckets:
            choices = self._buckets.get(key)
            if not choices:
                continue
            for cand, dist, _ in extract(word, choices, scorer=OSA.distance, score_cutoff=changes, limit=None):
                if cand == word:
                    continue
                rank = dist + (0.0 if cand[0] == word[0] else 0.6) - 0.05 * math.log10(1 + self.counts[cand])
                scored.append((rank, cand))
        scored.sort()
        return [c for _, c in scored[:limit]]

    def shadowing(self, word: str, articles: int, stem: Callable[[str], str]) -> str | None:
        """The common word a typed `word` was meant for when no article holds `word` itself and the
        `articles` it finds anyway come through rarer, farther words with the same `stem` ("goverment" finds
        "governess"; "government" was meant); None when `word` may be what the user meant."""
        word = lower_folded(word)
        if not articles or self.count(word) or not word.isalpha():
            return None
        found = self.close(word, limit=1)
        if not found:
            return None
        meant = found[0]
        if meant[0] != word[0] or not one_slip(word, meant) or self.counts[meant] < max(COMMON, SHADOW_RATIO * articles):
            return None
        own = stem(word)
        if stem(meant) == own:
            return None  # the word's own articles already hold the meant one
        # a stem-mate as near as the meant word ("carols" beside "carol") may be what was typed
        if any(stem(c) == own for c in self.close(word, changes=1, limit=50)):
            return None
        return meant

    def better(self, word: str, limit: int = 3) -> list[str]:
        """Close words that look like what was meant: any when `word` is not in the collection, else only
        ones far commoner than it (a rare spelling of a common word)."""
        own = self.count(word)
        found = self.close(word, limit=limit * 3)
        if own:
            found = [c for c in found if self.counts[c] >= 5 * own + 3]
        return found[:limit]


@dataclass
class Tolerance:
    """How to widen a query: close real words per typed word, the query with the likeliest words in their
    place ("Showing results for …"), and whole alternative queries ("Did you mean …")."""

    variants: dict[q.Word, list[str]] = field(default_factory=dict)
    corrected: q.Node | None = None
    suggestions: list[str] = field(default_factory=list)
    ties: dict[q.Word, int] = field(default_factory=dict)  # how many leading close words are equally close


def explicit(node: q.Node | None, vocabulary: Vocabulary) -> dict[q.Word, list[str]]:
    """Close words for the words the user marked with ~ (word~, word~2)."""
    return {w: vocabulary.close(w.text, w.fuzzy, limit=8) for w in q.positive_words(node)
            if w.fuzzy and not w.prefix and w.field in (None, "title") and not has_cjk(w.text)}


def tolerate(node: q.Node | None, vocabulary: Vocabulary,
             skip: Callable[[str], bool] = lambda word: False) -> Tolerance:
    """Close words for typed words the collection does not have (to be searched for as well: the plan's
    `corrected`), and for rare words beside a far commoner look-alike (only offered: "Did you mean").
    `skip` says which words the index ignores anyway (very common words)."""
    plan = Tolerance(variants=explicit(node, vocabulary))
    if node is None:
        return plan
    best: dict[q.Word, q.Node] = {}
    alternatives: list[tuple[q.Word, list[str]]] = []
    for w in q.positive_words(node):
        if w.prefix or w.fuzzy or w.exact or w.field not in (None, "title") or skip(w.text):
            continue
        own = vocabulary.count(w.text)
        if own > RARE:
            continue
        # a close word written as typed can be the typed word itself ("straße" in capitals is "STRASSE"): never
        # offered, as a suggestion that repeats the query would only loop
        found = [cased for c in vocabulary.better(w.text) if (cased := _cased_like(w.text, c)) != w.text]
        if not found:
            continue
        if not own:
            plan.variants[w] = found
            changes = [OSA.distance(lower_folded(w.text), lower_folded(c)) for c in found]
            plan.ties[w] = next((i for i, d in enumerate(changes) if d != changes[0]), len(changes))
        best[w] = q.Word(found[0], w.field)
        alternatives.append((w, found))
    if not best:
        return plan
    searched = {w: r for w, r in best.items() if w in plan.variants}
    if searched:
        plan.corrected = q.replace_words(node, searched)
    plan.suggestions.append(q.to_text(q.replace_words(node, best)))
    for w, found in alternatives:
        for other in found[1:]:
            if len(plan.suggestions) >= 3:
                break
            plan.suggestions.append(q.to_text(q.replace_words(node, {**best, w: q.Word(other, w.field)})))
    return plan


def _cased_like(typed: str, word: str) -> str:
    """`word` written with the capitals the user typed ("Azerbajan" -> "Azerbaijan"; "İzmirli" -> "İzmir",
    its first letter as typed where it is the same letter)."""
    if len(typed) > 1 and typed.isupper():
        return word.upper()
    if typed[:1].isupper():
        first = typed[0] if lower_folded(typed[0]) == word[:1] else word[:1].upper()
        return first + word[1:]
    return word


def relax(node: q.Node | None) -> q.Node | None:
    """The query with its words no longer all required (exclusions and dates still are), or None when it
    has nothing to relax. Articles matching more of the words still rank first."""
    if not isinstance(node, q.And):
        return None
    wanted = [i for i in node.items if not (isinstance(i, (q.Not, q.DateRange)) or q.is_entity_filter(i))]
    required = [i for i in node.items if isinstance(i, (q.Not, q.DateRange)) or q.is_entity_filter(i)]
    if len(wanted) < 2:
        return None
    return q.And((q.Or(tuple(wanted)), *required))
