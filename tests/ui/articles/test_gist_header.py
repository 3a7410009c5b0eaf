"""The list header says when the hits are a gist match (no article has every word; the closest ones)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("does not support propagateSizeHints")]  # the offscreen platform


def test_a_gist_match_is_labelled_once_in_the_header(qtbot, window):
    from reader_app.core.search.results import GIST_NOTE

    with qtbot.waitSignal(window.controller.search_done, timeout=20000) as got:
        window.list_pane.show_searching("armenia asks moscow for more soldiers")
        window.controller.search("armenia asks moscow for more soldiers", "", "")
    answer = got.args[0]
    assert answer.result.gist
    window.list_pane.show_results(answer)
    header = window.list_pane.header
    assert header.relaxed_label.isVisibleTo(window) and header.relaxed_label.text() == GIST_NOTE
    assert GIST_NOTE not in header.notice_text()  # said once, in the label
    assert window.list_pane.shown_model().rowCount() == len(answer.rows) > 0
    window.resize(900, 600)
    window.grab().save("/tmp/gist-header.png")


def test_a_partial_match_that_is_not_a_gist_keeps_its_label(qtbot, window):
    with qtbot.waitSignal(window.controller.search_done, timeout=20000) as got:
        window.list_pane.show_searching("troops glacier -Gyumri")
        window.controller.search("troops glacier -Gyumri", "", "")
    answer = got.args[0]
    assert answer.result.relaxed and not answer.result.gist  # an exclusion: ranked the usual way
    window.list_pane.show_results(answer)
    assert window.list_pane.header.relaxed_label.text() == "Partial matches: not every word was found"
