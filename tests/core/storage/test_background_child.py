"""A child doing background work for the window runs at a lower CPU priority than the process that started it."""

from __future__ import annotations

import os

from reader_app.core.storage.children import BACKGROUND_NICENESS, Child, background


def _report_niceness(conn) -> None:
    background()
    conn.send(os.getpriority(os.PRIO_PROCESS, 0))


def test_a_background_child_gives_way_to_its_parent():
    ours = os.getpriority(os.PRIO_PROCESS, 0)
    child = Child(_report_niceness, name="reader-app test child")
    try:
        child.start()
        assert child.conn is not None
        assert child.conn.recv() == min(19, ours + BACKGROUND_NICENESS)
    finally:
        child.close()
    assert os.getpriority(os.PRIO_PROCESS, 0) == ours  # this process keeps its own
