"""Naming a Python package an install lacks, for one-line reasons ("the Python package X is missing")."""

from __future__ import annotations

import re

_NO_MODULE = re.compile(r"No module named '([\w.]+)'")


def missing_package(exc: BaseException) -> str | None:
    """The top-level package whose import failed in `exc` or what it was raised from, or None.

    lxml's `lxml.html.clean` re-raises a bare ImportError `from None` when lxml_html_clean is absent; the
    module that was really missing is in the exception's context, so the whole chain is searched."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ImportError):
            name = current.name
            if not name and (found := _NO_MODULE.search(str(current))):
                name = found.group(1)
            if name:
                return name.split(".")[0]
        current = current.__cause__ or current.__context__
    return None


def missing_reason(exc: BaseException) -> str | None:
    """"cannot read it: the Python package X is missing; reinstall reader-app" for an import failure."""
    if not isinstance(exc, ImportError):
        return None
    name = missing_package(exc)
    what = f"the Python package {name} is missing" if name else "a Python package it needs cannot be loaded"
    return f"cannot read it: {what}; reinstall reader-app"
