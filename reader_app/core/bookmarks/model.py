"""What a bookmark is: the kept passage, its anchor in the article text, the note and tags."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

from reader_app.core.bookmarks.anchoring import Anchor


class BookmarkError(Exception):
    """A bookmark request that cannot be carried out; str() is one line for the user."""


class BookmarkNotFound(BookmarkError):
    pass


def now() -> str:
    """The time stamp bookmarks carry: ISO 8601, UTC, to the microsecond (so they sort)."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


MAX_TAGS = 200  # on one bookmark: more is a mistake or an attack, and would swamp every view of it


def normalise_tags(tags: Iterable[str]) -> list[str]:
    """Tags trimmed, inner white space collapsed, a leading # dropped, duplicates (any case) removed.

    BookmarkError when more than MAX_TAGS different tags remain.
    """
    out: list[str] = []
    seen: set[str] = set()  # a set, not a scan of `out`: 100,000 tags took minutes
    for t in tags:
        t = " ".join(str(t).split()).lstrip("#").strip()
        folded = t.casefold()
        if t and folded not in seen:
            seen.add(folded)
            out.append(t)
    if len(out) > MAX_TAGS:
        raise BookmarkError(f"too many tags ({len(out):,}; a bookmark holds at most {MAX_TAGS})")
    return out


@dataclass
class Bookmark:
    """A kept passage of one article, with the article's details as they were when it was saved.

    `start`/`end` are offsets into `Article.text` of the version whose hash is `text_hash`; `prefix` and
    `suffix` are about 32 characters either side. An orphan is a passage that could not be placed in the
    article's current text (or whose article is gone): kept, never deleted.
    """

    id: str
    article_id: str
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    text_hash: str
    note: str = ""
    tags: list[str] = field(default_factory=list)
    created: str = ""
    updated: str = ""
    orphan: bool = False
    title: str = ""
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    byline: str | None = None

    @property
    def anchor(self) -> Anchor:
        return Anchor(self.start, self.end, self.quote, self.prefix, self.suffix)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class ImportCounts:
    """What importing bookmarks did."""

    added: int = 0
    updated: int = 0
    duplicates: int = 0
    failed: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)
