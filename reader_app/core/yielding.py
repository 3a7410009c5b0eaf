"""Letting other threads in during long loops of core work.

The window runs core work (the entity table, a thread's timeline, the sync) in a worker thread while its GUI
thread paints. Python lets one thread run at a time; a worker that runs a long loop of short C calls (column
reads, json decoding, set and dict work) was measured to keep the GUI thread waiting for the interpreter for
about 240 ms at a time at 20,955 articles (stories_bench --gui-probe, a quiet machine), although no single
call took over 25 ms. A zero-length sleep releases the interpreter and lets a waiting thread take it at once:
with one every few hundred articles, the same probe's longest stall fell to 14-22 ms.

Only a process with such a thread wants that: the window turns it on (`share_interpreter`). Elsewhere (the
command line, worker processes) the pauses are off, because on a busy machine a zero-length sleep is also a
system call that hands the CPU to other processes: at load average 6 it cost 2 ms a call, 4 s of a 21 s
command-line import of 100 articles into a library of 100,565.

A single C call cannot be interrupted that way: one sort of 100,000 items holds the interpreter for 30-60 ms,
so big lists are sorted in pieces (sort_in_pieces).
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
CHUNK = 8192  # items sorted by one C call at most (a few milliseconds)


_shared = False  # a thread that must not wait (the window's GUI thread) shares this process's interpreter


def share_interpreter(on: bool = True) -> None:
    """Turn the pauses on (the window, whose GUI thread must get the interpreter while workers loop) or off."""
    global _shared
    _shared = on


def let_others_run() -> None:
    """Give the interpreter to any thread waiting for it (e.g. the window's GUI thread), then go on."""
    if _shared:
        time.sleep(0)


def with_pauses(items: Iterable[T], every: int = 256) -> Iterator[T]:
    """`items` one by one, letting any waiting thread in every `every` of them. For loops whose every step makes
    a system call (a file's next block, a stat): each call lets go of the interpreter and takes it straight
    back, too soon for a waiting thread to get it, and the waiting thread's own request to have it handed over
    is put off by every such change of hands. So a loop of 100,000 stats or reads of a few kilobytes kept the
    GUI thread waiting 80-150 ms at a time (a faulthandler trace of the open at 100,565 articles showed the
    worker moving on through the loop all along), where a zero-length sleep hands the interpreter over."""
    if not _shared:
        yield from items
        return
    n = 0
    for item in items:
        n += 1
        if n == every:
            n = 0
            time.sleep(0)
        yield item


def sort_in_pieces(items: list[T], key: Callable[[T], Any], reverse: bool = False,
                   chunk: int | None = None) -> list[T]:
    """sorted(items, key=key, reverse=reverse), the same stable order, in pieces merged in Python.

    Big lists are sorted in workers, but one sort of 100,000 rows is a single C call that holds the
    interpreter for 30-60 ms, and the window's thread waits it out; between pieces it gets in.
    """
    chunk = chunk or CHUNK
    if len(items) <= chunk:
        return sorted(items, key=key, reverse=reverse)
    runs = [sorted(items[i:i + chunk], key=key, reverse=reverse) for i in range(0, len(items), chunk)]
    return list(heapq.merge(*runs, key=key, reverse=reverse))  # ties: the earlier piece first, as sorted()


def release_in_pieces(container: list | dict, piece: int = 4096) -> None:
    """Empty a big list or dict a piece at a time. Dropping the last reference to 100,000 entries frees them
    all in one cascade of C calls (50-75 ms for the manifest and the article files' list at 100,000 articles,
    the interpreter held throughout); emptied in pieces, other threads get in between."""
    if isinstance(container, list):
        while container:
            del container[-piece:]
            let_others_run()
    else:
        while container:
            for _ in range(min(piece, len(container))):
                container.popitem()
            let_others_run()
