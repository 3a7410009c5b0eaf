"""The year filter offers "Undated" (most imported clippings have no date), browsing and searching."""

from __future__ import annotations

from reader_app.ui.articles.row import UNDATED
from tests.ui.conftest import idle
from tests.ui.window.test_window_day_one import shot


def test_the_year_filter_offers_undated_articles(qtbot, window):
    header, pane = window.list_pane.header, window.list_pane
    combo = header.year_combo
    items = [combo.itemText(i) for i in range(combo.count())]
    assert items[-1] == "Undated (1)"  # last: it is not a year
    combo.setCurrentIndex(combo.findData(UNDATED))
    assert pane.shown_model().rowCount() == 1
    row = pane.shown_model().index(0, 0)
    [undated] = [a for a in window.library.list_articles() if not a.get("date")]
    assert pane.shown_model().article_id(0) == undated["id"] and row.isValid()
    assert header.count_label.text() == "1 of 5 articles"
    shot(window.list_pane, "undated")

    with qtbot.waitSignal(window.controller.search_done, timeout=10000):
        window.search_bar.set_query("troops")
    idle(qtbot, window)
    assert pane.result_ids() == [undated["id"]]  # the filter holds while searching
    assert combo.currentData() == UNDATED and combo.currentText().startswith("Undated")
