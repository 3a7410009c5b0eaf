"""The library's rows reach the list pane and the features as the list the worker made, not a copy of it."""

from __future__ import annotations

from reader_app.ui.articles.row import ArticleRow


def test_the_rows_a_worker_made_reach_the_window_as_they_are(window, qtbot):
    # A signal typed `list` converts the list for each receiver (to a QVariantList and back: ~30 ms per 100,000
    # rows on the GUI thread, receiver after receiver), and the copy defeated the pane's check that the rows
    # given are those already shown (the index's list after the cached one), so it listed them again.
    rows = [ArticleRow(id=f"id{n}", title=f"Headline {n}", date=f"2024-01-{n % 28 + 1:02d}") for n in range(40)]
    reloaded = []
    window.list_reloaded.connect(reloaded.append)
    window.controller.rows_ready.emit(rows)
    pane = window.list_pane
    qtbot.waitUntil(lambda: not pane.listing_pending(), timeout=10000)
    assert reloaded and reloaded[0] is rows
    assert pane.library_model.has_rows(rows)
    assert pane.library_model.rowCount() == 40
