"""The stories cache: one JSON file holding a library's threads, copies and neighbours, with the key of the
library state (article ids and text hashes, and the setting) they were computed for."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from reader_app.core.files import atomic_write
from reader_app.core.stories.model import Stories, StoryArticle, Thread

FORMAT = 2  # 2: each article's text hash (for updates after removals)
log = logging.getLogger(__name__)


def save(path: Path, stories: Stories) -> None:
    data = {
        "format": FORMAT, "key": stories.key, "setting": stories.setting, "seconds": stories.seconds,
        "articles": {a.id: [a.title, a.outlet, a.date, a.hash] for a in stories.articles.values()},
        "threads": [t.to_dict() for t in stories.threads],
        "copies": stories.copies,
        "related": {aid: [[b, s] for b, s in near] for aid, near in stories.related.items()},
    }
    atomic_write(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def load(path: Path, key: str | None = None) -> Stories | None:
    """The cached stories (only if computed for `key`, when given); None when missing, stale or damaged."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or (key is not None and data.get("key") != key):
            return None
        return Stories(
            key=data["key"], setting=data["setting"], seconds=data.get("seconds", 0.0),
            threads=[Thread.from_dict(t) for t in data["threads"]],
            articles={aid: StoryArticle(aid, t, o, d, h) for aid, (t, o, d, h) in data["articles"].items()},
            copies=[list(g) for g in data.get("copies", [])],
            related={aid: [(b, float(s)) for b, s in near] for aid, near in data.get("related", {}).items()},
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        log.warning("the stories cache %s cannot be read; it will be computed again", path)
        return None
