"""Each article's keywords: a forward table of the words its text is most about, read once per index state.

The associates of a typed word (core/search/associates.py) are the words standing far likelier than chance in
the articles that use it. Counted over headlines only, they miss what the texts say in their bodies (the stories
using "republican" are about Bush and Kerry, whose names few of their headlines carry). Counting over every
word of every text needs the index's postings turned around (document -> words), too slow to do per search.
This module does it once per searcher (an index state): every body word in few enough articles to be topical
(at most `TOPICAL` of them, at least `MIN_DF`) has its postings read a block at a time, and each article keeps
its `PER_ARTICLE` words of highest TF-IDF ((1 + log tf) × idf). It takes 0.3-0.6 s at 2,095 articles and
1.9-2.3 s at 20,955, on the first gist query of an index state (off the GUI thread, as every search is); it
holds 2.7 MB at 2,095 and 11 MB at 20,955, and 17 MB at most while built (one segment's candidates at a
time, each an int; the term entries walked twice rather than kept). No Whoosh import: postings are read through the searcher passed in.
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Iterator, Sequence
from typing import Any
from weakref import WeakKeyDictionary

PER_ARTICLE = 30  # keywords kept per article
TOPICAL = 0.05  # a word in more of the library than this is too common to be an article's keyword
MIN_DF = 2  # ... and one in fewer articles than this too rare to associate with anything
_WORDLIKE = re.compile(r"[a-z][a-z']+$")


class Keywords:
    """Document number -> its keywords (stemmed body terms, best first), and each keyword's count of articles
    keeping it: the forward table associations over body text are counted on."""

    def __init__(self, searcher: Any, per_article: int | None = None):
        per_article = per_article or PER_ARTICLE
        docs = max(1, searcher.reader().doc_count_all())
        leaves = list(searcher.leaf_searchers())
        df: dict[str, int] = {}
        for leaf, _ in leaves:  # the library's count of each body word: a walk over the term entries
            for term, info in leaf.reader().iter_field("body"):
                word = term.decode("utf-8") if isinstance(term, bytes) else term
                df[word] = df.get(word, 0) + info.doc_frequency()
        top = TOPICAL * docs
        idf = {w: math.log(docs / n) for w, n in df.items() if MIN_DF <= n <= top and _WORDLIKE.match(w)}
        # a candidate is one int, its score (to 1e-6) above the word's number: a third of a (score, word)
        # tuple's memory, and ordered as the tuples would be for words numbered in ascending order
        words = sorted(idf)
        number = {w: i for i, w in enumerate(words)}
        shift = max(1, len(words)).bit_length()
        log = math.log
        self.terms: dict[int, list[str]] = {}
        self.counts: dict[str, int] = {}
        counts = self.counts
        for leaf, offset in leaves:
            reader = leaf.reader()
            deleted = _deleted(reader)
            found: dict[int, list[int]] = {}  # one segment's at a time: the peak is the largest segment's
            for term, info in reader.iter_field("body"):  # walked again rather than kept (82 MB at 20,955)
                word = term.decode("utf-8") if isinstance(term, bytes) else term
                weight = idf.get(word)
                if weight is None:
                    continue
                i = number[word]
                once = (round(weight * 1e6) << shift) | i  # (most words stand once in an article)
                for ids, tfs in _postings(reader, word, info):
                    for d, tf in zip(ids, tfs):
                        if d in deleted:
                            continue
                        key = once if tf <= 1 else (round(weight * (1 + log(tf)) * 1e6) << shift) | i
                        held = found.get(d)
                        if held is None:
                            found[d] = [key]
                        else:
                            held.append(key)
            mask = (1 << shift) - 1
            for d, held in found.items():
                best = [words[k & mask] for k in (heapq.nlargest(per_article, held) if len(held) > per_article
                                                  else sorted(held, reverse=True))]
                self.terms[d + offset] = best
                for w in best:
                    counts[w] = counts.get(w, 0) + 1


def _deleted(reader: Any) -> frozenset[int]:
    """A segment's deleted document numbers (their postings stay until the segment is merged)."""
    if not reader.has_deletions():
        return frozenset()
    return frozenset(range(reader.doc_count_all())) - frozenset(reader.all_doc_ids())


def _postings(reader: Any, word: str, info: Any) -> Iterator[tuple[Sequence[int], Sequence[float]]]:
    """A body term's (document numbers, frequencies) in one segment, a block at a time. Whoosh 2.7's segments
    are opened from the term's entry the lexicon walk already read (a term table look-up saved per term and
    segment, most of the build's cost otherwise); anything else through the reader's postings."""
    terms: Any = getattr(reader, "_terms", None)
    codec = getattr(terms, "_codec", None)
    if codec is not None and hasattr(terms, "_postfile") and hasattr(info, "is_inlined"):
        if info.is_inlined():
            ids, weights, _ = info.inlined_postings()
            yield ids, weights
            return
        m = codec.postings_reader(terms._postfile, info, reader.schema["body"].format, term=("body", word))
    else:
        m = reader.postings("body", word)
    if all(hasattr(m, a) for a in ("_read_ids", "_read_weights", "_next_block", "_atend", "_i")) and not m._i:
        while not m._atend:
            m._read_ids()
            m._read_weights()
            yield m._ids, m._weights
            m._next_block()
        return
    ids, weights = [], []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        m.next()
    yield ids, weights


_TABLES: WeakKeyDictionary[Any, Keywords] = WeakKeyDictionary()


def keywords(searcher: Any) -> Keywords:
    """The searcher's keyword table, built on first use."""
    found = _TABLES.get(searcher)
    if found is None:
        found = _TABLES[searcher] = Keywords(searcher)
    return found
