"""Whether a text holds a quoted phrase word for word, small words included. No Whoosh here, no Qt.

The index drops small words ("in", "the", single letters: fields.py) and numbers the kept words without
gaps, so from the index alone "troops in the border" and "troops and border" are the same phrase. A phrase
typed with small words is therefore checked against the article's stored text: its words in that order, next
to each other (punctuation between them skipped), each small word exactly as typed, the others in any form
the stemmer joins (troops finds troop), as everywhere else in search.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from whoosh.analysis import STOP_WORDS  # the words the index drops (core/index/fields.py); not Whoosh's machinery

_WORD = re.compile(r"\w+(?:\.?\w+)*")  # the index's tokenizer (core/index/fields.py)
_STOPS = frozenset(STOP_WORDS)
_MIN_SIZE = 2


def dropped(word: str) -> bool:
    """A lower-cased word the index keeps no posting for (a stop word or a single character)."""
    return len(word) < _MIN_SIZE or word in _STOPS


def keys(text: str, stem: Callable[[str], str] | None) -> list[str]:
    """Each word of `text` as a phrase compares it: small words as written (lower case), others stemmed."""
    words = [w.lower() for w in _WORD.findall(text)]
    if stem is None:
        return words
    return [w if dropped(w) else stem(w) for w in words]


def has_dropped(words: Sequence[str]) -> bool:
    """Whether a phrase's words hold a word the index dropped, so that the index alone cannot match it."""
    return any(dropped(w.lower()) for part in words for w in _WORD.findall(part))


def holds(text: str, phrase: Sequence[str], stem: Callable[[str], str] | None) -> bool:
    """Whether `text` has the phrase's keys (see keys()) one after the other."""
    if not phrase:
        return False
    found, want = keys(text, stem), list(phrase)
    n = len(want)
    return any(k == want[0] and found[i:i + n] == want for i, k in enumerate(found))
