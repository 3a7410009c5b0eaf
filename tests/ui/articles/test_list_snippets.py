"""Snippets in the list always show why a row matched: a long lead-in is shortened from the left."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics

from reader_app.ui.articles.delegate import lead_in
from reader_app.ui.articles.list_view import ArticleRow


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


def test_a_snippet_too_long_for_the_line_is_cut_at_a_word_with_an_ellipsis_never_inside_a_mark(qapp):
    from reader_app.ui.articles.delegate import fit_pieces

    plain, bold = _metrics(qapp)
    pieces = (("Russia will withdraw its ", False), ("troops", True), (" and border guards from the region", False))
    for cut in range(1, 60):  # every width from a sliver of "troops" to most of the line
        width = plain.horizontalAdvance("Russia will withdraw its ") + cut * 2
        shown = fit_pieces(pieces, plain, bold, width)
        drawn = sum((bold if m else plain).horizontalAdvance(t) for t, m in shown)
        assert drawn <= width, (cut, shown)
        assert shown[-1] == (" …", False) or shown == pieces, (cut, shown)
        marks = [t for t, m in shown if m]
        assert marks in ([], ["troops"]), (cut, shown)  # a mark is whole or not there
        text = "".join(t for t, _m in shown[:-1]).rstrip()
        whole = "".join(t for t, _m in pieces)
        assert whole.startswith(text)
        assert text.split() == whole.split()[:len(text.split())], (cut, shown)  # whole words only
    assert fit_pieces(pieces, plain, bold, 10_000) == pieces
