"""bulk_load: full collections freeze their survivors only while a big structure loads; afterwards a task's
cyclic garbage is collected as usual (nothing leaks from ordinary work such as searches)."""

from __future__ import annotations

import gc
import weakref

from reader_app.ui.window.workers import _freeze_survivors, bulk_load


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def test_the_freeze_hook_is_installed_only_inside_a_load_and_ordinary_garbage_is_collected():
    try:
        assert _freeze_survivors not in gc.callbacks
        with bulk_load():
            assert _freeze_survivors in gc.callbacks
            with bulk_load():  # nested loads (two workers) keep one hook
                assert gc.callbacks.count(_freeze_survivors) == 1
            assert _freeze_survivors in gc.callbacks
            loaded = [list(range(3)) for _ in range(1000)]
        assert _freeze_survivors not in gc.callbacks
        assert gc.get_freeze_count() > 0 and loaded  # what the load left alive is out of the collector's walk
        # after the load, a cycle made and dropped (a search's leftovers) is collected as usual
        node = _Node()
        gone = weakref.ref(node)
        del node
        gc.collect()
        assert gone() is None
    finally:
        gc.unfreeze()
