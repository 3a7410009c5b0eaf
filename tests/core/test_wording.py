"""Counts in messages: one noun in the singular, every other count in the plural (a trial saw "(1 bookmarks)")."""

from __future__ import annotations

import pytest

from reader_app.core.bookmarks.anchoring import QuoteNotFound, find_quote
from reader_app.core.wording import plural


@pytest.mark.parametrize(("n", "said"), [(0, "0 bookmarks"), (1, "1 bookmark"), (2, "2 bookmarks"),
                                         (18_000, "18,000 bookmarks")])
def test_plural(n, said):
    assert plural(n, "bookmark") == said


def test_plural_of_an_irregular_noun():
    assert (plural(1, "copy", "copies"), plural(3, "copy", "copies")) == ("1 copy", "3 copies")


def test_a_quote_found_once_says_one_time():
    with pytest.raises(QuoteNotFound, match=r"occurs 1 time, so there is no occurrence 2"):
        find_quote("The river rose. The council met.", "river", occurrence=2)
