"""bulk_load: no full collection while a big structure loads, and what it loaded frozen at its end; afterwards a
task's cyclic garbage is collected as usual (nothing leaks from ordinary work such as searches)."""

from __future__ import annotations

import gc
import weakref

from reader_app.ui.window.workers import bulk_load


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def test_full_collections_wait_only_inside_a_load_and_ordinary_garbage_is_collected():
    thresholds = gc.get_threshold()
    try:
        with bulk_load():
            inside = gc.get_threshold()
            assert inside[:2] == thresholds[:2] and inside[2] > 1000 * thresholds[2]
            with bulk_load():  # nested loads (two workers): until the last one ends
                pass
            assert gc.get_threshold() == inside
            loaded = [list(range(3)) for _ in range(1000)]
        assert gc.get_threshold() == thresholds
        assert gc.get_freeze_count() > 0 and loaded  # what the load left alive is out of the collector's walk
        # after the load, a cycle made and dropped (a search's leftovers) is collected as usual
        node = _Node()
        gone = weakref.ref(node)
        del node
        gc.collect()
        assert gone() is None
    finally:
        gc.unfreeze()


def test_no_full_collection_walks_the_window_while_a_load_grows_and_young_garbage_is_still_collected():
    # A full collection walks every tracked object while holding the interpreter: 40-166 ms each at 100,000
    # articles, and each load of the library allocated enough to set off several (the window froze for each).
    full = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info.get("generation") == 2:
            full.append(1)

    thresholds = gc.get_threshold()
    gc.callbacks.append(count)
    try:
        with bulk_load():
            loaded = [[n] for n in range(400_000)]  # about as many new objects as the 100k list's rows and more
            node = _Node()
            young = weakref.ref(node)
            del node
            for _ in range(3):
                gc.collect(0)  # what allocation sets off all along: the young generations are still walked
            during = len(full)
            assert young() is None  # a cycle dropped during the load is collected with them
        assert during == 0 and loaded
        assert gc.get_threshold() == thresholds  # as it was once the load is over
    finally:
        gc.callbacks.remove(count)
        gc.unfreeze()
