"""Nearness of the query's words in an article, to rank articles where they meet in one passage first.

The engine's scores (BM25F) count words, not where they stand; someone looking for an article they read
remembers words from one passage. The top hits are re-ranked by the shortest stretch of the text that holds
one of each wanted word. No Whoosh, no Qt: the caller supplies word positions.
"""

from __future__ import annotations

import heapq

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
