"""BookmarkStore: add, find, edit, delete, import and re-anchor bookmarks; every write is one transaction."""

from __future__ import annotations

import builtins
import secrets
import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from reader_app.core.bookmarks.anchoring import Anchor, anchor_at, context_score, find_quote, reanchor, text_hash
from reader_app.core.bookmarks.database import COLUMNS, INSERT, READ_ONLY_NOTICE, BookmarkDatabase
from reader_app.core.bookmarks.model import Bookmark, BookmarkError, BookmarkNotFound, ImportCounts, normalise_tags, now
from reader_app.paths import AppPaths

_SELECT = f"SELECT {', '.join(COLUMNS)} FROM bookmarks"


def _from_row(row: tuple, tags: list[str]) -> Bookmark:
    (bid, aid, quote, prefix, suffix, start, end, digest, note, created, updated, orphan,
     title, outlet, date, url, byline) = row
    return Bookmark(bid, aid, quote, prefix, suffix, start, end, digest, note, tags, created, updated, bool(orphan),
                    title, outlet, date, url, byline)


def _row(b: Bookmark) -> tuple:
    return (b.id, b.article_id, b.quote, b.prefix, b.suffix, b.start, b.end, b.text_hash, b.note, b.created,
            b.updated, int(b.orphan), b.title, b.outlet, b.date, b.url, b.byline)


def _put_tags(conn: sqlite3.Connection, b: Bookmark) -> None:
    conn.execute("DELETE FROM tags WHERE bookmark_id = ?", (b.id,))
    conn.executemany("INSERT INTO tags (bookmark_id, tag, pos) VALUES (?, ?, ?)",
                     [(b.id, t, n) for n, t in enumerate(b.tags)])


CONTEXT_PIECE = 12  # characters of a bookmark's context next to its quote that must be found for fuzzy adoption
# The context score (anchoring: 0-1) a changed passage needs to be adopted by another article. Stricter than
# within one article (CONTEXT_SUPPORT, 0.5): unrelated English scores about 0.35-0.45, a like passage
# sharing a few words of one side 0.55; one side as it was and the other rewritten about 0.67.
ADOPT_CONTEXT = 0.65


def _context_found(b: Bookmark, text: str) -> bool:
    """Whether the words just before or just after the passage are in `text` as they were."""
    before, after = b.prefix.strip()[-CONTEXT_PIECE:], b.suffix.strip()[:CONTEXT_PIECE]
    return any(len(piece) >= CONTEXT_PIECE // 2 and piece in text for piece in (before, after))


def _put(conn: sqlite3.Connection, b: Bookmark) -> None:
    conn.execute(INSERT, _row(b))
    _put_tags(conn, b)


class BookmarkStore:
    """The bookmarks of one data folder (see core.bookmarks.database for how the file is kept safe).

    `notice` is a message for the user, or ''; `read_only` means writes raise BookmarkError.
    Articles passed in are `core.articles.Article` objects (anything with id, text, title, outlet, date, url).
    """

    def __init__(self, paths: AppPaths, **options: Any):
        self.db = BookmarkDatabase(paths, **options)

    @property
    def notice(self) -> str:
        return self.db.notice

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    @property
    def read_only_reason(self) -> str:
        """Why writes are refused ("the disk is full"), when `read_only`."""
        return self.db.read_only_reason

    @property
    def waits_for_room(self) -> bool:
        """Read-only only because the disk was full: a save tries the file again (see reopen_if_room)."""
        return self.db.waits_for_room

    def reopen_if_room(self) -> bool:
        """Writable again once a full disk has room (see BookmarkDatabase.reopen_if_room); whether writable."""
        return self.db.reopen_if_room()

    @property
    def notice_is_read_only(self) -> bool:
        """Whether `notice` only says the bookmarks are read-only and why (which a refused save says itself), and
        nothing more (a damaged log, the schema of a newer reader-app)."""
        return self.db.notice == f"{READ_ONLY_NOTICE}: {self.db.read_only_reason}."

    def close(self) -> None:
        self.db.close()

    # --- reading --------------------------------------------------------------------------------

    @staticmethod
    def _tags(conn: sqlite3.Connection, ids: list[str] | None = None) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        if ids is None:
            rows = conn.execute("SELECT bookmark_id, tag FROM tags ORDER BY bookmark_id, pos")
            for bid, tag in rows:
                out.setdefault(bid, []).append(tag)
            return out
        # In batches: SQLite allows 32,766 parameters in one statement, and one article may have more bookmarks.
        for n in range(0, len(ids), 500):
            batch = ids[n:n + 500]
            for bid, tag in conn.execute(f"SELECT bookmark_id, tag FROM tags WHERE bookmark_id IN "
                                         f"({', '.join('?' * len(batch))}) ORDER BY bookmark_id, pos", batch):
                out.setdefault(bid, []).append(tag)
        return out

    def list(self, article_id: str | None = None, tag: str | None = None, text: str | None = None) -> list[Bookmark]:
        """Bookmarks, newest first; optionally of one article, with one tag, or with `text` in quote or note."""
        where: list[str] = []
        params: list[str] = []
        if article_id is not None:
            where.append("article_id = ?")
            params.append(article_id)
        if tag:
            where.append("id IN (SELECT bookmark_id FROM tags WHERE tag = ? COLLATE NOCASE)")
            params.append(tag.lstrip("#").strip())
        if text:
            pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append("(quote LIKE ? ESCAPE '\\' OR note LIKE ? ESCAPE '\\')")
            params += [pattern, pattern]
        sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY created DESC, rowid DESC"
        with self.db.reading() as conn:
            rows = conn.execute(sql, params).fetchall()
            tags = self._tags(conn, None if article_id is None and not tag and not text else [r[0] for r in rows])
        return [_from_row(r, tags.get(r[0], [])) for r in rows]

    def get(self, bookmark_id: str) -> Bookmark:
        """One bookmark by its id or a unique prefix of it."""
        key = bookmark_id.strip()
        if not key:
            raise BookmarkNotFound("no bookmark id given")
        with self.db.reading() as conn:
            rows = conn.execute(_SELECT + " WHERE id = ?", (key,)).fetchall()
            if not rows:
                rows = conn.execute(_SELECT + " WHERE substr(id, 1, ?) = ? LIMIT 3", (len(key), key)).fetchall()
            if len(rows) > 1:
                raise BookmarkNotFound(f"'{key}' matches several bookmarks: {', '.join(r[0] for r in rows)}")
            if not rows:
                raise BookmarkNotFound(f"no bookmark with id '{key}'")
            return _from_row(rows[0], self._tags(conn, [rows[0][0]]).get(rows[0][0], []))

    def tags(self) -> builtins.list[tuple[str, int]]:
        """Every tag in use with how many bookmarks carry it, most used first."""
        with self.db.reading() as conn:
            return [(t, n) for t, n in conn.execute(
                "SELECT tag, count(*) AS n FROM tags GROUP BY tag COLLATE NOCASE ORDER BY n DESC, tag")]

    def count(self) -> int:
        with self.db.reading() as conn:
            return int(conn.execute("SELECT count(*) FROM bookmarks").fetchone()[0])

    def has_orphans(self) -> bool:
        """Whether any bookmark is an orphan (its article gone)."""
        with self.db.reading() as conn:
            return conn.execute("SELECT 1 FROM bookmarks WHERE orphan = 1 LIMIT 1").fetchone() is not None

    def article_ids(self) -> builtins.list[str]:
        """Every article that has bookmarks."""
        with self.db.reading() as conn:
            return [r[0] for r in conn.execute("SELECT DISTINCT article_id FROM bookmarks ORDER BY 1")]

    # --- writing --------------------------------------------------------------------------------

    def add(self, article: Any, start: int, end: int, note: str = "", tags: Iterable[str] = ()) -> Bookmark:
        """Keep article.text[start:end]. The bookmark is on disk when this returns."""
        try:
            anchor = anchor_at(article.text, start, end)
        except ValueError as exc:
            raise BookmarkError(str(exc))
        return self._add(article, anchor, note, tags)

    def add_quote(self, article: Any, quote: str, note: str = "", tags: Iterable[str] = (),
                  occurrence: int | None = None) -> Bookmark:
        """Keep the passage of the article that reads `quote` (white space may differ)."""
        try:
            anchor = find_quote(article.text, quote, occurrence)
        except ValueError as exc:
            raise BookmarkError(str(exc))
        return self._add(article, anchor, note, tags)

    def _add(self, article: Any, anchor: Anchor, note: str, tags: Iterable[str]) -> Bookmark:
        stamp = now()
        with self.db.writing() as conn:
            bid = secrets.token_hex(6)
            while conn.execute("SELECT 1 FROM bookmarks WHERE id = ?", (bid,)).fetchone():
                bid = secrets.token_hex(6)
            b = Bookmark(bid, article.id, anchor.quote, anchor.prefix, anchor.suffix, anchor.start, anchor.end,
                         text_hash(article.text), note.strip(), normalise_tags(tags), stamp, stamp, False,
                         article.title, article.outlet, article.date, article.url, getattr(article, "byline", None))
            _put(conn, b)
        return b

    def update(self, bookmark_id: str, note: str | None = None, tags: Iterable[str] | None = None) -> Bookmark:
        """Change the note and/or the tags."""
        b = self.get(bookmark_id)
        if note is not None:
            b.note = note.strip()
        if tags is not None:
            b.tags = normalise_tags(tags)
        b.updated = now()
        with self.db.writing() as conn:
            conn.execute("UPDATE bookmarks SET note = ?, updated = ? WHERE id = ?", (b.note, b.updated, b.id))
            _put_tags(conn, b)
        return b

    def delete(self, bookmark_id: str) -> Bookmark:
        """Remove a bookmark and return it, so that `restore()` can undo the deletion."""
        b = self.get(bookmark_id)
        with self.db.writing() as conn:
            conn.execute("DELETE FROM bookmarks WHERE id = ?", (b.id,))
        return b

    def restore(self, bookmark: Bookmark) -> None:
        """Put back a deleted bookmark exactly as it was."""
        with self.db.writing() as conn:
            if not conn.execute("SELECT 1 FROM bookmarks WHERE id = ?", (bookmark.id,)).fetchone():
                _put(conn, bookmark)

    def import_bookmarks(self, bookmarks: Iterable[Bookmark]) -> ImportCounts:
        """Add exported bookmarks in one transaction. A known id, or the same passage, is not added again;
        a later edit (`updated`) of a known bookmark replaces its note and tags."""
        counts = ImportCounts()
        with self.db.writing() as conn:
            # The passages already kept, read once: looking each one up among its article's bookmarks made
            # importing many bookmarks of one article quadratic.
            passages = set(conn.execute("SELECT article_id, quote, pos_start FROM bookmarks"))
            for b in bookmarks:
                row = conn.execute("SELECT updated FROM bookmarks WHERE id = ?", (b.id,)).fetchone()
                if row is not None:
                    if b.updated > row[0]:
                        conn.execute("UPDATE bookmarks SET note = ?, updated = ? WHERE id = ?",
                                     (b.note, b.updated, b.id))
                        _put_tags(conn, b)
                        counts.updated += 1
                    else:
                        counts.duplicates += 1
                elif (b.article_id, b.quote, b.start) in passages:
                    counts.duplicates += 1
                else:
                    _put(conn, b)
                    passages.add((b.article_id, b.quote, b.start))
                    counts.added += 1
        return counts

    # --- anchoring ------------------------------------------------------------------------------

    def reanchor_article(self, article_id: str, text: str, details: dict | None = None) -> builtins.list[Bookmark]:
        """Place the article's bookmarks in its current `text`; a passage that cannot be placed becomes an orphan.

        Returns the article's bookmarks as placed (saved too, unless the store is read-only). `details`
        (title, outlet, date, url, byline) refreshes what the bookmarks remember of the article.
        """
        digest = text_hash(text)
        current = self.list(article_id=article_id)
        changed: dict[str, Bookmark] = {}
        for b in current:
            if b.text_hash == digest:
                if b.orphan and text[b.start:b.end] == b.quote:  # the article came back as it was
                    b.orphan = False
                    changed[b.id] = b
                continue
            placed = reanchor(text, b.anchor).anchor
            if placed is not None:
                b.quote, b.prefix, b.suffix, b.start, b.end = placed.quote, placed.prefix, placed.suffix, \
                    placed.start, placed.end
                b.text_hash, b.orphan = digest, False
                changed[b.id] = b
            elif not b.orphan:
                b.orphan = True  # the old hash stays, so each later version of the article is tried again
                changed[b.id] = b
        if details:
            for b in current:
                new = (details.get("title") or b.title, details.get("outlet"), details.get("date"), details.get("url"),
                       details.get("byline", b.byline))
                # an orphan keeps the details it remembers, unless it remembers none (a foreign import)
                if (not b.orphan or not b.title) and new != (b.title, b.outlet, b.date, b.url, b.byline):
                    b.title, b.outlet, b.date, b.url, b.byline = new
                    changed[b.id] = b
        if changed and not self.read_only:
            with self.db.writing() as conn:
                conn.executemany(
                    "UPDATE bookmarks SET quote = ?, prefix = ?, suffix = ?, pos_start = ?, pos_end = ?, "
                    "text_hash = ?, orphan = ?, title = ?, outlet = ?, date = ?, url = ?, byline = ? WHERE id = ?",
                    [(b.quote, b.prefix, b.suffix, b.start, b.end, b.text_hash, int(b.orphan), b.title, b.outlet,
                      b.date, b.url, b.byline, b.id) for b in changed.values()])
        return current

    def adopt_orphans(self, article_id: str, text: str, details: dict, gone: Callable[[str], bool]) -> int:
        """Attach to `article_id` the orphans whose article is gone (`gone(id)`) and whose text comes back in
        `text`: the same text hash, their quote found and placed again, or their passage slightly changed
        and placed by fuzzy re-anchoring where their context reads the same (never in an unrelated article).
        What they remember of their article (outlet, date, web address) stays where `details` lack it.
        Returns how many."""
        digest = text_hash(text)
        with self.db.reading() as conn:
            rows = conn.execute(_SELECT + " WHERE orphan = 1 AND article_id != ?", (article_id,)).fetchall()
        moved: builtins.list[Bookmark] = []
        for row in rows:
            b = _from_row(row, [])
            exact = b.text_hash == digest or (b.quote and b.quote in text)
            # The fuzzy search is slow beside `in`: tried only where a piece of the context is found as it was.
            if not (exact or _context_found(b, text)) or not gone(b.article_id):
                continue
            if b.text_hash == digest and text[b.start:b.end] == b.quote:
                placed: Anchor | None = b.anchor
            else:
                placed = reanchor(text, b.anchor).anchor
                # Another text: the passage (found as it was, or nearly) must stand among the words it stood
                # among, else it is a sentence another article shares (a trial's orphan moved to an unrelated
                # story quoting one line of it)
                if placed is not None and context_score(text, b.anchor, placed.start, placed.end) < ADOPT_CONTEXT:
                    continue
            if placed is None:
                continue
            b.quote, b.prefix, b.suffix, b.start, b.end = placed.quote, placed.prefix, placed.suffix, \
                placed.start, placed.end
            b.article_id, b.text_hash, b.orphan = article_id, digest, False
            b.title = details.get("title") or b.title
            b.outlet, b.date, b.url = (details.get("outlet") or b.outlet, details.get("date") or b.date,
                                       details.get("url") or b.url)
            moved.append(b)
        if moved and not self.read_only:
            with self.db.writing() as conn:
                conn.executemany(
                    "UPDATE bookmarks SET article_id = ?, quote = ?, prefix = ?, suffix = ?, pos_start = ?, "
                    "pos_end = ?, text_hash = ?, orphan = 0, title = ?, outlet = ?, date = ?, url = ? WHERE id = ?",
                    [(b.article_id, b.quote, b.prefix, b.suffix, b.start, b.end, b.text_hash, b.title, b.outlet,
                      b.date, b.url, b.id) for b in moved])
        return len(moved)

    def orphan_article(self, article_id: str) -> int:
        """The article is gone: its bookmarks stay, marked as orphans. Returns how many were newly orphaned."""
        with self.db.reading() as conn:
            n = int(conn.execute("SELECT count(*) FROM bookmarks WHERE article_id = ? AND orphan = 0",
                                 (article_id,)).fetchone()[0])
        if n and not self.read_only:
            with self.db.writing() as conn:
                conn.execute("UPDATE bookmarks SET orphan = 1 WHERE article_id = ?", (article_id,))
        return n
