"""Searching the Whoosh index: the query tree (core/query.py) made into Whoosh queries, run with a time
limit on a cached searcher, with facets, filters, best-passage snippets and "more like this".

With core/index.py and its companions (index_fields.py, segments.py), the only modules that import Whoosh.
Typo tolerance lives in core/spelling.py (no Whoosh); this module feeds it the index's own words and decides when to use it.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache, partial
from itertools import product
from pathlib import Path
from typing import Any

from whoosh import query as wq
from whoosh.analysis import STOP_WORDS
from whoosh.collectors import TopCollector
from whoosh.lang.porter import stem as porter_stem
from whoosh.matching import NullMatcher
from whoosh.matching.wrappers import FilterMatcher, WrappingMatcher
from whoosh.query.spans import SpanNear2
from whoosh.searching import Searcher, TimeLimit

from reader_app.core.articles import cjk
from reader_app.core.articles.text import composed, fold_ligatures, lower_folded
from reader_app.core.entities import table_file
from reader_app.core.entities.table import EntityTable, paused_gc
from reader_app.core.search import conjunction, gist, wording
from reader_app.core.search import query as q
from reader_app.core.search.hits import Generation, Pass, column, fill
from reader_app.core.search.proximity import POOL, near
from reader_app.core.search.related import related_hits
from reader_app.core.search.results import GIST_NOTE, Hit, SearchResult
from reader_app.core.search.snippets import Phrases, candidates
from reader_app.core.search.spelling import Vocabulary, explicit, relax, tolerate
from reader_app.core.yielding import let_others_run

log = logging.getLogger(__name__)

FEW_HITS = 3  # a strict query finding fewer articles than this is widened (typos, then fewer words)
MAX_PREFIX_TERMS = 64  # words one prefix may stand for
MAX_EXPANSION = 160  # ... and all the prefixes of one query together
BODY_FIELDS = ("title", "body")
MAX_CORRECTIONS = 6  # combinations of close words tried as the corrected query
CHECK_FROM = 5  # queries of this many words or more are checked for a possible match before the strict search


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    return porter_stem(word)


class _DeadlineMatcher(WrappingMatcher):
    """A term's postings that stop the search (TimeLimit) once the deadline has passed, checked as the
    matcher moves: a phrase that matches nothing never reaches the collector's own check."""

    def __init__(self, child, deadline: float, boost: float = 1.0):
        super().__init__(child, boost=boost)
        self.deadline = deadline
        self.moves = 0

    def _replacement(self, newchild):
        return self.__class__(newchild, self.deadline, boost=self.boost)

    def _check(self) -> None:
        self.moves += 1
        if not self.moves % 128 and time.monotonic() > self.deadline:
            raise TimeLimit

    def next(self):
        self._check()
        return self.child.next()

    def skip_to(self, id):
        self._check()
        return self.child.skip_to(id)


class _TimedTerm(wq.Term):
    def __init__(self, fieldname: str, text: str, deadline: float):
        super().__init__(fieldname, text)
        self.deadline = deadline

    def matcher(self, searcher, context=None):
        return _DeadlineMatcher(super().matcher(searcher, context), self.deadline)


class _Phrase(SpanNear2):
    """Whoosh's own phrase matching (SpanNear2, as Phrase uses it) over deadline-keeping terms. Whoosh 2.7's
    SpanNear2 sizes itself with a name it never imported; the And of its terms is the same estimate."""

    def _and_query(self):
        return wq.And(self.qs)

    def estimate_size(self, ixreader):
        return self._and_query().estimate_size(ixreader)

    def estimate_min_size(self, ixreader):
        return self._and_query().estimate_min_size(ixreader)


class _Worded(wq.WrappingQuery):
    """A phrase typed with small words ("troops in the border"): the index drops those words, so what its
    phrase query finds is kept only where the stored text of the field holds the phrase word for word
    (core/search/wording.py). Checks every candidate's text, stopping with TimeLimit past the deadline."""

    def __init__(self, child: wq.Query, fieldname: str, phrase: tuple[wording.Key, ...], stemmed: bool, deadline: float):
        super().__init__(child)
        self.fieldname = fieldname
        self.phrase = phrase
        self.stemmed = stemmed
        self.deadline = deadline

    def _rewrap(self, child):
        return self.__class__(child, self.fieldname, self.phrase, self.stemmed, self.deadline)

    def __eq__(self, other):
        return (type(other) is type(self) and other.child == self.child and other.fieldname == self.fieldname
                and other.phrase == self.phrase)

    def __hash__(self):
        return hash((type(self).__name__, self.child, self.fieldname, self.phrase))

    def matcher(self, searcher, context=None):
        # `searcher` may be one segment's: the document numbers here are that segment's, as the matcher's
        found = self.child.matcher(searcher, context)
        if not found.is_active():
            return found
        stem_of = stem if self.stemmed else None
        kept = set()
        for n, docnum in enumerate(found.all_ids()):
            if not n % 32 and time.monotonic() > self.deadline:
                raise TimeLimit
            text = searcher.stored_fields(docnum).get(self.fieldname) or ""
            if wording.holds(text, self.phrase, stem_of):
                kept.add(docnum)
        if not kept:
            return NullMatcher()
        return FilterMatcher(self.child.matcher(searcher, context), frozenset(kept))


class Compiler:
    """Turns a query tree into a Whoosh query for one searcher; collects the words to mark in snippets."""

    def __init__(self, searcher: Searcher, variants: dict[q.Word, list[str]] | None = None,
                 deadline: float = float("inf"), entity_terms: Callable[[str, str], list[str]] | None = None,
                 dropped: frozenset[q.Word] = frozenset()):
        self.searcher = searcher
        # typed words searched only as their close words: what they match as typed is a rarer look-alike's
        # ("goverment" is stemmed as "governess" is; spelling.Vocabulary.shadowing)
        self.dropped = dropped
        self.entity_terms = entity_terms  # (kind, a name as typed) -> indexed names (core/entities/table.py)
        self.deadline = deadline
        self.schema = searcher.schema
        self.variants = variants or {}
        self.stems: set[str] = set()
        self.prefixes: list[str] = []
        self.groups: list[set[str]] = []  # per wanted word, its body terms (for the nearness of words)
        self.phrases: list[tuple[str, ...]] = []  # wanted phrases, as body terms (marked only where they are)
        self.loose: set[str] = set()  # body terms wanted on their own (marked anywhere)
        self.small: set[str] = set()  # small words of wanted phrases ("in"): marked only inside them
        self.expansion_left = MAX_EXPANSION

    def tokens(self, fieldname: str, text: str) -> list[str]:
        analyzer = self.schema[fieldname].analyzer
        return [t.text for t in analyzer(text, mode="query")]

    def _text_query(self, fieldname: str, text: str, boost: float = 1.0) -> wq.Query | None:
        toks = self.tokens(fieldname, text)
        if fieldname in BODY_FIELDS:
            self.stems.update(toks)
        if not toks:
            return None
        counts = conjunction.term_counts(self.searcher)
        if any(not counts.total(fieldname, t) for t in toks):
            return wq.NullQuery  # a word the field does not have: matches nothing, costs nothing
        if len(toks) == 1:
            return wq.Term(fieldname, toks[0], boost=boost)
        # a phrase as Whoosh builds it (SpanNear2 of its terms), with terms that keep to the deadline
        return _Phrase([_TimedTerm(fieldname, t, self.deadline) for t in toks], slop=1, ordered=True,
                       mindist=1) if boost == 1.0 else wq.Phrase(fieldname, toks, boost=boost)

    def _across(self, fields: tuple[str, ...], make: Callable[[str], wq.Query | None]) -> wq.Query | None:
        made = [p for p in (make(f) for f in fields) if p is not None]
        if not made:
            return None  # only very common words: left out of the query
        parts = [p for p in made if p is not wq.NullQuery]
        if not parts:
            return wq.NullQuery
            return None
        return parts[0] if len(parts) == 1 else wq.Or(parts)

    def entity(self, kind: str, text: str) -> wq.Query:
        """person:/org:/place: — every article name of the entities `text` names (by a name or an alias)."""
        names = self.entity_terms(kind, text) if self.entity_terms is not None else []
        terms = [wq.Term(kind, n) for n in names]
        if not terms:
            return wq.NullQuery
        return terms[0] if len(terms) == 1 else wq.Or(terms)

    def word(self, node: q.Word) -> wq.Query | None:
        if node.field in q.ENTITY_FIELDS:  # a prefix (person:blai*) names entities too: see Clusters.lookup
            return self.entity(node.field, node.text + "*" if node.prefix else node.text)
        fields = (node.field,) if node.field else BODY_FIELDS
        if node.prefix:
            return self._across(fields, lambda f: self._prefix(f, node.text))
        variants = self.variants.get(node)
        typed = () if variants and node in self.dropped else (node.text,)
        exact = self._across(fields, lambda f: self._text_query(f, node.text)) if typed else None
        for v in (*typed, *(variants or ())):
            toks = self.tokens("body", v)
            if len(toks) > 1 and cjk.has_cjk(v):
                # a word of Han or kana ("北京大学") is searched as the phrase of its pairs of characters: marked
                # where that phrase is, never a pair alone ("大学")
                self.phrases.append(tuple(toks))
            else:
                self.loose.update(toks)
        if node.field is None:
            group = {t for v in (*typed, *(variants or ())) for t in self.tokens("body", v)}
            if group:
                self.groups.append(group)
        if not variants:
            return exact
        alts: list[wq.Query] = [exact] if exact is not None and exact is not wq.NullQuery else []
        for n, variant in enumerate(variants):
            boost = 0.9 if n == 0 else 0.6  # the likeliest word counts nearly as much as the typed one
            alt = self._across(fields, partial(self._text_query, text=variant, boost=boost))
            if alt is not None and alt is not wq.NullQuery:
                alts.append(alt)
        if not alts:
            return exact
        return alts[0] if len(alts) == 1 else wq.Or(alts)

    def _prefix(self, fieldname: str, text: str) -> wq.Query | None:
        prefix = lower_folded(text)
        self.prefixes.append(prefix)
        reader = self.searcher.reader()
        words = []
        for t in reader.expand_prefix(fieldname, prefix):
            words.append(t.decode("utf-8") if isinstance(t, bytes) else t)
            if len(words) >= 20 * MAX_PREFIX_TERMS:
                break
        room = min(MAX_PREFIX_TERMS, self.expansion_left)
        if len(words) > room:  # the commonest words the prefix stands for
            words = sorted(words, key=lambda w: -reader.doc_frequency(fieldname, w))[:room]
        self.expansion_left -= len(words)
        terms = [wq.Term(fieldname, w) for w in words]
        if not terms:
            return wq.NullQuery
        return terms[0] if len(terms) == 1 else wq.Or(terms)

    def phrase(self, node: q.Phrase) -> wq.Query | None:
        if node.field in q.ENTITY_FIELDS:
            return self.entity(node.field, " ".join(node.words))
        fields = (node.field,) if node.field else BODY_FIELDS
        text = " ".join(node.words)
        closed = cjk.closed_up(text)
        if closed == text:
            return self._phrase(fields, text, node.words)
        # Han and kana are written without spaces: "北京 大学" is found written together (北京大学) and as two
        # words with punctuation between them (北京、大学), as the index numbers its pairs
        made = [p for p in (self._phrase(fields, closed, node.words), self._phrase(fields, text, node.words))
                if p is not None]
        if not made:
            return None
        parts = [p for p in made if p is not wq.NullQuery]
        return wq.NullQuery if not parts else parts[0] if len(parts) == 1 else wq.Or(parts)

    def _phrase(self, fields: tuple[str, ...], text: str, words: tuple[str, ...]) -> wq.Query | None:
        toks = tuple(self.tokens("body", text))
        if wording.has_dropped(words):
            if toks:  # marked whole, small words too ("of its troops"), as the text must hold it
                seq = wording.keys(text, stem)
                self.phrases.append(tuple(k for k, _ in seq))
                self.small.update(k for k, small in seq if small)
            return self._across(fields, partial(self._worded, text=text))
        if len(toks) > 1:
            self.phrases.append(toks)
        elif toks:
            self.loose.update(toks)
        return self._across(fields, lambda f: self._text_query(f, text))

    def _worded(self, fieldname: str, text: str) -> wq.Query | None:
        """A phrase with small words in it: the index's phrase of its other words, kept where the text has all."""
        found = self._text_query(fieldname, text)
        if found is None or found is wq.NullQuery:
            return found
        stemmed = bool(getattr(self.schema[fieldname], "stem", False))
        return _Worded(found, fieldname, tuple(wording.keys(text, stem if stemmed else None)), stemmed,
                       self.deadline)

    @staticmethod
    def dates(node: q.DateRange) -> wq.Query:
        # Dates are stored as text ("2021", "2021-04-14"); "~" sorts after every digit and "-".
        start = f"{node.start}~" if node.start_open else (node.start or "0")
        end = (node.end or "9~") if node.end_open else (f"{node.end}~" if node.end else "9~")
        return wq.TermRange("date", start, end, startexcl=False, endexcl=node.end_open)

    def compile(self, node: q.Node | None) -> wq.Query | None:
        if node is None:
            return None
        if isinstance(node, q.Word):
            return self.word(node)
        if isinstance(node, q.Phrase):
            return self.phrase(node)
        if isinstance(node, q.DateRange):
            return self.dates(node)
        if isinstance(node, q.Not):
            inner = self.compile_negated(node.item)
            if inner is wq.NullQuery:
                return wq.Every()  # leaving out a word no article has leaves every article
            return None if inner is None else wq.And([wq.Every(), wq.Not(inner)])
        parts = []
        for item in node.items:
            if isinstance(node, q.And) and isinstance(item, q.Not):
                inner = self.compile_negated(item.item)
                if inner is not None and inner is not wq.NullQuery:
                    parts.append(wq.Not(inner))
                continue
            part = self.compile(item)
            if part is not None:
                parts.append(part)
        if not parts:
            return None
        if isinstance(node, q.Or):
            parts = [p for p in parts if p is not wq.NullQuery] or [wq.NullQuery]
            return parts[0] if len(parts) == 1 else wq.Or(parts)
        if any(p is wq.NullQuery for p in parts):
            return wq.NullQuery  # a required word no article has
        if all(isinstance(p, wq.Not) for p in parts):
            parts.insert(0, wq.Every())
        return parts[0] if len(parts) == 1 else wq.And(parts)

    def compile_negated(self, node: q.Node) -> wq.Query | None:
        """Excluded words are not marked in snippets."""
        kept = (set(self.stems), list(self.prefixes), list(self.groups), list(self.phrases), set(self.loose),
                set(self.small))
        try:
            return self.compile(node)
        finally:
            self.stems, self.prefixes, self.groups, self.phrases, self.loose, self.small = kept

    def worth_running(self, node: q.Node | None) -> bool:
        """Whether the strict search of the compiled `node` could find anything. Queries of fewer than
        CHECK_FROM words are not checked: their strict search is cheap (≈ 2 ms at 2,095 articles) and usually
        matches, so the check would only add to it (≈ 0.3 ms); longer ones, a story recalled in other words,
        rarely match and cost more (≈ 7 ms, many times that on a big library)."""
        return len(self.groups) < CHECK_FROM or self.could_match(node)

    def could_match(self, node: q.Node | None) -> bool:
        """False when no article holds every word the query requires (core/search/conjunction.py: a few
        postings read, rarest word first), so the strict search would find nothing; True otherwise, and for
        any query that is not only required words and phrases (OR, exclusions, prefixes, dates, names)."""
        items = node.items if isinstance(node, q.And) else (node,) if node is not None else ()
        wanted: list[conjunction.Wanted] = []
        for item in items:
            if isinstance(item, q.Word) and not item.prefix and item.field in (None, "title"):
                variants = self.variants.get(item, ())
                texts = (*(() if variants and item in self.dropped else (item.text,)), *variants)
            elif isinstance(item, q.Phrase) and item.field in (None, "title"):
                spaced = " ".join(item.words)
                texts = tuple(dict.fromkeys((cjk.closed_up(spaced), spaced)))  # (see phrase())
            else:
                return True
            fields = (item.field,) if item.field else BODY_FIELDS
            alternatives: list[conjunction.Alternative] = []
            for text in texts:
                per_field = {f: tuple(self.tokens(f, text)) for f in fields}
                if len(set(per_field.values())) == 1:
                    terms = next(iter(per_field.values()))
                    if terms:
                        alternatives.append((fields, terms))
                else:
                    alternatives.extend(((f,), terms) for f, terms in per_field.items() if terms)
            if alternatives:  # a word of only very common words is left out of the query, and so here
                wanted.append(alternatives)
        return conjunction.possible(self.searcher, wanted)

    def phrase_marks(self) -> Phrases:
        """The phrases to mark as wholes, and the words wanted only inside them (see snippets.join_phrases)."""
        inside = {t for p in self.phrases for t in p}
        return tuple(dict.fromkeys(self.phrases)), frozenset(inside - self.loose)

    def pattern(self) -> re.Pattern[str]:
        """The words worth stemming in a snippet: a stem's first letters (all but its last, which the
        stemmer may have changed, at most three) or a prefix begin them."""
        starts = {t[:max(1, min(3, len(t) - 1))] for t in self.stems} | {p[:3] for p in self.prefixes} | self.small
        return candidates({s for s in starts if s})

    def key(self) -> Callable[[str], str | None]:
        """Whether a lower-cased surface word matches the query (its stem, or a prefix), for snippets."""
        stems = frozenset(self.stems)
        prefixes = tuple(self.prefixes)
        small = frozenset(self.small)

        def key(word: str) -> str | None:
            if word in small:  # a phrase's own small word: joined into the phrase, never marked alone
                return word
            if word in STOP_WORDS or (len(word) < 2 and not cjk.is_cjk(word)):
                return None  # the index keeps none: "in" never matched `in*`, so it is not marked (but 京 is a word)
            s = stem(word)
            if s in stems:
                return s
            for p in prefixes:
                if word.startswith(p):
                    return p
            return None
        return key


class _Collector(TopCollector):
    """Top hits by score plus every matching document number (for the count and the facets), in one
    pass, stopping with TimeLimit once the deadline has passed. Of documents with the same text (`keys`,
    by document number) only the first counts: identical texts score alike, and show once."""

    def __init__(self, limit: int, deadline: float, keys: list[str]):
        # replace=0: Whoosh otherwise swaps in matchers that skip documents unable to reach the top `limit`,
        # so the count and the facets depended on the limit.
        super().__init__(limit, usequality=False, replace=0)
        self.deadline = deadline
        self.keys = keys
        self.seen: set[str] = set()
        self.all_docs: set[int] = set()

    def collect(self, sub_docnum: int):
        docnum = self.offset + sub_docnum
        key = self.keys[docnum] if docnum < len(self.keys) else ""
        if key:
            if key in self.seen:
                return None
            self.seen.add(key)
        self.all_docs.add(docnum)
        if not len(self.all_docs) % 64 and time.monotonic() > self.deadline:
            raise TimeLimit
        return super().collect(sub_docnum)


class Engine:
    """Runs searches on one index with a cached searcher (refreshed when the index changes).

    `ix_source` returns the open Whoosh index; `reset()` drops the cached searcher (the index closed).
    Searches are serialised by a lock, so worker threads can share one engine.
    """

    def __init__(self, ix_source: Callable[[], object], words: Callable[[], dict[str, int]] | None = None,
                 table_file: Path | None = None, build_table: Callable[[int], bool] | None = None):
        self._ix_source = ix_source
        # the entity table kept for the next process (core/entities/table_file.py), and what makes it in a
        # process of its own for so many documents and says whether it did (Library.elsewhere_from)
        self.table_file = table_file
        self.build_table = build_table
        self._words = words  # the collection's words and their article counts (core/words.py)
        self._gen: Generation | None = None
        self._entity_base: EntityTable | None = None  # the last index state's entity table (entity_table)
        self._lock = threading.RLock()

    def reset(self) -> None:
        with self._lock:
            if self._gen is not None:
                # the entity table outlives its index state: the next state's is counted on it
                self._entity_base = self._gen.entity_table or self._gen.entity_base
                try:
                    self._gen.searcher.close()
                except Exception:
                    pass
            self._gen = None

    def generation(self) -> Generation:
        gen = self._gen
        if gen is not None:
            try:
                if gen.searcher.up_to_date():
                    return gen
            except Exception:
                pass
            self.reset()
        searcher = self._ix_source().searcher()  # type: ignore[attr-defined]
        gen = Generation(searcher)
        gen.entity_base, self._entity_base = self._entity_base, None
        reader = searcher.reader()
        # per-document columns once per index state, for facets and filters
        # one string per outlet and per year, not one per document (some 10 MB at 100,000 articles)
        shared: dict[str, str] = {}
        gen.outlets = [shared.setdefault(v, v) if v else "" for v in column(reader, "outlet_name")]
        gen.years = [shared.setdefault(y, y) if (y := (v or "")[:4]) else "" for v in column(reader, "date")]
        gen.ids = [v or "" for v in column(reader, "id")]
        gen.texts = [v or "" for v in column(reader, "hash")]
        for docnum in range(len(gen.ids)):
            if reader.is_deleted(docnum):
                gen.ids[docnum] = gen.outlets[docnum] = gen.years[docnum] = ""
        self._gen = gen
        return gen

    # --- running ------------------------------------------------------------------------------------

    @staticmethod
    def run(gen: Generation, wquery: wq.Query, limit: int, deadline: float) -> Pass:
        """One pass over the matches: the top `limit` by score and every match's number, within the deadline."""
        if wquery is wq.NullQuery:
            return Pass([], set())
        searcher = gen.searcher
        collector = _Collector(limit, deadline, gen.texts)
        timed_out = False
        try:
            searcher.search_with_collector(wquery, collector)
        except TimeLimit:
            timed_out = True
        top = [(hit.docnum, hit.score or 0.0) for hit in collector.results()]
        return Pass(top, collector.all_docs | {d for d, _ in top}, timed_out)

    @staticmethod
    def restrict(wquery: wq.Query, outlet: str | None, year: str | None) -> wq.Query:
        """The query limited to one outlet and/or one year (the facet filters)."""
        if wquery is wq.NullQuery:
            return wquery
        parts = [wquery]
        if outlet:
            parts.append(wq.Term("outlet_name", outlet))
        if year:
            parts.append(wq.Prefix("date", year[:4]))
        return wq.And(parts) if len(parts) > 1 else wquery

    @staticmethod
    def outlet_named(gen: Generation, name: str) -> str | None:
        """The outlet as stored for a name typed in any case, with or without a leading "The"
        ("moscow times" -> "The Moscow Times"), or None when no article has it (or it is ambiguous)."""
        def norm(n: str) -> str:
            n = " ".join(n.split()).casefold()
            return n[4:] if n.startswith("the ") else n

        names = {n for n in gen.outlets if n}
        if name in names:
            return name
        same = {n for n in names if " ".join(n.split()).casefold() == " ".join(name.split()).casefold()} \
            or {n for n in names if norm(n) == norm(name)}
        return next(iter(same)) if len(same) == 1 else None

    def entity_table(self, gen: Generation) -> EntityTable:
        """The library's people, organisations and places for this index state: read back from the table file
        when it was kept for this state, else made (elsewhere, when `build_table` is given, or here) and kept."""
        if gen.entity_table is None:
            reader = gen.searcher.reader()
            segments = self.segments(reader)
            key = list(segments) if segments is not None else None
            file = self.table_file
            if file is not None and key is not None:
                with paused_gc():
                    gen.entity_table = table_file.load(file, key, gen.ids)
                if gen.entity_table is None and self.build_table is not None and self.build_table(len(gen.ids)):
                    # made in a process of its own (the window's: no Python of this process runs meanwhile)
                    with paused_gc():
                        gen.entity_table = table_file.load(file, key, gen.ids)
            if gen.entity_table is None:
                gen.entity_table = self.make_table(gen, reader, segments)
                if file is not None and key is not None:
                    table_file.save(gen.entity_table, file, key)
            gen.entity_base = None
        return gen.entity_table

    @staticmethod
    def segments(reader: Any) -> list[tuple[str, int]] | None:
        """(segment id, documents) of each of the reader's segments, in order: where every document is stored.
        Whoosh never rewrites a segment, so the same list (and the same ids) means the same column values.
        None when a segment cannot say (then nothing is carried over or kept)."""
        out = []
        for leaf, _offset in reader.leaf_readers():
            seg = leaf.segment()
            if seg is None:
                return None
            out.append((seg.segment_id(), leaf.doc_count_all()))
        return out

    @staticmethod
    def make_table(gen: Generation, reader: Any, segments: list[tuple[str, int]] | None) -> EntityTable:
        """The table made from the index's `entities` column, counted on `gen.entity_base` when there is one."""
        raw = reader.column_reader("entities") if reader.has_column("entities") else None
        # where each document is stored (segment, number there): Whoosh never rewrites a segment, so an
        # article with the same stamp as in the last table has the same value and is not read again
        stamps: list | None = None
        if segments is not None:
            stamps = [(sid, k) for sid, count in segments for k in range(count)]
            if len(stamps) != len(gen.ids):
                stamps = None
        with paused_gc():  # many small objects that all live on: collecting them is wasted time
            # counted on the previous state's table: only articles new or changed since are decoded
            return EntityTable.from_column(
                gen.ids, (lambda d: raw[d]) if raw is not None else (lambda d: b""), gen.entity_base, stamps)

    def exact_copies(self) -> list[tuple[str, ...]]:
        """Groups (ids in order) of the articles that show the same thing (the `shown` column: headline,
        outlet, date and cleaned text), known from the import on, without the stories: what an exact copy is.
        Read once per index state, when first asked (some 80 ms at 100,000 articles)."""
        with self._lock:
            gen = self.generation()
            if gen.same_shown is None:
                shown = column(gen.searcher.reader(), "shown")
                ids = gen.ids  # "" for a deleted document
                # counted a piece at a time: one Counter over 100,565 values is one C call that held the
                # interpreter while the window's list and reader were painted (its GUI thread 50 ms late)
                seen: Counter[str] = Counter()
                for start in range(0, len(shown), 8192):
                    seen.update(shown[start:start + 8192])
                    let_others_run()
                twice = {v for v, n in seen.items() if n > 1 and v}
                groups: dict[str, list[str]] = {}
                if twice:
                    for docnum, v in enumerate(shown):
                        if v in twice and ids[docnum]:
                            groups.setdefault(v, []).append(ids[docnum])
                gen.same_shown = [tuple(sorted(g)) for g in groups.values() if len(g) > 1]
            return gen.same_shown

    def present(self, article_ids: Iterable[str]) -> set[str]:
        """Those of these articles the index holds, from a set of its ids made once per index state (a look-up
        per id took a second per 10,000 copies of a text when search results were folded)."""
        with self._lock:
            gen = self.generation()
            if gen.live is None:
                gen.live = frozenset(gen.ids) - {""}  # "" for a deleted document
            live = gen.live
        return {aid for aid in article_ids if aid in live}

    def entities(self, kind: str | None = None, limit: int | None = None,
                 copies: Iterable[Sequence[str]] = ()) -> list[dict]:
        """The library's people, organisations and places, most articles first (`copies`: groups of ids that
        are copies of one text, counted once)."""
        with self._lock:
            return self.entity_table(self.generation()).ranked(kind, limit, copies)

    def entity_facets(self, article_ids: Iterable[str]) -> dict[str, dict[str, int]]:
        """The most named people, organisations and places among these articles, as a search's facets."""
        with self._lock:
            return self.entity_table(self.generation()).facets_of(article_ids)

    def entities_of(self, article_id: str) -> list[dict]:
        """One article's entities by their library names: [{"name", "kind"}], most mentioned first."""
        with self._lock:
            gen = self.generation()
            docnum = gen.searcher.document_number(id=article_id)
            return [] if docnum is None else self.entity_table(gen).of_doc(docnum)

    def entity_profile(self, kind: str, name: str) -> dict | None:
        """An entity's names, its articles ({"id", "title", "outlet", "date"}, oldest first, undated last)
        and the entities named with it most; None when no entity has that name."""
        with self._lock:
            gen = self.generation()
            found = self.entity_table(gen).profile(kind, name)
            if found is None:
                return None
            docs = [gen.searcher.stored_fields(d) for d in found.pop("docnums")]
        articles = [{"id": d["id"], "title": d.get("title") or "", "outlet": d.get("outlet") or None,
                     "date": d.get("date") or None} for d in docs]
        articles.sort(key=lambda a: (a["date"] is None, a["date"] or "", a["title"]))
        return {**found, "articles": articles}

    def vocabulary(self, gen: Generation) -> Vocabulary:
        """The collection's words as written, with document counts (once per index state)."""
        if gen.vocabulary is None:
            gen.vocabulary = Vocabulary(self._words() if self._words is not None else {})
        return gen.vocabulary

    def shadowed(self, gen: Generation, node: q.Node | None, compiler: Compiler) -> frozenset[q.Word]:
        """The typed words no article holds that find articles only through a far rarer look-alike with the
        same stem, beside a common word one slip away ("goverment": "governess" once, "government" in
        hundreds; spelling.Vocabulary.shadowing). Needs the word list (built once per index state, ≈ 8 ms at 2,095
        articles) as soon as a typed word finds anything."""
        counts = conjunction.term_counts(gen.searcher)
        found: set[q.Word] = set()
        for w in q.positive_words(node):
            if w.prefix or w.fuzzy or w.exact or w.field not in (None, "title") or cjk.has_cjk(w.text):
                continue
            fields = (w.field,) if w.field else BODY_FIELDS
            terms = [(f, compiler.tokens(f, w.text)) for f in fields]
            if any(len(t) != 1 for _, t in terms):
                continue
            articles = max(counts.total(f, t[0]) for f, t in terms)
            if articles and self.vocabulary(gen).shadowing(
                    w.text, articles, lambda word: " ".join(compiler.tokens("body", word))) is not None:
                found.add(w)
        return frozenset(found)

    def search(self, text: str, limit: int = 20, outlet: str | None = None, year: str | None = None,
               time_limit: float = 0.8) -> SearchResult:
        """Ranked hits for a query in the query language (see query.HELP_TEXT); never raises on input.

        The strict query runs first. When it finds fewer than FEW_HITS articles, misspelt-looking words
        are widened to close real words of the collection (`corrected`, `suggestions`); when that still
        finds nothing, not every word is required any more (`relaxed`).
        """
        result = SearchResult(query=text.encode("utf-8", "replace").decode("utf-8"))  # no lone surrogates
        parsed = q.parse(fold_ligatures(composed(text)))  # "ﬁgures" pasted from a PDF finds "figures", as texts are read
        notes = list(parsed.notes)
        with self._lock:
            gen = self.generation()
            fuzzy = any(w.fuzzy for w in q.positive_words(parsed.node))
            table = self.entity_table(gen)
            self.vocabulary(gen)  # needed as soon as a typed word finds anything (shadowed, widen)
            # The time limit is the search's own: loading the index, names and vocabulary (about 2 s in a new
            # process at 20,955 articles, e.g. each command-line search) must not use it up.
            deadline = time.monotonic() + time_limit
            compiler = Compiler(gen.searcher, explicit(parsed.node, self.vocabulary(gen)) if fuzzy else None,
                                deadline, table.terms)
            wquery = compiler.compile(parsed.node)
            if wquery is None:
                if parsed.node is None:
                    notes.append(wording.wordless_note(parsed.text) if parsed.text.strip() else "Nothing to search for.")
                else:
                    notes.append(wording.unindexed_note(q.typed_words(parsed.node))
                                 or "Nothing to search for: the query has only operators or very common words.")
                result.note = " ".join(notes)
                result.empty = True
                return result
            if outlet:
                known = self.outlet_named(gen, outlet)
                if known is None:
                    names = sorted({n for n in gen.outlets if n}, key=str.casefold)
                    listed = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
                    notes.append(f"No articles from outlet {outlet!r}; outlets are: {listed}." if names
                                 else f"No articles from outlet {outlet!r}: no article has an outlet.")
                    result.note = " ".join(notes)
                    return result
                outlet = known
            pool = max(limit, POOL)  # the top of these is re-ranked by nearness of the words
            # a query no article holds every word of (a story recalled in other words) skips the strict search
            found = self.run(gen, self.restrict(wquery, outlet, year), pool, deadline) \
                if compiler.worth_running(parsed.node) else Pass([], set())
            shadowed = self.shadowed(gen, parsed.node, compiler) if not found.timed_out else frozenset()
            if (len(found.docs) < FEW_HITS or shadowed) and not found.timed_out:
                found, compiler = self.widen(gen, parsed.node, result, found, compiler,
                                             lambda wq_: self.run(gen, self.restrict(wq_, outlet, year), pool,
                                                                  deadline),
                                             lambda d: (not outlet or gen.outlets[d] == outlet)
                                             and (not year or gen.years[d] == year[:4]), shadowed)
            if result.note:  # what widening said
                notes.append(result.note)
            if not found.docs and (outlet or year) and not found.timed_out:
                unfiltered = len(self.run(gen, wquery, 1, deadline).docs)
                if unfiltered:  # the filter, not the query, left nothing: say so
                    where = " ".join(([f"from {outlet!r}"] if outlet else []) + ([f"in {year[:4]}"] if year else []))
                    many = f"{unfiltered} articles match" if unfiltered != 1 else "1 article matches"
                    notes.append(f"{many} {text!r}, none {where}.")
            if found.timed_out:
                result.timed_out = True
                notes.append("The search took too long and was stopped; results may be incomplete.")
            if not result.gist:  # a gist match was ranked by nearness already (no article has every word)
                found.top = near(gen.searcher, found.top, compiler.groups, BODY_FIELDS)
            found.top = found.top[:limit]
            fill(gen, result, found, compiler.key(), compiler.pattern(), compiler.phrase_marks())
            result.facets.update(table.facets(found.docs))
        result.note = " ".join(notes) or None
        return result

    def widen(self, gen: Generation, node: q.Node | None, result: SearchResult, found: Pass,
              compiler: Compiler, run: Callable[[wq.Query], Pass],
              keep: Callable[[int], bool] = lambda d: True, shadowed: frozenset[q.Word] = frozenset()
              ) -> tuple[Pass, Compiler]:
        """For a strict query that found little: words the collection lacks are replaced by their closest
        real word ("Showing results for …": the results are that query's, nothing else); when that finds
        nothing either, their other close words are searched too (a note says so); rare words with a far
        commoner look-alike get a "Did you mean"; and a query that still finds nothing no longer requires
        every word. `shadowed` words (see shadowed()) are corrected whatever the strict query found, and
        searched only as corrected."""
        # (Han and kana: no close words; the vocabulary has none of them, and a slip there is another word)
        plan = tolerate(node, self.vocabulary(gen),
                        skip=lambda word: not compiler.tokens("body", word) or cjk.has_cjk(word))
        result.suggestions = plan.suggestions
        cut = False  # a wider query the time limit stopped: what is shown may be incomplete, and must say so
        # the correction alone (words marked ~ keep all their close words: the user asked for them); the
        # other look-alikes ("arsenal", "arena" for "armenai") would only pad the list. The likeliest close
        # word first; when that finds nothing with the other words, the next likeliest (a few tries).
        typed = [w for w, v in plan.variants.items() if not w.fuzzy and v]
        variants = {w: v for w, v in plan.variants.items() if w.fuzzy}
        if plan.corrected is not None and typed and node is not None:
            choices = sorted(product(*(range(len(plan.variants[w])) for w in typed)), key=sum)[:MAX_CORRECTIONS]
            # Equally close words ("even", "every", "event" for "eveny") are all tried with the other words,
            # and the query whose best article scores highest is the correction (the other words are the
            # evidence; alone, the likeliest word by the spelling's order is taken); the less close ones
            # only when none of those finds anything.
            others = len({lower_folded(w.text) for w in q.positive_words(node)}) > len(typed)
            tied = [c for c in choices if all(i < plan.ties.get(w, 1) for w, i in zip(typed, c))] if others else []
            best: tuple[float, Pass, Compiler, dict, dict] | None = None
            stop = False
            # what the typed words found is a look-alike's when a word is shadowed: any finding corrects it
            base = 0 if shadowed & set(typed) else len(found.docs)
            for phase in (tied, [c for c in choices if c not in tied]):
                for choice in phase:
                    picked = {w: plan.variants[w][i] for w, i in zip(typed, choice)}
                    trial = {**variants, **{w: [v] for w, v in picked.items()}}
                    wide = Compiler(gen.searcher, trial, compiler.deadline, compiler.entity_terms, shadowed)
                    wquery = wide.compile(node)
                    more = (run(wquery) if wide.worth_running(node) else Pass([], set())) if wquery is not None \
                        else None
                    if more is None or more.timed_out:
                        stop = True
                        cut = cut or (more is not None and more.timed_out)
                        break
                    if len(more.docs) > base:
                        score = more.top[0][1] if more.top else 0.0
                        if best is None or score > best[0]:
                            best = (score, more, wide, trial, picked)
                        if phase is not tied:
                            break
                    elif more.docs:  # a correction finding no more than the typed words: keep those
                        stop = True
                if best is not None or stop:
                    break
            if best is not None:
                _, found, compiler, variants, picked = best
                result.corrected = q.to_text(q.replace_words(node, {w: q.Word(v, w.field) for w, v in picked.items()}))
                result.suggestions = [s for s in plan.suggestions if s != result.corrected]
            elif not found.docs and not stop:  # no single correction finds anything: every close word, said
                fuzzy = Compiler(gen.searcher, plan.variants, compiler.deadline, compiler.entity_terms)
                wquery = fuzzy.compile(node)
                more = run(wquery) if wquery is not None and fuzzy.worth_running(node) else None
                cut = cut or (more is not None and more.timed_out)
                if more is not None and more.docs:
                    found, compiler, variants = more, fuzzy, plan.variants
                    result.note = "No article has the words as typed or corrected; showing similar spellings."
        if not found.docs and not found.timed_out and not cut:
            relaxed = relax(node)
            if relaxed is not None:
                loose = Compiler(gen.searcher, variants, compiler.deadline, compiler.entity_terms, shadowed)
                wquery = loose.compile(relaxed)
                plain = wquery is not None and gist.applies(relaxed)
                if plain:  # ranked by coverage, widened by the words its best articles share (core/gist.py)
                    more = gist.closest(gen.searcher, loose.groups, BODY_FIELDS,
                                        gist.shown(gen.searcher, gen.ids, gen.texts, keep), compiler.deadline,
                                        gist.shown(gen.searcher, gen.ids, gen.texts, lambda d: True))[0]
                else:
                    more = run(wquery) if wquery is not None else None
                cut = cut or (more is not None and more.timed_out)
                if more is not None and more.docs:
                    found, compiler = more, loose
                    result.relaxed = True
                    if plain:
                        result.gist = True
                        result.note = result.note or GIST_NOTE
        if cut and not found.timed_out:  # kept, not dropped: "No articles match" would be wrong
            found = Pass(found.top, found.docs, True)
        return found, compiler

    def related(self, article_id: str, limit: int = 8) -> list[Hit]:
        """Articles most like this one (by the key words of its text), best first."""
        with self._lock:
            gen = self.generation()
            return related_hits(gen.searcher, article_id, limit)
