"""What a bookmark is: the kept passage, its anchor in the article text, the note and tags."""

from __future__ import annotations

import re
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
MAX_TAG_LENGTH = 200  # characters in one tag
# Commas separate tags wherever several are typed or shown on one line (the window's tag field, Markdown, the
# command line's list), so a tag holding one would come back as two; control characters cannot be shown.
# White space of any kind is collapsed to one space before these are looked for.
_TAG_BAD = re.compile(r"[\x00-\x1f\x7f]")


def _tidy(tag: object) -> str:
    return " ".join(str(tag).split()).lstrip("#").strip()


def tag_problem(tag: str) -> str | None:
    """Why `tag` (tidied) cannot be a tag, in one line for the user; None when it can. The one rule the
    command line, the window and importing all follow."""
    shown = repr(tag[:40] + ("…" if len(tag) > 40 else ""))
    if "," in tag:
        return f"the tag {shown} holds a comma, and commas separate tags: give each tag on its own"
    if _TAG_BAD.search(tag):
        return f"the tag {shown} holds a control character"
    if len(tag) > MAX_TAG_LENGTH:
        return f"a tag of {len(tag):,} characters is too long (at most {MAX_TAG_LENGTH})"
    return None


def normalise_tags(tags: Iterable[str]) -> list[str]:
    """Tags trimmed, inner white space collapsed, a leading # dropped, duplicates (any case) removed.

    BookmarkError when a tag breaks the rule of tag_problem, or more than MAX_TAGS different tags remain.
    """
    out: list[str] = []
    seen: set[str] = set()  # a set, not a scan of `out`: 100,000 tags took minutes
    for t in tags:
        t = _tidy(t)
        folded = t.casefold()
        if t and folded not in seen:
            why = tag_problem(t)
            if why:
                raise BookmarkError(why)
            seen.add(folded)
            out.append(t)
    if len(out) > MAX_TAGS:
        raise BookmarkError(f"too many tags ({len(out):,}; a bookmark holds at most {MAX_TAGS})")
    return out


def mend_tags(tags: Iterable[str]) -> tuple[list[str], list[str]]:
    """Tags of an export written before tag_problem's rule held everywhere (a tag "a,b" could be saved),
    made to follow it rather than the bookmark refused: commas split a tag, control characters become
    spaces, a tag too long is cut. (the tags, normalised; one line for each tag changed)."""
    out: list[str] = []
    changed: list[str] = []
    for t in tags:
        t = _tidy(t)
        why = tag_problem(t)
        if not why:
            out.append(t)
            continue
        parts = [_tidy(_TAG_BAD.sub(" ", p))[:MAX_TAG_LENGTH].strip() for p in t.split(",")]
        parts = [p for p in parts if p]
        out += parts
        changed.append(f"{why}; kept as {', '.join(map(repr, parts)) or 'no tag'}")
    return normalise_tags(out), changed


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
    mended: list[str] = field(default_factory=list)  # tags changed to follow the rule (model.mend_tags)

    def to_dict(self) -> dict:
        return asdict(self)
