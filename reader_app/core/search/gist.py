"""Finding an article from its gist: ranking when no article has every word, and the words meant but not typed.

A person recalling an article a month later types their own words ("uk borrowing costs left unchanged" for
"Bank holds interest rates"). When no article has them all and the query is plain words, core/search.py
asks `closest()`, which
  1. scores the articles by BM25F over the words OR-ed (as Whoosh scores, the headline weighted up; the
     commonest words of a big library left out of the matching: they add little and cost the most);
  2. reads the best few articles' own text (pseudo-relevance feedback, RM3): words that stand in several of
     them and are rare in the library ("interest", "rate") are added at a fraction of a typed word's weight
     (they re-rank the articles holding typed words; they bring in no others, so the count stays honest);
  3. re-ranks the best by how much of the typed query each article covers, each word counting by its rarity
     (a coordination bonus: three rare words beat one common one), words in the headline or the opening lines
     counting extra; an article holding an associate of one of the rarest typed words (core/search/
     associates.py: "troops" for "soldiers", from the library's own headlines) covers part of that word, and
     so, for less, does a synonym of one (core/search/synonyms.py: "store" for "shop", from WordNet);
  4. fuses that order with a plain TF-IDF ranking of the same articles (each typed word's (1 + log tf) × idf²
     over the square root of the text's length) by reciprocal rank: the two err differently (coverage
     favours articles holding many of the words in their opening lines, TF-IDF short texts dense in the rarest).
Everything comes from the library's own statistics at search time (the headline table of associates.py on
the first gist query of an index state) and a synonym table shipped with the package (read once per process):
nothing is built at import, nothing is downloaded. No Whoosh
import: postings, positions and stored texts are read through the searcher core/search.py passes in.
"""

from __future__ import annotations

import heapq
import math
import re
import time
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from typing import Any
from weakref import WeakKeyDictionary

from reader_app.core.index.fields import postings
from reader_app.core.search import query as q
from reader_app.core.search.associates import associates, headlines
from reader_app.core.search.conjunction import term_counts
from reader_app.core.search.hits import Pass
from reader_app.core.search.proximity import NEAR, shortest_window
from reader_app.core.search.synonyms import synonyms

FEEDBACK_DOCS = 8  # the best first-pass articles whose words may widen the query
FEEDBACK_TERMS = 8  # words added at most
FEEDBACK_CHARS = 1500  # of each, the text read (its opening carries its topic)
MIN_SHARED = 2  # an added word stands in at least this many of those articles (a topic's word, not one text's)
CANDIDATES = 50  # of those articles' likeliest shared words, how many are weighed by rarity
EXPANSION_WEIGHT = 0.2  # an added word's weight against a typed word's 1
COMMON = 0.05  # a typed word in more than this share of the articles is left out of the matching
KEEP = 3  # ... though the rarest few words always count
FEW = 500  # ... and so does a word in no more articles than this (a small library reads every word)
STAND_IN = 0.8  # how much of a typed word an article covers by holding one of its associates (by weight)
ASSOCIATED = 2  # the rarest typed words whose associates are looked for
SYNONYMOUS = 4  # the rarest typed words whose synonyms (core/search/synonyms.py, from WordNet) stand in for them
SYNONYMS = 2  # ... the first few of each word's synonyms that the library holds
SYNONYM_HOLDERS = 2  # ... in at least this many articles
SYNONYM = 0.5  # ... each standing in as an associate of this weight would (0: no synonyms)
RESCORE = 300  # how many of the first pass's best the added words re-score
POOL = 60  # how many of the best are re-ranked by coverage
COVERAGE = 12.0  # the most a score grows by for holding every typed word (by rarity)
POWER = 2  # ... growing with the share covered to this power
LEAD = 30  # words of the text (past stop words) that count as its opening lines
LEAD_BONUS = 0.5  # the most a score grows by for typed words all in the headline or the opening lines
NEAR_BONUS = 1.5  # the most a score grows by for the typed words it holds standing close together
FUSE_K = 20  # the coverage ranking and a plain TF-IDF ranking of the same articles, fused by reciprocal rank
FUSE_WEIGHT = 0.5  # ... the TF-IDF ranking's weight against the coverage ranking's 1
_WORDLIKE = re.compile(r"[a-z][a-z']+$")


def applies(node: q.Node | None) -> bool:
    """Whether a relaxed query (relax()'s OR of the wanted items) is plain words only, which `closest()` ranks;
    fields, prefixes, phrases, exclusions and dates go the usual way."""
    if not isinstance(node, q.And) or len(node.items) != 1 or not isinstance(node.items[0], q.Or):
        return False
    return all(isinstance(i, q.Word) and not i.field and not i.prefix for i in node.items[0].items)


_FIRSTS: WeakKeyDictionary[Any, frozenset[int]] = WeakKeyDictionary()


def shown(searcher: Any, ids: list[str], texts: list[str], keep: Callable[[int], bool]) -> Callable[[int], bool]:
    """Which documents may show: live ones (an id), the first of each text (as the search's collector shows
    identical texts once), and those `keep` allows (the outlet and year filters)."""
    firsts = _FIRSTS.get(searcher)
    if firsts is None:
        first: dict[str, int] = {}
        for d, (i, h) in enumerate(zip(ids, texts)):
            if i:
                first.setdefault(h or f"#{d}", d)
        firsts = _FIRSTS[searcher] = frozenset(first.values())
    return lambda d: d in firsts and keep(d)


def _idf(searcher: Any, term: str, docs: int) -> float:
    return math.log(1 + docs / max(1, term_counts(searcher).total("body", term)))


def _blocks(m: Any, values: bool = False) -> Iterator[tuple[Sequence[int], Sequence[float], Sequence[Any] | None]]:
    """A term's postings (document numbers, weights and, when asked, the encoded positions) a block at a time.
    Whoosh 2.7's on-disk matcher decodes whole blocks anyway (positions included); taking them as they are
    avoids three method calls per posting (the scoring's main cost). Any other matcher is read one posting
    at a time."""
    if all(hasattr(m, a) for a in ("_read_ids", "_read_weights", "_read_values", "_next_block", "_atend", "_i")) \
            and not m._i:
        while not m._atend:
            m._read_ids()
            m._read_weights()
            if values:
                m._read_values()
            yield m._ids, m._weights, m._values if values else None
            m._next_block()
        return
    ids, weights, found = [], [], []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        if values:
            found.append(m.value())
        m.next()
    yield ids, weights, found if values else None


def _on_disk(m: Any) -> bool:
    """Whether `m` is Whoosh 2.7's on-disk matcher at its start, whose blocks can be read (and skipped) whole."""
    return all(hasattr(m, a) for a in ("_read_ids", "_read_weights", "_read_values", "_next_block", "_atend",
                                       "_i", "_maxid")) and not m._i


def _weights_of(m: Any, docs: list[int]) -> Iterator[tuple[int, float]]:
    """Of `docs` (ascending segment numbers), those an on-disk matcher holds, with their weights, ascending."""
    return _in_blocks(m, docs, "weights")


def _in_blocks(m: Any, docs: list[int], what: str) -> Iterator[tuple[int, Any]]:
    """Of `docs` (ascending segment numbers), those an on-disk matcher holds, with their "weights" or their
    encoded "values" (positions), ascending: a block past which no wanted document lies is skipped on its
    header, one that may hold some is decoded once and looked up (Whoosh's skip_to steps posting by posting,
    three method calls each)."""
    read = m._read_weights if what == "weights" else m._read_values
    i = 0
    while i < len(docs) and not m._atend:
        if m._maxid >= docs[i]:  # the block may hold docs[i] and those after it up to its last
            m._read_ids()
            ids = m._ids
            items = None
            while i < len(docs) and docs[i] <= m._maxid:
                j = bisect_left(ids, docs[i])
                if j < len(ids) and ids[j] == docs[i]:
                    if items is None:
                        read()
                        items = m._weights if what == "weights" else m._values
                    yield docs[i], items[j]
                i += 1
        m._next_block()


def _values_of(blocks: list[tuple[Sequence[int], Sequence[Any]]], docs: list[int]) -> dict[int, Any]:
    """Of `docs` (ascending segment numbers), those the kept blocks hold, with their encoded positions."""
    found: dict[int, Any] = {}
    b = 0
    for d in docs:
        while b < len(blocks) and (not len(blocks[b][0]) or blocks[b][0][-1] < d):
            b += 1
        if b == len(blocks):
            break
        ids, values = blocks[b]
        i = bisect_left(ids, d)
        if i < len(ids) and ids[i] == d:
            found[d] = values[i]
    return found


_LENGTHS: WeakKeyDictionary[Any, dict[str, dict[int, int]]] = WeakKeyDictionary()


class Scorer:
    """BM25F over an OR of words as Whoosh scores it (its idf, length normalisation and headline weight),
    summed per document in one sweep over each word's postings, noting which typed words each document
    holds. Reading postings directly costs a fraction of Whoosh's matcher tree per posting."""

    K1, B = 1.2, 0.75

    def __init__(self, searcher: Any, deadline: float):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.docs = max(1, self.reader.doc_count_all())
        self.deadline = deadline
        lengths = _LENGTHS.get(searcher)
        if lengths is None:  # each document's field lengths, read once per searcher as documents come up
            lengths = _LENGTHS[searcher] = {}
        self.lengths = lengths
        self.scores: dict[int, float] = {}
        self.timed_out = False
        self.counts = term_counts(searcher)
        # (field, term, segment) -> the blocks read for a typed word: (segment numbers, encoded positions);
        # the coverage ranking looks its best articles up here instead of reading the postings again
        self.kept: dict[tuple[str, str, int], list[tuple[Sequence[int], Sequence[Any]]]] = {}
        self._segments: dict[tuple[int, int], tuple[set[int], list[int]]] = {}  # see _local

    def add(self, term: str, weight: float, fields: tuple[str, ...], only: set[int] | None = None,
            keep: bool = False) -> None:
        """Add one word's BM25F score, times `weight`, to every document holding it (of `only`, when given);
        `keep` its postings' positions for the coverage ranking."""
        if time.monotonic() > self.deadline:
            self.timed_out = True
            return
        scores = self.scores
        get = scores.get
        k1, b = self.K1, self.B
        k1p = k1 + 1
        for fieldname in fields:
            per_leaf = self.counts.per_leaf(fieldname, term)
            if not any(per_leaf):
                continue
            idf = weight * (math.log(self.docs / (sum(per_leaf) + 1)) + 1)
            avg = (self.reader.field_length(fieldname) / self.docs) or 1.0
            known = self.lengths.setdefault(fieldname, {})
            for n, (leaf, offset) in enumerate(self.searcher.leaf_searchers()):
                if not per_leaf[n]:
                    continue
                lreader = leaf.reader()
                kept = self.kept.setdefault((fieldname, term, n), []) if keep else None
                plist = self.counts.postings(n, fieldname, term)
                if only is not None and not keep and _on_disk(plist):
                    # a few documents re-scored: only the blocks that may hold them are read, and looked up
                    for d, tf in _weights_of(plist, self._local(only, n, offset, lreader.doc_count_all())):
                        d += offset
                        length = known.get(d)
                        if length is None:
                            length = known[d] = lreader.doc_field_length(d - offset, fieldname) or 1
                        scores[d] = get(d, 0.0) + idf * tf * k1p / (tf + k1 * (1 - b + b * length / avg))
                    continue
                for ids, tfs, values in _blocks(plist, keep):
                    if kept is not None and values is not None and len(ids):
                        kept.append((ids, values))  # (a segment with deletions can hand out an empty block)
                    for d, tf in zip(ids, tfs):
                        d += offset
                        if only is not None and d not in only:
                            continue
                        length = known.get(d)
                        if length is None:
                            length = known[d] = lreader.doc_field_length(d - offset, fieldname) or 1
                        scores[d] = get(d, 0.0) + idf * tf * k1p / (tf + k1 * (1 - b + b * length / avg))

    def _local(self, only: set[int], n: int, offset: int, size: int) -> list[int]:
        """`only`'s documents in segment n, as its own ascending numbers (once per set and segment)."""
        key = (id(only), n)
        found = self._segments.get(key)
        if found is None or found[0] is not only:
            found = self._segments[key] = (only, sorted(d - offset for d in only if offset <= d < offset + size))
        return found[1]

    def top(self, n: int, allowed: Callable[[int], bool]) -> tuple[list[tuple[int, float]], set[int]]:
        """The best `n` allowed documents and every allowed one scored."""
        docs = {d for d in self.scores if allowed(d)}
        return heapq.nlargest(n, ((d, self.scores[d]) for d in docs), key=lambda ds: ds[1]), docs


_WORDS: WeakKeyDictionary[Any, dict[int, tuple[dict[str, float], float]]] = WeakKeyDictionary()
WORDS_KEPT = 5000  # articles whose opening words are remembered per searcher (typing a query asks the same ones)


def _words_of(searcher: Any, docnum: int) -> tuple[dict[str, float], float]:
    """An article's headline (counting double) and opening words with their counts, and their total."""
    cache = _WORDS.get(searcher)
    if cache is None:
        cache = _WORDS[searcher] = {}
    found = cache.get(docnum)
    if found is None:
        stored = searcher.stored_fields(docnum)
        counts: dict[str, float] = {}
        for field, weight in (("title", 2.0), ("body", 1.0)):
            pairs = getattr(searcher.schema[field], "pairs", False)  # Han and kana as the index has them
            for term, freq, _, _ in postings((stored.get(field) or "")[:FEEDBACK_CHARS], True, 1.0, True, pairs):
                word = term.decode("utf-8")
                counts[word] = counts.get(word, 0.0) + weight * freq
        if len(cache) >= WORDS_KEPT:
            cache.clear()
        found = cache[docnum] = (counts, sum(counts.values()) or 1.0)
    return found


def expansion(searcher: Any, top: list[tuple[int, float]], typed: set[str]) -> list[tuple[str, float]]:
    """RM3's relevance model over the first pass's best articles: each word's share of each article's text,
    weighted by the article's score, times its rarity in the library; the best few words not typed, each with
    a weight (the best 1.0)."""
    feedback = [(d, s) for d, s in top[:FEEDBACK_DOCS] if s > 0]
    if len(feedback) < MIN_SHARED:
        return []
    total = sum(s for _, s in feedback)
    reader = searcher.reader()
    docs = max(1, reader.doc_count())
    model: dict[str, float] = {}
    holders: dict[str, int] = {}
    for docnum, score in feedback:
        counts, length = _words_of(searcher, docnum)
        for word, count in counts.items():
            model[word] = model.get(word, 0.0) + (score / total) * count / length
            holders[word] = holders.get(word, 0) + 1
    # the likeliest words shared by several of the articles; their rarity (a lexicon look-up each) decides
    candidates = sorted(((p, w) for w, p in model.items()
                         if holders[w] >= MIN_SHARED and w not in typed and _WORDLIKE.match(w)), reverse=True)
    scored = [(p * _idf(searcher, word, docs), word) for p, word in candidates[:CANDIDATES]]
    scored.sort(reverse=True)
    best = scored[:FEEDBACK_TERMS]
    if not best:
        return []
    return [(word, weight / best[0][0]) for weight, word in best]


def _where(searcher: Any, docs: list[int], groups: list[set[str]],
           kept: dict[tuple[str, str, int], list[tuple[Sequence[int], Sequence[Any]]]] | None = None
           ) -> dict[int, list[tuple[bool, bool, list[int]]]]:
    """For each document, per typed word: (in the article at all, in its headline or opening lines, its
    places in the text), from the postings the scoring kept (`kept`) or else read again."""
    kept = kept or {}
    found: dict[int, list[tuple[bool, bool, list[int]]]] = {d: [(False, False, []) for _ in groups] for d in docs}
    counts = term_counts(searcher)
    for n, (leaf, offset) in enumerate(searcher.leaf_searchers()):
        reader = leaf.reader()
        mine = sorted(d - offset for d in docs if offset <= d < offset + reader.doc_count_all())
        if not mine:
            continue
        for g, group in enumerate(groups):
            for fieldname in ("title", "body"):
                decode = searcher.schema[fieldname].format.decoder("positions")
                for term in group:
                    if not counts.per_leaf(fieldname, term)[n]:
                        continue
                    blocks = kept.get((fieldname, term, n))
                    for d, value in (_values_of(blocks, mine) if blocks is not None
                                     else _read_values(reader, fieldname, term, mine,
                                                       counts.postings(n, fieldname, term))).items():
                        places = decode(value)
                        lead = fieldname == "title" or min(places) < LEAD
                        _, early, where = found[d + offset][g]
                        if fieldname == "body":
                            where = where + list(places)
                        found[d + offset][g] = (True, early or lead, where)
    return found


def _read_values(reader: Any, fieldname: str, term: str, docs: list[int], plist: Any = None) -> dict[int, Any]:
    """Of `docs` (ascending segment numbers), those holding the term, with their encoded positions. Whoosh 2.7's
    on-disk postings are read a block at a time: a block past which no wanted document lies is skipped on its
    header, one that may hold some is decoded once and looked up (its skip_to steps posting by posting, three
    method calls each). Any other matcher is moved with skip_to. `plist`: the postings already opened."""
    plist = reader.postings(fieldname, term) if plist is None else plist
    if _on_disk(plist):
        return dict(_in_blocks(plist, docs, "values"))
    found: dict[int, Any] = {}
    for d in docs:
        if not plist.is_active():
            break
        plist.skip_to(d)
        if plist.is_active() and plist.id() == d:
            found[d] = plist.value()
    return found


def _standing_in(searcher: Any, docs: list[int], soft: list[tuple[int, str, float]],
                 where: dict[int, list[tuple[bool, bool, list[int]]]]) -> set[tuple[int, int]]:
    """(document, k) for each document holding soft[k]'s associate (in its headline or text), asked only
    where it can count: in documents without the typed word it stands in for (a typed word present counts in
    full, more than any associate). Headlines from associates.py's table; texts from the postings."""
    found: set[tuple[int, int]] = set()
    table = headlines(searcher).terms
    counts = term_counts(searcher)
    for k, (g, word, _) in enumerate(soft):
        rest = []
        for d in docs:
            if where[d][g][0]:
                continue
            if word in table.get(d, ()):
                found.add((d, k))
            else:
                rest.append(d)
        if not rest:
            continue
        for n, (leaf, offset) in enumerate(searcher.leaf_searchers()):
            if not counts.per_leaf("body", word)[n]:
                continue
            reader = leaf.reader()
            mine = sorted(d - offset for d in rest if offset <= d < offset + reader.doc_count_all())
            if mine:
                found.update((d + offset, k) for d in _read_values(reader, "body", word, mine,
                                                                   counts.postings(n, "body", word)))
    return found


def rerank(searcher: Any, top: list[tuple[int, float]], groups: list[set[str]],
           kept: dict[tuple[str, str, int], list[tuple[Sequence[int], Sequence[Any]]]] | None = None,
           soft: list[tuple[int, str, float]] | None = None) -> list[tuple[int, float]]:
    """`top` re-ordered by how much of the typed query each article covers, by rarity, and how much of it
    stands in the headline or the opening lines."""
    if not groups or len(top) < 2:
        return top
    reader = searcher.reader()
    docs = max(1, reader.doc_count())
    weights = [max((_idf(searcher, t, docs) for t in g), default=0.0) for g in groups]
    whole = sum(weights) or 1.0
    where = _where(searcher, [d for d, _ in top], groups, kept)
    soft = soft or []  # (typed word's group, an associate of it, its weight): that word in other words
    stand_ins = _standing_in(searcher, [d for d, _ in top], soft, where) if soft else {}
    scored = []
    for d, s in top:
        marks = where[d]
        credit = [1.0 if anywhere else 0.0 for anywhere, _, _ in marks]
        for k, (g, _, w) in enumerate(soft):
            if (d, k) in stand_ins:
                credit[g] = max(credit[g], STAND_IN * w)
        covered = sum(w * c for w, c in zip(weights, credit)) / whole
        early = sum(w for w, (_, lead, _) in zip(weights, marks) if lead) / whole
        s *= (1 + COVERAGE * covered ** POWER) * (1 + LEAD_BONUS * early)
        places = [sorted(p) for _, _, p in marks if p]
        if len(places) >= 2 and NEAR_BONUS:  # the typed words it holds, close together: one passage recalled
            window = shortest_window(places) or NEAR
            s *= 1 + NEAR_BONUS * min(1.0, NEAR * (len(places) / 4) / window)
        scored.append((d, s))
    scored.sort(key=lambda ds: -ds[1])
    if not FUSE_WEIGHT:
        return scored
    return fuse(scored, cosine(searcher, scored, weights, where))


def cosine(searcher: Any, top: list[tuple[int, float]], weights: list[float],
           where: dict[int, list[tuple[bool, bool, list[int]]]]) -> list[tuple[int, float]]:
    """`top` ranked as a textbook vector-space model would: each typed word's (1 + log tf) × idf², over the
    square root of the article's length (a cheap stand-in for the vector's norm)."""
    lengths = _LENGTHS.get(searcher, {}).get("body", {})
    reader = searcher.reader()
    out = []
    for d, _ in top:
        total = 0.0
        for w, (anywhere, _, places) in zip(weights, where[d]):
            if anywhere:
                total += (1 + math.log(max(1, len(places)))) * w * w
        length = lengths.get(d) or reader.doc_field_length(d, "body") or 1
        out.append((d, total / math.sqrt(length)))
    return sorted(out, key=lambda ds: -ds[1])


def fuse(*rankings: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: each article scores 1 / (FUSE_K + its place) in each ranking (the later ones
    times FUSE_WEIGHT); ties keep the first ranking's order."""
    fused: dict[int, float] = {}
    for n, ranking in enumerate(rankings):
        weight = FUSE_WEIGHT if n else 1.0
        for place, (d, _) in enumerate(ranking, 1):
            fused[d] = fused.get(d, 0.0) + weight / (FUSE_K + place)
    first = {d: i for i, (d, _) in enumerate(rankings[0])}
    return sorted(((d, 100 * s) for d, s in fused.items()), key=lambda ds: (-ds[1], first[ds[0]]))


def closest(searcher: Any, groups: list[set[str]], fields: tuple[str, ...], allowed: Callable[[int], bool],
            deadline: float, distinct: Callable[[int], bool] | None = None) -> tuple[Pass, list[str]]:
    """The articles closest to plain words no article has all of (`groups`: each typed word's terms), best
    first, with the words added from the best articles. `allowed` says which documents may show (the
    filters, one document of each text)."""
    reader = searcher.reader()
    docs = max(1, reader.doc_count())
    counts = term_counts(searcher)
    spread = [min((counts.total("body", t) / docs for t in g), default=1.0) for g in groups]
    rarest = sorted(range(len(groups)), key=spread.__getitem__)
    kept = set(rarest[:KEEP]) | {g for g in rarest if spread[g] <= COMMON or spread[g] * docs <= FEW}
    scorer = Scorer(searcher, deadline)
    for g in sorted(kept):
        for term in groups[g]:
            scorer.add(term, 1.0, fields, keep=True)
    top, matched = scorer.top(FEEDBACK_DOCS, allowed)
    if not matched or scorer.timed_out:
        return Pass(top, matched, scorer.timed_out), []
    typed = {t for g in groups for t in g}
    terms = expansion(searcher, top, typed)
    allowed = set(matched).__contains__  # the added words re-rank the articles with typed words; no others
    best = {d for d, _ in scorer.top(RESCORE, allowed)[0]}
    for term, weight in terms:
        scorer.add(term, EXPANSION_WEIGHT * weight, fields, only=best)
    # the rarest typed words' associates (core/search/associates.py): an article holding one covers part of
    # the word ("troops" for "soldiers") in the coverage ranking
    soft = [(g, word, weight) for g in rarest[:ASSOCIATED] for term in groups[g]
            for word, weight in associates(searcher, term, distinct or allowed) if word not in typed]
    # ... and the rarest few's synonyms (core/search/synonyms.py, WordNet's for their commonest senses: "store"
    # for "shop"), those the library holds
    for g in rarest[:SYNONYMOUS] if SYNONYM else ():
        for term in groups[g]:
            held = [w for w in synonyms(term) if w not in typed and counts.total("body", w) >= SYNONYM_HOLDERS]
            soft += [(g, word, SYNONYM) for word in held[:SYNONYMS]]
    top, matched = scorer.top(POOL, allowed)
    return Pass(rerank(searcher, top, groups, scorer.kept, soft), matched, scorer.timed_out), [t for t, _ in terms]
