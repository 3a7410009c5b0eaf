"""Writing a file whole or not at all: a temporary file beside it, then an atomic rename.

Readers never see a half-written file; a failure (disk full, read-only) leaves the old file and no temporary
one behind. `durable` also flushes the data to disk before the rename (for files that hold the user's data).
"""

from __future__ import annotations

import json
import os
from pathlib import Path


def atomic_write(path: Path, data: str | bytes, durable: bool = False) -> None:
    """Replace `path` with `data` (text is written as UTF-8)."""
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


def atomic_write_json(path: Path, data: object, durable: bool = False, indent: int | None = 1) -> None:
    """`data` as JSON (UTF-8, non-ASCII kept), replacing `path` whole."""
    separators = (",", ":") if indent is None else None
    atomic_write(path, json.dumps(data, ensure_ascii=False, indent=indent, separators=separators), durable)
