"""The errors the user sees: each str() is a one-line reason, shown as it is by the window and the command line."""

from __future__ import annotations

import errno
import os


def describe_os_error(exc: OSError) -> str:
    """A plain reason for a storage failure ("the folder /home/ann/.local/share/reader-app is read-only": a
    trial read "the folder" alone as the folder being imported)."""
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"{_folder_of(exc.filename)} is read-only"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "the disk is full"
    return (exc.strerror or str(exc)).lower()


def _folder_of(filename: object) -> str:
    """'the folder /where/it/is' of a file named in an error (printable, at most 120 characters); 'the folder'
    when none is named."""
    if not isinstance(filename, (str, bytes)) or not filename:
        return "the folder"
    folder = os.path.dirname(os.fsdecode(filename)) or "."
    folder = "".join(c if c.isprintable() else "?" for c in folder)
    return f"the folder {folder if len(folder) <= 120 else '…' + folder[-119:]}"


class LibraryError(Exception):
    """A request the library cannot carry out; str() is a one-line reason for the user."""


class ArticleNotFound(LibraryError):
    pass


class IndexError_(Exception):
    """The index cannot be used; str() is a one-line reason."""


class IndexBusyError(IndexError_):
    """Another process holds the index's write lock."""
