"""The bookmarks SQLite file: opening it safely, migrations, backups, and repair of a damaged file.

WAL with `synchronous=FULL`: a committed transaction is on disk before COMMIT returns. `PRAGMA user_version`
is the schema version; MIGRATIONS upgrades it one step at a time. Backups are taken with SQLite's backup
API into the backups folder and rotated. A file found damaged at open is moved aside, the newest good backup
is put in its place, the rows the damaged file still yields are added back, and `notice` tells the user.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import logging
import os
import re
import secrets
import shutil
import sqlite3
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from reader_app.core.bookmarks.model import BookmarkError
from reader_app.core.bookmarks.rescue import Rows, leaf_rows, read_rows, rescue
from reader_app.core.bookmarks.wal import LogCheck, apply_log, check_log, in_use, indexed_pages, log_pages
from reader_app.core.storage.files import copy_plain, copy_private, is_irregular, not_plain, pid_alive
from reader_app.core.storage.locks import LockBusy, file_lock, lock_timeout
from reader_app.core.wording import plural
from reader_app.paths import AppPaths

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
BACKUP_EVERY = 50  # writes between automatic backups
BACKUP_AGE = 24 * 3600.0  # seconds; a newest backup older than this is renewed at open (or the next write)
KEEP_BACKUPS = 10
READ_ONLY_NOTICE = "Bookmarks are read-only"  # + ": why."
DISK_FULL = "the disk is full"  # the one reason to be read-only that passes while the app runs

# Each entry upgrades the schema by one version; never edit a released entry, append a new one.
MIGRATIONS: list[list[str]] = [
    [  # 1: passages and notes
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)",
        "INSERT INTO meta (key, value) VALUES ('generation', 0)",
        """CREATE TABLE bookmarks (
            id TEXT PRIMARY KEY, article_id TEXT NOT NULL, quote TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '', suffix TEXT NOT NULL DEFAULT '',
            pos_start INTEGER NOT NULL, pos_end INTEGER NOT NULL, text_hash TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '', created TEXT NOT NULL, updated TEXT NOT NULL)""",
        "CREATE INDEX bookmarks_article ON bookmarks (article_id)",
    ],
    [  # 2: tags, orphans, and the article's details at save time
        "ALTER TABLE bookmarks ADD COLUMN orphan INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE bookmarks ADD COLUMN title TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE bookmarks ADD COLUMN outlet TEXT",
        "ALTER TABLE bookmarks ADD COLUMN date TEXT",
        "ALTER TABLE bookmarks ADD COLUMN url TEXT",
        """CREATE TABLE tags (
            bookmark_id TEXT NOT NULL REFERENCES bookmarks (id) ON DELETE CASCADE,
            tag TEXT NOT NULL, pos INTEGER NOT NULL, PRIMARY KEY (bookmark_id, tag))""",
        "CREATE INDEX tags_tag ON tags (tag)",
    ],
    [  # 3: the article's byline at save time, for citations (core/bookmarks/dossier.py)
        "ALTER TABLE bookmarks ADD COLUMN byline TEXT",
    ],
]
SCHEMA_VERSION = len(MIGRATIONS)

COLUMNS = ("id", "article_id", "quote", "prefix", "suffix", "pos_start", "pos_end", "text_hash", "note",
           "created", "updated", "orphan", "title", "outlet", "date", "url", "byline")
_DEFAULTS = ("", "", "", "", "", 0, 0, "", "", "", "", 0, "", None, None, None, None)
INSERT = f"INSERT INTO bookmarks ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
_BACKUP_NAME = re.compile(r"^bookmarks-(\d{8}T\d{12})Z-g(\d+)\.sqlite3$")


_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26  # SQLite's primary result codes (not in every typeshed)


class _Damaged(Exception):
    pass


@dataclass
class Salvage:
    """What a repair took from the damaged file: bookmarks added back, bookmarks replaced by a later edit,
    and whether every row of the file could be read."""

    added: int = 0
    newer: int = 0
    complete: bool = False
    removed: int = 0  # bookmarks deleted by the part recovered (only when a log is recovered whole)


def describe_sqlite_error(exc: BaseException, folder: Path | None = None) -> str:
    """A plain reason for a failed read or write (`folder`: where the database lives, to tell a full disk)."""
    text = str(exc).lower()
    if "disk i/o error" in text and folder is not None and _nearly_full(folder):
        return DISK_FULL
    if "readonly" in text or "read-only" in text:
        return "the data folder is read-only"
    if "disk is full" in text or "disk full" in text:
        return DISK_FULL
    if "locked" in text or "busy" in text:
        return "another reader-app is busy with the bookmarks; try again in a moment"
    if is_damage(exc):
        return "the bookmarks database is damaged; restart reader-app to restore it from a backup"
    return str(exc)


def _nearly_full(folder: Path) -> bool:
    """SQLite reports a full disk met while growing its shared-memory file as a plain I/O error."""
    try:
        return shutil.disk_usage(folder).free < 256 * 1024
    except OSError:
        return False


def is_damage(exc: BaseException) -> bool:
    if isinstance(exc, _Damaged):
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and ("malformed" in text or "not a database" in text)


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _check(conn: sqlite3.Connection) -> None:
    """Raise _Damaged unless the database passes PRAGMA quick_check."""
    rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    if rows != ["ok"]:
        raise _Damaged("; ".join(map(str, rows[:3])))


def _stamp_time(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y%m%dT%H%M%S%f").replace(tzinfo=timezone.utc)


def backup_time(path: Path | None) -> str:
    """When a backup file was taken, in local time, for messages."""
    m = _BACKUP_NAME.match(path.name) if path else None
    return _stamp_time(m.group(1)).astimezone().strftime("%Y-%m-%d %H:%M") if m else "an unknown time"


def checkpoint(conn: sqlite3.Connection) -> bool:
    """Copy the log into the database file and empty it, without waiting for another process's reader (then
    as much as can be copied is, and the next write or close tries again). True when the log was emptied."""
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return not busy
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _local_time(stamp: str) -> str:
    """A bookmark's ISO time stamp in local time, for messages."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def _generation(path: Path) -> int:
    """The write counter of a database file, or -1 when it cannot be read."""
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return -1
    try:
        return int(conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])
    except (sqlite3.Error, TypeError, ValueError):
        return -1
    finally:
        conn.close()


def _meta_id(path: Path) -> int | None:
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'id'").fetchone()
        return int(row[0]) if row else None
    except (sqlite3.Error, ValueError):
        return None
    finally:
        conn.close()


def _file_mode(path: Path) -> int | None:
    """The permission bits of the file at `path` (through a link: its target's), read and write only; None when
    it is no regular file or cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return stat.S_IMODE(st.st_mode) & 0o666 if stat.S_ISREG(st.st_mode) else None


def _evidence(path: Path) -> bool:
    """Whether a -wal or -shm at `path` shows bookmarks were saved: anything but nothing or an empty regular file
    (an empty log with no index beside a new, empty file is what a first open interrupted leaves)."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return not stat.S_ISREG(st.st_mode) or st.st_size > 0


def _foreign(db: Path, check: LogCheck) -> bool:
    """Whether the frames SQLite would replay (or, under a damaged header, that would be read back) carry
    another database's id than the file's own (a log copied or left beside another file). Unknown ids (a file from before ids) are never foreign."""
    with tempfile.TemporaryDirectory(prefix="reader-app-log-") as tmp:
        alone, _ = apply_log(db, Path(f"{db}-wal"), check, Path(tmp) / "alone.sqlite3", upto=0)
        upto = check.committed if check.header_damaged else check.used  # what would be read back of it
        replayed, _ = apply_log(db, Path(f"{db}-wal"), check, Path(tmp) / "replayed.sqlite3", upto=upto)
        mine, theirs = _meta_id(alone), _meta_id(replayed)
    return mine is not None and theirs is not None and mine != theirs


def _no_header(path: Path) -> bool:
    """A file of some bytes that does not start as every SQLite database does (cut short, or overwritten)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except OSError:
        return False
    return bool(head) and (len(head) < 100 or not head.startswith(b"SQLite format 3\x00"))


def _merge(older: Rows, newer: Rows) -> Rows:
    """Rows read from two places, those of `newer` (a log) taking the place of those of `older` (the file
    under it) unless edited earlier; complete when either read every row."""
    at = COLUMNS.index("updated")
    rows = dict(older.bookmarks)
    for bid, row in newer.bookmarks.items():
        if bid not in rows or str(row[at]) >= str(rows[bid][at]):
            rows[bid] = row
    return Rows(rows, older.tags + newer.tags, older.complete or newer.complete)


def _compare(before: dict[str, str], conn: sqlite3.Connection) -> Salvage:
    """What a recovered log changed: bookmarks added, edited (a later `updated`) and deleted since `before`."""
    after = dict(conn.execute("SELECT id, updated FROM bookmarks").fetchall())
    return Salvage(added=len(after.keys() - before.keys()), complete=True,
                   newer=sum(1 for bid, updated in after.items() if bid in before and updated > before[bid]),
                   removed=len(before.keys() - after.keys()))


def _log_notice(check: LogCheck, aside: Path, lost: int, saved: Salvage, whole: bool, since: str) -> str:
    """The message for a damaged log: what was wrong, where it is kept, what came back and what may be lost."""
    name = aside.name.split('.damaged-')[0]
    if check.not_a_file:  # the thing itself was moved: a link's target is never read nor copied
        text = (f"The bookmarks log ({name}-wal) was not a file: it was {check.not_a_file}, so none of it could be "
                f"read. It was moved aside as it was, as {aside.name}-wal, with a copy of the database as "
                f"{aside.name}, in {aside.parent}")
    else:
        text = (f"The bookmarks log ({name}-wal) was damaged: {check.reason}. It was kept as {aside.name}-wal, "
                f"with the database as {aside.name}, in {aside.parent}")
    back = [f"{plural(saved.added, 'bookmark')} added"] if saved.added else []
    if saved.newer:
        back.append(f"{plural(saved.newer, 'bookmark')} edited")
    if saved.removed:
        back.append(f"{plural(saved.removed, 'bookmark')} deleted")
    if whole:
        return text + "; every save it held was read back" + (f" ({', '.join(back)})." if back else ".")
    if back:
        text += f"; read back from it: {', '.join(back)}"
    after = f"after {_local_time(since)}" if since else "since the bookmarks were started"
    missing = lost - saved.added - saved.newer
    at_least = "at least " if len(check.frames) < check.committed else ""
    if missing > 0:
        return text + (f". Part of it could not be read: {at_least}{plural(missing, 'bookmark save')} (a bookmark "
                       f"added, edited or deleted) made {after} may be lost.")
    if lost > 0:  # every save it held is accounted for, but not every page of them was read
        return text + f". Part of it could not be read: tags or deletions saved {after} may be missing."
    return text + f". Part of it could not be read: bookmarks saved, edited or deleted {after} may be lost."


def connect(path: Path | str) -> sqlite3.Connection:
    """A connection with the durability settings every use of the bookmarks file needs."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


TMP_PREFIX = "reader-app-bookmarks-"  # + the process id: the read-only copies in the temporary folder


def _remove_stale_copies() -> None:
    """Remove read-only copies left in the temporary folder by processes that are gone."""
    for d in Path(tempfile.gettempdir()).glob(TMP_PREFIX + "*-*"):
        pid = d.name[len(TMP_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not pid_alive(int(pid)):
            shutil.rmtree(d, ignore_errors=True)


# How many times this process has each file open: its log is live then, and in_use() must not run on it.
_open_here: dict[Path, int] = {}
_open_here_lock = threading.Lock()


class BookmarkDatabase:
    """The open bookmarks file. `reading()`/`writing()` hand out its connection under one lock.

    `notice` is a message for the user (a restore, a read-only folder, a newer schema); `read_only` is true
    when writes are refused, with `read_only_reason` saying why.
    """

    def __init__(self, paths: AppPaths, *, backup_every: int = BACKUP_EVERY, backup_age: float = BACKUP_AGE,
                 keep_backups: int = KEEP_BACKUPS, backup_at_close: bool = True):
        self.paths = paths
        self.path = paths.bookmarks_db
        self.backup_every, self.backup_age, self.keep_backups = backup_every, backup_age, keep_backups
        self.backup_at_close = backup_at_close
        self.notice = ""
        self.restored = False  # repaired at open: the library re-checks which articles its bookmarks name
        self.read_only = False
        self.read_only_reason = ""
        self._lock = threading.RLock()
        self._tmp: str | None = None
        self._key: Path | None = self.path.absolute()
        try:
            with file_lock(paths.data / "bookmarks.lock", timeout=lock_timeout(30.0)):
                self._conn = self._open()
        except LockBusy:
            raise BookmarkError("another reader-app is repairing the bookmarks; try again in a moment")
        with _open_here_lock:
            _open_here[self._key] = _open_here.get(self._key, 0) + 1
        if not self.read_only:
            self._give_id()
            self._maybe_backup(now=self.restored)  # after a repair the rescued rows are in no backup yet

    # --- opening --------------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        if is_irregular(self.path):  # a folder or a pipe where the file should be: SQLite cannot open it
            if os.access(self.path.parent, os.W_OK):
                log.error("bookmarks database is not a file: %s", self.path)
                return self._recover(not_a_file=True)
            raise BookmarkError(f"cannot open the bookmarks: {self.path} is not a file (a folder or a pipe)")
        if not os.access(self.path.parent, os.W_OK) or (self.path.exists() and not os.access(self.path, os.W_OK)):
            return self._open_read_only("the data folder is read-only")
        if self._emptied():  # before SQLite sees it: it would delete the log beside it and start afresh
            log.error("bookmarks database is empty (0 bytes): %s", self.path)
            return self._recover(emptied=True)
        if _no_header(self.path):  # before SQLite sees it: closing, it would copy the log into it and delete it
            log.error("bookmarks database has no SQLite header: %s", self.path)
            return self._recover()
        shm_notice = self._set_aside_odd_shm()
        left = self._left_log()
        if left is not None and left.damaged:
            recovered = self._recover_log(left)
            self.notice = " ".join(filter(None, (shm_notice, self.notice)))
            return recovered
        self.notice = shm_notice
        conn: sqlite3.Connection | None = None
        try:
            conn = connect(self.path)
            _check(conn)
            self._migrate(conn)
            return conn
        except (sqlite3.DatabaseError, _Damaged) as exc:
            if conn is not None:
                conn.close()
            if not is_damage(exc):
                if "readonly" in str(exc).lower():
                    return self._open_read_only("the data folder is read-only")
                if describe_sqlite_error(exc, self.path.parent) == DISK_FULL:
                    return self._open_read_only(DISK_FULL)
                raise BookmarkError(f"cannot open the bookmarks: {describe_sqlite_error(exc, self.path.parent)}")
            log.error("bookmarks database damaged: %s", exc)
            return self._recover()

    def _open_read_only(self, reason: str) -> sqlite3.Connection:
        """Read a copy in a temporary folder (in WAL mode SQLite must write beside a file even to read it)."""
        self.read_only, self.read_only_reason = True, reason
        self.notice = f"{READ_ONLY_NOTICE}: {reason}."
        left = self._left_log()
        if left is not None and left.damaged:  # nothing can be set aside here: what it holds is shown, and said
            self.notice += f" Their log ({self.path.name}-wal) is damaged ({left.reason})"
        _remove_stale_copies()
        self._tmp = tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{os.getpid()}-")
        # The command line never calls close(): the copy goes when the process ends, and one left by a process
        # that was killed goes when the next one starts (_remove_stale_copies).
        atexit.register(shutil.rmtree, self._tmp, ignore_errors=True)
        copy = Path(self._tmp) / self.path.name
        emptied = self._emptied()
        if self.path.exists() and not emptied:  # (a copy of an empty file would lose the log beside it)
            copy_private(self.path, copy)  # a regular file, or a link to one (is_irregular was asked)
            copy_plain(Path(f"{self.path}-wal"), Path(f"{copy}-wal"))  # never a link's target, a FIFO or a device
        conn: sqlite3.Connection | None = None
        damaged = False
        try:
            if emptied:
                raise _Damaged("the file is empty")
            conn = connect(copy)
            _check(conn)
        except (sqlite3.DatabaseError, _Damaged):
            if conn is not None:
                conn.close()
            copy.unlink(missing_ok=True)
            Path(str(copy) + "-wal").unlink(missing_ok=True)
            damaged = True
            backup = self._good_backup()
            if backup is not None:
                shutil.copyfile(backup, copy)
            conn = connect(copy)
        self._migrate(conn)
        if left is not None and left.damaged and not damaged:
            self.notice += self._show_log(left, conn)
        if damaged:
            what = "is empty (0 bytes), though bookmarks were saved in it," if emptied else "is damaged"
            link = not_plain(self.path)  # a link the user made: named, as the log's and its index's are
            named = f" ({self.path.name}, {link})" if link else ""
            self.notice = (f"The bookmarks database{named} {what} and cannot be repaired ({reason}); showing "
                           + (f"the backup of {backup_time(backup)}" if backup else "no bookmarks"))
            from_log = self._log_rows(self.path)  # the log is only read, where it is
            saved = self._add_back(from_log, conn) if from_log.bookmarks else Salvage()
            if saved.added or saved.newer:
                self.notice += (f", with {plural(saved.added + saved.newer, 'bookmark')} read back from its log "
                                f"({self.path.name}-wal) that the backup lacks or holds older")
            self.notice += "."
        return conn

    def _show_log(self, check: LogCheck, conn: sqlite3.Connection) -> str:
        """Read-only: what a damaged log still holds, read into the temporary copy `conn` reads (the log is
        only read; it is set aside and repaired once the folder can be written). The rest of the message."""
        saved, whole = Salvage(), False
        if not check.foreign and check.frames:
            kept = dict(conn.execute("SELECT id, updated FROM bookmarks").fetchall())
            try:
                with tempfile.TemporaryDirectory(prefix="reader-app-rescue-") as tmp:
                    image, whole = apply_log(self.path, Path(f"{self.path}-wal"), check, Path(tmp) / "log.sqlite3")
                    whole = whole and self._take_whole(image, conn)
                    saved = _compare(kept, conn) if whole else self._add_back(rescue(image, COLUMNS), conn)
            except (OSError, sqlite3.Error) as exc:
                log.warning("cannot read the damaged bookmarks log: %s", exc)
        back = [f"{plural(n, 'bookmark')} {what}" for n, what in
                ((saved.added, "added"), (saved.newer, "edited"), (saved.removed, "deleted")) if n]
        listed = ", ".join(back)
        if whole:
            return ("; every save it held was read back and is shown" + (f" ({listed})" if back else "")
                    + ": it is repaired once the folder can be written.")
        shown = f"; read back from it and shown: {listed}" if back else ""
        return f"{shown}: the latest bookmarks may be missing until it can be repaired."

    @staticmethod
    def _version(conn: sqlite3.Connection) -> int:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self, conn: sqlite3.Connection) -> None:
        if self._version(conn) == SCHEMA_VERSION:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = self._version(conn)  # again, under the write lock: another process may have migrated
            if version > SCHEMA_VERSION:
                conn.execute("ROLLBACK")
                self.read_only = True
                self.read_only_reason = "they were saved by a newer reader-app"
                self.notice = (f"{READ_ONLY_NOTICE}: the database has schema {version}, newer than this "
                               f"reader-app knows ({SCHEMA_VERSION}).")
                return
            for n in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[n]:
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
            with contextlib.suppress(sqlite3.Error):  # into the database file, as every write
                checkpoint(conn)
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")

    # --- using ----------------------------------------------------------------------------------

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._conn
            except sqlite3.Error as exc:
                log.error("bookmark read failed: %s", exc)
                raise BookmarkError(f"cannot read the bookmarks: {describe_sqlite_error(exc, self.path.parent)}")

    @property
    def waits_for_room(self) -> bool:
        """Read-only only because the disk was full when the file was opened: a save opens it again first."""
        return self.read_only and self.read_only_reason == DISK_FULL

    def reopen_if_room(self) -> bool:
        """Opened read-only on a full disk: once there is room again, open the file itself, so that the next save
        works without a restart (the read-only copy stayed in use until the app ended). Whether it is writable."""
        if not self.waits_for_room or _nearly_full(self.path.parent):
            return not self.read_only
        with self._lock:
            before = (self._conn, self._tmp, self.notice, self.read_only_reason)
            self.read_only, self.read_only_reason, self.notice, self._tmp = False, "", "", None
            try:
                with file_lock(self.paths.data / "bookmarks.lock", timeout=lock_timeout(30.0)):
                    self._conn = self._open()  # read-only again (a new copy) when the room was not enough
            except (LockBusy, BookmarkError, OSError, sqlite3.Error) as exc:
                log.warning("bookmarks still read-only: %s", exc)
                self._conn, self._tmp, self.notice, self.read_only_reason = before
                self.read_only = True
                return False
            before[0].close()
            if before[1]:
                shutil.rmtree(before[1], ignore_errors=True)
        if not self.read_only:
            log.info("bookmarks writable again: the disk has room")
            self._give_id()
        return not self.read_only

    @contextlib.contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One transaction; committed, and on disk, when the block ends without an error."""
        self.reopen_if_room()
        if self.read_only:
            raise BookmarkError(f"cannot save bookmarks: {self.read_only_reason}")
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                    conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
                    conn.execute("COMMIT")
                finally:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
            except sqlite3.Error as exc:
                log.error("bookmark write failed: %s", exc)
                raise BookmarkError(f"cannot save bookmarks: {describe_sqlite_error(exc, self.path.parent)}")
            self._checkpoint()
        self._maybe_backup()

    def _checkpoint(self) -> None:
        """Into the database file at once: a damaged log can then cost no saved bookmark (one more fsync: under
        1 ms a write on a quiet disk, about 20 ms on a busy one; benchmarks/README.md). The write is committed
        already, so a failure here is only logged."""
        try:
            if not checkpoint(self._conn):
                log.info("bookmarks log not emptied: another reader-app is reading")
        except sqlite3.Error as exc:
            log.warning("cannot checkpoint the bookmarks log: %s", exc)

    def generation(self) -> int:
        """A counter every write increments; backups are named after it."""
        with self._lock:
            return int(self._conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])

    def close(self) -> None:
        """Close the file, backing it up first when it changed since the newest backup (the window closes
        it when it quits; the command line never does: a killed process could not either)."""
        if self.backup_at_close and not self.read_only:
            self._maybe_backup(now=True)  # 5-100 ms for up to 10,000 bookmarks (benchmarks/README.md)
        with self._lock:
            if self._key is None:
                return
            if not self.read_only:  # SQLite empties the log itself only when no other process has the file open
                self._checkpoint()
            self._conn.close()
            with _open_here_lock:
                if _open_here.get(self._key, 0) > 1:
                    _open_here[self._key] -= 1
                else:
                    _open_here.pop(self._key, None)
            self._key = None
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    # --- a damaged log ------------------------------------------------------------------------

    def _give_id(self) -> None:
        """A random id in `meta`, once: every write rewrites the meta page, so every log carries its database's
        id, and a log beside another database is known for what it is (no schema change: older versions ignore
        the row)."""
        try:
            with self._lock:
                if self._conn.execute("SELECT 1 FROM meta WHERE key = 'id'").fetchone() is None:
                    self._conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('id', ?)",
                                       (secrets.randbits(62),))
                    self._checkpoint()
        except sqlite3.Error as exc:
            log.warning("cannot give the bookmarks an id: %s", exc)

    def _aside_name(self) -> Path:
        """`bookmarks.sqlite3.damaged-STAMP` (-2, -3... within one second) with no file, -wal or -shm of that name
        yet: what is set aside never replaces what was set aside before."""
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        for n in range(1, 1000):
            aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}" + (f"-{n}" if n > 1 else ""))
            if not any(os.path.lexists(f"{aside}{suffix}") for suffix in ("", "-wal", "-shm")):
                return aside
        raise BookmarkError(f"cannot set the damaged bookmarks aside: too many in {self.path.parent}")

    def _set_aside_odd_shm(self) -> str:
        """Move aside, as it is, a -shm that is no regular file (SQLite writes into its -shm, through a link
        too, and would wait on a FIFO); SQLite builds a new one from the log. The message for it, or ""."""
        shm = Path(f"{self.path}-shm")
        kind = not_plain(shm)
        if kind is None or not self.path.exists():
            return ""
        with _open_here_lock:
            if self._key in _open_here:
                return ""
        aside = Path(f"{self._aside_name()}-shm")
        try:
            os.replace(shm, aside)
        except OSError as exc:
            raise BookmarkError(f"cannot open the bookmarks: their log's index ({shm.name}) is {kind}, not a "
                                f"file, and cannot be moved aside ({exc.strerror})")
        log.error("bookmarks log index is %s: moved aside as %s", kind, aside.name)
        return (f"The bookmarks log's index ({shm.name}) was not a file: it was {kind}. It was moved aside as it "
                f"was, as {aside.name}, in {aside.parent}, and rebuilt from the log.")

    def _left_log(self) -> LogCheck | None:
        """The log beside the file as SQLite would read it, when no process has the file open (a log in use
        by another reader-app is live, not left behind by a crash)."""
        if not self.path.exists():
            return None
        with _open_here_lock:
            if self._key in _open_here:
                return None
        try:
            if in_use(self.path):
                return None
            check = check_log(self.path)
            if (check is not None and ((check.used and not check.damaged) or check.header_damaged)
                    and _foreign(self.path, check)):
                check.reason = "it is not this database's log (its pages carry another database's id)"
                check.foreign = True
            return check
        except OSError as exc:
            log.warning("cannot read the bookmarks log: %s", exc)
            return None

    def _recover_log(self, check: LogCheck) -> sqlite3.Connection:
        """Keep the database and its damaged log aside, open what SQLite takes of them, add back what the rest
        of the log still yields, empty the log, and tell the user."""
        aside = self._aside_name()
        wal, aside_wal = Path(f"{self.path}-wal"), Path(f"{aside}-wal")
        for src, dst in ((self.path, aside), (wal, aside_wal), (Path(f"{self.path}-shm"), Path(f"{aside}-shm"))):
            if not_plain(src) is not None:  # a link, a FIFO, a folder: never read, never copied through
                if src == self.path:  # (a database reached through a link: the copy is a link to the same file)
                    os.symlink(os.readlink(src), dst)
                else:  # moved aside as it is: SQLite must not open it either
                    os.replace(src, dst)
            elif copy_plain(src, dst):
                _fsync_path(dst)
        log.error("bookmarks log damaged (%s); kept as %s", check.reason, aside_wal.name)
        if check.foreign:  # SQLite must not replay pages that are not this database's
            wal.unlink(missing_ok=True)
            Path(f"{self.path}-shm").unlink(missing_ok=True)
        conn: sqlite3.Connection | None = None
        try:
            conn = connect(self.path)
            _check(conn)
            self._migrate(conn)
        except (sqlite3.DatabaseError, _Damaged) as exc:
            if conn is not None:
                conn.close()
            if not is_damage(exc):
                raise BookmarkError(f"cannot open the bookmarks: {describe_sqlite_error(exc, self.path.parent)}")
            log.error("bookmarks database damaged under its log: %s", exc)
            return self._recover()
        kept = {bid: updated for bid, updated in conn.execute("SELECT id, updated FROM bookmarks")}
        since = max(kept.values(), default="")
        generation = int(conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])
        lost = check.lost_commits()
        cut = self._saves_cut_off(check, aside, conn)  # the saves whose frames are gone from a log cut short
        saved, whole = Salvage(), False
        if not check.foreign and check.frames:
            with tempfile.TemporaryDirectory(prefix="reader-app-rescue-") as tmp:
                image, whole = apply_log(aside, aside_wal, check, Path(tmp) / "applied.sqlite3")
                lost = max(lost, _generation(image) - generation)
                whole = whole and self._take_whole(image, conn)
                saved = _compare(kept, conn) if whole else self._add_back(rescue(image, COLUMNS), conn)
        lost += cut
        self.restored = True
        if not checkpoint(conn):
            log.warning("the damaged bookmarks log could not be emptied")
        self.notice = _log_notice(check, aside, lost, saved, whole, since)
        log.warning(self.notice)
        return conn

    @staticmethod
    def _saves_cut_off(check: LogCheck, aside: Path, conn: sqlite3.Connection) -> int:
        """How many saves were committed in frames a log cut short no longer holds: every save rewrites the meta
        page once (its write counter), and the -shm's index (the copy set aside, as found) names the page of
        each frame committed (0 when the frames cut off all belong to saves whose meta page is still there: those
        are counted from it). 1 when the index cannot tell: the last frame committed ends a save."""
        if check.committed <= len(check.frames):
            return 0
        pages = indexed_pages(aside, len(check.frames) + 1, check.committed)
        row = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'meta'").fetchone()
        if pages is None or row is None:
            return 1
        return pages.count(int(row[0]))

    @staticmethod
    def _take_whole(image: Path, conn: sqlite3.Connection) -> bool:
        """Make the database the log's last committed state, read whole from `image`, if that reads sound."""
        try:
            src = sqlite3.connect(f"{image.as_uri()}?mode=ro", uri=True)
        except sqlite3.Error:
            return False
        try:
            _check(src)
            src.backup(conn)
            return True
        except (sqlite3.Error, _Damaged) as exc:
            log.warning("the bookmarks log's pages do not read whole: %s", exc)
            return False
        finally:
            src.close()

    # --- damage ---------------------------------------------------------------------------------

    def _emptied(self) -> bool:
        """A file of 0 bytes where bookmarks were kept: a backup of them was taken, or a log or its index lies
        beside it. SQLite would delete that log without a word and start a new database; a new data folder has
        none of them."""
        try:
            if not stat.S_ISREG(self.path.stat().st_mode) or self.path.stat().st_size:
                return False
        except OSError:
            return False
        return bool(self.backups()) or any(_evidence(Path(f"{self.path}{s}")) for s in ("-wal", "-shm"))

    def _log_rows(self, db: Path) -> Rows:
        """The bookmark and tag rows the committed frames of the log beside `db` (a damaged file, set aside or
        not) still hold: its pages are laid over a new database's schema page (every bookmarks database has its
        tables at the same pages: MIGRATIONS, in order) unless the log holds page 1 itself. Pages the log lacks
        read as damaged, so only what the log holds is read, never a stale page; when the log lacks a page above
        the leaves it holds, those leaves are read cell by cell (core.bookmarks.rescue.leaf_rows). `complete`
        when the log is
        sound and its last commit holds every page of both tables. Only read: a link is never followed."""
        wal = Path(f"{db}-wal")
        try:
            check = None if not_plain(wal) is not None else check_log(db)
        except OSError as exc:
            log.warning("cannot read the bookmarks log: %s", exc)
            return Rows()
        if check is None or check.foreign or not check.frames or not max(check.committed, check.used):
            return Rows()
        whole = dataclasses.replace(check, backfilled=0)  # the frames already copied into the file are wanted too
        with tempfile.TemporaryDirectory(prefix="reader-app-rescue-") as tmp:
            base = Path(tmp) / "schema.sqlite3"
            schema = sqlite3.connect(base, isolation_level=None)
            try:
                schema.execute(f"PRAGMA page_size = {check.page_size}")
                for statements in MIGRATIONS:
                    for statement in statements:
                        schema.execute(statement)
            finally:
                schema.close()
            with open(base, "r+b") as fh:
                fh.truncate(check.page_size)
            upto = max(check.committed, check.used)
            image, _ = apply_log(base, wal, whole, Path(tmp) / "log.sqlite3", upto=upto)
            found = read_rows(f"{image.as_uri()}?mode=ro", COLUMNS)
            theirs, mine = _meta_id(image), self._backup_id()
            if theirs is not None and mine is not None and theirs != mine:
                log.warning("the log beside %s carries another database's id: not read", db.name)
                return Rows()
        if not found.complete:  # the log lacks pages of the tables (the interior ones above the leaves it holds)
            found = _merge(leaf_rows(log_pages(wal, check, upto), check.page_size, COLUMNS), found)
            found.complete = False
        found.complete = found.complete and not check.damaged
        return found

    def _backup_id(self) -> int | None:
        """The database id the newest backup holds."""
        found = self.backups()
        return _meta_id(found[0][0]) if found else None


    def _recover(self, not_a_file: bool = False, emptied: bool = False) -> sqlite3.Connection:
        """Set the damaged file aside (with its -wal and -shm), put the newest good backup in its place and add
        back what the damaged file and its log still yield; `not_a_file`: a folder or a pipe was there,
        `emptied`: a file of 0 bytes (nothing to read in either)."""
        kind = not_plain(self.path)  # "a link to …", "a folder", "a FIFO": said, and moved aside as it is
        mode = _file_mode(self.path)  # the new file is as private as the one it replaces (a link's target's)
        aside = self._aside_name()
        os.replace(self.path, aside)
        for suffix in ("-wal", "-shm"):
            companion = Path(str(self.path) + suffix)
            if os.path.lexists(companion):  # moved as it is, a link or a FIFO too
                os.replace(companion, Path(str(aside) + suffix))
        backup = self._good_backup()
        if backup is not None:
            tmp = self.path.with_name(self.path.name + ".restoring")
            shutil.copyfile(backup, tmp)
            _fsync_path(tmp)
            os.replace(tmp, self.path)
        conn = connect(self.path)
        self._migrate(conn)
        if mode is not None:
            with contextlib.suppress(OSError):
                os.chmod(self.path, mode)
        restored = conn.execute("SELECT count(*) FROM bookmarks").fetchone()[0]
        found = Rows() if not_a_file or emptied else rescue(aside, COLUMNS)
        from_log = self._log_rows(aside)
        saved = self._add_back(_merge(found, from_log), conn)
        self.restored = True
        where = (f"restored from the backup of {backup_time(backup)} ({plural(restored, 'bookmark')})" if backup
                 else "no backup was found, so a new one was started")
        source = ("the damaged file and its log" if found.bookmarks and from_log.bookmarks else
                  f"its log ({self.path.name}-wal)" if from_log.bookmarks else "the damaged file")
        extra = ""
        if saved.added:
            extra += f"; {saved.added:,} more {'was' if saved.added == 1 else 'were'} rescued from {source}"
        if saved.newer:
            extra += f"; {plural(saved.newer, 'bookmark')} edited since the backup kept the latest edit"
        if not saved.complete:
            since = f"saved or edited after the backup of {backup_time(backup)}" if backup else "in it"
            lead = "Nothing was left in the file" if emptied else "Part of the damaged file could not be read"
            extra += f". {lead}: bookmarks {since} may be lost (the damaged file is kept in {aside.parent})"
        what = (f"was not a file: it was {kind or 'a folder or a pipe'}" if not_a_file else
                "was empty (0 bytes), though bookmarks had been saved in it" if emptied else "was damaged")
        if kind and not not_a_file:  # a link the user made, to a file: read through, never copied out
            what = f"({self.path.name}) was {kind}, and what it points to was damaged or no bookmarks database"
        kept = f"as the link it was, as {aside.name} (what it points to is left as it is)" \
            if kind and os.path.islink(aside) else f"as {aside.name}"
        self.notice = f"The bookmarks database {what}. It was kept {kept} and {where}{extra}."
        log.warning(self.notice)
        return conn

    @staticmethod
    def _add_back(found: Rows, conn: sqlite3.Connection) -> Salvage:
        """Add back the rows a damaged file still yields (core.bookmarks.rescue reads them, around a bad page
        or under a damaged header): bookmarks the database lacks, and newer edits of those it has."""
        done = Salvage(complete=found.complete)
        at = {c: n for n, c in enumerate(COLUMNS)}
        conn.execute("BEGIN IMMEDIATE")
        try:
            for bid, r in found.bookmarks.items():
                row = tuple(d if x is None else x for x, d in zip(r, _DEFAULTS))
                if conn.execute(INSERT.replace("INSERT", "INSERT OR IGNORE", 1), row).rowcount:
                    done.added += 1
                    continue
                kept = conn.execute("SELECT updated FROM bookmarks WHERE id = ?", (bid,)).fetchone()
                if kept is not None and str(row[at["updated"]]) > str(kept[0]):  # edited after the backup
                    conn.execute(f"UPDATE bookmarks SET {', '.join(c + ' = ?' for c in COLUMNS[1:])} WHERE id = ?",
                                 (*row[1:], bid))
                    if found.complete:  # its tags as they were last; a partial read may lack some
                        conn.execute("DELETE FROM tags WHERE bookmark_id = ?", (bid,))
                    done.newer += 1
            for t in found.tags:
                conn.execute("INSERT OR IGNORE INTO tags (bookmark_id, tag, pos) SELECT ?, ?, ? "
                             "WHERE EXISTS (SELECT 1 FROM bookmarks WHERE id = ?)", (*t, t[0]))
            if done.added or done.newer:  # a write like any other: the next backup holds what was rescued
                conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
            conn.execute("COMMIT")
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        return done

    # --- backups --------------------------------------------------------------------------------

    def backups(self) -> list[tuple[Path, str, int]]:
        """(path, time stamp, generation) of every backup, newest first."""
        out = []
        try:
            for p in self.paths.backups.iterdir():
                m = _BACKUP_NAME.match(p.name)
                if m:
                    out.append((p, m.group(1), int(m.group(2))))
        except OSError:
            return []
        return sorted(out, key=lambda b: b[1], reverse=True)

    def _good_backup(self) -> Path | None:
        for path, _, _ in self.backups():
            try:
                conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
                try:
                    _check(conn)
                    conn.execute("SELECT count(*) FROM bookmarks").fetchone()
                finally:
                    conn.close()
                return path
            except (sqlite3.Error, _Damaged):
                log.warning("backup %s is damaged too; trying an older one", path.name)
        return None

    def _maybe_backup(self, now: bool = False) -> None:
        """Back up when the newest backup is `backup_every` writes behind or older than `backup_age` (with
        `now`, whenever it is behind at all)."""
        try:
            gen = self.generation()
            found = self.backups()
            if found:
                _, stamp, last = found[0]
                age = time.time() - _stamp_time(stamp).timestamp()
                if gen == last or (not now and abs(gen - last) < self.backup_every and age < self.backup_age):
                    return
            elif gen == 0:
                return
            self.backup()
        except (OSError, sqlite3.Error) as exc:
            log.warning("cannot back up the bookmarks: %s", exc)

    def backup(self) -> Path:
        """Write a complete copy into the backups folder now; keep the newest `keep_backups`."""
        folder = self.paths.backups
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        final = folder / f"bookmarks-{stamp}Z-g{self.generation()}.sqlite3"
        tmp = final.with_name(final.name + ".tmp")
        mode = _file_mode(self.path)
        if mode is not None:  # a backup is as private as the database (0600 stays 0600, through a link too)
            os.close(os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, mode))
            os.chmod(tmp, mode)  # (a stale .tmp of another mode)
        dst = sqlite3.connect(tmp)
        try:
            with self._lock:
                self._conn.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
        finally:
            dst.close()
        _fsync_path(tmp)
        os.replace(tmp, final)
        _fsync_path(folder)
        for old, _, _ in self.backups()[self.keep_backups:]:
            old.unlink(missing_ok=True)
        for stale in folder.glob("bookmarks-*.tmp"):
            with contextlib.suppress(OSError):
                if time.time() - stale.stat().st_mtime > 3600:
                    stale.unlink()
        return final
