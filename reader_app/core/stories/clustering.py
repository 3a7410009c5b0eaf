"""Average-link merging over a sparse similarity graph.

Two groups merge when the mean similarity over all pairs across them (a missing edge counts as 0) reaches
the threshold, best pair first. Unlike single-link, one strong pair cannot glue two large groups together:
a chain of look-alike match reports never becomes one blob. Ties are broken by group number, so the same
graph always gives the same groups.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable

Edges = dict[tuple[int, int], float]


def average_link(n: int, edges: Edges, threshold: float,
                 allowed: Callable[[list[int], list[int]], bool] | None = None) -> list[list[int]]:
    """Groups of the items 0..n-1 (each sorted; groups ordered by their first item).

    `allowed(members_a, members_b)` may forbid a merge (events use it to keep a date window).
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    links: dict[int, dict[int, float]] = {i: {} for i in range(n)}
    for (i, j), s in edges.items():
        if i != j:
            links[i][j] = links[i].get(j, 0.0) + s
            links[j][i] = links[j].get(i, 0.0) + s
    heap: list[tuple[float, int, int]] = [(-s, i, j) for (i, j), s in sorted(edges.items()) if s >= threshold]
    heapq.heapify(heap)
    next_id = n
    while heap:
        _, a, b = heapq.heappop(heap)
        # A pair's summed similarity changes only when one side merges (and so disappears): an entry whose
        # two groups are both still there is current.
        if a not in members or b not in members:
            continue
        if allowed is not None and not allowed(members[a], members[b]):
            continue
        c, next_id = next_id, next_id + 1
        members[c] = members.pop(a) + members.pop(b)
        merged: dict[int, float] = {}
        for old in (a, b):
            for other, s in links.pop(old).items():
                if other in (a, b):
                    continue
                merged[other] = merged.get(other, 0.0) + s
                del links[other][old]
        links[c] = merged
        size_c = len(members[c])
        for other, s in sorted(merged.items()):
            links[other][c] = s
            mean = s / (size_c * len(members[other]))
            if mean >= threshold:
                heapq.heappush(heap, (-mean, other, c))
    groups = [sorted(m) for m in members.values()]
    groups.sort(key=lambda g: g[0])
    return groups
