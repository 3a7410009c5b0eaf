"""What a worker task leaves alive is frozen out of the garbage collector's walks, and so is what survives a
full collection: at 100,000 articles a full collection walked millions of objects holding the interpreter
(over a second measured), and the window stalled for it."""

from __future__ import annotations

import gc

import pytest

from reader_app.ui.window.workers import Runner, freeze_after_full_collections


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_what_a_task_leaves_alive_is_frozen(qtbot, unfrozen):
    runner = Runner()
    before = gc.get_freeze_count()
    with qtbot.waitSignal(runner.submit(lambda: [{"n": i} for i in range(20000)]).signals.finished,
                          timeout=10000) as done:
        pass
    assert len(done.args[0]) == 20000
    assert gc.get_freeze_count() - before >= 20000  # the task's result, out of later collections' walk
    runner.shutdown()


def test_what_survives_a_full_collection_is_frozen(unfrozen):
    freeze_after_full_collections()
    freeze_after_full_collections()  # once is enough: installed once
    kept = [{"n": i} for i in range(20000)]
    gc.collect()
    assert gc.get_freeze_count() >= len(kept)
    dropped = [[i] for i in range(1000)]
    for item in dropped:
        item.append(item)  # a cycle: still collected when it dies before a freeze
    del dropped, item
    assert gc.collect() >= 1000
