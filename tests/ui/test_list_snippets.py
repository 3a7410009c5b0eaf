"""Snippets in the list always show why a row matched: a long lead-in is shortened from the left."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics

from reader_app.ui.article_delegate import lead_in
from reader_app.ui.article_list import ArticleRow


def _metrics(qapp):
    font = QFont()
    bold = QFont(font)
    bold.setWeight(QFont.Weight.Bold)
    return QFontMetrics(font), QFontMetrics(bold)


def test_a_match_far_along_the_line_gets_a_short_lead_in(qapp):
    plain, bold = _metrics(qapp)
    pieces = (("Armenia said Wednesday it will seek to expand the presence of Russian ", False), ("troops", True),
              (" on its soil", False))
    width = plain.horizontalAdvance("Armenia said Wednesday it will seek")
    shown = lead_in(pieces, plain, bold, width)
    assert shown[0][0].startswith("…") and shown[0][0].endswith(" ") and not shown[0][1]
    assert shown[1:] == pieces[1:]
    assert plain.horizontalAdvance(shown[0][0]) <= width * 0.3 + plain.horizontalAdvance("… ")
    assert "Russian" in shown[0][0] or shown[0][0] == "… "


def test_a_match_that_already_shows_is_left_alone(qapp):
    plain, bold = _metrics(qapp)
    pieces = (("Russia has agreed to remove some of its ", False), ("troops", True))
    assert lead_in(pieces, plain, bold, 2000) == pieces
    assert lead_in((("troops", True), (" left", False)), plain, bold, 10) == (("troops", True), (" left", False))
    assert lead_in((("no match here", False),), plain, bold, 10) == (("no match here", False),)


def test_a_match_inside_a_word_stays_joined(qapp):
    plain, bold = _metrics(qapp)
    pieces = (("a very long beginning that goes on and on before the peace", False), ("keepers", True))
    shown = lead_in(pieces, plain, bold, plain.horizontalAdvance("a very long"))
    assert not shown[0][0].endswith(" ")


def test_rows_without_outlet_or_date_still_say_something():
    assert ArticleRow(id="a", title="t", words=1234).meta == "1,234 words"
    assert ArticleRow(id="a", title="t", outlet="BBC", date="2021-04-14", words=9).meta == "BBC · 14 Apr 2021"
