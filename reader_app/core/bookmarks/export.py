"""Bookmarks out and back in: Markdown, JSON after the W3C Web Annotation model, and a one-line citation.

The JSON is an AnnotationCollection; each bookmark is an Annotation whose target is the article (its URL, or
`urn:reader-app:article:ID`) with a TextQuoteSelector and a TextPositionSelector, whose bodies are the note
(TextualBody, purpose "commenting") and the tags (TextualBody, purpose "tagging"). What the model has no
place for is kept under the `readerApp` key, so that importing an export restores every field. Annotations
from elsewhere are accepted when their source names an article this library knows.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Callable, Collection, Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from reader_app import __version__
from reader_app.core.bookmarks.markdown import blockquote as _blockquote
from reader_app.core.bookmarks.markdown import code_span, orphan_note
from reader_app.core.bookmarks.markdown import md as _md
from reader_app.core.bookmarks.model import Bookmark, BookmarkError, mend_tags, now
from reader_app.core.errors import describe_os_error
from reader_app.core.storage.files import atomic_write, file_kind, open_pipe_writer

CONTEXT_URL = "http://www.w3.org/ns/anno.jsonld"
NAMESPACE = "https://reader-app.invalid/ns/bookmark#"
EXTRA_KEY = "readerApp"
ARTICLE_URN = "urn:reader-app:article:"
BOOKMARK_URN = "urn:reader-app:bookmark:"


class ExportFormatError(ValueError):
    """A file that is not a bookmarks export; str() is one line for the user."""


MAX_IMPORT_BYTES = 256 * 1024 * 1024  # an export of a million bookmarks is about 330 MB: this is plenty
MAX_DEPTH = 64  # nesting too deep for the parser is cut off at this depth (json recurses per level)
_TOO_DEEP = "\u0000reader-app: nested too deeply"
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_PLAIN_ID = re.compile(r"^[A-Za-z0-9_-]{1,128}$")
MAX_OFFSET = 10**9  # characters; no article comes near
PIPE_WAIT = 3.0  # seconds an export waits for a program to open the FIFO it is to write into



def write_export(path: Path, text: str, stall: float | None = None,
                 stopped: Callable[[], bool] | None = None) -> Path:
    """Write an export to `path`: a regular file is replaced whole (through a link, the file it points to);
    a FIFO or a pipe (`-o >(cmd)`) is written through when a program reads it (refused when none opens it
    within PIPE_WAIT seconds); a device, folder or dangling link is refused with
    ExportFormatError and left untouched. Returns the path written.

    With `stall`, a FIFO whose program stops reading for that many seconds is given up (ExportFormatError
    saying how much was written), and `stopped()` (asked every 0.1 s) gives it up at once: the window must
    not wait on a reader for ever. Without them a slow reader is waited for, as by any program in a pipe."""
    try:
        st = os.stat(path)  # follows links, also /dev/fd/N of a shell's pipe
    except FileNotFoundError:
        if path.is_symlink():
            raise ExportFormatError(f"{path} is a link to nothing; not written")
        st = None
    except OSError as exc:
        raise ExportFormatError(f"cannot write {path}: {(exc.strerror or str(exc)).lower()}")
    if st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISFIFO(st.st_mode):
        raise ExportFormatError(f"{path} is not a regular file ({file_kind(st.st_mode)}); not written")
    real = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        if st is not None and stat.S_ISFIFO(st.st_mode):
            fd = open_pipe_writer(path, PIPE_WAIT)
            if fd is None:  # opening it plainly would wait for ever
                raise ExportFormatError(f"{path} is a FIFO that no program is reading; not written")
            if stall is None and stopped is None:
                with open(fd, "w", encoding="utf-8") as fh:
                    fh.write(text)
                return path
            _write_watched(fd, path, text.encode("utf-8"), stall, stopped)
            return path
        atomic_write(real, text)  # never renamed over the link itself
    except OSError as exc:
        raise ExportFormatError(f"cannot write {path}: {describe_os_error(exc)}; nothing was written")
    return real


def _write_watched(fd: int, path: Path, data: bytes, stall: float | None,
                   stopped: Callable[[], bool] | None) -> None:
    """Write `data` into the FIFO `fd` (closed on return) without ever blocking for longer than 0.1 s."""
    import select  # noqa: PLC0415 - only here
    import time  # noqa: PLC0415 - only here

    os.set_blocking(fd, False)
    view, written, last = memoryview(data), 0, time.monotonic()
    try:
        while written < len(data):
            try:
                written += os.write(fd, view[written:written + 65536])
                last = time.monotonic()
                continue
            except BlockingIOError:
                pass
            except BrokenPipeError:
                raise ExportFormatError(f"{path}: the program reading it closed it after {written:,} of "
                                        f"{len(data):,} bytes; the rest was not written")
            if stopped is not None and stopped():
                raise ExportFormatError(f"{path}: the export was stopped after {written:,} of {len(data):,} "
                                        f"bytes; the rest was not written")
            if stall is not None and time.monotonic() - last > stall:
                raise ExportFormatError(f"{path} is a FIFO whose program stopped reading ({written:,} of "
                                        f"{len(data):,} bytes taken in {stall:g} s); the rest was not written")
            select.select([], [fd], [], 0.1)
    finally:
        os.close(fd)


def read_export(path: Path, max_bytes: int = MAX_IMPORT_BYTES) -> Any:
    """The parsed JSON of an export file; ExportFormatError says why it cannot be one. Never blocks on a FIFO
    nor reads a device; a UTF-8 BOM is allowed; nesting too deep to parse is cut off at MAX_DEPTH (the item
    holding it is then reported by from_annotations)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ExportFormatError(f"{path}: file not found")
    except OSError as exc:
        raise ExportFormatError(f"{path}: cannot be read ({(exc.strerror or str(exc)).lower()})")
    if stat.S_ISDIR(st.st_mode):
        raise ExportFormatError(f"{path} is a folder, not a bookmark file")
    if not stat.S_ISREG(st.st_mode):
        raise ExportFormatError(f"{path} is not a regular file ({file_kind(st.st_mode)}); not read")
    if st.st_size > max_bytes:
        raise ExportFormatError(f"{path} is too large for a bookmarks export ({st.st_size // 2**20} MB; "
                                f"at most {max_bytes // 2**20} MB)")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # swapped for a FIFO meanwhile: never waits
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise ExportFormatError(f"{path} is not a regular file; not read")
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        raise ExportFormatError(f"{path}: cannot be read ({(exc.strerror or str(exc)).lower()})")
    if len(raw) > max_bytes:
        raise ExportFormatError(f"{path} is too large for a bookmarks export")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ExportFormatError(f"{path}: not a text file (not UTF-8)")
    try:
        try:
            return json.loads(text)
        except RecursionError:  # nesting deeper than Python's limit: cut it off, so the other items are kept
            return json.loads(_cut_deep(text))
    except json.JSONDecodeError as exc:
        raise ExportFormatError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})")
    except RecursionError:
        raise ExportFormatError(f"{path}: nested too deeply")


def _cut_deep(text: str) -> str:
    """`text` with every array or object nested deeper than MAX_DEPTH replaced by a marker string."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return text
    pieces: list[str] = []
    depth, cut, last = 0, -1, 0
    for m in _TOKENS.finditer(text):
        c = m.group()
        if c == "[" or c == "{":
            depth += 1
            if depth == MAX_DEPTH + 1:
                cut = m.start()
        elif c == "]" or c == "}":
            if depth == MAX_DEPTH + 1 and cut >= 0:
                pieces += [text[last:cut], json.dumps(_TOO_DEEP)]
                last, cut = m.end(), -1
            depth -= 1
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _problem(value: Any, depth: int = 0) -> str | None:
    """Why an item cannot be stored whatever its shape: nesting that was cut off, or text with a lone
    surrogate (which no database nor file can hold)."""
    if isinstance(value, str):
        if value == _TOO_DEEP:
            return "nested too deeply"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "text that is not valid Unicode (a lone surrogate)"
        return None
    if isinstance(value, dict):
        for k, v in value.items():
            why = _problem(k, depth + 1) or _problem(v, depth + 1)
            if why:
                return why
    elif isinstance(value, list):
        for v in value:
            why = _problem(v, depth + 1)
            if why:
                return why
    return None


# --- citation and Markdown ----------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def citation(b: Bookmark) -> str:
    """“quote” — Byline, “Headline,” Outlet, 14 April 2021, URL. — a newspaper article as a Chicago-style note
    (dates day first, as the dossier writes them), from the same details as its CSL-JSON entry
    (dossier.csl_item); the parts not known are left out."""
    from reader_app.core.bookmarks.dossier import csl_item, long_date

    item = csl_item(b)
    parts = [" ".join(filter(None, (a.get("given"), a.get("family")))) or a.get("literal", "")
             for a in item.get("author", [])]
    title = _one_line(item["title"])
    known: list[str | None] = [item.get("container-title"), long_date(b.date) if "issued" in item else None,
                               item.get("URL")]
    tail = [_one_line(t) for t in known if t]
    # Chicago keeps a comma or full stop after the headline inside its quotation marks
    ends = title.endswith((".", "?", "!"))
    parts.append(f"“{title}{'' if ends else (',' if tail else '.')}”")
    line = ", ".join([p for p in parts if p])
    if tail:
        line += " " + ", ".join(tail) + "."
    return f"“{_one_line(b.quote)}” — {line}"






def to_markdown(bookmarks: Iterable[Bookmark], removed: Collection[str] = ()) -> str:
    """Grouped by article (newest bookmark first): headline, outlet, date, URL; each passage a blockquote
    with its note and tags; passages that could no longer be found in the article are marked, as removed
    from the library when their article is among `removed` (article ids: dossier.removed_articles)."""
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
                out += [orphan_note(b.article_id in removed), ""]
            if b.note:
                out += [_md(b.note), ""]
            if b.tags:
                out += ["Tags: " + ", ".join(code_span(t) for t in b.tags), ""]
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


def _offset(position: dict[str, Any], key: str) -> int | None:
    """A TextPositionSelector offset: None when absent or negative (the quote places it then); an
    offset no text can have is an error."""
    value = position.get(key)
    if value is None or isinstance(value, bool) or not isinstance(value, int):
        return None
    if value > MAX_OFFSET:
        raise ExportFormatError(f"{key} {value if value < 10**15 else 'of ' + str(len(str(value))) + ' digits'} "
                                "is beyond any article")
    return value if value >= 0 else None


def _stamp(value: Any, key: str) -> str | None:
    """An ISO 8601 time stamp in the form bookmarks carry (UTC, to the microsecond), so they sort."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ExportFormatError(f"{key} is not a date")
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ExportFormatError(f"{key} {value[:40]!r} is not a date")
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _plain_id(value: str, what: str) -> str:
    if value and not _PLAIN_ID.match(value):
        raise ExportFormatError(f"the {what} {value[:40]!r} is not a plain id (letters, digits, - and _)")
    return value


def _text(value: Any, default: str = "") -> str:
    return value if isinstance(value, str) else default


def _opt(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def from_annotation(ann: Any, resolve_source: Callable[[str], str | None] | None = None,
                    mended: list[str] | None = None) -> Bookmark:
    """One Annotation back into a Bookmark; ExportFormatError says why one cannot be read. A tag that
    breaks the rule of model.tag_problem (an export of an older reader-app may hold "a,b") is mended, not
    refused, and `mended` gets a line saying how."""
    if not isinstance(ann, dict):
        raise ExportFormatError("an item is not an annotation")
    why = _problem(ann)
    if why:
        raise ExportFormatError(why)
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
    _plain_id(article_id, "article id")
    ann_id = _text(ann.get("id"))
    bid = _text(extra.get("id"))
    if not bid:
        bid = ann_id[len(BOOKMARK_URN):] if ann_id.startswith(BOOKMARK_URN) else ""
    if not bid:  # a foreign annotation: an id derived from its own, so importing it twice adds it once
        bid = hashlib.sha1((ann_id or repr(sorted(quote.items()))).encode("utf-8")).hexdigest()[:12]
    _plain_id(bid, "bookmark id")
    exact = quote["exact"]
    start, end = _offset(position, "start"), _offset(position, "end")
    if start is None or end is None or end - start != len(exact):  # no usable position: the quote places it
        start, end = 0, 0
    created = _stamp(ann.get("created"), "created") or now()
    modified = _stamp(ann.get("modified"), "modified")
    try:
        tags, changed = mend_tags(tags)
    except BookmarkError as exc:
        raise ExportFormatError(str(exc))
    if mended is not None:
        mended += changed
    return Bookmark(
        id=bid, article_id=article_id, quote=exact, prefix=_text(quote.get("prefix")),
        suffix=_text(quote.get("suffix")), start=start, end=end,
        text_hash=_text(extra.get("textHash")),  # unknown for foreign annotations: re-anchored on first use
        note=note, tags=tags, created=created, updated=modified or created,
        orphan=bool(extra.get("orphan", False)),
        title=_text(extra.get("title")) or _text(ann.get("target", {}).get("title")),
        outlet=_opt(extra.get("outlet")), date=_opt(extra.get("date")),
        url=_opt(extra.get("url")) if extra else (source if source.startswith("http") else None),
    )


def from_annotations(data: Any, resolve_source: Callable[[str], str | None] | None = None,
                     mended: list[str] | None = None) -> tuple[list[Bookmark], list[str]]:
    """(bookmarks, one-line reasons for the items that could not be read); `mended` gets a line for each
    tag changed to follow the rule (from_annotation)."""
    bookmarks: list[Bookmark] = []
    failed: list[str] = []
    for n, ann in enumerate(_items(data), 1):
        try:
            changed: list[str] = []
            bookmarks.append(from_annotation(ann, resolve_source, changed))
            if mended is not None:
                mended += [f"item {n}: {line}" for line in changed]
        except (ExportFormatError, RecursionError) as exc:
            failed.append(f"item {n}: {exc if isinstance(exc, ExportFormatError) else 'nested too deeply'}")
    return bookmarks, failed
