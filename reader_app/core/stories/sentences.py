"""Sentences as sets of content terms, how alike two are, and which sentences of an article are new: not
said (at the `new_sentence` similarity or more) by any earlier article of its thread."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from reader_app.core.stories.text import split_sentences, terms
from reader_app.core.yielding import let_others_run


class Sentence:
    """One sentence of an article and its stemmed content terms."""

    __slots__ = ("text", "terms")

    def __init__(self, text: str):
        self.text = text
        self.terms = frozenset(terms(text))


_LETTER = re.compile(r"[^\W\d_]")


def sentences_of(text: str) -> list[Sentence]:
    """The article's sentences; a run of figures or symbols with no letter in it is none."""
    return [Sentence(s) for s in split_sentences(text) if _LETTER.search(s)]


def similarity(a: Sentence, b: Sentence) -> float:
    """Cosine of the two sentences' term sets (1.0 for the same content words)."""
    if not a.terms or not b.terms:
        return 1.0 if a.text.strip().lower() == b.text.strip().lower() and a.text.strip() else 0.0
    return len(a.terms & b.terms) / math.sqrt(len(a.terms) * len(b.terms))


def new_sentences(articles: Sequence[Sequence[Sentence]], threshold: float) -> list[list[str]]:
    """For each article (in timeline order), its sentences that no earlier article already said."""
    seen: list[Sentence] = []
    out: list[list[str]] = []
    for sents in articles:
        let_others_run()  # a long thread's timeline is built in the window's worker
        fresh = [s.text for s in sents if s.terms and all(similarity(s, old) < threshold for old in seen)]
        out.append(fresh)
        seen.extend(sents)
    return out
