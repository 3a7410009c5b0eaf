"""User settings, declared once with type, default and description, kept as JSON in the config folder.

A damaged settings file falls back to defaults (and is kept aside); a read-only folder keeps settings in
memory for the session. GUI state (window geometry, splitter positions) is stored here too, as strings.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader_app.core.storage.files import atomic_write_json

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    description: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting("theme", str, "system", "Colour theme: system, light or dark"),
        Setting("font_size", int, 13, "Reader font size in points (zoom changes it)"),
        Setting("sort_key", str, "date", "Article list order: date, oldest, added, unread, title or outlet"),
        Setting("sort_descending", bool, True, "Newest (or Z) first"),
        Setting("outlet_filter", str, "", "Show only this outlet in the article list ('' for all)"),
        Setting("open_article", str, "", "The article open when the app was last closed"),
        Setting("window_geometry", str, "", "Main window geometry (base64, from Qt)"),
        Setting("window_state", str, "", "Main window toolbars and docks (base64, from Qt)"),
        Setting("splitter_state", str, "", "Splitter positions (base64, from Qt)"),
        Setting("read_articles", list, [], "Ids of articles already opened"),
        Setting("recent_searches", list, [], "The latest searches, newest first"),
        Setting("watched_folder", str, "", "A folder whose new article files join the library ('' for none)"),
        Setting("import_folder", str, "", "Where Import Files/Folder last chose, where they open next"),
        Setting("bookmarks_grouping", str, "", "Bookmarks pane: '' (one list, newest first), article, story or entity"),
        Setting("stories_seen", dict, {}, "Per story thread, the articles it had when last opened"),
    ]
}


class Settings:
    """Typed access to the declared settings; `save()` writes them atomically."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._values: dict[str, Any] = {}
        self.writable = True
        self._load()

    def _load(self) -> None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise ValueError("not an object")
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            log.warning("settings file unreadable (%s); using defaults", exc)
            try:
                os.replace(self.path, self.path.with_name(self.path.name + ".damaged"))
            except OSError:
                pass
            return
        for name, value in raw.items():
            spec = SETTINGS.get(name)
            if spec is not None and isinstance(value, spec.type) and not (spec.type is int and isinstance(value, bool)):
                self._values[name] = value

    def get(self, name: str) -> Any:
        spec = SETTINGS[name]
        value = self._values.get(name, spec.default)
        return list(value) if isinstance(value, list) else value

    def set(self, name: str, value: Any) -> None:
        spec = SETTINGS[name]
        if not isinstance(value, spec.type):
            raise TypeError(f"setting {name} takes {spec.type.__name__}, not {type(value).__name__}")
        self._values[name] = value

    def save(self) -> bool:
        """Write to disk; False (and settings kept in memory) when the folder cannot be written."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_json(self.path, self._values)
            self.writable = True
            return True
        except OSError as exc:
            log.warning("cannot save settings: %s", exc)
            self.writable = False
            return False
