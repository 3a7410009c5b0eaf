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
from functools import lru_cache

from whoosh.analysis import STOP_WORDS  # the words the index drops (core/index/fields.py); not Whoosh's machinery

from reader_app.core.articles import cjk
from reader_app.core.articles.text import lower_folded

_WORD = re.compile(r"\w+(?:\.?\w+)*")  # the index's tokenizer (core/index/fields.py)
_STOPS = frozenset(STOP_WORDS)
_MIN_SIZE = 2


def dropped(word: str) -> bool:
    """A lower-cased word the index keeps no posting for (a stop word or a single character, but for one of
    Han or kana)."""
    return (len(word) < _MIN_SIZE and not cjk.is_cjk(word)) or word in _STOPS


def _words(text: str) -> list[str]:
    return cjk.WORD.findall(text) if cjk.has_cjk(text) else _WORD.findall(text)


def unindexed_note(texts: Sequence[str]) -> str | None:
    """Why a query of these words has nothing to search for, when the index keeps none of them: "'x' is too
    short to be indexed (…)", not that it has "only operators or very common words"; None when some word is
    one the index keeps (or there is none)."""
    words = [lower_folded(w) for text in texts for w in _WORD.findall(text)]
    if not words or not all(dropped(w) for w in words):
        return None
    short = list(dict.fromkeys(w for w in words if len(w) < _MIN_SIZE))
    common = list(dict.fromkeys(w for w in words if len(w) >= _MIN_SIZE))

    def said(found: list[str], what: str) -> str:  # "'x' is", "'x' and 'y' are", "'a', 'b', … and 3 more are"
        named = [repr(w) for w in found[:4]] + ([f"{len(found) - 4} more"] if len(found) > 4 else [])
        shown = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
        return f"{shown} {'is' if len(found) == 1 else 'are'} {what}"

    parts = ([said(short, "too short")] if short else []) + ([said(common, "too common")] if common else [])
    why = [*(["words of one letter"] if short else []), *(["very common words"] if common else [])]
    return f"Nothing to search for: {' and '.join(parts)} to be indexed (the index leaves out {' and '.join(why)})."


_OPERATORS = frozenset(("AND", "OR", "NOT"))


def wordless_note(text: str) -> str:
    """Why a query with no word left to search has nothing to search for: what it holds besides operators has
    no letter or digit (an emoji, "!!!"), or it holds operators only ("AND")."""
    rest = [t for t in text.replace("(", " ").replace(")", " ").replace('"', " ").split() if t not in _OPERATORS]
    rest = [t.lstrip("-") for t in rest if t.lstrip("-")]
    if not rest or any(re.search(r"\w", t) for t in rest):  # a bare field ("title:") is no symbol typed
        return "Nothing to search for: the query has only operators."
    shown = " ".join(rest)
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return f"Nothing to search for: {shown!r} holds no word (letters and digits are searched for; symbols and emoji are not)."


Key = tuple[str, bool]  # a word as a phrase compares it, and whether it is a small word


def keys(text: str, stem: Callable[[str], str] | None) -> list[Key]:
    """Each word of `text` as a phrase compares it: small words as written (lower case), others stemmed
    ("its" is no small word, though its stem "it" is one)."""
    words = [lower_folded(w) for w in _words(text)]
    return [(w, True) if dropped(w) else (w if stem is None else stem(w), False) for w in words]


def has_dropped(words: Sequence[str]) -> bool:
    """Whether a phrase's words hold a word the index dropped, so that the index alone cannot match it."""
    return any(dropped(lower_folded(w)) for part in words for w in _words(part))


# Between two words: anything but a word character, and no "." joining two words ("u.s" is one word)
_GAP = r"(?:[^\w.]|\.(?!\w))+"


@lru_cache(maxsize=256)
def _pattern(phrase: tuple[Key, ...], stemmed: bool) -> re.Pattern[str]:
    """The phrase's places in a text, for the regular expression engine to find: small words as written, the
    other words as any word beginning with their stem's first letters (at most three: the stemmer may have
    changed the rest, see snippets.candidates), each captured to be stemmed and compared."""
    if any(cjk.is_cjk(k) for k, _ in phrase):
        return _spaced_pattern(phrase, stemmed)
    parts = []
    for k, small in phrase:
        if small or not stemmed:
            parts.append(re.escape(k) if small else "(" + re.escape(k) + ")")
        else:
            parts.append("(" + re.escape(k[:max(1, min(3, len(k) - 1))]) + r"\w*(?:\.?\w+)*)")
    return re.compile(r"(?<!\w)(?<!\w\.)" + _GAP.join(parts) + r"(?!\w)(?!\.\w)", re.IGNORECASE)


def _spaced_pattern(phrase: tuple[Key, ...], stemmed: bool) -> re.Pattern[str]:
    """_pattern for a phrase with words of Han or kana: those are found as written, inside a run of them too,
    with or without a space beside them; the other words end where such a run begins."""
    w = cjk.OTHER_CHAR
    parts = []
    for k, small in phrase:
        if small or not stemmed or cjk.is_cjk(k):
            parts.append(re.escape(k) if small else "(" + re.escape(k) + ")")
        else:
            parts.append("(" + re.escape(k[:max(1, min(3, len(k) - 1))]) + f"{w}*(?:\\.?{w}+)*)")
    out = "" if cjk.is_cjk(phrase[0][0]) else f"(?<!{w})(?<!{w}\\.)"
    for n, part in enumerate(parts):
        if n:
            beside = cjk.is_cjk(phrase[n - 1][0]) or cjk.is_cjk(phrase[n][0])
            out += "(?:[^\\w.]|\\.(?!\\w))*" if beside else _GAP
        out += part
    out += "" if cjk.is_cjk(phrase[-1][0]) else f"(?!{w})(?!\\.{w})"
    return re.compile(out, re.IGNORECASE)


def holds(text: str, phrase: Sequence[Key], stem: Callable[[str], str] | None) -> bool:
    """Whether `text` has the phrase's keys (see keys()) one after the other."""
    if not phrase:
        return False
    pattern = _pattern(tuple(phrase), stem is not None)
    content = [k for k, small in phrase if not small]
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        # a small word in the place of another ("it" for "its": the same stem) is not that word
        if all(not dropped(w := lower_folded(g)) and (w if stem is None else stem(w)) == k
               for g, k in zip(m.groups(), content)):
            return True
        pos = m.start() + 1  # a place overlapping this one may still hold the phrase
    return False
