"""Where an article names its entities: the first place each is named, for the reader to make clickable."""

from __future__ import annotations

import re


def first_mentions(text: str, entities: list[dict], aliases: dict[str, list[str]]) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, name) of the first whole-word occurrence in `text` of each entity (`entities`:
    [{"name", "kind"}]) by its name or any alias, longest names first so that "Nikol Pashinyan" is taken
    whole, not as "Pashinyan"; no two spans overlap. Sorted by position."""
    taken: list[tuple[int, int]] = []
    out: list[tuple[int, int, str, str]] = []
    for e in entities:
        names = sorted({e["name"], *aliases.get(e["name"], [])}, key=len, reverse=True)
        best: tuple[int, int] | None = None
        for n in names:
            for m in re.finditer(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text):
                span = (m.start(), m.end())
                if any(a < span[1] and span[0] < b for a, b in taken):
                    continue
                if best is None or span[0] < best[0]:
                    best = span
                break
        if best is not None:
            taken.append(best)
            out.append((best[0], best[1], e["kind"], e["name"]))
    return sorted(out)
