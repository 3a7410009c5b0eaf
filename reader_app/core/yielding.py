"""Letting other threads in during long loops of core work.

The window runs core work (the entity table, a thread's timeline, the sync) in a worker thread while its GUI
thread paints. Python lets one thread run at a time; a worker that runs a long loop of short C calls (column
reads, json decoding, set and dict work) was measured to keep the GUI thread waiting for the interpreter for
about 240 ms at a time at 20,955 articles (stories_bench --gui-probe, a quiet machine), although no single
call took over 25 ms. A zero-length sleep releases the interpreter and lets a waiting thread take it at once:
with one every few hundred articles, the same probe's longest stall fell to 14-22 ms. It costs nothing
measurable when no other thread waits, and the command line (one thread) is unaffected.
"""

from __future__ import annotations

import time


def let_others_run() -> None:
    """Give the interpreter to any thread waiting for it (e.g. the window's GUI thread), then go on."""
    time.sleep(0)
