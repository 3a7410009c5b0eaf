"""The one-line reasons the user reads for storage failures (core/errors.py)."""

from __future__ import annotations

import errno

from reader_app.core.errors import describe_os_error


def test_a_read_only_failure_names_the_folder_it_could_not_write():
    """"cannot save changes: the folder is read-only" was read as the folder being imported (a trial): the
    reason names the folder of the file it could not write, printable and not too long."""
    denied = PermissionError(errno.EACCES, "Permission denied", "/home/ann/.local/share/reader-app/library/a.txt")
    assert describe_os_error(denied) == "the folder /home/ann/.local/share/reader-app/library is read-only"
    assert describe_os_error(OSError(errno.EROFS, "Read-only file system")) == "the folder is read-only"
    odd = describe_os_error(OSError(errno.EROFS, "Read-only file system", b"/tmp/\xff\nx/" + b"d" * 300 + b"/f"))
    assert odd.startswith("the folder …") and odd.endswith(" is read-only") and odd.isprintable()
    assert len(odd) < 160
    assert describe_os_error(OSError(errno.ENOSPC, "No space left on device", "/x/y")) == "the disk is full"
