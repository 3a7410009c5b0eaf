"""The article list as it is shown, worked out in a worker: the rows in the chosen order under the outlet and
year filters, the counts each filter offers (each following the other), and where each article is.

`make_listing` is plain Python over ArticleRows (no Qt object is touched), so it runs off the GUI thread;
the GUI thread only swaps the finished Listing into its model (ArticleListModel.set_listing), one reset.
At 100,000 rows ordering, filtering and counting take a few hundred milliseconds of Python, which the
window would feel as a freeze. In the worker they still compete with the GUI thread for the interpreter (a
theme switch just after a re-sort waited out much of it), so a listing keeps what the next one can reuse: the
last few orders of the same rows, and the filters' counts, which no order changes.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from reader_app.ui.articles.order import ORDERS, ordered, sort_in_pieces
from reader_app.ui.articles.row import UNDATED, UNKNOWN_OUTLET, ArticleRow

SORT_KEYS = tuple(key for key, _label in ORDERS)
KEPT_ORDERS = 3  # orders of one list kept for a re-sort back to them (a list of references each: 0.8 MB at 100,000)
_NEWEST_FIRST = str.maketrans("0123456789", "9876543210")


@dataclass(frozen=True)
class ListState:
    """What the list is asked to show: an order (one of SORT_KEYS, or None for the order given, e.g. search
    hits by rank; `descending` only turns headline and outlet orders round) and the outlet and year filters
    ('' for all, UNKNOWN_OUTLET / UNDATED for articles with none)."""

    key: str | None = "date"
    descending: bool = False
    outlet: str = ""
    year: str = ""

    def __post_init__(self) -> None:
        if self.key is not None and self.key not in SORT_KEYS:
            raise ValueError(f"unknown sort key {self.key!r}")


@dataclass
class Listing:
    """A finished list: `given` (every row, the list object handed in, in its order), `rows` (those shown,
    in display order), `positions` (id → row in `rows`), and the filters' counts."""

    given: list[ArticleRow]
    state: ListState
    rows: list[ArticleRow]
    positions: dict[str, int]
    outlets: dict[str, int] = field(default_factory=dict)  # per outlet, among the year filter's articles
    years: dict[str, int] = field(default_factory=dict)  # per year, among the outlet filter's articles
    all_outlets: dict[str, int] = field(default_factory=dict)  # per outlet, no filter
    ordered: list[ArticleRow] = field(default_factory=list)  # every row in display order (kept for re-filtering)
    unread_of: frozenset[str] | None = None  # the read ids an "unread first" order was made with
    copies: int = 0  # the other copies of a text that the rows stand for ("+1 other copy"), in every row
    _by_id: dict[str, ArticleRow] | None = field(default=None, repr=False)  # when filtered: every row by id
    # the orders of `given` made so far ((key, descending, unread_of) → every row in that order), the newest
    # last; shared by the listings of one `given`
    orders: dict[tuple, list[ArticleRow]] = field(default_factory=dict, repr=False, compare=False)

    def find(self, article_id: str) -> ArticleRow | None:
        """The row of an article in the list, shown or filtered out."""
        if self._by_id is None:
            pos = self.positions.get(article_id)
            return None if pos is None else self.rows[pos]
        return self._by_id.get(article_id)

    def append(self, rows: list[ArticleRow]) -> None:
        """More rows at the end (the next page of search hits), until the next listing."""
        for i, r in enumerate(rows, len(self.rows)):
            self.positions[r.id] = i
        self.rows.extend(rows)  # `given` stays the list handed in
        if self._by_id is not None:
            self._by_id.update((r.id, r) for r in rows)


def sort_value(row: ArticleRow, key: str | None) -> str:
    """The value a row sorts by under `key` (headline and outlet orders; also the model's SORT_ROLE)."""
    if key == "title":
        return row.sort_title
    if key == "outlet":
        # Outlets A to Z (none last), then within one the list's own order: newest first, the undated last,
        # ties and the undated by headline (README). Dates are turned round digit by digit so one ascending
        # string sorts them newest first; "~" after each keeps "2021-04-14" before "2021", as in newest first.
        date = row.date.translate(_NEWEST_FIRST) + "~" if row.date else "\uffff"
        return (row.outlet.casefold() or "\uffff") + "\x00" + date + "\x00" + row.sort_title
    return row.date or "0000"


def _in_order(given: list[ArticleRow], state: ListState, read_ids: Collection[str]) -> list[ArticleRow]:
    key = state.key
    if key is None:
        return list(given)
    if key not in ("title", "outlet"):  # orders with a fixed direction and undated rows last
        return ordered(given, key, set(read_ids))
    return sort_in_pieces(given, lambda r: sort_value(r, key), state.descending)


def make_listing(given: list[ArticleRow], state: ListState, read_ids: Collection[str] = (),
                 previous: Listing | None = None) -> Listing:
    """The list `state` asks for, from `given`. Runs anywhere (a worker at scale); `read_ids` is a copy the
    caller no longer changes (the "unread first" order reads it). `previous`: the last listing, whose orders
    of the same rows are reused (a re-sort back to one of them), and its counts when the filters are the same
    (no order changes them)."""
    read = frozenset(read_ids) if state.key == "unread" else None
    same_rows = previous is not None and previous.given is given
    orders: dict[tuple, list[ArticleRow]] = previous.orders if same_rows and previous is not None else {}
    order_key = (state.key, state.descending, read)
    in_order = orders.pop(order_key, None)
    if in_order is None:
        in_order = _in_order(given, state, read or ())
    if state.key is not None:  # the order given is not worth keeping: it is `given`
        orders[order_key] = in_order  # the newest last
        while len(orders) > KEPT_ORDERS:
            del orders[next(iter(orders))]
    outlet, year = state.outlet, state.year
    want_outlet = "" if outlet == UNKNOWN_OUTLET else outlet
    folded = want_outlet.casefold()  # outlet names match in any case, as in the search filter
    want_year = "" if year == UNDATED else year
    if same_rows and previous is not None and previous.state.outlet == outlet and previous.state.year == year:
        # the same rows under the same filters: the same counts, in any order
        counted = previous
        rows = in_order if not outlet and not year else [
            r for r in in_order if (not year or r.year == want_year) and (not outlet or r.outlet.casefold() == folded)]
        filtered = len(rows) != len(in_order)
        return Listing(given=given, state=state, rows=rows, positions={r.id: i for i, r in enumerate(rows)},
                       outlets=counted.outlets, years=counted.years, all_outlets=counted.all_outlets,
                       ordered=in_order, unread_of=read, copies=counted.copies,
                       _by_id=(counted._by_id or {r.id: r for r in given}) if filtered else None, orders=orders)
    outlets: dict[str, int] = {}
    years: dict[str, int] = {}
    everywhere: dict[str, int] = {}
    shown: list[ArticleRow] = []
    copies = 0
    for r in in_order:
        copies += r.copies
        date = r.date[:4]
        y = date if date.isdigit() else ""
        o = r.outlet
        okey = o or UNKNOWN_OUTLET
        everywhere[okey] = everywhere.get(okey, 0) + 1
        year_ok = not year or y == want_year
        if year_ok:
            outlets[okey] = outlets.get(okey, 0) + 1
        if not outlet or o == want_outlet:  # the counts name outlets as written (one entry per spelling)
            ykey = y or UNDATED
            years[ykey] = years.get(ykey, 0) + 1
        if year_ok and (not outlet or o.casefold() == folded):
            shown.append(r)
    filtered = len(shown) != len(in_order)
    rows = shown if filtered else in_order
    return Listing(given=given, state=state, rows=rows, positions={r.id: i for i, r in enumerate(rows)},
                   outlets=outlets, years=years, all_outlets=everywhere, ordered=in_order, unread_of=read,
                   copies=copies, _by_id={r.id: r for r in given} if filtered else None, orders=orders)
