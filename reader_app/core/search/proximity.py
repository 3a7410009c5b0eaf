"""Nearness of the query's words in an article, to rank articles where they meet in one passage first.

The engine's scores (BM25F) count words, not where they stand; someone looking for an article they read
remembers words from one passage. The top hits are re-ranked by the shortest stretch of the headline or the
text that holds one of each wanted word. No Whoosh import: `near()` reads word positions through the
searcher core/search.py passes in; the rest is plain arithmetic.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from typing import Any

POOL = 40  # how many top hits are re-ranked
NEAR = 20  # a stretch this short (in words) earns the whole bonus
BONUS = 1.5  # the most a score grows by (tuned on the benchmark: 0.6-2 all help)


def shortest_window(positions: list[list[int]]) -> int | None:
    """The fewest consecutive word positions holding at least one position from every list (None when a
    list is empty)."""
    if not positions or any(not p for p in positions):
        return None
    heads = [(p[0], i, 0) for i, p in enumerate(positions)]
    heapq.heapify(heads)
    high = max(p[0] for p in positions)
    best = high - heads[0][0] + 1
    while True:
        low, i, j = heapq.heappop(heads)
        best = min(best, high - low + 1)
        if j + 1 >= len(positions[i]):
            return best
        nxt = positions[i][j + 1]
        high = max(high, nxt)
        heapq.heappush(heads, (nxt, i, j + 1))


def boost(score: float, window: int | None, words: int) -> float:
    """The score grown by how close together the words stand (not at all when some are missing)."""
    if window is None:
        return score
    return score * (1.0 + BONUS * min(1.0, NEAR * (words / 4) / max(window, 1)))


def rerank(top: list[tuple[int, float]], windows: dict[int, int | None], words: int) -> list[tuple[int, float]]:
    """The hits re-ordered by their boosted scores (stable for equal scores)."""
    scored = [(d, boost(s, windows.get(d), words)) for d, s in top]
    return sorted(scored, key=lambda ds: -ds[1])


def near(searcher: Any, top: list[tuple[int, float]], groups: list[set[str]], fields: Iterable[str]
         ) -> list[tuple[int, float]]:
    """`top` (document number, score) re-ranked by how close together one term of each group stands in any
    of `fields`. Positions are read segment by segment, only for these documents."""
    if len(groups) < 2 or len(top) < 2:
        return top
    docs = sorted(d for d, _ in top)
    windows: dict[int, int | None] = {}
    for fieldname in fields:
        where: dict[int, list[list[int]]] = {d: [[] for _ in groups] for d in docs}
        for leaf, offset in searcher.leaf_searchers():
            reader = leaf.reader()
            mine = [d - offset for d in docs if offset <= d < offset + reader.doc_count_all()]
            if mine:
                _positions(reader, fieldname, groups, mine, offset, where)
        for d, lists in where.items():
            w = shortest_window([sorted(p) for p in lists])
            known = windows.get(d)
            if w is not None and (known is None or w < known):
                windows[d] = w
    return rerank(top, windows, len(groups))


def _positions(reader: Any, fieldname: str, groups: list[set[str]], docs: list[int], offset: int,
               where: dict[int, list[list[int]]]) -> None:
    """Add the positions of each group's terms in `docs` (segment numbers, ascending) to `where`."""
    for g, group in enumerate(groups):
        for term in group:
            if (fieldname, term) not in reader:
                continue
            postings = reader.postings(fieldname, term)
            for d in docs:
                if not postings.is_active():
                    break
                postings.skip_to(d)
                if postings.is_active() and postings.id() == d:
                    where[d + offset][g].extend(postings.value_as("positions"))
