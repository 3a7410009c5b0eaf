"""Whether any article could hold every word of a query, read straight from the postings, rarest word first.

A query recalled in other words ("armenia asks moscow for more soldiers") usually has no article with every
word; the strict search (a Whoosh And over the words, each in the headline or the text) then builds its whole
matcher tree and scores nothing. Here the rarest word's articles are read and each is checked against the
other words' postings, rarer first, until one holds them all: a few postings read instead. (The engine asks
only for queries of five words or more; shorter ones run the strict search straight away.) The answer errs one way only: "possible" may be wrong (a phrase's words apart, two words found in
different fields where the query wants them in one),
"impossible" never is, so skipping the strict search on it changes no result. No Whoosh import: postings
are read through the searcher the engine passes in.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any
from weakref import WeakKeyDictionary

from whoosh.reading import TermNotFound

# One wanted word: its alternatives (the word as typed and any close words searched with it); each one a
# field set and the terms all of which an article needs in one of those fields (several for a phrase).
Alternative = tuple[tuple[str, ...], tuple[str, ...]]
Wanted = Sequence[Alternative]


def block_ids(m: Any) -> Iterator[Sequence[int]]:
    """A term's document numbers a block at a time (Whoosh 2.7's on-disk matcher decodes whole blocks anyway,
    as core/search/gist.py reads them); any other matcher one posting at a time."""
    if all(hasattr(m, a) for a in ("_read_ids", "_next_block", "_atend", "_i")) and not m._i:
        while not m._atend:
            m._read_ids()
            yield m._ids
            m._next_block()
        return
    yield list(m.all_ids())


class TermCounts:
    """How many documents of each segment hold a term, looked up once per searcher: the strict query's
    compiling, this check and the gist ranking all ask, and each look-up in Whoosh's term table is several
    small file reads. The term's entry (Whoosh's TermInfo: its count and where its postings are) is kept, so
    the postings that the check and the ranking open later need no second look-up (`postings`)."""

    LIMIT = 200_000  # terms remembered (a searcher lives until the index changes)

    def __init__(self, searcher: Any):
        self.readers = [leaf.reader() for leaf, _ in searcher.leaf_searchers()]
        self._counts: dict[tuple[str, str], tuple[int, ...]] = {}
        self._infos: dict[tuple[str, str], tuple[Any, ...]] = {}
        # Whoosh 2.7's segment readers (the on-disk codec): their term entries can be kept and opened directly
        self._direct = [all(hasattr(getattr(r, "_terms", None), a) for a in ("term_info", "_codec", "_postfile"))
                        and hasattr(r, "_perdoc") for r in self.readers]

    def _info(self, n: int, fieldname: str, term: str) -> Any:
        reader = self.readers[n]
        if fieldname not in reader.schema:
            return None
        try:
            return reader._terms.term_info(fieldname, reader.schema[fieldname].to_bytes(term))
        except (TermNotFound, KeyError):  # the segment lacks the term; damage (a short read) goes up: rebuilt
            return None

    def per_leaf(self, fieldname: str, term: str) -> tuple[int, ...]:
        key = (fieldname, term)
        counts = self._counts.get(key)
        if counts is None:
            if len(self._counts) >= self.LIMIT:
                self._counts.clear()
                self._infos.clear()
            infos = self._infos[key] = tuple(self._info(n, fieldname, term) if direct else None
                                             for n, direct in enumerate(self._direct))
            counts = self._counts[key] = tuple(
                (info.doc_frequency() if info is not None else 0) if direct else r.doc_frequency(fieldname, term)
                for r, direct, info in zip(self.readers, self._direct, infos))
        return counts

    def total(self, fieldname: str, term: str) -> int:
        """Documents holding the term (deleted ones included, as Whoosh counts); 0 when no segment has it."""
        return sum(self.per_leaf(fieldname, term))

    def postings(self, n: int, fieldname: str, term: str) -> Any:
        """Segment n's postings of the term, as its reader's postings() gives them (callers ask only for terms
        the segment has), opened from the kept term entry when the segment has no deletions (with
        deletions, the reader's own filtered postings)."""
        reader = self.readers[n]
        self.per_leaf(fieldname, term)
        info = self._infos.get((fieldname, term), (None,) * len(self.readers))[n]
        if info is None or reader.has_deletions():
            return reader.postings(fieldname, term)
        fieldobj = reader.schema[fieldname]
        terms = reader._terms
        return terms._codec.postings_reader(terms._postfile, info, fieldobj.format,
                                            term=(fieldname, fieldobj.to_bytes(term)), scorer=None)


_COUNTS: WeakKeyDictionary[Any, TermCounts] = WeakKeyDictionary()


def term_counts(searcher: Any) -> TermCounts:
    """The searcher's term counts (made on first use, dropped with the searcher)."""
    counts = _COUNTS.get(searcher)
    if counts is None:
        counts = _COUNTS[searcher] = TermCounts(searcher)
    return counts


class _Leaf:
    """One segment's postings, read for the check."""

    def __init__(self, counts: TermCounts, n: int):
        self.reader = counts.readers[n]
        self.counts = counts
        self.n = n

    def count(self, fieldname: str, term: str) -> int:
        return self.counts.per_leaf(fieldname, term)[self.n]

    def frequency(self, alternative: Alternative) -> int:
        fields, terms = alternative
        return min(sum(self.count(f, t) for f in fields) for t in terms)

    def docs(self, fieldname: str, term: str) -> set[int]:
        docs: set[int] = set()
        for block in block_ids(self.counts.postings(self.n, fieldname, term)):
            docs.update(block)
        return docs

    def all_holders(self, alternative: Alternative) -> set[int]:
        """Every document of this segment holding each of the alternative's terms in one of its fields."""
        fields, terms = alternative
        found: set[int] | None = None
        for term in terms:
            docs: set[int] = set()
            for f in fields:
                if self.count(f, term):
                    docs |= self.docs(f, term)
            found = docs if found is None else found & docs
            if not found:
                return set()
        return found or set()

    def possible(self, wanted: list[Wanted]) -> bool:
        """Whether a document of this segment holds every wanted word: the rarest word's documents in turn,
        each checked against the other words' postings, rarer first, moving forward only; the first that
        holds them all answers (a query that matches stops early; one that does not reads little more than
        its rarest word's postings)."""
        sizes = [sum(self.frequency(a) for a in alternatives) for alternatives in wanted]
        if not all(sizes):
            return False
        order = sorted(range(len(wanted)), key=sizes.__getitem__)
        candidates: set[int] = set()
        for alternative in wanted[order[0]]:
            candidates |= self.all_holders(alternative)
        cursors: dict[tuple[str, str], Any] = {}

        def holds(fieldname: str, term: str, d: int) -> bool:
            m = cursors.get((fieldname, term))
            if m is None:
                m = cursors[(fieldname, term)] = self.counts.postings(self.n, fieldname, term)
            if not m.is_active():
                return False
            if m.id() < d:
                m.skip_to(d)
            return m.is_active() and m.id() == d

        def held(alternatives: Wanted, d: int) -> bool:
            return any(all(any(holds(f, t, d) for f in fields if self.count(f, t)) for t in terms)
                       for fields, terms in alternatives)

        rest = [wanted[g] for g in order[1:]]
        deletions = self.reader.has_deletions()  # an article re-cleaned or removed keeps its old postings
        for d in sorted(candidates):
            if all(held(alternatives, d) for alternatives in rest) and not (deletions and self.reader.is_deleted(d)):
                return True
        return False


def possible(searcher: Any, wanted: list[Wanted]) -> bool:
    """False only when no document holds at least one alternative of every wanted word (in any segment)."""
    if not wanted:
        return True
    counts = term_counts(searcher)
    return any(_Leaf(counts, n).possible(wanted) for n in range(len(counts.readers)))
