"""A Turkish dotted capital I ("İzmir", "İstanbul") is found, marked and spelled as people type it: str.lower
makes it an i and a combining dot, which no typed word matched ("izmir" found nothing and offered "zmir")."""

from __future__ import annotations

from whoosh import fields
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer

from reader_app.core.articles.text import lower_folded
from reader_app.core.index.fields import FastText, folding
from reader_app.core.library import Library

TEXT = ("Talks in İzmir\n\nDelegates met in İstanbul and later in İzmir on Tuesday, officials said. The ISTANBUL "
        "meeting ran late, and the İZMİR delegation left early.\n\nMore talks are planned in Ankara.\n")


def _library(app_paths, tmp_path, text: str = TEXT) -> Library:
    """A library of the seeds and one article holding `text`."""
    library = Library(app_paths)
    library.open()
    f = tmp_path / "article.txt"
    f.write_text(text, encoding="utf-8")
    report = library.import_paths([f])
    assert len(report.added) == 1
    return library


def test_typed_any_way_the_word_finds_the_article_and_is_marked(app_paths, tmp_path):
    library = _library(app_paths, tmp_path)
    for query in ("izmir", "İzmir", "IZMIR", "İZMİR", "izm*", "in izmir", '"izmir on tuesday"', "istanbul"):
        result = library.search(query, limit=5)
        assert [h.title for h in result.hits] == ["Talks in İzmir"], query
        snippet = result.hits[0].snippet
        assert "**İzmir**" in snippet or "**İstanbul**" in snippet or "**İzmir on Tuesday**" in snippet, query
        assert result.note is None or "zmir'" not in result.note, (query, result.note)  # no "did you mean zmir"
    assert "İstanbul" in library.article(library.search("izmir").hits[0].id).text  # shown as written


def test_typo_tolerance_knows_the_word_whole(app_paths, tmp_path):
    library = _library(app_paths, tmp_path)
    vocabulary = library.engine.vocabulary(library.engine.generation())
    assert vocabulary.count("izmir") and vocabulary.count("İzmir") and not vocabulary.count("zmir")
    assert vocabulary.close("izmr")[:1] == ["izmir"]


def test_lowering_folds_only_the_dotted_capital_and_keeps_offsets():
    assert lower_folded("İzmir İSTANBUL Straße ΣΟΦΙΑ") == "izmir istanbul straße σοφια"
    assert lower_folded("Işık") == "işik"
    for s in ("İ", "KİLİM", "aİb", "plain text", ""):
        assert len(lower_folded(s)) == len(s)


def test_the_folding_chain_is_whooshs_for_any_other_text():
    texts = ["The quick brown fox", "Ὀδυσσεύς ΣΊΣΥΦΟΣ ǅemal ß STRASSE straße", "running runs ran", "U.S. e.g. x."]
    for plain, folded in ((StemmingAnalyzer(), folding(StemmingAnalyzer())), (StandardAnalyzer(), folding(StandardAnalyzer()))):
        for text in texts:
            assert [t.text for t in plain(text)] == [t.text for t in folded(text)]
        assert [t.text for t in folded("İzmir")] == ["izmir"]


def test_a_field_made_before_the_fold_indexes_as_it_did():
    """An index made before this change keeps fields without `fold` (unpickled from its table of contents):
    they go on indexing "İzmir" as Whoosh's own chain does, consistent with that index's queries."""
    field = FastText(stem=True)
    del field.fold
    reference = fields.TEXT(analyzer=StemmingAnalyzer())
    assert sorted(field.index("In İzmir and İSTANBUL")) == sorted(reference.index("In İzmir and İSTANBUL"))


def test_the_dotless_i_is_found_as_people_type_it(app_paths, tmp_path):
    library = _library(app_paths, tmp_path, "Mehmet Işık speaks\n\nThe minister Mehmet Işık said on Monday that IŞIK "
                       "would not resign, officials in Ankara added.\n\nMore talks are planned.\n")
    for query in ("ışık", "IŞIK", "işık", "Işık", "ışı*"):
        result = library.search(query, limit=5)
        assert [h.title for h in result.hits] == ["Mehmet Işık speaks"], query
        assert "**Işık**" in result.hits[0].snippet or "**IŞIK**" in result.hits[0].snippet, query
    assert lower_folded("Işık IŞIK ışık") == "işik işik işik"


def test_letters_written_with_combining_marks_are_found_as_typed(app_paths, tmp_path):
    """A text writing İ as I and a combining dot (and é as e and an accent), as macOS and some PDFs do: its
    words are composed when read, so "izmir", "İzmir" and "café" find them, marked whole."""
    library = _library(app_paths, tmp_path, "The I\u0307zmir fair opens\n\nThe I\u0307zmir fair opened in I\u0307stanbul's "
                       "shadow, with a cafe\u0301 for every stand, organisers said.\n\nMore stands are planned.\n")
    for query in ("izmir", "İzmir", '"izmir fair"', "istanbul", "café", "cafe\u0301"):
        result = library.search(query, limit=5)
        assert [h.title for h in result.hits] == ["The İzmir fair opens"], query
        assert "**İzmir" in result.hits[0].snippet or "**İstanbul" in result.hits[0].snippet \
            or "**café**" in result.hits[0].snippet, query


def test_a_suggestion_never_repeats_the_query_and_keeps_a_dotted_capital(app_paths, tmp_path):
    from reader_app.core.search.spelling import _cased_like

    assert _cased_like("İzmirli", "izmir") == "İzmir" and _cased_like("Azerbajan", "azerbaijan") == "Azerbaijan"
    library = _library(app_paths, tmp_path, "Road works on the Straße\n\nThe Straße by the river will close for "
                       "road works next week, the council said.\n\nMore closures are planned.\n")
    for query in ("STRASSE", "İzmirli"):
        result = library.search(query, limit=5)
        assert not any(s == query for s in result.suggestions), (query, result.suggestions)
        assert result.note is None or f"'{query}'?" not in result.note, (query, result.note)
