"""The index's text fields, analysed in one pass: the same terms, positions and weights as Whoosh's analysers.

Whoosh indexes a text by pulling every word through a chain of generators (tokenizer, lower case, stop words,
stemmer), one Token object at a time; for a news article that is most of the cost of indexing it. `FastText`
keeps a chain of Whoosh's analysers for queries (`text_analyzer`: Whoosh's own, with runs of Han and kana
indexed as pairs of characters) and produces the postings of a text with one regular expression, one
lower-casing pass and a dictionary of stems. tests/core/index/test_segments.py checks, text by text, that the
result is byte for byte what that chain gives. `indexer` does the
same for the ID fields and the names' comma-separated fields when a segment is written in one go.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Callable, Iterable
from operator import sub

from whoosh import fields, formats
from whoosh.analysis import (
    STOP_WORDS,
    Filter,
    IDAnalyzer,
    KeywordAnalyzer,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang.porter import stem as porter_stem
from whoosh.system import pack_uint

from reader_app.core.articles import cjk
from reader_app.core.articles.text import TURKISH_I, lower_folded

_WORD = re.compile(r"\w+(?:\.?\w+)*")  # Whoosh's default token pattern, without its capturing group
_STOPS = frozenset(STOP_WORDS)
_MIN_SIZE = 2  # Whoosh's StopFilter drops shorter words too

_STEMS: dict[str, str] = {}
_STEMS_MAX = 300_000  # words; the cache is dropped and begins again past this
_ONCE: dict[int, bytes] = {}  # the encoded positions of a word found once, by its position
_ONCE_MAX = 100_000
# id(text) -> (text, its tokens lower-cased) for the last few texts analysed: an import counts each article's
# words for typo tolerance (core/index/words.py) right after indexing it, and need not split it again
_RECENT: dict[int, tuple[str, list[str]]] = {}
_RECENT_MAX = 8


def _places(text: str, stem: bool, fold: bool = False, pairs: bool = False) -> dict[str, list[int]]:
    """Each distinct indexed word of `text` (stemmed if `stem`) with its positions, in order of first use, as
    `text_analyzer` numbers them (with `fold`, FoldingLowercase in place of LowercaseFilter: a dotted capital
    I lowered to a plain i; with `pairs`, runs of Han and kana as their pairs of characters, CJKPairs)."""
    given = text
    if fold and ("\u0130" in text or "\u0131" in text):
        # the same words (İ and ı are word characters, as I and i are), lowered as lower_folded lowers them
        text = text.translate(TURKISH_I)
    # Han and kana split apart from other words, and each of their runs in pairs (core/articles/cjk.py); a
    # text without them (all of most libraries) takes the pattern of old, which finds the same words
    spaced = pairs and cjk.has_cjk(text)
    pattern = cjk.WORD if spaced else _WORD
    # The text lowered once, then split: the same words as each word lowered after splitting (Whoosh's
    # LowercaseFilter), as every character lowers to one that is a word character (or a dot) exactly when it
    # was one, and of Han or kana exactly when it was, but for two: "İ" lowers to two characters, and
    # capital sigma to a final or a medial sigma by what surrounds it in the text, which a word's own end
    # need not match ("ΟΔΟΣ'Α").
    words = (list(map(str.lower, pattern.findall(text))) if "\u0130" in text or "\u03a3" in text
             else pattern.findall(text.lower()))
    if len(_RECENT) >= _RECENT_MAX:
        # the oldest: the last few texts are always there (pop: another thread may have taken it already)
        _RECENT.pop(next(iter(_RECENT), 0), None)
    _RECENT[id(given)] = (given, words)  # the text is kept with its id, so the id cannot name another string
    stops = _STOPS
    if spaced:
        words = cjk.indexed_words(words)
        keep = [(len(w) >= _MIN_SIZE or cjk.is_cjk(w)) and w not in stops for w in words]
        first = next((i for i, k in enumerate(keep) if k), None)
        if first is None:
            return {}
        kept = [w for w, k in zip(words[first:], keep[first:]) if k]
    else:
        first = 0
        for w in words:  # Whoosh's StopFilter numbers the kept words on from the first kept word's place
            if len(w) >= _MIN_SIZE and w not in stops:
                break
            first += 1
        else:
            return {}
        kept = [w for w in words[first:] if len(w) >= _MIN_SIZE and w not in stops]
    if stem:
        cache = _STEMS
        try:
            kept = list(map(cache.__getitem__, kept))
        except KeyError:  # words not seen before: those stemmed, then every word looked up again
            new = set(kept).difference(cache)
            if len(cache) + len(new) > _STEMS_MAX:
                cache.clear()
                new = set(kept)
            for w in new:
                cache[w] = porter_stem(w)
            kept = list(map(cache.__getitem__, kept))
    places: dict[str, list[int]] = {}
    for pos, w in enumerate(kept, first):
        p = places.get(w)
        if p is None:
            places[w] = [pos]
        else:
            p.append(pos)
    return places


def postings(text: str, stem: bool, boost: float, fold: bool = False,
             pairs: bool = False) -> list[tuple[bytes, int, float, bytes]]:
    """(term, frequency, weight, encoded positions) for each distinct term of `text`, as Whoosh's
    `Positions.word_values` gives them for `text_analyzer(stem)` (without `pairs`, the chain of indexes made
    before it: RegexTokenizer | LowercaseFilter | StopFilter [| StemFilter], with `fold` FoldingLowercase in
    place of LowercaseFilter)."""
    out = []
    dumps, once = pickle.dumps, _ONCE
    for w, p in _places(text, stem, fold, pairs).items():
        n = len(p)
        if n == 1:  # most words of an article: their encoding depends on the position alone
            value = once.get(p[0])
            if value is None:
                value = pack_uint(1) + dumps(p, 2)
                if len(once) < _ONCE_MAX:
                    once[p[0]] = value
            out.append((w.encode("utf-8"), 1, boost, value))
        else:
            deltas = [p[0], *map(sub, p[1:], p)]
            out.append((w.encode("utf-8"), n, float(n) * boost, pack_uint(n) + dumps(deltas, 2)))
    return out


# term -> (document numbers, weights, encoded values): the postings of one field as a SegmentBuilder keeps them
TermPostings = dict[bytes, tuple[list[int], list[float], list[bytes]]]


def add_postings(text: str, stem: bool, boost: float, docnum: int, terms: TermPostings,
                 fold: bool = False, pairs: bool = False) -> tuple[int, int]:
    """`postings(text, stem, boost)` added to `terms` for document `docnum` without making a tuple of each
    (core/index/segments.py); returns how many distinct terms that was and the field's length (the words
    kept, each counted as often as it occurs)."""
    dumps, once, get = pickle.dumps, _ONCE, terms.get
    places = _places(text, stem, fold, pairs)
    length = 0
    for w, p in places.items():
        n = len(p)
        if n == 1:
            value = once.get(p[0])
            if value is None:
                value = pack_uint(1) + dumps(p, 2)
                if len(once) < _ONCE_MAX:
                    once[p[0]] = value
            weight = boost
        else:
            deltas = [p[0], *map(sub, p[1:], p)]
            value = pack_uint(n) + dumps(deltas, 2)
            weight = float(n) * boost
        length += n
        term = w.encode("utf-8")
        entry = get(term)
        if entry is None:
            terms[term] = ([docnum], [weight], [value])
        else:
            entry[0].append(docnum)
            entry[1].append(weight)
            entry[2].append(value)
    return len(places), length


def recent_words(text: str) -> list[str] | None:
    """The tokens of `text` as `postings` found them (each lower-cased; runs of Han and kana not yet in pairs)
    when it analysed this very string lately, else None."""
    hit = _RECENT.get(id(text))
    return hit[1] if hit is not None and hit[0] is text else None


class FoldingLowercase(LowercaseFilter):
    """Whoosh's LowercaseFilter, but a dotted capital I and a dotless small ı become a plain i (lower_folded):
    "İzmir" is found by "izmir", "IZMIR" and "İzmir" alike, "Işık" by "ışık", "IŞIK" and "işık"."""

    def __call__(self, tokens):
        for t in tokens:
            t.text = lower_folded(t.text)
            yield t


def folding(analyzer):
    """`analyzer` (a chain of Whoosh's) with FoldingLowercase in place of its LowercaseFilter."""
    analyzer.items = [FoldingLowercase() if type(item) is LowercaseFilter else item for item in analyzer.items]
    return analyzer


class CJKPairs(Filter):
    """Each run of Han and kana (a token of cjk.WORD) as its overlapping pairs of characters, the words after
    it numbered on (positions, and characters when asked): "北京大学" is 北京, 京大, 大学 at three places, so a
    word inside the run is found as the phrase of its pairs. A run of one character stays as it is."""

    def __call__(self, tokens):
        shift = 0
        for t in tokens:
            text = t.text
            if shift and t.positions:
                t.pos += shift
            if len(text) < 2 or not cjk.is_cjk(text):
                yield t
                continue
            pos = t.pos if t.positions else 0
            start = t.startchar if t.chars else 0
            for i in range(len(text) - 1):
                t.text = text[i:i + 2]
                if t.positions:
                    t.pos = pos + i
                if t.chars:
                    t.startchar, t.endchar = start + i, start + i + 2
                yield t
            shift += len(text) - 2


class CJKStopFilter(StopFilter):
    """Whoosh's StopFilter (stop words and words shorter than `minsize` left out, the rest numbered on), but
    a character of Han or kana alone is a word: "京" in "北京、京都" is one."""

    def __call__(self, tokens):
        stoplist, minsize, maxsize, renumber = self.stops, self.min, self.max, self.renumber
        pos = None
        for t in tokens:
            text = t.text
            if ((len(text) >= minsize or cjk.is_cjk(text)) and (maxsize is None or len(text) <= maxsize)
                    and text not in stoplist):
                if renumber and t.positions:
                    if pos is None:
                        pos = t.pos
                    else:
                        pos += 1
                        t.pos = pos
                t.stopped = False
                yield t
            elif not t.removestops:
                t.stopped = True
                yield t


def text_analyzer(stem: bool):
    """The text fields' chain: Whoosh's StandardAnalyzer (or StemmingAnalyzer) with Han and kana split from
    other words and indexed in pairs (CJKPairs, CJKStopFilter) and a dotted capital I lowered to a plain i
    (FoldingLowercase). For a text without Han or kana, the same words as Whoosh's own chain."""
    chain = (RegexTokenizer(cjk.WORD.pattern) | FoldingLowercase() | CJKPairs()
             | CJKStopFilter(stoplist=STOP_WORDS, minsize=_MIN_SIZE))
    return chain | StemFilter(cachesize=-1) if stem else chain


class FastText(fields.TEXT):
    """A TEXT field (positions kept, for phrases) indexed in one pass; queries use `text_analyzer`. An index
    made before Han and kana were paired (or before `fold`) has fields without `pairs` (or `fold`) and its
    analysers without them, and goes on indexing and searching as it did."""

    def __init__(self, stem: bool = False, **kwargs):
        super().__init__(analyzer=text_analyzer(stem), **kwargs)
        self.stem = stem
        self.fold = True
        self.pairs = True

    def index(self, value, **kwargs):
        if kwargs or not isinstance(value, str):
            return super().index(value, **kwargs)
        return postings(value, self.stem, self.format.field_boost, getattr(self, "fold", False),
                        getattr(self, "pairs", False))


# --- the other indexed fields, for segments written in one pass (core/index/segments.py) -----------------

Postings = Iterable[tuple[bytes, int, float, bytes]]
_ID = IDAnalyzer()
_COMMAS = ((KeywordAnalyzer(commas=True, lowercase=True), True), (KeywordAnalyzer(commas=True), False))
_COMMA_RUN = re.compile(r"[^,]+")  # Whoosh's CommaSeparatedTokenizer, which strips each run it finds


def indexer(field: fields.FieldType) -> Callable[[object], Postings]:
    """`field.index` for one value, or a plain function giving the same postings without Whoosh's chain of
    token generators for the fields this app's schema has: FastText, an ID (the whole value, one term) and a
    comma-separated KEYWORD (the names of people, organisations and places). Anything else, or a value that
    is not a string, goes to `field.index`."""
    fmt = field.format
    if isinstance(field, FastText):
        return field.index
    if type(fmt) is formats.Existence and field.analyzer == _ID:
        boost = fmt.field_boost

        def id_postings(value: object) -> Postings:
            if not isinstance(value, str):
                return field.index(value)
            return [(value.encode("utf-8"), 1, boost, b"")]  # Existence: frequency 1, no value

        return id_postings
    lowercase = next((low for analyzer, low in _COMMAS if analyzer == field.analyzer), None)
    if type(fmt) is formats.Frequency and lowercase is not None:
        boost = fmt.field_boost

        def keyword_postings(value: object) -> Postings:
            if not isinstance(value, str):
                return field.index(value)
            counts: dict[str, int] = {}
            for run in _COMMA_RUN.findall(value):
                word = run.strip().lower() if lowercase else run.strip()
                counts[word] = counts.get(word, 0) + 1  # an empty run (" , ") is a term, as in Whoosh
            # Frequency: each token weighs its boost, 1.0, so the weight is the frequency times the field's boost
            return [(w.encode("utf-8"), n, float(n) * boost, pack_uint(n)) for w, n in counts.items()]

        return keyword_postings
    return field.index
