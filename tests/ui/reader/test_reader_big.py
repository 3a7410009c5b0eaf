"""Huge articles open without stalling the window (issue #13): the reader lays out a page of the article at a
time, with "Show more" for the rest, and long unbreakable words wrap anywhere. Highlights work on what
is shown; find counts the whole article. The per-test timeouts are functional guards: the old reader took over 10 minutes on the first case."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCursor

from reader_app.core.articles.model import Article, Paragraph
from reader_app.ui.reader.view import PAGE_CHARS, ReaderView
from tests.ui.window.test_window_day_one import shot

pytestmark = pytest.mark.qt_log_level_fail("WARNING")



def _article(paragraphs: list[str]) -> Article:
    return Article(id="big", title="A huge article", outlet=None, byline=None, date=None, url=None,
                   paragraphs=[Paragraph(t) for t in paragraphs], path="/tmp/big.txt")


def _more(reader: ReaderView) -> None:
    reader.anchorClicked.emit(QUrl("reader-more:next"))


@pytest.mark.timeout(60)
def test_one_word_of_5000000_characters_opens_a_page_at_a_time_and_wraps(reader):
    word = "x" * 5_000_000
    article = _article(["Before the word comes a sentence.", word, "After it, the end."])
    reader.show_article(article)
    shown = reader.toPlainText()
    assert "Before the word comes a sentence." in shown
    assert shown.count("x") <= PAGE_CHARS and "Show more" in shown
    assert "After it, the end." not in shown
    assert reader.document().size().width() <= reader.viewport().width() + 1  # wrapped, not one long line
    _more(reader)
    assert PAGE_CHARS < reader.toPlainText().count("x") <= 2 * PAGE_CHARS
    # a bookmark far beyond what is shown brings its part of the article in when it is gone to
    end = len(article.text)
    reader.scroll_to_offset(end - 3)
    shown = reader.toPlainText()
    assert "After it, the end." in shown and "Before the word" not in shown and "Show earlier" in shown
    reader.set_highlights("bookmarks", [(end - 4, end - 1)], "#ffe08a")
    [(a, b)] = reader._layers["bookmarks"][0]
    assert _text_at(reader, a, b) == "end"
    assert reader.offset_of(a) == end - 4
    reader.anchorClicked.emit(QUrl("reader-more:earlier"))
    assert "Show more" not in reader.toPlainText() and reader.toPlainText().count("x") > PAGE_CHARS // 2


def _text_at(reader: ReaderView, a: int, b: int) -> str:
    cur = QTextCursor(reader.document())
    cur.setPosition(a)
    cur.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
    return cur.selectedText()


@pytest.mark.timeout(60)
def test_200000_paragraphs_open_a_page_at_a_time_with_find_and_highlights_on_what_is_shown(reader):
    """A variant: many short paragraphs, as in a 200,000-paragraph article that froze the window 15.8 s."""
    paragraphs = [f"Paragraph number {i} tells a little more." for i in range(200_000)]
    article = _article(paragraphs)
    reader.show_article(article)
    assert reader.document().blockCount() < 2_000
    assert "Paragraph number 0 tells" in reader.toPlainText()
    assert "Paragraph number 199999" not in reader.toPlainText()
    assert reader.find("number 10 tells") == 1
    start = article.text.index("Paragraph number 5 ")
    reader.set_highlights("bookmarks", [(start, start + len("Paragraph number 5"))], "#ffe08a")
    assert reader.highlight_at("bookmarks", start + 3) == 0
    [(a, b)] = reader._layers["bookmarks"][0]
    assert _text_at(reader, a, b) == "Paragraph number 5"
    blocks = reader.document().blockCount()
    _more(reader)
    assert reader.document().blockCount() > blocks
    [(a, b)] = reader._layers["bookmarks"][0]  # placed again on the new layout, without being set again
    assert _text_at(reader, a, b) == "Paragraph number 5"
    # going to a paragraph far on shows the part around it, and the reader maps offsets there exactly
    far = article.text.index("Paragraph number 150000 ")
    reader.scroll_to_offset(far)
    assert "Paragraph number 5 tells" not in reader.toPlainText()
    assert "find" not in reader._layers  # the matches were in the part no longer laid out
    reader.set_highlights("bookmarks", [(far, far + len("Paragraph number 150000"))], "#ffe08a")
    [(a, b)] = reader._layers["bookmarks"][0]
    assert _text_at(reader, a, b) == "Paragraph number 150000"
    assert reader.offset_of(a) == far
    assert reader.find("number 150001 tells") == 1


@pytest.mark.timeout(60)
def test_find_searches_the_whole_article_not_only_the_part_laid_out(reader):
    """Find said "No matches" for words in a part of a long article not laid out yet: it counts the whole text,
    and going to a match beyond what is shown lays out the part around it."""
    paragraphs = [f"Paragraph number {i} tells a little more." for i in range(200_000)]
    paragraphs[3] = "An early needle in the hay."
    paragraphs[150_000] = "A late needle in the hay."
    article = _article(paragraphs)
    reader.show_article(article)
    seen: list[tuple[int, int]] = []
    reader.find_changed.connect(lambda current, total: seen.append((current, total)))
    assert reader.find("needle") == 2 and seen[-1] == (1, 2)
    reader.find_next()
    assert seen[-1] == (2, 2)
    assert "A late needle in the hay." in reader.toPlainText() and "An early needle" not in reader.toPlainText()
    [(a, b)] = reader._layers["find-current"][0]
    assert _text_at(reader, a, b) == "needle" and reader.offset_of(a) == article.text.index("A late needle") + 7
    shot(reader, "find-far-match")
    reader.find_next()  # round again to the first, in the part at the top
    assert seen[-1] == (1, 2) and "An early needle" in reader.toPlainText()
    [(a, b)] = reader._layers["find-current"][0]
    assert _text_at(reader, a, b) == "needle" and reader.offset_of(a) == article.text.index("An early needle") + 9
    reader.find_previous()
    assert seen[-1] == (2, 2) and "A late needle" in reader.toPlainText()
    # a match only in the part not laid out is found and shown straight away
    reader.show_article(article)
    assert reader.find("late needle") == 1 and seen[-1] == (1, 1)
    assert "A late needle in the hay." in reader.toPlainText()
