"""The orders the article list offers (the title key they share is row.title_key).

Every order puts articles without the value it sorts on (no date, no date added) last, ordered by title,
so an undated "£1.8m…" does not lead a "Newest first" list (nor an outlet in the Outlet order, listing.py). Titles compare case- and accent-insensitively,
ignoring leading quotes, punctuation and currency signs.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from operator import attrgetter
from typing import TYPE_CHECKING

from reader_app.core.yielding import sort_in_pieces

if TYPE_CHECKING:
    from reader_app.ui.articles.row import ArticleRow

# (key, label in the sort menu), in menu order
ORDERS = (("date", "Newest first"), ("oldest", "Oldest first"), ("added", "Date added"),
          ("unread", "Unread first"), ("title", "Headline A–Z"), ("outlet", "Outlet"))
_TITLE = attrgetter("sort_title")


def _by_value(rows: Iterable[ArticleRow], field: str, newest_first: bool) -> list[ArticleRow]:
    """Rows with `field` set, in its order (ties by title); then the rest by title.

    Sorted by the value alone, then only runs of equal values by title: sorting every row by title first
    costs several times more.
    """
    value = attrgetter(field)
    having = sort_in_pieces([r for r in rows if value(r)], value, newest_first)
    lacking = sort_in_pieces([r for r in rows if not value(r)], _TITLE)
    out: list[ArticleRow] = []
    for _v, run in groupby(having, key=value):
        tied = list(run)
        out.extend(sorted(tied, key=_TITLE) if len(tied) > 1 else tied)
    return out + lacking


def ordered(rows: Iterable[ArticleRow], key: str, read_ids: set[str]) -> list[ArticleRow]:
    """`rows` in the order `key` names (one of ORDERS' keys except title and outlet)."""
    rows = list(rows)
    if key in ("date", "oldest"):
        return _by_value(rows, "date", newest_first=key == "date")
    if key == "added":
        return _by_value(rows, "added", newest_first=True)
    if key == "unread":
        newest = _by_value(rows, "date", newest_first=True)
        return [r for r in newest if r.id not in read_ids] + [r for r in newest if r.id in read_ids]
    raise ValueError(f"unknown order {key!r}")
