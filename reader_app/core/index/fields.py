"""The index's text fields, analysed in one pass: the same terms, positions and weights as Whoosh's analysers.

Whoosh indexes a text by pulling every word through a chain of generators (tokenizer, lower case, stop words,
stemmer), one Token object at a time; for a news article that is most of the cost of indexing it. `FastText`
keeps Whoosh's analysers for queries (so searching is unchanged) and produces the postings of a text with
one regular expression, one lower-casing pass and a dictionary of stems. tests/core/test_index_fields.py
checks, text by text, that the result is byte for byte what Whoosh's own chain gives.
"""

from __future__ import annotations

import pickle
import re

from whoosh import fields
from whoosh.analysis import STOP_WORDS, StandardAnalyzer, StemmingAnalyzer
from whoosh.lang.porter import stem as porter_stem
from whoosh.system import pack_uint

_WORD = re.compile(r"\w+(?:\.?\w+)*")  # Whoosh's default token pattern, without its capturing group
_STOPS = frozenset(STOP_WORDS)
_MIN_SIZE = 2  # Whoosh's StopFilter drops shorter words too

_STEMS: dict[str, str] = {}
_STEMS_MAX = 300_000  # words; the cache is dropped and begins again past this
_ONCE: dict[int, bytes] = {}  # the encoded positions of a word found once, by its position
_ONCE_MAX = 100_000


def _stem(word: str) -> str:
    s = _STEMS.get(word)
    if s is None:
        if len(_STEMS) >= _STEMS_MAX:
            _STEMS.clear()
        s = _STEMS[word] = porter_stem(word)
    return s


def postings(text: str, stem: bool, boost: float) -> list[tuple[bytes, int, float, bytes]]:
    """(term, frequency, weight, encoded positions) for each distinct term of `text`, as Whoosh's
    `Positions.word_values` gives them for RegexTokenizer | LowercaseFilter | StopFilter [| StemFilter]."""
    words = list(map(str.lower, _WORD.findall(text)))
    stops = _STOPS
    first = 0
    for w in words:  # Whoosh's StopFilter numbers the kept words on from the first kept word's place
        if len(w) >= _MIN_SIZE and w not in stops:
            break
        first += 1
    else:
        return []
    kept = [w for w in words[first:] if len(w) >= _MIN_SIZE and w not in stops]
    if stem:
        try:
            kept = list(map(_STEMS.__getitem__, kept))
        except KeyError:  # a word not seen before
            cache = _STEMS
            kept = [cache.get(w) or _stem(w) for w in kept]
    places: dict[str, list[int]] = {}
    for pos, w in enumerate(kept, first):
        p = places.get(w)
        if p is None:
            places[w] = [pos]
        else:
            p.append(pos)
    out = []
    dumps, once = pickle.dumps, _ONCE
    for w, p in places.items():
        n = len(p)
        if n == 1:  # most words of an article: their encoding depends on the position alone
            value = once.get(p[0])
            if value is None:
                value = pack_uint(1) + dumps(p, 2)
                if len(once) < _ONCE_MAX:
                    once[p[0]] = value
            out.append((w.encode("utf-8"), 1, boost, value))
        else:
            deltas = [p[0]] + [b - a for a, b in zip(p, p[1:])]
            out.append((w.encode("utf-8"), n, float(n) * boost, pack_uint(n) + dumps(deltas, 2)))
    return out


class FastText(fields.TEXT):
    """A TEXT field (positions kept, for phrases) indexed in one pass; queries use the usual analyser."""

    def __init__(self, stem: bool = False, **kwargs):
        analyzer = StemmingAnalyzer(cachesize=-1) if stem else StandardAnalyzer()
        super().__init__(analyzer=analyzer, **kwargs)
        self.stem = stem

    def index(self, value, **kwargs):
        if kwargs or not isinstance(value, str):
            return super().index(value, **kwargs)
        return postings(value, self.stem, self.format.field_boost)
