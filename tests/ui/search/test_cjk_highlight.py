"""A Chinese or Japanese article found by search opens with the matched characters marked, inside the
sentence they stand in (a run of Han or kana has no spaces, so no whole-word edge)."""

from __future__ import annotations

import os

import pytest

from tests.core.search.test_cjk import ARTICLES, ENGLISH, FORUM, TOKYO

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("does not support propagateSizeHints")]  # the offscreen platform


@pytest.fixture
def cjk_window(make_window, library):
    library.import_paths(sorted(ARTICLES.iterdir()))
    library.close()
    return make_window()


def _open_first(qtbot, window, query: str, title: str):
    with qtbot.waitSignal(window.controller.search_done, timeout=20000) as got:
        window.search_bar.set_query(query)
    answer = got.args[0]
    hit = next(r for r in answer.rows if r.title == title)
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(hit.id, answer.terms)
    reader = window.reader
    text = reader.document().toPlainText()
    return answer, [text[a:b] for a, b in reader._layers["search"][0]]


def test_the_matched_characters_are_marked_in_the_reader(qtbot, cjk_window):
    answer, marks = _open_first(qtbot, cjk_window, "北京大学", FORUM)
    assert "北京大学" in answer.terms
    assert marks and set(marks) == {"北京大学"} and len(marks) == 3  # the headline and twice in the body
    if os.environ.get("READER_APP_SCREENSHOT"):
        cjk_window.grab().save(os.environ["READER_APP_SCREENSHOT"])
    _, marks = _open_first(qtbot, cjk_window, "東京 防災", TOKYO)
    assert set(marks) == {"東京", "防災"} and marks.count("東京") == 3  # 東京都 twice and 東京、大阪 once


def test_a_latin_word_keeps_its_whole_word_edges_beside_han(qtbot, cjk_window):
    _, marks = _open_first(qtbot, cjk_window, "Tokyo 東京", ENGLISH)
    assert sorted(set(marks)) == ["Tokyo", "東京"]
    _, marks = _open_first(qtbot, cjk_window, "東京 Tok*", ENGLISH)
    assert "Tok" not in marks  # a prefix as typed is not marked inside "Tokyo"
