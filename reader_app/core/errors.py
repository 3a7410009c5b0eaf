"""The errors the user sees: each str() is a one-line reason, shown as it is by the window and the command line."""

from __future__ import annotations

import errno


def describe_os_error(exc: OSError) -> str:
    """A plain reason for a storage failure."""
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "the folder is read-only"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "the disk is full"
    return (exc.strerror or str(exc)).lower()


class LibraryError(Exception):
    """A request the library cannot carry out; str() is a one-line reason for the user."""


class ArticleNotFound(LibraryError):
    pass


class IndexError_(Exception):
    """The index cannot be used; str() is a one-line reason."""


class IndexBusyError(IndexError_):
    """Another process holds the index's write lock."""
