"""Sentences as sets of content terms, how alike two are, and which sentences of an article are new: not
said (at the `new_sentence` similarity or more) by any earlier article of its thread."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from itertools import chain, repeat

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
    """For each article (in timeline order), its sentences that no earlier article already said.

    A sentence is compared only with the earlier ones sharing a term with it (looked up by term): any other
    is 0.0 alike (a sentence with terms is never the text of one without). Comparing each with every earlier
    sentence made a long thread's timeline quadratic (30,000 sentences before an article of 30: 900,000
    comparisons for that article alone). `threshold` must be over 0."""
    seen: list[Sentence] = []
    by_term: dict[str, list[int]] = {}
    out: list[list[str]] = []
    for sents in articles:
        let_others_run()  # a long thread's timeline is built in the window's worker
        fresh = []
        for s in sents:
            if not s.terms:
                continue
            # how many terms each earlier sentence shares with this one, counted in C
            shared = Counter(chain.from_iterable(map(by_term.get, s.terms, repeat(()))))
            n = len(s.terms)  # the same cosine as similarity(), from the shared count
            if all(c / math.sqrt(n * len(seen[i].terms)) < threshold for i, c in shared.items()):
                fresh.append(s.text)
        out.append(fresh)
        for s in sents:
            for t in s.terms:
                by_term.setdefault(t, []).append(len(seen))
            seen.append(s)
    return out
