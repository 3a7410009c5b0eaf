"""Recent searches, kept per user in the settings file (`recent_searches`, newest first)."""

from __future__ import annotations

from pathlib import Path

from reader_app.core.prefs.settings import Settings
from reader_app.core.search.query import clean

MAX_RECENT = 20
MAX_RECENT_CHARS = 200


def add(searches: list[str], query: str) -> list[str]:
    """The list with `query` first (once, whatever its case), at most MAX_RECENT long."""
    text, _ = clean(query)
    if not text or len(text) > MAX_RECENT_CHARS:
        return list(searches)
    rest = [s for s in searches if isinstance(s, str) and s.casefold() != text.casefold()]
    return [text, *rest][:MAX_RECENT]


def remember_in(settings: Settings, query: str) -> None:
    """Record a search in open settings (the GUI saves them on its own schedule)."""
    settings.set("recent_searches", add(settings.get("recent_searches"), query))


def remember(settings_file: Path, query: str) -> None:
    """Record a search in the settings file; a read-only folder just forgets it."""
    settings = Settings(settings_file)
    remember_in(settings, query)
    settings.save()


def recent(settings_file: Path) -> list[str]:
    return [s for s in Settings(settings_file).get("recent_searches") if isinstance(s, str)]


def clear(settings_file: Path) -> None:
    settings = Settings(settings_file)
    settings.set("recent_searches", [])
    settings.save()
