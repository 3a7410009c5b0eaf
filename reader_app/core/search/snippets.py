"""The best passage of an article for a query, with the matched words marked ** **. No Whoosh, no Qt.

Words are found the way the index finds them (a caller-supplied `key` says whether a surface word
matches, stemmed forms included; a run of Han or kana is looked at as its pairs of characters, as the
index keeps it, and the pairs a query's word is made of are marked as one), the passage with the most distinct matched words wins, and cuts fall on
sentence or word boundaries, never inside a word. Only the article's clean text is used (page furniture
was removed when the article was read), so snippets never show captions, bylines or "Related article".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from reader_app.core.articles import cjk
from reader_app.core.articles.text import lower_folded
from reader_app.core.search.results import MARK_CLOSE, MARK_OPEN

WORD = re.compile(r"\w+(?:\.?\w+)*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*\s+")
SNIPPET_CHARS = 220

KeyFn = Callable[[str], "str | None"]
# (the query's phrases as sequences of keys, the keys asked for only inside a phrase)
Phrases = tuple[tuple[tuple[str, ...], ...], frozenset[str]]


def candidates(starts: set[str]) -> re.Pattern[str]:
    """A pattern finding only the words that begin with one of `starts` (lower-case), so a long text is
    not looked at word by word. Empty `starts` finds every word."""
    if not starts:
        return WORD
    alternatives = "|".join(sorted((re.escape(s) for s in starts), key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + alternatives + r")\w*(?:\.?\w+)*", re.IGNORECASE)


@lru_cache(maxsize=64)
def _spaced(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` (WORD or one of candidates()) for a text with Han or kana: every run of those is looked at
    (as the index has it, in pairs: see _matches), and the other words end where such a run begins."""
    return re.compile(cjk.CJK_CHAR + "+|" + pattern.pattern.replace(r"\w", cjk.OTHER_CHAR), pattern.flags)


def _matches(text: str, key: KeyFn, pattern: re.Pattern[str] = WORD) -> list[tuple[int, int, str]]:
    out = []
    if cjk.has_cjk(text):
        for m in _spaced(pattern).finditer(text):
            for s, e in cjk.pieces(text, m.start(), m.end()):  # a run of Han or kana: each pair of characters
                k = key(lower_folded(text[s:e]))
                if k is not None:
                    out.append((s, e, k))
        return out
    for m in pattern.finditer(text):
        k = key(lower_folded(m.group()))
        if k is not None:
            out.append((m.start(), m.end(), k))
    return out


def _next_to(text: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Whether match `b` follows `a` as the index's phrases allow: the next pair of the same run of Han or
    kana, or the next word with at most one other (a small word the index drops) between them."""
    if b[0] < a[1]:  # pairs of characters overlap
        return b[0] == a[0] + 1
    gap = text[a[1]:b[0]]
    if any(map(cjk.is_cjk, gap)) or (not gap and cjk.is_cjk(text[a[1] - 1]) and cjk.is_cjk(text[b[0]])):
        return False  # Han or kana between them, or two pairs of one run that are not next to each other
    return len(WORD.findall(gap)) <= 1


def _merged(matches: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Matches that overlap or touch (pairs of characters of one run: 北京 and 京大 in 北京大学) made one."""
    out: list[tuple[int, int, str]] = []
    for m in sorted(matches):
        if out and m[0] <= out[-1][1]:
            if m[1] > out[-1][1]:
                out[-1] = (out[-1][0], m[1], out[-1][2])
        else:
            out.append(m)
    return out


def join_phrases(text: str, matches: list[tuple[int, int, str]], phrases: Phrases) -> list[tuple[int, int, str]]:
    """The matches with each occurrence of a phrase made one match (its words in order, at most one other
    word between two of them, as the index allows), and words asked for only inside a phrase dropped where
    they stand alone: '"border guards"' marks "border guards", never a lone "borders"."""
    sequences, only = phrases
    sequences = tuple(sorted(sequences, key=len, reverse=True))
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(matches):
        for seq in sequences:
            n = len(seq)
            if i + n <= len(matches) and all(matches[i + t][2] == seq[t] for t in range(n)) and all(
                    _next_to(text, matches[i + t], matches[i + t + 1]) for t in range(n - 1)):
                out.append((matches[i][0], matches[i + n - 1][1], " ".join(seq)))
                i += n
                break
        else:
            if matches[i][2] not in only:
                out.append(matches[i])
            i += 1
    return out


def _best_window(matches: list[tuple[int, int, str]], width: int) -> tuple[int, int, float]:
    """(first, last) match indexes of the window of at most `width` chars with the most distinct keys."""
    best = (0, 0, -1.0)
    j = 0
    for i in range(len(matches)):
        j = max(j, i)
        while j + 1 < len(matches) and matches[j + 1][1] - matches[i][0] <= width:
            j += 1
        window = matches[i:j + 1]
        score = len({k for _, _, k in window}) * 10 + len(window)
        if score > best[2]:
            best = (i, j, score)
    return best


def _cut(text: str, span_start: int, span_end: int, width: int) -> tuple[int, int]:
    """Where to start and end a passage that shows [span_start, span_end) in `text`."""
    room = max(0, width - (span_end - span_start))
    left = max(0, span_start - room // 3)
    if left > 0:
        # start at a sentence when one begins between `left` and the first match, else at a word
        sentence = None
        for m in _SENTENCE_END.finditer(text, max(0, left - 1), span_start):
            sentence = m.end()
            break
        if sentence is not None and sentence <= span_start:
            left = sentence
        elif not text[left - 1].isspace() and not _between_words(text, left):
            nxt = text.find(" ", left, span_start)
            left = nxt + 1 if nxt >= 0 else span_start
    right = min(len(text), max(span_end, left + width))
    if right < len(text) and not text[right].isspace() and not text[right - 1].isspace() \
            and not _between_words(text, right):
        back = text.rfind(" ", span_end, right)
        right = back if back >= 0 else span_end
    return left, right


def _between_words(text: str, i: int) -> bool:
    """Whether a cut at `i` (inside the text, no space either side) may fall there: beside Han or kana,
    which are written without spaces."""
    return cjk.is_cjk(text[i - 1]) or cjk.is_cjk(text[i])


def _mark(text: str, start: int, end: int, matches: list[tuple[int, int, str]]) -> str:
    out, pos = [], start
    for s, e, _ in matches:
        if s < start or e > end:
            continue
        out.append(text[pos:s])
        out.append(MARK_OPEN + text[s:e] + MARK_CLOSE)
        pos = e
    out.append(text[pos:end])
    return "".join(out).strip()


def best_passage(text: str, key: KeyFn, width: int = SNIPPET_CHARS, pattern: re.Pattern[str] = WORD,
                 phrases: Phrases | None = None) -> str:
    """The best passage of `text` with matches marked; the opening lines (marked) when nothing matches.
    `pattern` may narrow the words looked at (see candidates()); `phrases` marks a phrase's words only
    where the phrase is (see join_phrases)."""
    text = text.replace(MARK_OPEN, "")  # the text's own ** would read as marks
    best: tuple[float, str, int, int, list[tuple[int, int, str]]] | None = None
    for para in text.split("\n\n"):
        para = " ".join(para.split())
        if not para:
            continue
        matches = _matches(para, key, pattern)
        if phrases and phrases[0]:
            matches = join_phrases(para, matches, phrases)
        if not matches:
            if best is None:
                best = (-1.0, para, 0, 0, [])
            continue
        i, j, score = _best_window(matches, width)
        if best is None or score > best[0]:
            best = (score, para, matches[i][0], matches[j][1], matches)
    if best is None:
        return ""
    score, para, s, e, matches = best
    left, right = _cut(para, s, e, width)
    body = _mark(para, left, right, _merged(matches) if cjk.has_cjk(para) else matches)
    return ("… " if left > 0 else "") + body + (" …" if right < len(para) else "")
