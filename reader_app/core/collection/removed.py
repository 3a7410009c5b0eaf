"""The articles taken out of the library, by id, so that `show ID` (or any command given the id) of one says
it was removed rather than that no such article exists. One JSON line a removal in `DIR/removed.jsonl`,
appended; read only when an id is not found, from its end (the newest removals), at most TAIL_BYTES."""

from __future__ import annotations

import json
import logging
import os
import stat
import time
from pathlib import Path

from reader_app.core.articles.details import iso_time
from reader_app.core.storage.files import json_line

log = logging.getLogger(__name__)

FILE = "removed.jsonl"
TAIL_BYTES = 4 * 2**20  # about 40,000 removals: older ones are not looked for


def note(data: Path, removed: list[tuple[str, str]]) -> None:
    """Remember these (id, headline) as removed now. Never fails the removal: a line that cannot be written
    only means a later `show` of the id says "no article" instead."""
    when = iso_time(time.time())
    text = "".join(json_line({"id": aid, "title": title, "removed": when}) + "\n" for aid, title in removed)
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(data / FILE, flags, 0o644)  # non-blocking: a FIFO put in its place never hangs a removal
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(f"{FILE} is not a regular file")
            os.write(fd, text.encode("utf-8"))
        finally:
            os.close(fd)
    except OSError as exc:
        log.warning("cannot note the removed articles in %s: %s", FILE, exc)


def find(data: Path, article_id: str) -> dict | None:
    """The latest removal of the article `article_id` (or of the one article whose id it begins), as noted:
    {"id", "title", "removed"}; None when none is noted (or the file cannot be read)."""
    article_id = article_id.strip()
    if not article_id:
        return None
    try:
        fd = os.open(data / FILE, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        size = os.fstat(fd).st_size
        os.lseek(fd, max(0, size - TAIL_BYTES), os.SEEK_SET)
        raw = os.read(fd, TAIL_BYTES)
    except OSError:
        return None
    finally:
        os.close(fd)
    found: dict[str, dict] = {}
    for line in raw.decode("utf-8", "replace").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:  # the first line of a tail, cut; or damage: the others still count
            continue
        if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry["id"].startswith(article_id):
            found[entry["id"]] = entry  # the latest of each id
    return next(iter(found.values())) if len(found) == 1 else None
