"""Each article's keywords: a forward table of the words its text is most about, read once per index state.

The associates of a typed word (core/search/associates.py) are the words standing far likelier than chance in
the articles that use it. Counted over headlines only, they miss what the texts say in their bodies (the stories
using "republican" are about Bush and Kerry, whose names few of their headlines carry). Counting over every
word of every text needs the index's postings turned around (document -> words), too slow to do per search.
This module does it once per searcher (an index state): every body word in few enough articles to be topical
(at most `TOPICAL` of them, at least `MIN_DF`) has its postings read a block at a time, and each article keeps
its `PER_ARTICLE` words of highest TF-IDF ((1 + log tf) × idf). It takes 0.3 s at 2,095 articles and 2.2-2.5 s
at 20,955 (a quiet machine), on the first gist query of an index state, off the GUI thread as every search is;
it holds 2.4 MB at 2,095. No Whoosh import: postings are read through the searcher passed in.
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
        # each segment's body terms with their entries (counts and where the postings lie), read in one walk
        lexicons: list[list[tuple[str, Any]]] = []
        df: dict[str, int] = {}
        for leaf, _ in leaves:
            lexicon = []
            for term, info in leaf.reader().iter_field("body"):
                word = term.decode("utf-8") if isinstance(term, bytes) else term
                lexicon.append((word, info))
                df[word] = df.get(word, 0) + info.doc_frequency()
            lexicons.append(lexicon)
        top = TOPICAL * docs
        idf = {w: math.log(docs / n) for w, n in df.items() if MIN_DF <= n <= top and _WORDLIKE.match(w)}
        found: dict[int, list[tuple[float, str]]] = {}
        log = math.log
        for (leaf, offset), lexicon in zip(leaves, lexicons):
            reader = leaf.reader()
            deleted = _deleted(reader)
            for word, info in lexicon:
                weight = idf.get(word)
                if weight is None:
                    continue
                for ids, tfs in _postings(reader, word, info):
                    for d, tf in zip(ids, tfs):
                        if d in deleted:
                            continue
                        score = weight if tf <= 1 else weight * (1 + log(tf))
                        held = found.get(d + offset)
                        if held is None:
                            found[d + offset] = [(score, word)]
                        else:
                            held.append((score, word))
        self.terms: dict[int, list[str]] = {}
        self.counts: dict[str, int] = {}
        counts = self.counts
        for d, held in found.items():
            best = [w for _, w in (heapq.nlargest(per_article, held) if len(held) > per_article
                                   else sorted(held, reverse=True))]
            self.terms[d] = best
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
