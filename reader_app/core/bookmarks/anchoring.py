"""Where a bookmarked passage sits in an article's text, and finding it again after the text changes.

An anchor is the quote, about 32 characters of context either side, and offsets into `Article.text`.
Re-anchoring tries, in order: the same offsets (the text there is still the quote, with its context), every
exact occurrence of the quote scored by context and position, then a fuzzy match (rapidfuzz). Two candidates
that score alike are never decided by a coin toss: the passage becomes an orphan instead.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from reader_app.core.wording import plural

CONTEXT = 32
FUZZY_MIN = 75.0  # rapidfuzz score (0-100) a changed passage must reach to be placed at all
FUZZY_SURE = 88.0  # above this a fuzzy match needs no support from its context
CONTEXT_SUPPORT = 0.5  # context score (0-1) that lets a weaker fuzzy match stand
MARGIN = 0.15  # how far the best candidate must lead the next one
# Unrelated English contexts already score about 0.35 (common letters and words), so a lone short quote
# must have at least one side of its context clearly the same to be placed.
SHORT_QUOTE = 20
SHORT_CONTEXT_MIN = 0.5


def text_hash(text: str) -> str:
    """The hash stored with a bookmark, to notice when the article text changes."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Anchor:
    """A passage of one version of an article's text."""

    start: int
    end: int
    quote: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Placement:
    """The outcome of re-anchoring: an anchor in the new text, or None with the reason it is an orphan."""

    anchor: Anchor | None
    method: str  # "same", "exact", "fuzzy" or "orphan"
    reason: str = ""
    context: float = 1.0  # 0-1: how well the surroundings of a fuzzy or exact match read as the stored ones


class QuoteNotFound(ValueError):
    """The quote is not in the text, or is there more than once; str() says which."""


def anchor_at(text: str, start: int, end: int, context: int = CONTEXT) -> Anchor:
    """The anchor of text[start:end], trimmed of surrounding white space."""
    if not (0 <= start < end <= len(text)):
        raise ValueError(f"no passage at {start}-{end} in a text of {plural(len(text), 'character')}")
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise ValueError("the passage is only white space")
    return Anchor(start, end, text[start:end], text[max(0, start - context):start], text[end:end + context])


def _loose_pattern(quote: str) -> re.Pattern[str]:
    words = quote.split()
    return re.compile(r"\s+".join(re.escape(w) for w in words))


def find_quote(text: str, quote: str, occurrence: int | None = None) -> Anchor:
    """The anchor of `quote` in `text` (white space may differ). Several occurrences need `occurrence` (1-based)."""
    if not quote.strip():
        raise QuoteNotFound("the quote is empty")
    spans = [(m.start(), m.end()) for m in _loose_pattern(quote).finditer(text)]
    if not spans:
        raise QuoteNotFound("the quote is not in the article")
    if occurrence is None:
        if len(spans) > 1:
            raise QuoteNotFound(f"the quote occurs {len(spans)} times in the article; quote more of the passage "
                                "or say which occurrence")
        occurrence = 1
    if not 1 <= occurrence <= len(spans):
        raise QuoteNotFound(f"the quote occurs {plural(len(spans), 'time')}, so there is no occurrence {occurrence}")
    return anchor_at(text, *spans[occurrence - 1])


# --- re-anchoring -------------------------------------------------------------------------------


def _similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    if not a and not b:
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def _context_score(text: str, old: Anchor, start: int, end: int) -> float:
    """0-1: how well the text around a candidate matches the stored context, weighted by its length.

    The candidate's context is always CONTEXT characters wide, so a stored context cut short by the start or
    end of the text only matches a candidate that is also at the start or end.
    """
    before, after = text[max(0, start - CONTEXT):start], text[end:end + CONTEXT]
    wp, ws = max(len(old.prefix), 1), max(len(old.suffix), 1)
    return (wp * _similarity(old.prefix, before) + ws * _similarity(old.suffix, after)) / (wp + ws)


def context_score(text: str, old: Anchor, start: int, end: int) -> float:
    """0-1: how well the text around text[start:end] reads as `old`'s stored surroundings (see _context_score)."""
    return _context_score(text, old, start, end)


@dataclass
class _Candidate:
    start: int
    end: int
    quote_score: float  # 0-1
    context_score: float = 0.0
    position_score: float = 0.0

    @property
    def total(self) -> float:
        return self.quote_score + self.context_score + 0.1 * self.position_score


def _score(text: str, old: Anchor, candidates: list[_Candidate]) -> None:
    for c in candidates:
        c.context_score = _context_score(text, old, c.start, c.end)
        c.position_score = 1.0 - min(1.0, abs(c.start - old.start) / max(len(text), 1))


def _exact(text: str, quote: str) -> list[_Candidate]:
    out, i = [], text.find(quote)
    while i >= 0:
        out.append(_Candidate(i, i + len(quote), 1.0))
        i = text.find(quote, i + 1)
    return out


_WORD_EDGE = re.compile(r"\b")


def _refine(text: str, quote: str, start: int, end: int) -> tuple[int, int, float]:
    """Move a rough fuzzy window's edges to word boundaries nearby, keeping the best-scoring span."""
    from rapidfuzz import fuzz

    slack = max(4, min(24, len(quote) // 8))
    lo, hi = max(0, start - slack), min(len(text), end + slack)
    edges = sorted({m.start() for m in _WORD_EDGE.finditer(text, lo, hi)} | {start, end})
    starts = [e for e in edges if e <= start + slack and e < len(text) and not text[e].isspace()]
    ends = [e for e in edges if e >= end - slack and e > 0 and not text[e - 1].isspace()]
    best = (start, end, fuzz.ratio(quote, text[start:end]))
    for s in starts:
        for e in ends:
            if e - s <= 0:
                continue
            score = fuzz.ratio(quote, text[s:e])
            if score > best[2] + 1e-9 or (abs(score - best[2]) < 1e-9 and e - s > best[1] - best[0]):
                best = (s, e, score)
    return best


def _fuzzy(text: str, quote: str, limit: int = 3) -> list[_Candidate]:
    """Up to `limit` distinct places where the quote, slightly changed, may be."""
    from rapidfuzz import fuzz

    masked = text
    out: list[_Candidate] = []
    for _ in range(limit):
        hit = fuzz.partial_ratio_alignment(quote, masked, score_cutoff=FUZZY_MIN)
        if hit is None or hit.dest_end <= hit.dest_start:
            break
        s, e, score = _refine(text, quote, hit.dest_start, hit.dest_end)
        if score < FUZZY_MIN:
            score = hit.score
            s, e = hit.dest_start, hit.dest_end
        out.append(_Candidate(s, e, score / 100.0))
        mask_from, mask_to = min(s, hit.dest_start), max(e, hit.dest_end)
        masked = masked[:mask_from] + "\x00" * (mask_to - mask_from) + masked[mask_to:]
    return out


def _choose(candidates: list[_Candidate]) -> tuple[_Candidate | None, str]:
    ranked = sorted(candidates, key=lambda c: c.total, reverse=True)
    if not ranked:
        return None, "the passage is no longer in the article"
    best = ranked[0]
    if len(ranked) > 1 and best.total - ranked[1].total < MARGIN:
        return None, f"the passage now appears in {len(ranked)} places that fit equally well"
    return best, ""


def reanchor(text: str, old: Anchor) -> Placement:
    """Find the passage `old` (anchored in an earlier version of the article) in the new `text`."""
    if len(old.quote) > len(text):  # cannot be there, and fuzzy matching a huge quote would take minutes
        return Placement(None, "orphan", "the passage is longer than the article")
    exact = _exact(text, old.quote)
    if len(exact) == 1 and exact[0].start == old.start:
        return Placement(anchor_at(text, exact[0].start, exact[0].end), "same")  # the quote's end, not old.end
    if exact:
        _score(text, old, exact)
        best, reason = _choose(exact)
        if best is None:
            return Placement(None, "orphan", reason)
        # A lone copy whose surroundings changed completely may be a different use of a short phrase.
        if len(exact) == 1 and len(old.quote) < SHORT_QUOTE and best.context_score < SHORT_CONTEXT_MIN:
            return Placement(None, "orphan", "only a short match with different surroundings remains")
        return Placement(anchor_at(text, best.start, best.end), "exact", context=best.context_score)
    fuzzy = _fuzzy(text, old.quote)
    fuzzy = [c for c in fuzzy if c.quote_score * 100 >= FUZZY_MIN]
    _score(text, old, fuzzy)
    best, reason = _choose(fuzzy)
    if best is None:
        return Placement(None, "orphan", reason)
    if best.quote_score * 100 < FUZZY_SURE and best.context_score < CONTEXT_SUPPORT:
        return Placement(None, "orphan", "only a weak match with different surroundings remains")
    return Placement(anchor_at(text, best.start, best.end), "fuzzy", context=best.context_score)
