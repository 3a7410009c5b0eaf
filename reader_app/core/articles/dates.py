"""Dates in clippings: a dateline, a date anywhere in a line, a date in a URL; all as ISO 8601 (YYYY-MM-DD)."""

from __future__ import annotations

import re

# --- finding dates --------------------------------------------------------------------------------------

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH_RE = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY_RE = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DATE_PATTERNS = [
    re.compile(_WEEKDAY_RE + MONTH_RE + r"\s+(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>[0-9]{4})", re.I),
    re.compile(_WEEKDAY_RE + r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?\s+" + MONTH_RE + r",?\s+(?P<year>[0-9]{4})", re.I),
    re.compile(r"(?P<year>(?:19|20)[0-9]{2})-(?P<mnum>[0-9]{2})-(?P<day>[0-9]{2})"),
]
_DATELINE_PREFIX = re.compile(
    r"^(?:(?:published|posted|updated|last updated|date|dated|first published)\s*(?:on|at)?\s*[:\-–—]?\s*)",
    re.I,
)
_TIME_TAIL = re.compile(
    r"^[\s,|·•\-–—]*(?:(?:at\s+)?[0-9]{1,2}[:.][0-9]{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?)?[\s,|·•\-–—]*$",
    re.I,
)


def _iso(year: int, month: int, day: int) -> str | None:
    if 1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2100:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first calendar date in text as (ISO date, start, end)."""
    best: tuple[str, int, int] | None = None
    for pattern in _DATE_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        month = int(m.group("mnum")) if "mnum" in m.groupdict() and m.group("mnum") else _MONTHS.get(
            m.group("mon").lower().rstrip("."), 0
        )
        iso = _iso(int(m.group("year")), month, int(m.group("day")))
        if iso and (best is None or m.start() < best[1]):
            best = (iso, m.start(), m.end())
    return best


def parse_dateline(line: str) -> str | None:
    """An ISO date if the whole line is a dateline ("April 14, 2021", "Published: 14 Apr 2021 10:00")."""
    if len(line) > 80:
        return None
    body = _DATELINE_PREFIX.sub("", line.strip())
    found = find_date(body)
    if not found:
        return None
    iso, start, end = found
    if body[:start].strip(" ,|·•-–—") or not _TIME_TAIL.match(body[end:]):
        return None
    return iso


_URL_DATE = re.compile(r"/((?:19|20)[0-9]{2})[/-]([0-9]{1,2})[/-]([0-9]{1,2})(?:/|-|$)")


def date_from_url(url: str) -> str | None:
    m = _URL_DATE.search(url)
    return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
