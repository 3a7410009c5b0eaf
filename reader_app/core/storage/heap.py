"""Freed memory handed back to the system after work that made and dropped many objects (glibc's malloc_trim).

Listing 100,000 stored documents decodes their fields into millions of short-lived objects; once the rows are
made, most of that memory is free but stays in the process's heap, interleaved with what lives on, and the
system still counts it as the window's (about 600 MB resident where 410 MB is in use). glibc's malloc_trim
returns the free pages inside the heap too. Elsewhere (another C library, another system) this does nothing.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

_trim: Any = None  # glibc's malloc_trim once looked up, False when there is none


def give_back() -> bool:
    """Hand the heap's free pages back to the system; whether it could (only with glibc)."""
    global _trim
    if _trim is None:
        _trim = False
        if sys.platform.startswith("linux"):
            try:
                _trim = getattr(ctypes.CDLL(None), "malloc_trim", False)  # the process's own C library
            except OSError:
                pass
    if not _trim:
        return False
    _trim(0)
    return True
