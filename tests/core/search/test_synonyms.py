"""WordNet synonyms in the gist ranking (core/search/synonyms.py, gist.py): the shipped table loads, a missing or
damaged one means no synonyms and no error, and an article holding only a synonym of a typed word ranks for it."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from reader_app.core.search import synonyms


@pytest.fixture
def table(monkeypatch):
    """Point the module at another table file for the test, and read it afresh before and after."""
    def use(path: Path) -> None:
        monkeypatch.setattr(synonyms, "TABLE", path)
        synonyms.reset()

    yield use
    monkeypatch.undo()
    synonyms.reset()


def test_the_shipped_table_loads_with_synonyms_of_the_commonest_senses():
    synonyms.reset()
    assert synonyms.TABLE.is_file()
    assert (synonyms.TABLE.parent / "WORDNET-LICENSE").is_file()  # the notice WordNet's licence asks for
    assert "store" in synonyms.synonyms("shop") and "shop" in synonyms.synonyms("store")  # stemmed, both ways
    assert "movi" in synonyms.synonyms("film")
    assert synonyms.synonyms("the") == ()  # stop words are not in it
    assert "shirk" not in synonyms.synonyms("soldier")  # a sense rare for "soldier" gives it nothing
    assert synonyms.synonyms("zzqx") == ()


def test_a_missing_table_gives_no_synonyms_and_no_error(table, tmp_path):
    table(tmp_path / "no-such-table.tsv.gz")
    assert synonyms.synonyms("shop") == ()


@pytest.mark.parametrize("content", [b"not gzip at all", gzip.compress(b"shop\tstore\n", mtime=0)[:-9], b"",
                                     gzip.compress(b"\xff\xfe\xfa\n", mtime=0)])
def test_a_damaged_table_gives_no_synonyms_and_no_error(table, tmp_path, content):
    path = tmp_path / "synonyms.tsv.gz"
    path.write_bytes(content)
    table(path)
    assert synonyms.synonyms("shop") == ()


def test_a_table_read_once_answers_from_its_lines(table, tmp_path):
    path = tmp_path / "synonyms.tsv.gz"
    path.write_bytes(gzip.compress(b"shop\tstore outlet\nno tab here\nfilm\t\n"))
    table(path)
    assert synonyms.synonyms("shop") == ("store", "outlet")
    assert synonyms.synonyms("film") == () and synonyms.synonyms("no tab here") == ()


def _write(folder: Path, name: str, headline: str, *paragraphs: str) -> Path:
    f = folder / f"{name}.txt"
    f.write_text(headline + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return f


PREMIERES = [
    ("movie-premiere", "Audiences return to the cinema",
     "The movie had its premiere in Leeds last night, and the movie sold out within an hour.",
     "Its director thanked the city for the welcome."),
    ("play-premiere", "A new play opens",
     "The play had its premiere in Leeds last night and drew a full house.", "The playwright was delighted."),
    ("movie-studio", "Studio sold", "The movie studio was sold to a rival for an undisclosed sum.",
     "Staff were told the movie business would carry on."),
    ("movie-awards", "Awards season begins", "The movie awards season opens next week in London.",
     "Critics expect a close race."),
    ("film-festival", "Festival dates announced", "The film festival will run in May this year.",
     "Tickets go on sale in March."),
]
FILLER = [(f"market-{i}", f"Market report {i}", f"Prices at the farmers market moved on day {i}.",
           "Traders said apples and pears sold well.") for i in range(40)]


def test_an_article_holding_a_synonym_of_a_typed_word_ranks_for_it(library, tmp_path):
    """"film" is never in the article about the movie's premiere in Leeds; "movie" is its synonym (WordNet), so
    holding it covers part of "film" and lifts the article above the play's premiere in Leeds, ranked first
    without synonyms (a shorter text with the same two typed words)."""
    folder = tmp_path / "in"
    folder.mkdir()
    library.import_paths([_write(folder, *a) for a in PREMIERES + FILLER])
    result = library.search("film premiere in leeds")
    assert result.gist  # no article has all three words
    titles = [h.title for h in result.hits]
    assert titles.index("Audiences return to the cinema") < titles.index("A new play opens")
    assert "Studio sold" not in titles  # a synonym re-ranks the articles holding typed words; it brings in none
