"""The library's count ("2,066 articles (+37 copies)") comes from the listing, not from a pass over every row
on the GUI thread: at 100,565 rows each pass was 15-20 ms of Python, and the status bar asked two or three times
per list as the library opened."""

from __future__ import annotations

import pytest

from reader_app.ui.articles.header import article_count
from reader_app.ui.articles.pane import ListPane
from reader_app.ui.articles.row import ArticleRow

pytestmark = pytest.mark.qt_log_level_fail("WARNING")


class CountedRows(list):
    """A real list of rows that counts the passes made over it."""

    passes = 0

    def __iter__(self):
        self.passes += 1
        return super().__iter__()


def rows(n: int, start: int = 0) -> CountedRows:
    return CountedRows(ArticleRow(id=f"id{i}", title=f"Headline {i}", outlet="The Herald", date="2024-05-01",
                                  copies=i % 3) for i in range(start, start + n))


def test_the_count_adds_the_copies_without_going_over_the_rows_again(qtbot):
    pane = ListPane(set())
    qtbot.addWidget(pane)
    given = rows(50)
    pane.set_library_rows(given)  # a short list: listed on the spot
    assert pane.library_model.rowCount() == 50
    passes = given.passes
    for _ in range(3):  # as the status bar asks when the rows come and the library is ready
        assert pane.library_count() == article_count(50, sum(i % 3 for i in range(50))) == "50 articles (+49 copies)"
    assert given.passes == passes  # the listing counted them

    grown = rows(60, 100)  # an import: a new list, counted anew
    pane.set_library_rows(grown)
    assert pane.library_count() == article_count(60, sum(i % 3 for i in range(100, 160)))
    assert pane.library_count() == pane.header.count_label.text().replace("\u00a0", " ")


def test_no_count_is_shown_until_the_library_is_open(make_window, qtbot):
    """A trial's first seconds said "0 articles" beside "Opening your library…": no count until it is known."""
    window = make_window(wait=False)
    count = window.list_pane.header.count_label
    assert count.text() == ""
    with qtbot.waitSignal(window.library_ready, timeout=60000):
        window.start()
        assert "0 articles" not in count.text()
    qtbot.waitUntil(lambda: count.text() == "5 articles", timeout=60000)
    qtbot.waitUntil(lambda: not window.controller.tasks.busy(), timeout=60000)
