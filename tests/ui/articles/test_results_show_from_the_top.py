"""New search results, a cleared search and a list grown by an import show from the top: the open article
stays highlighted where it is, but the list does not scroll down to it (the best hits would sit above the
fold while the scrollbar looks at the top)."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import template_library
from tests.core.stories.test_stories import BBC
from tests.ui.conftest import idle
from tests.ui.window.test_window_day_one import search, shot

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("does not support propagateSizeHints")]  # the offscreen platform


@pytest.fixture(scope="module")
def bbc_library_template(tmp_path_factory):
    """The seeds and 60 BBC business articles: a list longer than the window shows. Imported once per module;
    each test copies it (`bbc_library`), never changes it."""
    if not BBC.is_dir():
        pytest.skip("the BBC corpus is not beside this checkout")
    root = tmp_path_factory.mktemp("sixty-bbc")
    folder = root / "business"
    folder.mkdir()
    for f in sorted((BBC / "business").iterdir())[:60]:
        (folder / f.name).write_bytes(f.read_bytes())
    with template_library(root) as library:
        assert len(library.import_paths([folder], procs=1).added) == 60
    return root / "data"


@pytest.fixture
def bbc_library(bbc_library_template, data_dir, tmp_path):
    """The test's data folder holding its own copy of that library (a data folder holds no path of its own)."""
    shutil.copytree(bbc_library_template, data_dir, dirs_exist_ok=True)
    return tmp_path


def _first_visible_row(view) -> int:
    return view.indexAt(view.viewport().rect().topLeft()).row()


def _open_row(qtbot, window, row: int) -> str:
    view = window.list_pane.view
    view.select_row(row)
    aid = view.current_id()
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(aid)
    idle(qtbot, window)
    return aid


def test_search_results_and_a_cleared_search_show_from_the_top(qtbot, bbc_library, make_window):
    window = make_window()
    window.resize(900, 500)
    view = window.list_pane.view
    # an article low in a search's hits for "economy", open and scrolled to in the library list
    search(qtbot, window, "economy")
    hits = window.list_pane.result_ids()
    assert len(hits) > 12
    window.search_bar.set_query("")
    idle(qtbot, window)
    pos = window.list_pane.library_model.position_of(hits[-1])
    opened = _open_row(qtbot, window, pos)
    assert _first_visible_row(view) > 0  # the library list scrolled down to it

    search(qtbot, window, "economy")
    qtbot.wait(50)
    shot(window, "results-from-the-top")
    view = window.list_pane.view  # the results' list
    assert view.current_id() == opened  # still highlighted...
    assert view.verticalScrollBar().value() == 0 and _first_visible_row(view) == 0  # ...but hit 1 shows
    assert view.visualRect(view.currentIndex()).top() > view.viewport().height()  # below the fold

    window.search_bar.set_query("")  # the search cleared: the library from its top, the article highlighted
    idle(qtbot, window)
    qtbot.wait(50)
    view = window.list_pane.view
    assert view.model() is window.list_pane.library_model
    assert view.current_id() == opened
    assert view.verticalScrollBar().value() == 0 and _first_visible_row(view) == 0


def test_a_list_grown_by_an_import_shows_from_the_top(qtbot, bbc_library, make_window, tmp_path):
    window = make_window()
    window.resize(900, 500)
    view = window.list_pane.view
    rows = window.list_pane.library_model.rowCount()
    opened = _open_row(qtbot, window, rows - 1)  # the last row: the list scrolled to the bottom
    assert _first_visible_row(view) > 0

    folder = tmp_path / "more"
    folder.mkdir()
    for f in sorted((BBC / "tech").iterdir())[:5]:
        (folder / f.name).write_bytes(f.read_bytes())
    window.imports.import_paths([folder], quiet=True)
    qtbot.waitUntil(lambda: window.list_pane.library_model.rowCount() == rows + 5, timeout=60000)
    idle(qtbot, window)
    qtbot.wait(50)
    assert view.current_id() == opened
    assert view.verticalScrollBar().value() == 0 and _first_visible_row(view) == 0
