"""Words in messages for the user: a count with its noun in the right number ("1 bookmark", "2 bookmarks"),
names in the order a person counts them ("e2" before "e10")."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"(\d+)")


def plural(n: int, noun: str, many: str | None = None) -> str:
    """`n` (with thousands separators) and `noun`, or `many` (default: noun + "s") unless n is 1."""
    return f"{n:,} {noun if n == 1 else many or noun + 's'}"


def natural_key(name: str) -> list[str | int]:
    """A sort key that orders the numbers in names by value: e1, e2, e10, e100 (not e1, e10, e100, e2)."""
    # split() with a group alternates text and digits, text first, so like parts are always compared
    return [int(part) if n % 2 else part.casefold() for n, part in enumerate(_DIGITS.split(name))]
