"""The stories cache: a library's threads, copies and neighbours, with the key of the library state (article
ids and text hashes, and the setting) they were computed for.

One JSON value per line (a header, then one line per article, thread, group of copies and neighbour list),
read a line at a time: one json call over the whole file of a 20,000-article library holds the interpreter
for tens of milliseconds, which the window's thread would feel while its worker reads the cache.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from reader_app.core.storage.files import atomic_write, loads, read_data_text
from reader_app.core.stories.model import Stories, StoryArticle, Thread

FORMAT = 3  # 2: each article's text hash (for updates after removals); 3: one value per line
log = logging.getLogger(__name__)


def save(path: Path, stories: Stories) -> None:
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    lines = [dumps({"format": FORMAT, "key": stories.key, "setting": stories.setting, "seconds": stories.seconds})]
    lines += [dumps(["a", a.id, a.title, a.outlet, a.date, a.hash]) for a in stories.articles.values()]
    lines += [dumps(["t", t.to_dict()]) for t in stories.threads]
    lines += [dumps(["c", g]) for g in stories.copies]
    lines += [dumps(["r", aid, [[b, s] for b, s in near]]) for aid, near in stories.related.items()]
    atomic_write(path, "\n".join(lines) + "\n")


def load(path: Path, key: str | None = None) -> Stories | None:
    """The cached stories (only if computed for `key`, when given); None when missing, stale or damaged."""
    try:
        lines = iter(read_data_text(path).splitlines())  # a regular file only, with a size cap
        header = loads(next(lines, ""))
        if header.get("format") != FORMAT or (key is not None and header.get("key") != key):
            return None
        stories = Stories(key=header["key"], setting=header["setting"],
                          seconds=header.get("seconds", 0.0), threads=[], articles={})
        for line in lines:
            if not line:
                continue
            kind, *rest = loads(line)
            if kind == "a":
                aid, title, outlet, date, text_hash = rest
                stories.articles[aid] = StoryArticle(aid, title, outlet, date, text_hash)
            elif kind == "t":
                stories.threads.append(Thread.from_dict(rest[0]))
            elif kind == "c":
                stories.copies.append(list(rest[0]))
            elif kind == "r":
                stories.related[rest[0]] = [(b, float(s)) for b, s in rest[1]]
        return stories
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        log.warning("the stories cache %s cannot be read; it will be computed again", path)
        return None
