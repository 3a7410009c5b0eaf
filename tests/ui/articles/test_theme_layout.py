"""A theme switch re-polishes the article list (its focus frame's colour), which keeps its rows' layout (a new font
lays them out)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from reader_app.ui.articles.list_view import ArticleListModel, ArticleListView
from reader_app.ui.articles.listing import ListState, make_listing
from reader_app.ui.articles.row import ArticleRow
from reader_app.ui.theme import DARK, LIGHT, set_window_theme

pytestmark = pytest.mark.qt_log_level_fail("WARNING")


class CountingView(ArticleListView):
    """The real view, counting how often it lays its rows out."""

    layouts = 0  # the view lays out while it is made, before __init__ could set it

    def doItemsLayout(self) -> None:  # noqa: N802 (Qt's name)
        self.layouts += 1
        super().doItemsLayout()


def test_a_theme_switch_keeps_the_rows_layout_and_a_font_change_redoes_it(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    view = CountingView(window)
    model = ArticleListModel()
    view.setModel(model)
    rows = [ArticleRow(id=f"id{n}", title=f"Headline {n}", outlet="The Herald", date="2024-05-01")
            for n in range(3000)]
    model.set_listing(make_listing(rows, ListState(None)))
    set_window_theme(window, LIGHT)
    window.resize(400, 500)
    window.show()
    qtbot.waitExposed(window)
    view.select_row(2000)
    qtbot.wait(20)
    before = (view.layouts, view.verticalScrollBar().maximum(), view.verticalScrollBar().value(),
              view.visualRect(model.index(2000)))
    assert before[1] > 0 and view.visualRect(model.index(2000)).isValid()

    set_window_theme(window, DARK)  # what MainWindow.set_theme does
    qtbot.wait(20)
    # Every row laid out again for new colours: ~25 ms of the GUI thread at 100,000 rows. Nothing moved.
    assert (view.layouts, view.verticalScrollBar().maximum(), view.verticalScrollBar().value(),
            view.visualRect(model.index(2000))) == before
    assert view.styleSheet() == "" and view.currentIndex().row() == 2000

    font = QFont(view.font())
    font.setPointSize(font.pointSize() + 6)
    view.setFont(font)  # taller rows: laid out again, as before
    qtbot.waitUntil(lambda: view.layouts > before[0], timeout=5000)
    qtbot.wait(20)
    assert view.verticalScrollBar().maximum() > before[1]
