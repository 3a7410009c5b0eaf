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


def _cjk_snippets(data_dir) -> dict[str, tuple[tuple[str, bool], ...]]:
    """The search hits' snippets for 東京, from a real import and search of the Chinese/Japanese test articles."""
    import json
    from pathlib import Path

    from reader_app.core.search.results import split_marked
    from tests.conftest import run_cli

    articles = Path(__file__).parents[2] / "core" / "search" / "cjk_articles"
    assert run_cli("import", str(articles), data_dir=data_dir).returncode == 0
    found = json.loads(run_cli("search", "東京", "--json", data_dir=data_dir).stdout)
    return {h["title"]: tuple((t, bool(m)) for t, m in split_marked(h["snippet"])) for h in found["hits"]}


def test_a_japanese_snippet_keeps_the_context_that_fits_around_its_match(qapp, data_dir):
    """A Japanese hit's row showed just "東京 …": the text after the match, having no spaces, was one word too
    wide for the line. Chinese and Japanese are cut between characters (never before 、 or 。)."""
    from reader_app.ui.articles.delegate import fit_pieces

    plain, bold = _metrics(qapp)
    pieces = _cjk_snippets(data_dir)["東京都、新たな防災計画を発表"]
    assert pieces[0] == ("東京", True) and len(pieces[1][0]) > 60
    for chars in (6, 12, 25, 40):  # a narrow row to a wide one, in characters of the text
        width = plain.horizontalAdvance(pieces[1][0][:chars]) + bold.horizontalAdvance("東京")
        shown = fit_pieces(pieces, plain, bold, width)
        drawn = sum((bold if m else plain).horizontalAdvance(t) for t, m in shown)
        assert drawn <= width and shown[0] == ("東京", True) and shown[-1] == (" …", False), shown
        context = shown[1][0]
        assert pieces[1][0].startswith(context) and len(context) >= chars - 4, (chars, shown)
        assert pieces[1][0][len(context)] not in "、。", shown  # the cut-off part does not begin with a comma


def test_a_japanese_lead_in_is_shortened_between_characters(qapp, data_dir):
    from reader_app.ui.articles.delegate import lead_in

    plain, bold = _metrics(qapp)
    whole = _cjk_snippets(data_dir)["東京都、新たな防災計画を発表"]
    text = "".join(t for t, _m in whole)
    at = text.index("高齢者")
    pieces = ((text[:at], False), ("高齢者", True), (text[at + 3:], False))  # a match far along the line
    width = plain.horizontalAdvance(text[:30])
    shown = lead_in(pieces, plain, bold, width)
    assert shown[1:] == pieces[1:]
    assert shown[0][0].startswith("…") and len(shown[0][0]) > 3 and text[:at].endswith(shown[0][0][1:]), shown
    assert plain.horizontalAdvance(shown[0][0]) <= width * 0.3


def test_english_beside_japanese_is_still_cut_at_spaces(qapp, data_dir):
    from reader_app.ui.articles.delegate import fit_pieces

    plain, bold = _metrics(qapp)
    pieces = _cjk_snippets(data_dir)["Tokyo unveils a new earthquake plan"]
    first = next(i for i, (_t, m) in enumerate(pieces) if m)
    before = "".join(t for t, _m in pieces[:first])
    width = (plain.horizontalAdvance(before) + bold.horizontalAdvance(pieces[first][0])
             + plain.horizontalAdvance("都) on Friday publi"))
    shown = fit_pieces(pieces, plain, bold, width)
    assert shown[first] == pieces[first] and shown[first + 1] == ("都) on Friday", False), shown
