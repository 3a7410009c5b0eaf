"""One row of the article list (ArticleRow), the item roles its model answers, and the title key rows sort by.

Rows are built off the GUI thread (ui/window/controller.py) with every file-derived string already cleaned
for display; the model (list_view.py), the delegate that paints them and the orders (order.py) share them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from PySide6.QtCore import Qt

from reader_app.core.wording import plural
from reader_app.ui.text import short_date

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
READ_ROLE = Qt.ItemDataRole.UserRole + 3
SORT_ROLE = Qt.ItemDataRole.UserRole + 4

UNDATED = "\x00undated"  # the year filter's choice for articles with no date (most imported clippings)
UNKNOWN_OUTLET = "\x00unknown"  # the outlet filter's choice for articles with none (no outlet name has controls)

_LEADING = re.compile(r"^[\W_]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")  # quotes, dashes, £ $ € …: not what a reader looks a headline up by


def title_key(title: str) -> str:
    """'£1.8m deal' → '1.8m deal', '“Élan” wins' → 'elan” wins': casefolded, accents dropped.

    Rows keep theirs (ArticleRow.sort_title), worked out in the worker that builds them."""
    folded = title.casefold()
    if not folded.isascii():
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
    return _LEADING.sub("", folded) or folded



@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One row of the list. Every string is already safe to show (plain, one line, capped).

    Rows are made in workers, so the title's sort key is worked out there, once (`sort_title`). Slots, not a
    dict per row: a library of 100,000 articles keeps 100,000 of them."""

    id: str
    title: str
    outlet: str = ""
    date: str = ""
    lede: str = ""
    words: int = 0
    snippet: tuple[tuple[str, bool], ...] = field(default=())  # search hits: (text, is_match) pieces
    copies: int = 0  # other copies of this text that this row stands for (ui/stories/rows.py)
    added: str = ""  # when the article came into the library (ISO), if the core says; for sorting only
    sort_title: str = field(init=False, compare=False, repr=False)  # the title as the list orders it

    def __post_init__(self) -> None:
        object.__setattr__(self, "sort_title", title_key(self.title))

    @property
    def year(self) -> str:
        return self.date[:4] if self.date[:4].isdigit() else ""

    @property
    def meta(self) -> str:
        parts = [x for x in (self.outlet, short_date(self.date)) if x]
        if not parts and self.words:  # no outlet or date known: the length still tells the reader something
            parts.append(plural(self.words, "word"))
        if self.copies:
            parts.append(f"+{self.copies} other cop{'y' if self.copies == 1 else 'ies'}")
        return " · ".join(parts)
