"""The window when a search finds the index damaged on disk: it says so while the index is rebuilt, with the
rebuild's progress, and that it was rebuilt once the search has answered."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.faults.conftest import make_articles
from tests.ui.conftest import idle

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("does not support propagateSizeHints")]  # the offscreen platform


def test_a_search_on_a_damaged_index_says_it_is_being_rebuilt_then_rebuilt(qtbot, make_window, data_dir, tmp_path):
    """A user trial: a segment truncated under the open window left "Searching…" and an empty list for 12-18 s
    and nothing ever said why (only the log). Some searches even answered "No results" at once: a short read
    in Whoosh's term table was taken for a term the segment lacks."""
    assert run_cli("import", str(make_articles(tmp_path / "batch", 120)), data_dir=data_dir).returncode == 0
    w = make_window()
    with qtbot.waitSignal(w.controller.search_done, timeout=60000):
        w.search_bar.set_query("harbour")  # a searcher open on the index, as after a while in the window
    segment = max(Path(data_dir, "index").glob("*.seg"), key=os.path.getsize)
    os.truncate(segment, 100000)
    said: list[tuple[str, bool]] = []  # the status line and whether the progress bar showed, at each step
    w.controller.rebuilding.connect(lambda *_: said.append((w.status_label.text(), w.progress.isVisible())))
    answers, failed = [], []
    w.controller.search_done.connect(answers.append)
    w.controller.search_failed.connect(lambda _q, message: failed.append(message))
    w.search_bar.set_query("marker7")
    qtbot.waitUntil(lambda: bool(answers or failed), timeout=120000)
    idle(qtbot, w)
    assert not failed
    assert said, "no word of the rebuild while the search waited"
    assert said[0][0].startswith("The index was damaged; rebuilding it") and said[0][1]
    assert any(text.startswith("The index was damaged; rebuilding it: 60 of 125") for text, _ in said), said[-3:]
    assert [h.id for h in answers[0].result.hits] and w.list_pane.shown_model().rowCount() >= 1
    assert w.status_label.text() == "The index was damaged and has been rebuilt: 125 articles."
    assert w.status_label.toolTip() == w.status_label.text()  # whole, where a narrow window cuts the line short
    assert not w.progress.isVisible()

