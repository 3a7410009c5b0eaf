"""Find in the article matches a Turkish İ or ı as search does: "izmir" and "IZMIR" find İzmir, "isik" no,
"ışık" and "IŞIK" find Işık (they said "No matches")."""

from __future__ import annotations

from reader_app.core.articles.model import Article, Paragraph


def _article(paragraphs: list[str]) -> Article:
    return Article(id="tr", title="Talks in Turkey", outlet=None, byline=None, date=None, url=None,
                   paragraphs=[Paragraph(t) for t in paragraphs], path="/tmp/tr.txt")


def test_find_matches_the_dotted_and_dotless_i_as_search_does(reader):
    reader.show_article(_article(["Delegates met in İzmir and İSTANBUL.", "Mehmet Işık spoke; IŞIK agreed."]))
    for typed, count in (("izmir", 1), ("IZMIR", 1), ("İzmir", 1), ("istanbul", 1), ("ışık", 2), ("IŞIK", 2),
                         ("işık", 2), ("zmir", 1), ("nowhere", 0)):
        assert reader.find(typed) == count, typed
    text = reader.toPlainText()
    reader.find("izmir")
    [(a, b)] = reader._layers["find-current"][0]
    assert text[a:b] == "İzmir"  # the offsets hold: the fold keeps every character one character
