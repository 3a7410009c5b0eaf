"""Checking the write-ahead log left beside the bookmarks file before SQLite reads it, and reading what it holds.

SQLite replays `bookmarks.sqlite3-wal` on open up to the first frame whose checksum fails and silently drops
that frame and every one after it: bookmarks saved only in those frames would vanish unsaid. The log is read
here as SQLite reads it (https://www.sqlite.org/fileformat2.html#walformat: a 32-byte header, frames of a
24-byte header and one page, checksums cumulative in the header's byte order, salts naming the log's current
generation) and compared with what was committed to it. The witness of that is the `-shm` file's wal-index
header, which a killed process leaves as it was at its last commit; without one, a complete frame of the
current generation that fails its checksum and is, or is followed by, a commit frame shows that committed
transactions are being dropped. Used by core.bookmarks.database at open.
"""

from __future__ import annotations

import fcntl
import os
import stat
import struct
from dataclasses import dataclass, field
from pathlib import Path

from reader_app.core.storage.files import copy_private, not_plain, open_plain

WAL_HEADER, FRAME_HEADER = 32, 24
_MAGIC = (0x377F0682, 0x377F0683)  # checksums little-endian, big-endian
_WAL_VERSION = 3007000
_PAGE_SIZES = tuple(512 << k for k in range(8))
_SHM_HEADER = 48  # one copy of the wal-index header; the -shm file starts with two, then the checkpoint info
_SHM_BLOCK, _BLOCK_FRAMES = 32768, 4096  # the -shm's blocks; each indexes this many frames...
_SHM_INDEX_START = 136  # ...but the first, which starts with the two headers and the checkpoint info
_FIRST_BLOCK_FRAMES = _BLOCK_FRAMES - _SHM_INDEX_START // 4
_SHM_DMS = 128  # the byte of the -shm every open connection holds a shared lock on (SQLite's os_unix.c)
_MASK = 0xFFFFFFFF


def checksum(data: bytes, big_endian: bool, s0: int = 0, s1: int = 0) -> tuple[int, int]:
    """SQLite's WAL checksum of `data` (a multiple of 8 bytes), continuing from (s0, s1)."""
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for x0, x1 in zip(words[0::2], words[1::2]):
        s0 = (s0 + x0 + s1) & _MASK
        s1 = (s1 + x1 + s0) & _MASK
    return s0, s1


@dataclass
class Frame:
    """One frame of the log: its number (from 1), the page it holds, the database size in pages when it is
    a commit frame (else 0), whether it carries the log's current salts, and whether its checksum holds,
    counted from the previous frame's stored checksum (`intact`) and along the chain SQLite follows
    (`chained`)."""

    number: int
    page: int
    commit: int
    current: bool
    intact: bool
    chained: bool


@dataclass
class LogCheck:
    """What the log beside a database holds against what SQLite will take from it.

    `used`: the frames SQLite replays (up to its last valid commit); `committed`: the frames known to have
    been committed (the -shm's count, else the last commit frame of the current generation in the file);
    `damaged` says whether committed frames are dropped, `reason` how, in a few words; `foreign` when nothing
    of the log can be trusted to be this database's (none of it should be read).
    """

    size: int
    page_size: int = 0
    big_endian: bool = False
    salts: bytes = b""
    frames: list[Frame] = field(default_factory=list)
    used: int = 0
    committed: int = 0
    backfilled: int = 0  # frames already copied into the database file (the -shm's count, else 0)
    witness: bool = False  # the -shm's wal-index header names this log
    reason: str = ""
    foreign: bool = False
    not_a_file: str = ""  # what stands in the log's place when it is no regular file ("a FIFO", "a link to …")
    header_damaged: bool = False  # only the log's header is: its frames were read with the salts they agree on

    @property
    def damaged(self) -> bool:
        return bool(self.reason)

    def lost_commits(self) -> int:
        """Committed transactions SQLite will not replay, as far as the file shows (a truncated log hides some)."""
        return sum(1 for f in self.frames if self.used < f.number <= self.committed and f.commit and f.current)


@dataclass
class _Witness:
    mx_frame: int
    backfilled: int
    salts: bytes


def _read_witness(shm: Path) -> _Witness | None:
    """The -shm's wal-index header when it is whole (both copies alike, checksum sound, initialised)."""
    try:
        fd = open_plain(shm)  # a link, a FIFO or a device is no witness, and is never read
        if fd is None:
            return None
        with open(fd, "rb") as fh:
            head = fh.read(2 * _SHM_HEADER + 4)
    except OSError:
        return None
    if len(head) < 2 * _SHM_HEADER + 4 or head[:_SHM_HEADER] != head[_SHM_HEADER:2 * _SHM_HEADER]:
        return None
    version, _, _, is_init, _, _, mx_frame = struct.unpack("=IIIBBHI", head[:20])
    native_big = struct.pack("=I", 1) == b"\0\0\0\1"
    if version != _WAL_VERSION or not is_init or checksum(head[:40], native_big) != struct.unpack("=2I", head[40:48]):
        return None
    backfilled = struct.unpack("=I", head[2 * _SHM_HEADER:2 * _SHM_HEADER + 4])[0]
    return _Witness(mx_frame, min(backfilled, mx_frame), head[32:40])


def indexed_pages(db: Path, first: int, last: int) -> list[int] | None:
    """The page each frame `first`..`last` (from 1) holds, as the -shm's wal-index records it: it names the frames
    a log cut short no longer holds. None when the -shm is not a whole witness of this log's frames."""
    if _read_witness(Path(str(db) + "-shm")) is None:
        return None
    try:
        fd = open_plain(Path(str(db) + "-shm"))
        if fd is None:
            return None
        with open(fd, "rb") as fh:
            index = fh.read()
    except OSError:
        return None
    pages = []
    for n in range(first, last + 1):  # SQLite's wal.c: 32 KiB blocks, each starting with its frames' page numbers
        if n <= _FIRST_BLOCK_FRAMES:
            at = _SHM_INDEX_START + 4 * (n - 1)
        else:
            block, k = divmod(n - _FIRST_BLOCK_FRAMES - 1, _BLOCK_FRAMES)
            at = (block + 1) * _SHM_BLOCK + 4 * k
        if at + 4 > len(index):
            return None
        pages.append(struct.unpack("=I", index[at:at + 4])[0])
    return pages


def in_use(db: Path) -> bool:
    """Whether another process has the database open (it holds the -shm's DMS lock): its log is live then,
    not left behind. Never call this while this process has a connection to `db`: closing any descriptor of
    the -shm drops the POSIX locks the process holds on it."""
    try:
        fd = os.open(str(db) + "-shm", os.O_RDWR | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SHM_DMS)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, _SHM_DMS)
        return False
    finally:
        os.close(fd)


def check_log(db: Path) -> LogCheck | None:
    """Read `db`'s -wal as SQLite will and say whether committed frames would be dropped. None when there is
    no log, or an empty one."""
    wal = Path(str(db) + "-wal")
    # Never through a link, never a FIFO (reading one waits for ever) or a device (/dev/zero has no end): what
    # stands there is named, and moved aside by the caller as it is, its target never read nor copied.
    try:
        fd = open_plain(wal)
    except FileNotFoundError:
        return None
    if fd is None:
        kind = not_plain(wal) or "not a regular file"
        return LogCheck(size=0, reason=f"it is {kind}, not a file, so none of it can be read", foreign=True,
                        not_a_file=kind)
    with open(fd, "rb") as fh:
        data = fh.read()
    witness = _read_witness(Path(str(db) + "-shm"))
    lost = witness.mx_frame > witness.backfilled if witness is not None else False
    if not data:
        if not lost or witness is None:
            return None
        # Emptied after frames were committed to it (the -shm says so) and before they reached the file.
        return LogCheck(size=0, committed=witness.mx_frame, witness=True, foreign=True,
                        reason=f"it is empty, though its index (-shm) says {witness.mx_frame} frames were "
                               f"committed to it")
    check = LogCheck(size=len(data))
    head = data[:WAL_HEADER]
    magic, version, page_size = struct.unpack(">III", head[:12]) if len(head) == WAL_HEADER else (0, 0, 0)
    big = magic == _MAGIC[1]
    shaped = magic in _MAGIC and version == _WAL_VERSION and page_size in _PAGE_SIZES
    sound = shaped and checksum(head[:24], big) == struct.unpack(">II", head[24:32])
    if not sound and shaped and _past_the_header(check, data, witness, page_size, big):
        return check
    if not sound:  # SQLite ignores the whole file
        if len(data) > WAL_HEADER:  # frames were written after a header that is gone
            check.reason = "its header is unreadable, so none of it is used"
            check.foreign = True  # nothing in it can be trusted to belong to this database
        elif lost and witness is not None:  # cut inside its header, after frames were committed to it
            check.reason = (f"it is cut short ({len(data)} bytes), though its index (-shm) says "
                            f"{witness.mx_frame} frames were committed to it")
            check.committed, check.witness, check.foreign = witness.mx_frame, True, True
        return check
    check.page_size, check.big_endian, check.salts = page_size, big, head[16:24]
    _read_frames(check, data)
    return _judge(check, witness)


def _read_frames(check: LogCheck, data: bytes) -> None:
    """check.frames from `data`, judged against check.salts and the header's stored checksum."""
    page_size, big = check.page_size, check.big_endian
    stored = struct.unpack(">II", data[24:32])
    chain = True
    size = FRAME_HEADER + page_size
    for n, at in enumerate(range(WAL_HEADER, len(data) - size + 1, size), start=1):
        fh_ = data[at:at + FRAME_HEADER]
        page, commit = struct.unpack(">II", fh_[:8])
        mine = struct.unpack(">II", fh_[16:24])
        current = fh_[8:16] == check.salts
        body = data[at + FRAME_HEADER:at + size]
        intact = page != 0 and checksum(body, big, *checksum(fh_[:8], big, *stored)) == mine
        chained = chain and current and intact  # the chain, once unbroken, runs through the stored checksums
        check.frames.append(Frame(n, page, commit, current, intact, chained))
        chain = chained
        stored = mine


def _judge(check: LogCheck, witness: _Witness | None) -> LogCheck:
    """What SQLite replays of the frames read, against what the witness (or the frames) say was committed."""
    for f in check.frames:
        if not f.chained:
            break
        if f.commit:
            check.used = f.number
    if witness is not None and witness.salts == check.salts:
        check.witness, check.backfilled = True, witness.backfilled
        check.committed = witness.mx_frame
        if witness.mx_frame > check.used:
            broken = _first_broken(check)
            check.reason = (f"frame {broken} of the {witness.mx_frame} committed is damaged"
                            if broken <= min(witness.mx_frame, len(check.frames)) else
                            f"it is cut short: {len(check.frames)} of the {witness.mx_frame} frames committed "
                            f"are there")
        return check
    # A -shm naming other salts is no witness: the log may have started afresh since, or the -shm was not
    # written back before a power cut. Whether the log is this database's is told by what it holds
    # (core.bookmarks.database compares the database's id with the one the log's pages carry).
    # No witness: a complete frame of this generation that fails its checksum and is, or is followed by, a
    # commit frame means committed transactions are dropped; a kill mid-write leaves a short or uncommitted tail.
    after = [f for f in check.frames[check.used:] if f.current and f.page]
    if any(not f.chained for f in after):
        last_commit = max((f.number for f in after if f.commit), default=0)
        if last_commit:
            check.committed = last_commit
            check.reason = f"frame {_first_broken(check)} of {len(check.frames)} is damaged"
    return check


def _past_the_header(check: LogCheck, data: bytes, witness: _Witness | None, page_size: int, big: bool) -> bool:
    """A header whose own checksum fails (a changed salt byte) makes SQLite drop every frame. When the frames
    agree among themselves on their salts and their checksums chain, from the checksum the header stored, up
    to a commit frame, only the header is damaged: the frames are read with their own salts (SQLite replays
    none of them). False, and `check` as it was, otherwise."""
    if len(data) < WAL_HEADER + FRAME_HEADER + page_size:
        return False
    check.page_size, check.big_endian, check.salts = page_size, big, data[WAL_HEADER + 8:WAL_HEADER + 16]
    _read_frames(check, data)
    last = max((f.number for f in check.frames if f.chained and f.commit), default=0)
    if not last:
        check.page_size, check.big_endian, check.salts, check.frames = 0, False, b"", []
        return False
    if witness is not None and witness.salts == check.salts:
        check.witness, check.backfilled = True, witness.backfilled
        check.committed = max(witness.mx_frame, last)
    else:
        check.committed = last
    check.used, check.header_damaged = 0, True
    check.reason = (f"its header is damaged, so SQLite would use none of it; its frames agree among themselves "
                    f"and {last} of them were read")
    return True


def _first_broken(check: LogCheck) -> int:
    return next((f.number for f in check.frames if not f.chained), len(check.frames) + 1)


def apply_log(db: Path, wal: Path, check: LogCheck, out: Path, upto: int | None = None) -> tuple[Path, bool]:
    """Write into `out` a copy of `db` with every intact frame of the log's current generation applied, up to
    the last commit known or frame `upto` (a damaged frame is skipped: the page keeps its previous version).
    Returns the copy and whether it is whole: no page's newest version was skipped and no committed frame is
    missing."""
    copy_private(db, out)
    size = FRAME_HEADER + check.page_size
    last = check.committed if upto is None else upto
    newest: dict[int, bool] = {}
    pages = 0
    with open(wal, "rb") as src, open(out, "r+b") as dst:
        for f in check.frames:
            if f.number <= check.backfilled or f.number > last or not f.current:
                continue
            newest[f.page] = f.intact
            if not f.intact:
                continue
            src.seek(WAL_HEADER + (f.number - 1) * size + FRAME_HEADER)
            dst.seek((f.page - 1) * check.page_size)
            dst.write(src.read(check.page_size))
            pages = max(pages, f.page, f.commit)
        length = os.fstat(dst.fileno()).st_size // check.page_size
        pages = max(pages, length)
        dst.seek(0)
        header = bytearray(dst.read(100))
        if len(header) == 100:
            header[18] = header[19] = 1  # read as a rollback-journal file: the copy has no log of its own
            header[28:32] = pages.to_bytes(4, "big")
            header[92:96] = header[24:28]  # makes the page count just written the one SQLite believes
            dst.seek(0)
            dst.write(header)
    whole = all(newest.values()) and len(check.frames) >= last
    return out, whole


def log_pages(wal: Path, check: LogCheck, upto: int) -> dict[int, bytes]:
    """The newest intact version of each page in the frames of the log's current generation up to `upto`."""
    size = FRAME_HEADER + check.page_size
    pages: dict[int, bytes] = {}
    fd = open_plain(wal)
    if fd is None:
        return pages
    with open(fd, "rb") as src:
        for f in check.frames:
            if f.number <= upto and f.current and f.intact:
                src.seek(WAL_HEADER + (f.number - 1) * size + FRAME_HEADER)
                pages[f.page] = src.read(check.page_size)
    return pages
