"""Words, stems and sentences of an article, as story grouping sees them.

Words are lower-cased runs of letters and digits; content terms drop stop words, short words and bare
numbers and are Porter-stemmed (the stemmer the index uses), so "troops" and "troop" are one term.
Sentences are cut by the rule the article parser uses for derived headlines (a full stop, question or
exclamation mark followed by a capital or a quote), per paragraph, with common abbreviations kept whole.
"""

from __future__ import annotations

import re

from whoosh.analysis import STOP_WORDS
from whoosh.lang.porter import stem as porter_stem

WORD = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*")


def word_set(text: str) -> frozenset[str]:
    """The words of a space-separated list (keeps long word lists readable)."""
    return frozenset(text.split())


# Words that say nothing about which story an article tells: Whoosh's list plus reporting verbs and
# newsroom filler, which every article of every story uses.
STOPS = frozenset(STOP_WORDS) | word_set("""
    about above after again against all also although among an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how however i if in into is it its itself just
    me more most my no nor not now of off on once only or other our ours out over own same she should so
    some such than that the their theirs them then there these they this those through to too under until
    up very was we were what when where which while who whom why will with would you your yours said says
    say saying told mr mrs ms also year years new one two three last first people time week weeks month
    months day days including many much may might told according added just like made make get got go
    going still even well back around told since ago per cent percent news reported report reports
""")
_ABBREVIATIONS = word_set("mr mrs ms dr prof st gen col lt sgt capt gov sen rep jr sr inc ltd co corp vs "
                          "no jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k e.g i.e")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[A-Z0-9\"“‘'(])")

_STEMS: dict[str, str] = {}
_STEMS_MAX = 300_000


def stem(word: str) -> str:
    s = _STEMS.get(word)
    if s is None:
        if len(_STEMS) >= _STEMS_MAX:  # a library of odd words must not grow this without bound
            _STEMS.clear()
        s = _STEMS[word] = porter_stem(word)
    return s


def words(text: str) -> list[str]:
    """Every word of `text`, lower-cased, in order."""
    return WORD.findall(text.lower())


def is_term(word: str) -> bool:
    """A word worth a place in an article's vector."""
    return len(word) > 2 and word not in STOPS and not word[0].isdigit()


_TERMS: dict[str, str] = {}  # word -> its term ("" when it is none), so each distinct word is looked at once


def base(word: str) -> str:
    """The form of a lower-cased word that its term is stemmed from ("armenia's" -> "armenia"), which
    vectors.py looks up in English word frequencies. A pure function of the word: which word stands for a
    term is each build's own choice (vectors.Vocabulary), never what this process happened to read first."""
    w = word.replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    # A people's name is its country's: "Russian" troops and "Russia" are one story, as are
    # "Armenian"/"Armenia", "American"/"America", "Azerbaijani"/"Azerbaijan".
    if len(w) > 5 and w.endswith(("ian", "ican")) or len(w) > 6 and w.endswith(("ani", "stani")):
        w = w[:-1]
    return w


def term(word: str) -> str:
    """The stemmed content term of a lower-cased word ("armenia's" is "armenia"), or "" for none."""
    t = _TERMS.get(word)
    if t is None:
        if len(_TERMS) >= _STEMS_MAX:
            _TERMS.clear()
        w = base(word)
        t = _TERMS[word] = stem(w) if is_term(w) else ""
    return t


def known_terms() -> dict[str, str]:
    """The terms of the words looked at so far (word -> term, "" for none), for loops too hot to call term()."""
    return _TERMS


def terms_of_words(ws: list[str]) -> list[str]:
    get = _TERMS.get
    out = []
    for w in ws:
        t = get(w)
        if t is None:
            t = term(w)
        if t:
            out.append(t)
    return out


def terms(text: str) -> list[str]:
    """The stemmed content terms of `text`, in order (repeats kept)."""
    return terms_of_words(words(text))


def split_sentences(text: str) -> list[str]:
    """The sentences of a clean article text (paragraphs separated by blank lines), in order."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        para = " ".join(para.split())
        if not para:
            continue
        start = 0
        for m in _SENTENCE_END.finditer(para):
            before = para[start:m.start()].rstrip("\"'”’)")
            last = before.rsplit(" ", 1)[-1].rstrip(".").lower()
            # "Mr. Putin", "U.S. officials", "No. 10": a full stop that is not a sentence's end.
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            piece = para[start:m.end()].strip()
            if piece:
                out.append(piece)
            start = m.end()
        tail = para[start:].strip()
        if tail:
            out.append(tail)
    return out
