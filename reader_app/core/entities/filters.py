"""An entity as a search filter in the query language (`person:"Dmitry Peskov"`), added or taken away.

The window's facet panel and the names in the reader filter by writing this into the search box, so the
filter is visible, editable and kept in recent searches like any other query.
"""

from __future__ import annotations

import functools
import re

from reader_app.core.entities.model import KINDS


def entity_filter(kind: str, name: str) -> str:
    """`kind:"Name"` (quotes inside the name dropped: the query language has no escape for them)."""
    if kind not in KINDS:
        raise ValueError(f"not an entity kind: {kind}")
    return f'{kind}:"{name.replace(chr(34), "")}"'


def has_filter(query: str, kind: str, name: str) -> bool:
    """Whether the query filters by this entity. Asked for every name of the facet panel after each search,
    so a query naming no entity of this kind answers without building a pattern."""
    if f"{kind}:" not in query.casefold():
        return False
    return _pattern(kind, name).search(query) is not None


def toggle_filter(query: str, kind: str, name: str) -> str:
    """The query with the filter added, or taken away when it is there already (click again clears)."""
    pattern = _pattern(kind, name)
    if pattern.search(query):
        return " ".join(pattern.sub(" ", query).split())
    return " ".join(f"{query} {entity_filter(kind, name)}".split())


@functools.lru_cache(maxsize=512)
def _pattern(kind: str, name: str) -> re.Pattern[str]:
    quoted = re.escape(name.replace('"', ""))
    return re.compile(rf'(?<!\S){kind}:(?:"{quoted}"|{quoted}(?=\s|$))', re.I)
