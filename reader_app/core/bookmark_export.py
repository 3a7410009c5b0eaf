"""Bookmarks out and back in: Markdown, JSON after the W3C Web Annotation model, and a one-line citation.

The JSON is an AnnotationCollection; each bookmark is an Annotation whose target is the article (its URL, or
`urn:reader-app:article:ID`) with a TextQuoteSelector and a TextPositionSelector, whose bodies are the note
(TextualBody, purpose "commenting") and the tags (TextualBody, purpose "tagging"). What the model has no
place for is kept under the `readerApp` key, so that importing an export restores every field. Annotations
from elsewhere are accepted when their source names an article this library knows.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from typing import Any

from reader_app import __version__
from reader_app.core.bookmarks.model import Bookmark, BookmarkError, normalise_tags, now

CONTEXT_URL = "http://www.w3.org/ns/anno.jsonld"
NAMESPACE = "https://reader-app.invalid/ns/bookmark#"
EXTRA_KEY = "readerApp"
ARTICLE_URN = "urn:reader-app:article:"
BOOKMARK_URN = "urn:reader-app:bookmark:"


class ExportFormatError(ValueError):
    """A file that is not a bookmarks export; str() is one line for the user."""


# --- citation and Markdown ----------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def citation(b: Bookmark) -> str:
    """“quote” — Title, Outlet, Date, URL (the parts that are known)."""
    parts = [p for p in (b.title, b.outlet, b.date, b.url) if p]
    return f"“{_one_line(b.quote)}” — " + ", ".join(parts) if parts else f"“{_one_line(b.quote)}”"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+[.)])", re.M)


def _md(text: str) -> str:
    """Text that Markdown shows as written."""
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), _MD_SPECIAL.sub(r"\\\1", text))


def _blockquote(text: str) -> str:
    return "\n".join(("> " + line) if line.strip() else ">" for line in _md(text).split("\n"))


def to_markdown(bookmarks: Iterable[Bookmark]) -> str:
    """Grouped by article (newest bookmark first): headline, outlet, date, URL; each passage a blockquote
    with its note and tags; passages that could no longer be found in the article are marked."""
    groups: dict[str, list[Bookmark]] = {}
    for b in sorted(bookmarks, key=lambda b: b.created, reverse=True):
        groups.setdefault(b.article_id, []).append(b)
    out = ["# Bookmarks", "", f"Exported from reader-app on {now()[:10]}.", ""]
    for items in groups.values():
        head = items[0]
        out += [f"## {_md(head.title or 'Untitled article')}", ""]
        meta = " · ".join(_md(x) for x in (head.outlet, head.date) if x)
        if meta:
            out += [meta, ""]
        if head.url:
            out += [f"<{head.url}>", ""]
        for b in sorted(items, key=lambda b: (b.orphan, b.start)):
            out += [_blockquote(b.quote), ""]
            if b.orphan:
                out += ["*(This passage is no longer found in the article.)*", ""]
            if b.note:
                out += [_md(b.note), ""]
            if b.tags:
                out += ["Tags: " + ", ".join(f"`{t}`" for t in b.tags), ""]
        out += ["---", ""]
    return "\n".join(out)


# --- JSON (W3C Web Annotation) ------------------------------------------------------------------


def to_annotation(b: Bookmark) -> dict[str, Any]:
    bodies: list[dict[str, Any]] = []
    if b.note:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": b.note, "format": "text/plain"})
    bodies += [{"type": "TextualBody", "purpose": "tagging", "value": t} for t in b.tags]
    ann: dict[str, Any] = {
        "id": BOOKMARK_URN + b.id,
        "type": "Annotation",
        "motivation": "bookmarking",
        "created": b.created,
        "modified": b.updated,
        "target": {
            "source": b.url or ARTICLE_URN + b.article_id,
            "selector": [
                {"type": "TextQuoteSelector", "exact": b.quote, "prefix": b.prefix, "suffix": b.suffix},
                {"type": "TextPositionSelector", "start": b.start, "end": b.end},
            ],
        },
        EXTRA_KEY: {"id": b.id, "articleId": b.article_id, "textHash": b.text_hash, "orphan": b.orphan,
                    "title": b.title, "outlet": b.outlet, "date": b.date, "url": b.url, "tags": b.tags},
    }
    if bodies:
        ann["body"] = bodies
    return ann


def to_annotations(bookmarks: Iterable[Bookmark]) -> dict[str, Any]:
    """An AnnotationCollection holding one AnnotationPage with every bookmark."""
    items = [to_annotation(b) for b in bookmarks]
    return {
        "@context": [CONTEXT_URL, {EXTRA_KEY: NAMESPACE}],
        "type": "AnnotationCollection",
        "label": "reader-app bookmarks",
        "generator": {"type": "Software", "name": f"reader-app {__version__}"},
        "generated": now(),
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def _items(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        if data.get("type") == "Annotation" or "target" in data:
            return [data]
        first = data.get("first")
        if isinstance(first, dict) and isinstance(first.get("items"), list):
            return first["items"]
        if isinstance(data.get("items"), list):
            return data["items"]
    raise ExportFormatError("not a bookmarks export (expected a W3C AnnotationCollection or a list of annotations)")


def _selectors(target: Any) -> tuple[str, dict[str, Any], dict[str, Any]]:
    if isinstance(target, str):
        raise ExportFormatError("the target names no passage")
    if not isinstance(target, dict):
        raise ExportFormatError("no target")
    selectors = target.get("selector") or []
    if isinstance(selectors, dict):
        selectors = [selectors]
    quote: dict[str, Any] = next(
        (s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), {})
    position: dict[str, Any] = next(
        (s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), {})
    if not quote or not isinstance(quote.get("exact"), str) or not quote["exact"].strip():
        raise ExportFormatError("no TextQuoteSelector with the quoted text")
    return str(target.get("source") or ""), quote, position


def _text(value: Any, default: str = "") -> str:
    return value if isinstance(value, str) else default


def _opt(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def from_annotation(ann: Any, resolve_source: Callable[[str], str | None] | None = None) -> Bookmark:
    """One Annotation back into a Bookmark; ExportFormatError says why one cannot be read."""
    if not isinstance(ann, dict):
        raise ExportFormatError("an item is not an annotation")
    source, quote, position = _selectors(ann.get("target"))
    extra: dict[str, Any] = ann[EXTRA_KEY] if isinstance(ann.get(EXTRA_KEY), dict) else {}
    bodies = ann.get("body") or []
    if isinstance(bodies, dict):
        bodies = [bodies]
    bodies = [x for x in bodies if isinstance(x, dict)]
    note = "\n\n".join(_text(x.get("value")) for x in bodies if x.get("purpose") in ("commenting", "describing", None)
                       and x.get("type", "TextualBody") == "TextualBody" and _text(x.get("value")))
    tags = [_text(x.get("value")) for x in bodies if x.get("purpose") == "tagging"]
    if isinstance(extra.get("tags"), list):  # keeps the order and spelling exactly
        tags = [t for t in extra["tags"] if isinstance(t, str)]
    article_id = _text(extra.get("articleId"))
    if not article_id and source.startswith(ARTICLE_URN):
        article_id = source[len(ARTICLE_URN):]
    if not article_id and resolve_source is not None:
        article_id = resolve_source(source) or ""
    if not article_id:
        raise ExportFormatError(f"no article in this library for {source or 'an annotation without a source'}")
    ann_id = _text(ann.get("id"))
    bid = _text(extra.get("id"))
    if not bid:
        bid = ann_id[len(BOOKMARK_URN):] if ann_id.startswith(BOOKMARK_URN) else ""
    if not bid:  # a foreign annotation: an id derived from its own, so importing it twice adds it once
        bid = hashlib.sha1((ann_id or repr(sorted(quote.items()))).encode("utf-8")).hexdigest()[:12]
    exact = quote["exact"]
    start = int(position["start"]) if isinstance(position.get("start"), int) else 0
    end = int(position["end"]) if isinstance(position.get("end"), int) else start + len(exact)
    created = _text(ann.get("created")) or now()
    try:
        tags = normalise_tags(tags)
    except BookmarkError as exc:
        raise ExportFormatError(str(exc))
    return Bookmark(
        id=bid, article_id=article_id, quote=exact, prefix=_text(quote.get("prefix")),
        suffix=_text(quote.get("suffix")), start=start, end=end,
        text_hash=_text(extra.get("textHash")),  # unknown for foreign annotations: re-anchored on first use
        note=note, tags=tags, created=created, updated=_text(ann.get("modified")) or created,
        orphan=bool(extra.get("orphan", False)),
        title=_text(extra.get("title")) or _text(ann.get("target", {}).get("title")),
        outlet=_opt(extra.get("outlet")), date=_opt(extra.get("date")),
        url=_opt(extra.get("url")) if extra else (source if source.startswith("http") else None),
    )


def from_annotations(data: Any, resolve_source: Callable[[str], str | None] | None = None
                     ) -> tuple[list[Bookmark], list[str]]:
    """(bookmarks, one-line reasons for the items that could not be read)."""
    bookmarks: list[Bookmark] = []
    failed: list[str] = []
    for n, ann in enumerate(_items(data), 1):
        try:
            bookmarks.append(from_annotation(ann, resolve_source))
        except ExportFormatError as exc:
            failed.append(f"item {n}: {exc}")
    return bookmarks, failed
