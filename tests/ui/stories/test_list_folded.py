"""Whether the article list already folds each group of copies into one row: worked out in the worker that
loads the stories (list_folded), from the listing the list showed, filtered-out rows included."""

from __future__ import annotations

from reader_app.ui.articles.listing import ListState, make_listing
from reader_app.ui.articles.row import ArticleRow
from reader_app.ui.stories.feature import list_folded

COPIES = [["a", "b", "c"], ["d", "e"]]


def test_a_list_with_one_row_per_group_saying_its_copies_is_folded():
    rows = [ArticleRow("a", "A", "X", copies=2), ArticleRow("d", "D", "Y", copies=1), ArticleRow("f", "F", "X")]
    assert list_folded(make_listing(rows, ListState("date", True)), COPIES)
    # a filter hiding the groups' rows does not make them look unfolded
    assert list_folded(make_listing(rows, ListState("date", True, outlet="Z")), COPIES)


def test_a_copy_with_its_own_row_or_a_first_row_with_a_stale_count_is_not():
    copy_shown = [ArticleRow("a", "A", copies=2), ArticleRow("b", "B"), ArticleRow("d", "D", copies=1)]
    assert not list_folded(make_listing(copy_shown, ListState("title")), COPIES)
    assert not list_folded(make_listing(copy_shown, ListState("title", outlet="Z")), COPIES)  # filtered out too
    stale = [ArticleRow("a", "A", copies=1), ArticleRow("d", "D", copies=1)]
    assert not list_folded(make_listing(stale, ListState("title")), COPIES)
