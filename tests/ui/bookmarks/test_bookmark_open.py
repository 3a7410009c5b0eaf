"""Opening a bookmark always shows its passage: also when a story timeline or a comparison covers the reader."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tests.ui.bookmarks.test_bookmarks_gui import CTRL, PASSAGE, open_article, select_text, settle
from tests.ui.conftest import idle
from tests.ui.stories.conftest import APRIL_2021, GLOBAL_DEFENSE
from tests.ui.window.test_window_day_one import shot

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise",
                                        "does not support grabbing the keyboard")]


def _passage_on_screen(reader, start: int) -> bool:
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.position_of(start))
    rect = reader.cursorRect(cursor)
    return reader.isVisible() and rect.top() >= 0 and rect.bottom() <= reader.viewport().height()


def _bookmark_passage(qtbot, window):
    """Open "Russia Agrees…", bookmark PASSAGE with Ctrl+D and Enter, and give back the one bookmark."""
    feature, reader = window.bookmarks, window.reader
    open_article(qtbot, window, "Russia Agrees")
    select_text(window, PASSAGE)
    qtbot.keyClick(reader, Qt.Key.Key_D, CTRL)
    with qtbot.waitSignal(feature.rows_loaded, timeout=10000):
        qtbot.keyClick(feature.popup.note_edit, Qt.Key.Key_Return)
    settle(qtbot, window)
    [b] = window.library.bookmarks.list()
    return b


def test_a_bookmark_opens_over_a_timeline_or_comparison_of_its_own_article(qtbot, window):
    """A trial: with a timeline (or a comparison) shown in the reader's place, a bookmark of the article open
    underneath did nothing on a click or Enter in the Bookmarks pane: it only scrolled the hidden reader."""
    feature, stories, reader = window.bookmarks, window.stories, window.reader
    qtbot.waitUntil(lambda: stories.stories is not None, timeout=90000)
    b = _bookmark_passage(qtbot, window)
    feature.dock.show()
    view = feature.pane.view
    index = feature.pane.proxy.index(0, 0)
    thread = stories.stories.thread_of(b.article_id)
    assert thread is not None

    for how in ("Enter over a timeline", "a click over a comparison"):
        reader.verticalScrollBar().setValue(reader.verticalScrollBar().maximum())
        with qtbot.waitSignal(stories.timeline_shown, timeout=30000):
            stories.open_thread(thread.id)
        if how.endswith("comparison"):
            stories.view.compare_picked.emit(APRIL_2021)
            with qtbot.waitSignal(stories.comparison_shown, timeout=30000):
                stories.view.compare_picked.emit(GLOBAL_DEFENSE)
        assert stories.view.isVisible() and not reader.isVisible() and reader.article.id == b.article_id
        with qtbot.waitSignal(feature.revealed, timeout=10000):
            if how.startswith("Enter"):
                view.setFocus()
                view.setCurrentIndex(index)
                qtbot.keyClick(view, Qt.Key.Key_Return)
            else:
                qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
        qtbot.waitUntil(lambda: reader.isVisible(), timeout=10000)
        assert not stories.view.isVisible(), how
        assert reader.article.id == b.article_id and reader.textCursor().position() == reader.position_of(b.start)
        assert _passage_on_screen(reader, b.start), how
        assert feature.highlights.last_flashed == b.id
        shot(window, "bookmark-over-" + how.rsplit(" ", 1)[1])
    idle(qtbot, window)


def test_a_bookmark_opened_during_a_search_keeps_the_articles_search_marks(qtbot, window):
    """A trial: with "troops" searched, going to a bookmark in a result opened it without the marks the list
    shows it with; it now opens with the same marks, and its passage revealed."""
    from tests.ui.window.test_window_day_one import search

    feature, reader = window.bookmarks, window.reader
    b = _bookmark_passage(qtbot, window)
    search(qtbot, window, "troops")
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.list_pane.article_activated.emit(b.article_id)  # as a click in the list opens it
    from_list = reader.highlight_count("search")
    assert reader.search_terms == ["troops"] and from_list > 0
    open_article(qtbot, window, "Armenia Seeks")
    feature.dock.show()
    view = feature.pane.view
    view.setFocus()
    view.setCurrentIndex(feature.pane.proxy.index(0, 0))
    with qtbot.waitSignal(feature.revealed, timeout=10000):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert reader.article.id == b.article_id and reader.textCursor().position() == reader.position_of(b.start)
    assert reader.search_terms == ["troops"] and reader.highlight_count("search") == from_list
    shot(window, "bookmark-jump-search-marks")
    idle(qtbot, window)
