"""Words in messages for the user: a count with its noun in the right number ("1 bookmark", "2 bookmarks")."""

from __future__ import annotations


def plural(n: int, noun: str, many: str | None = None) -> str:
    """`n` (with thousands separators) and `noun`, or `many` (default: noun + "s") unless n is 1."""
    return f"{n:,} {noun if n == 1 else many or noun + 's'}"
