"""Writing a file whole or not at all: a temporary file beside it, then an atomic rename.

Readers never see a half-written file; a failure (disk full, read-only) leaves the old file and no temporary
one behind. `durable` also flushes the data to disk before the rename (for files that hold the user's data).
Only a process killed outright (SIGKILL, power loss) can leave its temporary file, `.NAME.PID.tmp`: the next
write of NAME removes those whose process is gone (`remove_stale` does it for a whole folder).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.tmp$")


def _gone(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError):
        return False
    return False


def remove_stale(folder: Path, name: str | None = None) -> int:
    """Remove temporary files in `folder` (of `name` only, if given) left by processes that no longer run;
    returns how many. Never fails: a folder that cannot be read or written is left as it is."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        m = _TEMP.match(entry.name)
        if m is None or (name is not None and m["name"] != name) or not _gone(int(m["pid"])):
            continue
        try:
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed += 1
        except OSError:
            pass
    return removed


def atomic_write(path: Path, data: str | bytes, durable: bool = False, clean: bool = True) -> None:
    """Replace `path` with `data` (text is written as UTF-8). With `clean`, leftovers of earlier writes of
    this name by killed processes are removed first (callers writing many files in one folder pass False
    and call remove_stale once)."""
    if clean:
        remove_stale(path.parent, path.name)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def open_regular(path: Path) -> int | None:
    """A blocking file descriptor reading `path` when it is a regular file; None when it is anything else (a
    FIFO, a device, a socket: a cache that is not a file is treated as missing). Opened without waiting, since
    opening a FIFO to read waits for a writer, for ever when none comes. Raises OSError as os.open does (a
    missing file: FileNotFoundError)."""
    return _if_regular(os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)))


def _if_regular(fd: int) -> int | None:
    """`fd` made blocking when it reads a regular file; else closed, and None."""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            return None
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: Path) -> bytes | None:
    """The bytes of `path` when it is a regular file; None when it is not (see open_regular)."""
    fd = open_regular(path)
    if fd is None:
        return None
    with open(fd, "rb") as fh:
        return fh.read()


def is_irregular(path: Path) -> bool:
    """True when something other than a regular file (or a link to one) is at `path`: a cache kept there
    would replace it, so it is not written."""
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False  # nothing there (or a dangling link): a cache may be written


def open_plain(path: Path) -> int | None:
    """open_regular without following a link: None when `path` is a link (even to a regular file), a folder, a
    FIFO, a device or a socket, so that nothing outside the data folder is ever read in its place. Raises
    FileNotFoundError when nothing is there."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        if os.path.lexists(path):  # ELOOP (a link), ENXIO (a socket), EACCES on a device...
            return None
        raise
    return _if_regular(fd)


def not_plain(path: Path) -> str | None:
    """What stands at `path` when it is not a regular file, never following a link, in words for a message:
    "a link to /etc/shadow", "a link to x, which does not exist", "a FIFO", "a folder"...; None when a regular
    file or nothing is there."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISLNK(st.st_mode):
        try:
            target = printable_path(os.readlink(path))
        except OSError:
            target = "?"
        return f"a link to {target}" + ("" if os.path.exists(path) else ", which does not exist")
    if stat.S_ISREG(st.st_mode):
        return None
    return file_kind(st.st_mode)


def copy_plain(src: Path, dst: Path) -> bool:
    """Copy `src` into `dst` when it is a regular file (never through a link, never a FIFO or a device); False,
    and nothing written, when it is missing or anything else."""
    try:
        fd = open_plain(src)
    except FileNotFoundError:
        return False
    if fd is None:
        return False
    with open(fd, "rb") as fh, _private(dst) as out:
        shutil.copyfileobj(fh, out)
    return True


def copy_private(src: Path | str, dst: Path | str) -> None:
    """Copy `src` into `dst`, which only its owner may read or write (0600) from the start: a copy of what a link
    pointed to is never readable by more people than, perhaps, the file itself was."""
    with open(src, "rb") as fh, _private(dst) as out:
        shutil.copyfileobj(fh, out)


def _private(path: Path | str) -> BinaryIO:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        os.fchmod(fd, 0o600)  # a file that was there keeps its mode otherwise
    except BaseException:
        os.close(fd)
        raise
    return open(fd, "wb")


def open_pipe_writer(path: Path, wait: float) -> int | None:
    """A blocking file descriptor writing into the FIFO `path`, once a program reads it: opening a FIFO for
    writing waits until one does, for ever when none comes, so it is opened without waiting, again every 50 ms
    for up to `wait` seconds (a reader started just before may not have opened it yet). None when no program
    opened it for reading in that time."""
    import errno  # noqa: PLC0415 - only here
    import time  # noqa: PLC0415 - only here

    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        except OSError as exc:
            if exc.errno != errno.ENXIO:  # ENXIO: no reader yet
                raise
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.05)
            continue
        os.set_blocking(fd, True)  # a slow reader is waited for, as by any program writing into a pipe
        return fd


def json_line(data: object, **options: object) -> str:
    """`data` as JSON with non-ASCII kept, except when it holds a file name that is not UTF-8 (a lone
    surrogate from surrogateescape): then as \\u escapes, which JSON reads back to the same name."""
    text = json.dumps(data, ensure_ascii=False, **options)  # type: ignore[arg-type]
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(data, ensure_ascii=True, **options)  # type: ignore[arg-type]
    return text


def shown_path(name: str) -> str:
    """A file name as text that is valid Unicode: bytes that were not UTF-8 (kept by surrogateescape) are
    written as \\xe9 escapes; any other name is returned as it is."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that no file name holds
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


# Characters that would act on a terminal rather than show: C0/C1 controls (ESC sequences) and the bidi controls
# that reorder what follows (U+202E shows "txt.exe" as "exe.txt").
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable_path(name: str) -> str:
    """shown_path, with control and bidi characters written as \\xNN / \\uNNNN escapes: a file name as it
    may be printed on a terminal (stored paths keep shown_path's form)."""
    def escape(m: re.Match[str]) -> str:
        c = ord(m.group())
        return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"

    return _UNSHOWABLE.sub(escape, shown_path(name))


def atomic_write_json(path: Path, data: object, durable: bool = False, indent: int | None = 1) -> None:
    """`data` as JSON (UTF-8, non-ASCII kept), replacing `path` whole."""
    separators = (",", ":") if indent is None else None
    atomic_write(path, json_line(data, indent=indent, separators=separators), durable)


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed process whose new parent has not reaped it yet is a zombie: dead, though kill() finds it
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


DATA_FILE_LIMIT = 512 * 2**20  # bytes read at most from one of the app's own files in the data folder


class DamagedFile(ValueError):
    """One of the app's own files cannot be used: not a regular file, too large, not UTF-8, or not JSON."""


def read_at_most(fd: int, limit: int) -> bytes:
    """What an open file descriptor gives, up to `limit` + 1 bytes (one more than allowed tells the caller that
    the file grew past its limit while read), a megabyte at a time."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = os.read(fd, min(1 << 20, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def read_data_bytes(path: Path, limit: int = DATA_FILE_LIMIT) -> bytes:
    """The bytes of one of the app's own files (manifest, details, caches), read only as a regular file of at
    most `limit` bytes: a FIFO put there never hangs a command, a link to /dev/zero is never read without end.
    FileNotFoundError when it is missing, DamagedFile when it is something else."""
    import stat  # noqa: PLC0415 - only here

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise DamagedFile(f"{path} is not a regular file")
        if st.st_size > limit:
            raise DamagedFile(f"{path} is too large ({st.st_size} bytes)")
        data = read_at_most(fd, limit)
        if len(data) > limit:
            raise DamagedFile(f"{path} is too large (over {limit} bytes)")
        return data
    finally:
        os.close(fd)


def read_data_text(path: Path, limit: int = DATA_FILE_LIMIT) -> str:
    """read_data_bytes as UTF-8 text (DamagedFile when it is not)."""
    try:
        return read_data_bytes(path, limit).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DamagedFile(f"{path} is not UTF-8 text ({exc.reason})")


def data_lines(path: Path, limit: int = DATA_FILE_LIMIT) -> tuple[list[str], int]:
    """The UTF-8 lines of a line-per-entry file, and how many lines were not UTF-8 (skipped)."""
    lines, bad = [], 0
    for raw in read_data_bytes(path, limit).split(b"\n"):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            bad += 1
    return lines, bad


def loads(text: str) -> Any:
    """json.loads, with nesting too deep for the interpreter ('[' * 100000) a ValueError like any bad JSON."""
    try:
        return json.loads(text)
    except RecursionError:
        raise DamagedFile("nested too deeply")


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words ("a FIFO", "a device", …), for a refusal."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def stamps(paths: Iterable[Path]) -> tuple[tuple[int, int] | None, ...]:
    """(modification time in ns, size) of each path, None for one that cannot be examined: what tells a
    window that another process (the command line) changed a file it read."""
    found: list[tuple[int, int] | None] = []
    for path in paths:
        try:
            st = os.stat(path)
            found.append((st.st_mtime_ns, st.st_size))
        except OSError:
            found.append(None)
    return tuple(found)
