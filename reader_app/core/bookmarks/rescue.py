"""Reading the rows a damaged bookmarks file still holds, even when its 100-byte header is gone.

SQLite refuses a file whose header is damaged ("file is not a database") although every page of rows may be
intact. Then a copy gets a sound header written over the damaged one: the page size is the one that makes
pages 2, 3, ... well-formed b-tree pages, the page count comes from the file's size, the rest are the values
SQLite itself writes (schema format 4, UTF-8, payload fractions 64/32/32), and `user_version` follows the
columns the bookmarks table has. The rows are read from that copy as from the damaged file itself. Used by
core.bookmarks.database when it repairs a file found damaged at open.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import struct
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from reader_app.core.storage.files import copy_plain, copy_private, open_plain

log = logging.getLogger(__name__)

MAGIC = b"SQLite format 3\x00"
PAGE_SIZES = tuple(512 << k for k in range(8))  # 512 ... 65536, every size SQLite allows
_WAL_MAGIC = (0x377F0682, 0x377F0683)
_TABLE_LEAF, _TABLE_INTERIOR, _INDEX_LEAF, _INDEX_INTERIOR = 13, 5, 10, 2
MAX_PROBED = 4096  # pages looked at to judge a page size (spread over the file)
MIN_WELL_FORMED = 0.5  # share of the probed pages that must be b-tree pages for a page size to be tried
_PLAIN_ID = re.compile(r"^[A-Za-z0-9_-]{1,128}$")


@dataclass
class Rows:
    """What could be read of a damaged file: bookmark rows by id (in the order of the columns asked for),
    tag rows (bookmark_id, tag, pos), and whether every row of both tables was read."""

    bookmarks: dict[str, tuple] = field(default_factory=dict)
    tags: list[tuple] = field(default_factory=list)
    complete: bool = False


def _plausible(row: tuple) -> bool:
    """A row that can be a bookmark (id, article_id, quote, prefix, suffix, pos_start, pos_end, ...): a page
    read with the wrong layout yields values of the wrong kinds."""
    bid, aid, quote = row[0], row[1], row[2]
    return (isinstance(bid, str) and bool(_PLAIN_ID.match(bid)) and isinstance(aid, str) and bool(aid)
            and isinstance(quote, str) and bool(quote) and isinstance(row[5], int) and isinstance(row[6], int))


def read_rows(uri: str, columns: Sequence[str]) -> Rows:
    """The bookmark and tag rows of the database at `uri`, reading from both ends (around a bad page)."""
    found = Rows()
    try:
        src = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return found
    try:
        names = [r[1] for r in src.execute("PRAGMA table_info(bookmarks)")]
        if not names:
            return found
        has_tags = bool(src.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tags'").fetchone())
        wanted = ", ".join(c if c in names else "NULL" for c in columns)
        rows_read = tags_read = False
        for order in ("ASC", "DESC"):
            with contextlib.suppress(sqlite3.DatabaseError):
                for r in src.execute(f"SELECT {wanted} FROM bookmarks ORDER BY rowid {order}"):
                    if _plausible(r):
                        found.bookmarks.setdefault(r[0], r)
                rows_read = True
            if has_tags:
                with contextlib.suppress(sqlite3.DatabaseError):
                    found.tags.extend(src.execute(f"SELECT bookmark_id, tag, pos FROM tags ORDER BY rowid {order}"))
                    tags_read = True
            if rows_read and (tags_read or not has_tags):
                break
        found.complete = rows_read and (tags_read or not has_tags)
    except sqlite3.DatabaseError:
        pass
    finally:
        src.close()
    return found


# --- a sound header -----------------------------------------------------------------------------


def _u16(b: bytes, at: int) -> int:
    return int.from_bytes(b[at:at + 2], "big")


def well_formed_btree_page(page: bytes, at: int, size: int) -> bool:
    """Whether `page` (one page of `size` bytes) holds a b-tree page header at offset `at` (100 on page 1)
    whose cell pointers all point inside the page."""
    if len(page) < at + 12:
        return False
    kind = page[at]
    if kind not in (_TABLE_LEAF, _TABLE_INTERIOR, _INDEX_LEAF, _INDEX_INTERIOR):
        return False
    header = 8 if kind in (_TABLE_LEAF, _INDEX_LEAF) else 12
    freeblock, cells, content, fragmented = _u16(page, at + 1), _u16(page, at + 3), _u16(page, at + 5) or 65536, \
        page[at + 7]
    pointers_end = at + header + 2 * cells
    if content > size or pointers_end > content or fragmented > 60:
        return False
    if freeblock and not content <= freeblock < size:
        return False
    if header == 12 and int.from_bytes(page[at + 8:at + 12], "big") == 0:  # an interior page's right child
        return False
    return all(content <= _u16(page, p) < size for p in range(at + header, pointers_end, 2))


def _wal_page_size(wal: Path) -> int | None:
    """The page size a write-ahead log's own header names, when it has one."""
    try:
        fd = open_plain(wal)  # never through a link, never a FIFO
        if fd is None:
            return None
        with open(fd, "rb") as fh:
            head = fh.read(32)
    except OSError:
        return None
    if len(head) < 32 or int.from_bytes(head[:4], "big") not in _WAL_MAGIC:
        return None
    size = int.from_bytes(head[8:12], "big")
    return size if size in PAGE_SIZES else None


def _well_formed_share(fh: BinaryIO, length: int, size: int) -> float | None:
    """The share of pages 2, 3, ... (up to MAX_PROBED of them) that are b-tree pages if pages are `size`
    bytes; None when page 1 holds no b-tree header after the file header at that size."""
    if length < size or length % size:
        return None
    fh.seek(0)
    if not well_formed_btree_page(fh.read(size), 100, size):
        return None
    pages = length // size
    step = max(1, (pages - 1) // MAX_PROBED)
    probed = good = 0
    for n in range(2, pages + 1, step):  # page n starts at (n - 1) * size
        fh.seek((n - 1) * size)
        probed += 1
        good += well_formed_btree_page(fh.read(size), 0, size)
    return good / probed if probed else 1.0


def probe_page_sizes(path: Path) -> list[int]:
    """The page sizes `path` may have, most likely first: those under which page 1 holds a b-tree header
    after the file header and most pages after it are b-tree pages (a larger multiple of the true size
    also passes, on fewer pages: the smaller size wins when both fit as well)."""
    scored: list[tuple[float, int]] = []
    try:
        with open(path, "rb") as fh:
            length = os.fstat(fh.fileno()).st_size
            for size in PAGE_SIZES:
                share = _well_formed_share(fh, length, size)
                if share is not None and share >= MIN_WELL_FORMED:
                    scored.append((share, size))
    except OSError:
        return []
    # Overflow and free pages are not b-tree pages, so shares differ a little: round before preferring size.
    scored.sort(key=lambda s: (-round(s[0], 1), s[1]))
    sizes = [size for _, size in scored]
    hinted = _wal_page_size(Path(str(path) + "-wal"))
    if hinted in sizes:
        sizes.remove(hinted)
        sizes.insert(0, hinted)
    return sizes


def _schema_version(columns: Sequence[str]) -> int:
    """The `user_version` a bookmarks table with these columns was written under (database.MIGRATIONS)."""
    return 3 if "byline" in columns else 2 if "orphan" in columns else 1


def sound_header(page_size: int, pages: int, user_version: int, wal: bool) -> bytes:
    """A 100-byte SQLite database header as SQLite writes it, for a file of `pages` pages of `page_size`."""
    h = bytearray(100)
    h[0:16] = MAGIC
    h[16:18] = (1 if page_size == 65536 else page_size).to_bytes(2, "big")
    h[18] = h[19] = 2 if wal else 1  # file format write/read version: WAL or rollback journal
    h[21], h[22], h[23] = 64, 32, 32  # payload fractions, fixed by the file format
    h[24:28] = (1).to_bytes(4, "big")  # change counter...
    h[28:32] = pages.to_bytes(4, "big")  # ...which makes this page count valid (offset 92 holds the same)
    h[40:44] = (1).to_bytes(4, "big")  # schema cookie
    h[44:48] = (4).to_bytes(4, "big")  # schema format 4
    h[56:60] = (1).to_bytes(4, "big")  # UTF-8
    h[60:64] = user_version.to_bytes(4, "big")
    h[92:96] = (1).to_bytes(4, "big")
    major, minor, patch = sqlite3.sqlite_version_info
    h[96:100] = (major * 1_000_000 + minor * 1_000 + patch).to_bytes(4, "big")
    return bytes(h)


def _columns(copy: Path) -> list[str]:
    try:
        conn = sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return []
    try:
        return [r[1] for r in conn.execute("PRAGMA table_info(bookmarks)")]
    except sqlite3.Error:
        return []
    finally:
        conn.close()


def _read_mended(damaged: Path, size: int, folder: Path, columns: Sequence[str]) -> Rows:
    copy = folder / f"mended-{size}.sqlite3"
    copy_private(damaged, copy)  # (through a link the database may be: never readable more widely)
    wal, copied = Path(str(damaged) + "-wal"), Path(str(copy) + "-wal")
    # SQLite reads the log's pages over the file's when the header says WAL (a log that is no file is not read)
    has_wal = copy_plain(wal, copied) and copied.stat().st_size > 0
    pages = copy.stat().st_size // size
    with open(copy, "r+b") as fh:
        fh.write(sound_header(size, pages, 0, has_wal))
        version = _schema_version(_columns(copy))
        fh.seek(60)
        fh.write(version.to_bytes(4, "big"))
    # The copy is ours: opened for writing when a log is to be read into it, else read-only.
    return read_rows(copy.as_uri() if has_wal else f"{copy.as_uri()}?mode=ro", columns)


def rescue(damaged: Path, columns: Sequence[str]) -> Rows:
    """Every row `damaged` still yields: read as it is, then, when not all of it could be read, from copies
    with a sound header (page sizes most likely first) until one reads whole."""
    try:
        if os.stat(damaged).st_size < 512:  # no page to read; and SQLite, opening a file of no page even
            return Rows()  # read-only, deletes the log beside it (the log's rows are read by the caller)
    except OSError:
        return Rows()
    found = read_rows(f"{damaged.as_uri()}?mode=ro", columns)
    if found.complete:
        return found
    sizes = probe_page_sizes(damaged)[:3]
    if not sizes:
        return found
    try:
        with tempfile.TemporaryDirectory(prefix="reader-app-rescue-") as tmp:
            for size in sizes:
                more = _read_mended(damaged, size, Path(tmp), columns)
                for bid, row in more.bookmarks.items():
                    found.bookmarks.setdefault(bid, row)
                found.tags += more.tags
                if more.complete:
                    log.warning("read %s with a mended header (page size %d): %d bookmarks", damaged.name, size,
                                len(more.bookmarks))
                    found.complete = True
                    break
    except OSError as exc:
        log.warning("cannot mend a copy of %s: %s", damaged.name, exc)
    return found


# --- rows read straight from pages ------------------------------------------------------------------------


def _varint(b: bytes, at: int) -> tuple[int, int]:
    """SQLite's variable-length integer at `at`: (value, offset after it)."""
    value = 0
    for i in range(8):
        byte = b[at + i]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + i + 1
    return (value << 8) | b[at + 8], at + 9


def _record(payload: bytes) -> tuple | None:
    """The values of one record (https://www.sqlite.org/fileformat2.html#record_format), None if malformed."""
    try:
        size, at = _varint(payload, 0)
        types = []
        while at < size:
            t, at = _varint(payload, at)
            types.append(t)
        values: list = []
        at = size
        for t in types:
            if t == 0:
                values.append(None)
            elif t in (8, 9):
                values.append(t - 8)
            elif t <= 6:
                n = (0, 1, 2, 3, 4, 6, 8)[t]
                values.append(int.from_bytes(payload[at:at + n], "big", signed=True))
                at += n
            elif t == 7:
                values.append(struct.unpack(">d", payload[at:at + 8])[0])
                at += 8
            elif t >= 12:
                n = (t - 12) // 2
                raw = payload[at:at + n]
                values.append(raw.decode("utf-8") if t % 2 else bytes(raw))
                at += n
            else:
                return None
        return tuple(values) if at <= len(payload) else None
    except (IndexError, UnicodeDecodeError, struct.error):
        return None


def leaf_rows(pages: dict[int, bytes], page_size: int, columns: Sequence[str]) -> Rows:
    """The bookmark and tag rows in the table-leaf pages of `pages` (page number -> its bytes, as a log holds
    them), read cell by cell without the tree above them: a bookmark row is a plausible one of `columns`' shape
    (rows written before a column was added are shorter), a tag row (bookmark_id, tag, pos). A row running
    on into an overflow page `pages` lacks is left out. Never complete: what the pages do not hold is unknown."""
    found = Rows()
    usable = page_size  # no reserved bytes at the end of a page in a bookmarks database
    most = usable - 35
    least = (usable - 12) * 32 // 255 - 23
    for number, page in pages.items():
        at = 100 if number == 1 else 0
        if len(page) != page_size or page[at] != _TABLE_LEAF:
            continue
        for cell in range(_u16(page, at + 3)):
            try:
                start = _u16(page, at + 8 + 2 * cell)
                length, p = _varint(page, start)
                _, p = _varint(page, p)  # the rowid
                local = length if length <= most else (
                    k if (k := least + (length - least) % (usable - 4)) <= most else least)
                payload = page[p:p + local]
                next_page = int.from_bytes(page[p + local:p + local + 4], "big") if local < length else 0
                while len(payload) < length and next_page in pages:
                    over = pages[next_page]
                    payload += over[4:4 + min(usable - 4, length - len(payload))]
                    next_page = int.from_bytes(over[:4], "big")
            except IndexError:
                continue
            if len(payload) < length:
                continue
            values = _record(payload)
            if values is None:
                continue
            if len(values) == 3 and isinstance(values[0], str) and _PLAIN_ID.match(values[0]) \
                    and isinstance(values[1], str) and isinstance(values[2], int):
                found.tags.append(values)
            elif 11 <= len(values) <= len(columns):
                row = values + (None,) * (len(columns) - len(values))
                if _plausible(row) and str(row[10]) >= str(found.bookmarks.get(row[0], row)[10]):
                    found.bookmarks[row[0]] = row  # (one moved between pages: its latest edit)
    return found
