"""What a search returns, shared by the GUI and the CLI."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

MARK_OPEN, MARK_CLOSE = "**", "**"
GIST_NOTE = "No article has all these words; closest matches."  # the note of a gist match (core/gist.py)
_MARKED = re.compile(r"\*\*(.+?)\*\*")


@dataclass
class Hit:
    """One ranked hit. `snippet` is the best passage with matched terms wrapped in ** **; `copies` are the
    other articles with (nearly) the same text, shown as this one hit."""

    id: str
    title: str
    outlet: str | None
    byline: str | None
    date: str | None
    url: str | None
    path: str
    words: int
    score: float
    snippet: str
    added: str | None = None  # when the article entered the library (ISO 8601)
    copies: list[str] = field(default_factory=list)  # ids of other copies of this text, folded into this hit

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class SearchResult:
    """Hits for one query, with how the query was understood.

    `corrected`: the query actually run when the typed one found little ("Showing results for …");
    `suggestions`: "Did you mean …" queries built from the index's own words;
    `relaxed`: True when the hits match fewer than all words (labelled as such);
    `gist`: True when no article has every word and the hits are the closest matches (core/gist.py);
    `facets`: {"outlet": {name: count}, "year": {year: count}} over all matches.
    """

    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    corrected: str | None = None
    suggestions: list[str] = field(default_factory=list)
    relaxed: bool = False
    gist: bool = False
    note: str | None = None
    empty: bool = False  # nothing to search for (only operators or very common words): said in `note`
    timed_out: bool = False  # the time limit cut the search short: the hits may be incomplete (said in `note`)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    # The ids of every matching article (not only the hits), so that copies can be counted once over all of
    # them (core/library.search); `articles` is how many there are, each copy counted.
    matched: list[str] = field(default_factory=list, repr=False, compare=False)
    # The (outlet, year) of each of them, made when asked (only a search with copies needs it: made for every
    # search it cost 13 ms at 100,000 matches); Library.search lets go of it before it returns.
    matched_where: Callable[[], list[tuple[str, str]]] | None = field(default=None, repr=False, compare=False)
    articles: int = 0

    def to_dict(self) -> dict:
        return {
            "query": self.query,
            "total": self.total,
            "corrected": self.corrected,
            "suggestions": self.suggestions,
            "relaxed": self.relaxed,
            "gist": self.gist,
            "note": self.note,
            "facets": self.facets,
            "hits": [h.to_dict() for h in self.hits],
        }


def split_marked(snippet: str) -> list[tuple[str, bool]]:
    """A marked snippet as (text, is_match) pieces, for views that draw highlights themselves."""
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for m in _MARKED.finditer(snippet):
        if m.start() > pos:
            pieces.append((snippet[pos:m.start()], False))
        pieces.append((m.group(1), True))
        pos = m.end()
    if pos < len(snippet):
        pieces.append((snippet[pos:], False))
    return pieces
