"""Many JSON values, one per line, parsed a few hundred lines at a time.

A file of 100,000 lines (the manifest, the index's saved view) parsed in one json.loads call holds the
interpreter for the whole parse (100-500 ms), and a window reading it in a worker freezes for as long; one
json.loads per line costs several times more in all. Pieces of PIECE lines keep each call to a few
milliseconds, so the window's thread gets in between, at about the cost of one call.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from reader_app.core.storage.files import loads

PIECE = 500  # lines per json.loads call (about 2-5 ms of parsing)
BLOCK = 1 << 20  # bytes per decode and splitlines call in head_and_lines (a millisecond or two)


def head_and_lines(data: bytes, block: int = BLOCK) -> tuple[str, list[str]]:
    """UTF-8 bytes as (the first line, the rest's str.splitlines()), decoded a block at a time: decoding a 24 MB
    manifest in one call, then copying all but its first line out of it (str.partition), held the interpreter
    for about 30 ms each, and the window with it. UnicodeDecodeError when any of it is not UTF-8. A newline byte
    is never part of another character in UTF-8, so blocks cut just after one decode as the whole would."""
    cut = data.find(b"\n")
    if cut < 0:
        return data.decode("utf-8"), []
    lines: list[str] = []
    start, n = cut + 1, len(data)
    while start < n:
        end = data.find(b"\n", min(start + block, n) - 1)
        end = n if end < 0 else end + 1
        lines.extend(data[start:end].decode("utf-8").splitlines())
        start = end
    return data[:cut].decode("utf-8"), lines


def loads_lines(lines: Sequence[str], piece: int = PIECE) -> Iterator[Any]:
    """The value of each line, in order (blank lines skipped). A piece that does not parse is parsed a line at
    a time, so a damaged line raises ValueError (storage.files.loads) as a parse of that line alone would."""
    for start in range(0, len(lines), piece):
        chunk = [line for line in lines[start:start + piece] if line.strip()]
        try:
            values = json.loads("[" + ",".join(chunk) + "]")
        except (ValueError, RecursionError):
            values = [loads(line) for line in chunk]
        if len(values) != len(chunk):  # a line holding two values ("1,2") would shift the others
            values = [loads(line) for line in chunk]
        yield from values
