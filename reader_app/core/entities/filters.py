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


# A filter in force: kind:"Name" or kind:word, not after "-" or NOT (those leave a name out).
_ANY = re.compile(r'(?<![\S])(?<!NOT )(person|org|place):(?:"([^"]*)"?|(\S+))', re.I)


def entity_filters(query: str) -> list[tuple[str, str]]:
    """The entity filters the query requires, in order, as (kind, name as written): what the list header
    names while a facet click narrows the list (clicks add up: a drill-down, each count being of the list
    shown)."""
    return [(m.group(1).lower(), (m.group(2) if m.group(2) is not None else m.group(3)).strip())
            for m in _ANY.finditer(query) if (m.group(2) or m.group(3) or "").strip()]


def without_filters(query: str) -> str:
    """The query with every entity filter in force taken out (the list header's "Clear")."""
    return " ".join(_ANY.sub(" ", query).split())


def only_filter(query: str, kind: str, name: str) -> str:
    """The query filtered by this entity alone: the other entity filters taken out, its words kept."""
    return " ".join(f"{without_filters(query)} {entity_filter(kind, name)}".split())


@functools.lru_cache(maxsize=512)
def _pattern(kind: str, name: str) -> re.Pattern[str]:
    quoted = re.escape(name.replace('"', ""))
    return re.compile(rf'(?<!\S){kind}:(?:"{quoted}"|{quoted}(?=\s|$))', re.I)
