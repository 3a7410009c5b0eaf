"""After filtering, the list highlights the article the reader shows, or nothing: never another one."""

from __future__ import annotations

from tests.ui.bookmarks.test_bookmarks_gui import open_article
from tests.ui.window.test_window_day_one import shot

MT = "The Moscow Times"
GDC = "Global Defense Corp"


def test_filtering_selects_the_open_article_or_nothing(qtbot, window):
    open_article(qtbot, window, "Armenia Seeks")  # a Moscow Times article
    view, header, reader = window.list_pane.view, window.list_pane.header, window.reader
    opened = reader.article.id
    assert view.current_id() == opened

    header.outlet_combo.setCurrentIndex(header.outlet_combo.findData(GDC))  # it is filtered out
    assert window.list_pane.shown_model().rowCount() >= 1
    assert view.current_id() is None and not view.selectionModel().hasSelection()
    shot(window.list_pane, "filtered-out")

    header.outlet_combo.setCurrentIndex(header.outlet_combo.findData(MT))  # back in view
    assert view.current_id() == opened and reader.article.id == opened
    header.outlet_combo.setCurrentIndex(0)
    assert view.current_id() == opened
