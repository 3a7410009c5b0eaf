"""Showing file-derived text safely in Qt widgets that would otherwise guess it is rich text.

QLabel, tooltips and message boxes render anything that looks like HTML, and Qt's rich text loads images
from local paths by itself. File-derived text is therefore always cleaned with `safe_label` and either set
as plain text or escaped before it reaches a rich-text widget.
"""

from __future__ import annotations

import datetime as dt
import html


def label(text: str | None, limit: int = 300) -> str:
    """File-derived text for a plain-text label: no controls, bidi overrides or zero-widths; capped."""
    from reader_app.core.articles.text import safe_label  # imported on first use: it compiles many patterns

    return safe_label(text, limit)


def plain_tooltip(text: str | None, limit: int = 600) -> str:
    """A tooltip that shows `text` literally (escaped, line breaks kept), capped at `limit` characters."""
    lines = [label(line, limit) for line in (text or "").splitlines()]
    body = "<br>".join(html.escape(line, quote=False) for line in lines if line)
    return f"<qt>{body}</qt>" if body else ""


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def readable_date(iso: str | None, short: bool = False) -> str:
    """'2021-04-14' -> '14 April 2021' ('14 Apr 2021' when `short`); lower precision stays as it is."""
    if not iso:
        return ""
    parts = iso.split("-")
    try:
        month = _MONTHS[int(parts[1]) - 1] if len(parts) in (2, 3) else ""
    except (ValueError, IndexError):
        return iso
    month = month[:3] if short else month
    if len(parts) == 3 and parts[2].isdigit():
        return f"{int(parts[2])} {month} {parts[0]}"
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return iso


def encoding_note(encoding: str | None, declared: bool = False) -> str:
    """'Text in Windows-1251 (guessed: the file is not UTF-8)' for a file that was not UTF-8 ('(as the page
    declares)' for a page's own <meta> charset); '' for UTF-8."""
    from reader_app.core.articles.encodings import encoding_note as note

    return note(encoding, declared)


def added_date(iso: str | None) -> str:
    """'2026-11-30T10:32:12Z' (when an article was added, UTC) -> '30 Nov 2026' in local time."""
    try:
        moment = dt.datetime.fromisoformat((iso or "").replace("Z", "+00:00"))
    except ValueError:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return readable_date(moment.date().isoformat(), short=True)


def short_date(iso: str | None) -> str:
    """'2021-04-14' -> '14 Apr 2021'."""
    return readable_date(iso, short=True)


def long_date(iso: str | None) -> str:
    """'2021-04-14' -> '14 April 2021'."""
    return readable_date(iso)
