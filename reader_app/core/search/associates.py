"""Words a person may mean but did not type: each typed word's associates, from the library's own articles.

Someone recalls "soldiers" where the article says "troops", "republican" where it says "Bush". Across the
library the two meet far more often than chance: of the articles whose text uses the typed word, a good share
have the other in their headline, which is otherwise rare. For a typed word, every article using it is
looked up in a table of the library's headline words (read once per searcher from the headline field's
postings: 0.14 s at 2,095 articles, 1.6 s at 20,950) and the headline words standing in several of them are
weighed by their lift, P(associate | word) / P(associate) (pointwise mutual information over articles); the
best two are kept. The gist ranking (core/search/gist.py) lets an article holding one cover part of the
typed word. Nothing is built at import and nothing is downloaded. No Whoosh import: postings are read
through the searcher passed in.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from reader_app.core.search.conjunction import block_ids, term_counts

MIN_SHARED = 3  # an associate stands in the headlines of at least this many articles using the word
MIN_LIFT = 4.0  # ... and is at least this many times likelier there than in the library at large
PER_WORD = 2  # associates kept per typed word
MAX_SHARE = 0.15  # a word in more of the library than this is too common to have associates worth adding
_WORDLIKE = re.compile(r"[a-z][a-z']+$")

class Headlines:
    """Every article's headline terms (document number -> terms) and each term's headline count, read once
    per searcher from the headline field's postings: the forward table the associations are counted on."""

    def __init__(self, searcher: Any):
        self.terms: dict[int, list[str]] = {}
        self.counts: dict[str, int] = {}
        for leaf, offset in searcher.leaf_searchers():
            reader = leaf.reader()
            for tbytes in reader.lexicon("title"):
                term = tbytes.decode("utf-8") if isinstance(tbytes, bytes) else tbytes
                if not _WORDLIKE.match(term):
                    continue
                n = 0
                for block in block_ids(reader.postings("title", term)):
                    for d in block:
                        self.terms.setdefault(d + offset, []).append(term)
                    n += len(block)
                self.counts[term] = self.counts.get(term, 0) + n


_HEADLINES: WeakKeyDictionary[Any, Headlines] = WeakKeyDictionary()
_CACHE: WeakKeyDictionary[Any, dict[str, list[tuple[str, float]]]] = WeakKeyDictionary()


def headlines(searcher: Any) -> Headlines:
    found = _HEADLINES.get(searcher)
    if found is None:
        found = _HEADLINES[searcher] = Headlines(searcher)
    return found


def associates(searcher: Any, term: str, distinct: Callable[[int], bool]) -> list[tuple[str, float]]:
    """A typed word's (stemmed term's) associates with a weight each (the share of the articles using the
    word whose headline has the associate), strongest first; none for a word too common or too rare."""
    cache = _CACHE.get(searcher)
    if cache is None:
        cache = _CACHE[searcher] = {}
    if term in cache:
        return cache[term]
    counts = term_counts(searcher)
    docs = max(1, searcher.reader().doc_count())
    found: list[tuple[str, float]] = []
    if MIN_SHARED <= counts.total("body", term) <= MAX_SHARE * docs:
        table = headlines(searcher)
        users = 0
        holders: dict[str, int] = {}
        for n, (leaf, offset) in enumerate(searcher.leaf_searchers()):
            if not counts.per_leaf("body", term)[n]:
                continue
            for block in block_ids(leaf.reader().postings("body", term)):
                for d in block:
                    d += offset
                    if distinct(d):
                        users += 1
                        for word in table.terms.get(d, ()):
                            holders[word] = holders.get(word, 0) + 1
        scored = []
        for word, n in holders.items():
            if n < MIN_SHARED or word == term:
                continue
            share = n / users
            lift = share / (max(1, table.counts.get(word, 0)) / docs)
            if lift >= MIN_LIFT:
                scored.append((share * math.log(lift), share, word))
        scored.sort(reverse=True)
        found = [(word, share) for _, share, word in scored[:PER_WORD]]
    cache[term] = found
    return found
