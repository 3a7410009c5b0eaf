"""The library's list and the search results each have a view: clearing a search shows the library's view as it
was, without laying its rows out again (100,000 rows took the GUI thread tens of milliseconds), and with the
keyboard focus, the selection and the scroll position the single view gave; a re-sort (a list as long) swaps
its rows in without a layout either."""

from __future__ import annotations

import pytest

from reader_app.ui.articles import pane
from reader_app.ui.articles.row import ID_ROLE
from tests.ui.articles.test_theme_layout import CountingView
from tests.ui.conftest import idle
from tests.ui.window.test_window_day_one import search

pytestmark = pytest.mark.qt_log_level_fail("WARNING")


def test_clearing_a_search_shows_the_library_view_without_laying_it_out_again(qtbot, make_window, monkeypatch):
    monkeypatch.setattr(pane, "ArticleListView", CountingView)
    window = make_window()
    lp = window.list_pane
    library, results = lp.library_view, lp.results_view
    assert lp.view is library and library.model() is lp.library_model and library.isVisible()
    assert library.model().rowCount() > 1
    lp.enter_list()  # the keyboard in the library's list, its first row current
    assert window.focusWidget() is library and library.currentIndex().row() == 0
    qtbot.wait(20)
    laid_out = library.layouts

    search(qtbot, window, "Armenia")
    assert lp.view is results and results.model() is lp.results_model
    assert results.isVisible() and not library.isVisible()
    assert results.model().rowCount() >= 1
    assert window.focusWidget() is results  # the focus went with the list shown
    assert not results.currentIndex().isValid()  # a new list: nothing chosen in it yet
    results.select_row(0)

    window.search_bar.set_query("")  # Esc in the search box does this
    idle(qtbot, window)
    qtbot.wait(20)
    assert lp.view is library and library.isVisible() and not results.isVisible()
    assert library.model() is lp.library_model and results.model() is lp.results_model
    assert library.layouts == laid_out  # shown as it was: no row laid out again
    assert window.focusWidget() is library
    # as a model set on a view again: no row chosen (nothing is open in the reader), the list from its top
    assert not library.currentIndex().isValid() and not library.selectionModel().hasSelection()
    assert library.verticalScrollBar().value() == 0

    # a re-sort swaps in a list as long: the rows change places, the view is not laid out again either, and the
    # selection follows its article (one row, as after a reset)
    library.select_row(1)
    chosen = library.current_id()
    lp.header.sort_combo.setCurrentIndex(lp.header.sort_combo.findData("title"))
    idle(qtbot, window)
    qtbot.waitUntil(lambda: lp.library_model.state.key == "title", timeout=5000)
    qtbot.wait(20)
    model = lp.library_model
    titles = [model.row_at(n).title.casefold() for n in range(model.rowCount())]
    assert titles == sorted(titles) and library.layouts == laid_out
    assert library.current_id() == chosen and library.selected_ids() == [chosen]
    assert library.indexAt(library.visualRect(library.currentIndex()).center()).data(ID_ROLE) == chosen


def test_the_keyboard_enters_a_list_on_its_first_row_chosen(qtbot, make_window):
    """Ctrl+1 (enter_list) on a list with no row chosen selects the first row, and Down then goes to the second:
    taking the focus, Qt makes the first row current without selecting it, and the check for "no current row"
    was passed, so nothing was highlighted and the first Down chose the second row (a trial)."""
    from PySide6.QtCore import Qt

    window = make_window()
    lp = window.list_pane
    view = lp.view
    assert view.model().rowCount() > 2
    window.search_bar.setFocus()
    view.selectionModel().clear()
    view.setFocus()  # Qt makes row 0 current, unselected, as the list takes the focus
    window.search_bar.setFocus()
    lp.enter_list()
    assert view.currentIndex().row() == 0 and view.selectionModel().isSelected(view.currentIndex())
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 1
