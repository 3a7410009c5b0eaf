"""Article details the person corrected (title, outlet, byline, date, url), and when each article was added.

Plain files carry no outlet or date, and a parser can get a headline wrong, so the person may set any of the
five details. The corrections live in the data folder (`details.jsonl`, one `[id, {field: value}]` per line,
written whole or not at all), never in the index or the article files: a rebuilt index, a re-imported file
and a sync all apply them again (core/index_docs.py `document_for`). A field set to "" is cleared (no
outlet, say); a field absent is whatever the file says.

`added` is when an article entered the library: for imports the import time kept in the manifest, for the
shipped seeds the first build that saw them (`seeds-added.json`). Both are ISO 8601 in UTC.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

from reader_app.core.storage.files import (
    DamagedFile,
    atomic_write,
    atomic_write_json,
    data_lines,
    loads,
    read_data_text,
)
from reader_app.core.storage.locks import file_lock
from reader_app.core.wording import plural

log = logging.getLogger(__name__)

FIELDS = ("title", "outlet", "byline", "date", "url")
DETAILS_FILE = "details.jsonl"
SEEDS_ADDED_FILE = "seeds-added.json"
FORMAT = {"reader-app details": 1}  # the first line
MAX_LENGTH = {"title": 400, "outlet": 120, "byline": 200, "date": 10, "url": 2000}
FIRST_YEAR = 1800  # the first year an article's date may be in (date_years)
_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


class DetailsError(ValueError):
    """A detail that cannot be kept as given; str() is a one-line reason for the user."""


# --- checking what the person typed ------------------------------------------------------------------

def date_years() -> tuple[int, int]:
    """The years an article's date may be in: from FIRST_YEAR (the oldest press archives) to next year (a
    story dated ahead across time zones, or embargoed); outside them a date is a typo (1066, 2999, 0001)."""
    return FIRST_YEAR, dt.date.today().year + 1


def check_date(text: str) -> str:
    """An ISO 8601 date of year, month or day precision ('2021', '2021-04', '2021-04-14'), checked: it exists
    and its year is within date_years(), one rule with one message."""
    m = _DATE.match(text)
    if m is None:
        raise DetailsError(f"the date '{text[:40]}' is not a date like 2021-04-14, 2021-04 or 2021")
    year, month, day = m.groups()
    first, last = date_years()
    if not first <= int(year) <= last:
        raise DetailsError(f"the year of '{text}' is not between {first} and {last} (the years an article's "
                           "date may be in)")
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise DetailsError(f"the date '{text}' does not exist")
    return text


def check_url(text: str) -> str:
    """A web address (http or https, with a host)."""
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        host, parts = None, None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not host or any(c.isspace() for c in text):
        raise DetailsError(f"the url '{text[:60]}' is not a web address (http:// or https://)")
    return text


def check(name: str, value: str) -> str:
    """One detail as it will be kept: whitespace (line breaks too) collapsed, then checked; "" clears it."""
    if name not in FIELDS:
        raise DetailsError(f"'{name}' is not an article detail (one of {', '.join(FIELDS)})")
    value = " ".join("".join(c for c in str(value) if c.isprintable() or c.isspace()).split())
    if not value:
        if name == "title":
            raise DetailsError("the title cannot be empty")
        return ""
    if len(value) > MAX_LENGTH[name]:
        raise DetailsError(f"the {name} is too long ({len(value)} characters; at most {MAX_LENGTH[name]})")
    if name == "date":
        return check_date(value)
    if name == "url":
        return check_url(value)
    return value


def check_all(changes: dict[str, str]) -> dict[str, str]:
    """Every change checked; DetailsError names the first that is wrong."""
    return {name: check(name, value) for name, value in changes.items()}


def apply(article, details: dict[str, str]) -> None:
    """Put the corrected details on an Article (core/articles.py) read from its file."""
    for name, value in details.items():
        if name in FIELDS:
            setattr(article, name, value or (article.title if name == "title" else None))
    if details.get("title"):
        article.title_derived = False


def iso_time(seconds: float) -> str:
    """A moment as ISO 8601 in UTC, to the second: '2026-11-30T10:32:12Z'."""
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- the stores ----------------------------------------------------------------------------------------

class DetailsStore:
    """The corrections, by article id, in `folder/details.jsonl`. Changes hold a short lock of their own
    (not the library's, which an import holds for minutes), so the window and the command line never lose
    each other's edits."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.path = self.folder / DETAILS_FILE

    def load(self) -> dict[str, dict[str, str]]:
        """Every article's corrections; a missing file is none, a damaged line (not UTF-8, not JSON, nested
        too deep, or values an edit would refuse) is skipped and logged."""
        try:
            lines, bad = data_lines(self.path)
        except (FileNotFoundError, NotADirectoryError):
            return {}
        except OSError as exc:
            log.warning("cannot read %s: %s", self.path, exc)
            return {}
        except DamagedFile as exc:
            log.warning("ignoring %s: %s", self.path, exc)
            return {}
        out: dict[str, dict[str, str]] = {}
        if lines and lines[0].startswith("{"):
            lines = lines[1:]
        for line in lines:
            if not line.strip():
                continue
            try:
                aid, entry = loads(line)
                if not isinstance(aid, str) or not isinstance(entry, dict):
                    raise ValueError("not an entry")
            except (ValueError, TypeError):
                bad += 1
                continue
            kept = {}
            for name, value in entry.items():
                if name not in FIELDS or not isinstance(value, str):
                    continue
                try:  # checked as an edit would be ("" clears a detail): one written by hand may be wrong
                    kept[name] = check(name, value)
                except DetailsError as exc:
                    log.warning("%s: %s of %s ignored: %s", self.path, name, aid, exc)
            if kept:
                out[aid] = kept
        if bad:
            log.warning("%s: %s skipped", self.path, plural(bad, "damaged line"))
        return out

    def get(self, article_id: str) -> dict[str, str]:
        return self.load().get(article_id, {})

    def change(self, edits: dict[str, dict[str, str | None]]) -> dict[str, dict[str, str]]:
        """For each article id, set its fields (a value) or drop them (None: the file's own again); returns
        the whole store as saved. Values must already be checked."""
        with file_lock(self.folder / "details.lock", timeout=10):
            data = self.load()
            for aid, fields in edits.items():
                entry = dict(data.get(aid, {}))
                for name, value in fields.items():
                    if value is None:
                        entry.pop(name, None)
                    else:
                        entry[name] = value
                if entry:
                    data[aid] = entry
                else:
                    data.pop(aid, None)
            self.folder.mkdir(parents=True, exist_ok=True)
            dumps = json.JSONEncoder(ensure_ascii=False).encode
            atomic_write(self.path, "\n".join([dumps(FORMAT)] + [dumps([a, e]) for a, e in sorted(data.items())])
                         + "\n", durable=True)
        return data

    def forget(self, article_id: str) -> None:
        if article_id in self.load():
            self.change({article_id: dict.fromkeys(FIELDS)})


def seeds_added(folder: Path, ids: list[str]) -> dict[str, str]:
    """When each shipped seed entered the library: the first build that saw it, recorded in
    `folder/seeds-added.json`. A folder that cannot be written gets the time of this call, unrecorded."""
    path = Path(folder) / SEEDS_ADDED_FILE
    try:
        known = loads(read_data_text(path))
        if not isinstance(known, dict):
            known = {}
    except FileNotFoundError:
        known = {}
    except (OSError, ValueError) as exc:
        log.warning("%s cannot be read (%s); starting it again", path, exc)
        known = {}
    missing = [i for i in ids if not isinstance(known.get(i), str)]
    if missing:
        now = iso_time(time.time())
        known.update(dict.fromkeys(missing, now))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_json(path, known, indent=None)
        except OSError:
            pass
    return {i: known[i] for i in ids}
