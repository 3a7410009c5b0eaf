"""The orders the article list offers, and the title key they share.

Every order puts articles without the value it sorts on (no date, no date added) last, ordered by title,
so an undated "£1.8m…" does not lead a "Newest first" list. Titles compare case- and accent-insensitively,
ignoring leading quotes, punctuation and currency signs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from operator import attrgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader_app.ui.article_list import ArticleRow

# (key, label in the sort menu), in menu order
ORDERS = (("date", "Newest first"), ("oldest", "Oldest first"), ("added", "Date added"),
          ("unread", "Unread first"), ("title", "Headline A–Z"), ("outlet", "Outlet"))
_LEADING = re.compile(r"^[\W_]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")  # quotes, dashes, £ $ € …: not what a reader looks a headline up by


def title_key(title: str) -> str:
    """'£1.8m deal' → '1.8m deal', '“Élan” wins' → 'elan” wins': casefolded, accents dropped.

    Rows keep theirs (ArticleRow.sort_title), worked out in the worker that builds them."""
    folded = title.casefold()
    if not folded.isascii():
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
    return _LEADING.sub("", folded) or folded


_TITLE = attrgetter("sort_title")


def _newest_first(rows: Iterable[ArticleRow], field: str) -> list[ArticleRow]:
    """Rows with `field` set, largest first (ties by title); then the rest by title."""
    by_title = sorted(rows, key=_TITLE)  # C-level key getters: 20,000 rows are sorted on the GUI thread
    having = [r for r in by_title if getattr(r, field)]
    lacking = [r for r in by_title if not getattr(r, field)]
    having.sort(key=attrgetter(field), reverse=True)  # stable, also reversed: ties keep the title order
    return having + lacking


def ordered(rows: Iterable[ArticleRow], key: str, read_ids: set[str]) -> list[ArticleRow]:
    """`rows` in the order `key` names (one of ORDERS' keys except title and outlet)."""
    if key == "date":
        return _newest_first(rows, "date")
    if key == "added":
        return _newest_first(rows, "added")
    if key == "oldest":
        by_title = sorted(rows, key=_TITLE)
        dated = [r for r in by_title if r.date]
        dated.sort(key=attrgetter("date"))
        return dated + [r for r in by_title if not r.date]
    if key == "unread":
        newest = _newest_first(rows, "date")
        return [r for r in newest if r.id not in read_ids] + [r for r in newest if r.id in read_ids]
    raise ValueError(f"unknown order {key!r}")
