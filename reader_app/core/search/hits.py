"""Turning a search pass into what the user sees: counts, facets, hits with snippets.

No Whoosh import: core/search.py runs the engine and hands over its searcher (used here only to read stored
fields and columns), the matching documents and the snippet matcher.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reader_app.core.index.documents import stored_summary
from reader_app.core.search.results import Hit, SearchResult
from reader_app.core.search.snippets import Phrases, best_passage
from reader_app.core.search.spelling import Vocabulary
from reader_app.core.yielding import with_pauses


@dataclass
class Generation:
    """One state of the index as seen by a searcher, and what is worth computing once for it."""

    searcher: Any
    outlets: list[str] = field(default_factory=list)  # by document number
    years: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # a hash of each document's text
    vocabulary: Vocabulary | None = None  # built on first need
    entity_table: Any = None  # core/entities/table.EntityTable, built on first need
    entity_base: Any = None  # the previous index state's EntityTable, which entity_table is counted on
    same_shown: list[tuple[str, ...]] | None = None  # groups of ids showing the same thing (Engine.exact_copies)
    live: frozenset[str] | None = None  # the ids of the documents not deleted (Engine.present), on first need


@dataclass
class Pass:
    """One run of a query: the top hits (docnum, score), all matching docnums, and whether the time limit
    cut it short."""

    top: list[tuple[int, float]]
    docs: set[int]
    timed_out: bool = False


def column(reader: Any, fieldname: str) -> list:
    """A sortable field's values for every document number, as text."""
    values = list(with_pauses(reader.column_reader(fieldname)))  # a file read every few values (yielding.py)
    return [v.decode("utf-8", "replace") if isinstance(v, bytes) else v for v in values]


def make_hit(doc: dict, score: float, snippet: str) -> Hit:
    return Hit(score=round(float(score), 4), snippet=snippet, **stored_summary(doc))


def fill(gen: Generation, result: SearchResult, found: Pass, key: Callable[[str], str | None],
         pattern: re.Pattern[str], phrases: Phrases | None = None) -> None:
    """Count, facets over every match, and a hit with its best passage for each shown document."""
    result.total = result.articles = len(found.docs)
    result.matched = [gen.ids[d] for d in found.docs]
    docs, outlets, years = found.docs, gen.outlets, gen.years  # (not the generation: its searcher stays free)
    result.matched_where = lambda: [(outlets[d], years[d]) for d in docs]
    result.facets = {
        "outlet": dict(Counter(gen.outlets[d] for d in found.docs if gen.outlets[d])),
        "year": dict(sorted(Counter(gen.years[d] for d in found.docs if gen.years[d]).items())),
    }
    for docnum, score in found.top:
        doc = gen.searcher.stored_fields(docnum)
        result.hits.append(make_hit(doc, score, best_passage(doc.get("body") or "", key, pattern=pattern,
                                                                    phrases=phrases)))
