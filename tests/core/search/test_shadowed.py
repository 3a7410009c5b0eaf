"""A slip that stems like a rare real word ("goverment" is stemmed as "governess" is) is corrected to the common
word one slip away; words the library has, and words beside an equally near form of their own, are left alone."""

from __future__ import annotations

from pathlib import Path


def write_governess_corpus(folder: Path, governess: int, government: int) -> None:
    """`governess` obituaries naming a governess, and `government` political stories naming the government."""
    folder.mkdir()
    for k in range(governess):
        (folder / f"obituary-{k}.txt").write_text(
            f"Obituary: a dancer's life {k}\n\nShe joined the ballet company at fourteen, with a governess in tow, "
            f"and danced for {k + 20} seasons in Monte Carlo and London.\n")
    for k in range(government):
        (folder / f"politics-{k}.txt").write_text(
            f"Council tax row {k}\n\nThe government said on Monday that council tax would rise by {k + 2}% "
            f"next year, and ministers defended the government's spending plans.\n")


def import_governess_corpus(library, folder: Path, governess: int, government: int) -> None:
    write_governess_corpus(folder, governess, government)
    assert len(library.import_paths([folder]).added) == governess + government


def titles(result) -> set[str]:
    return {h.title for h in result.hits}


def test_a_slip_stemmed_like_a_rare_word_shows_only_the_corrected_words_results(library, tmp_path):
    import_governess_corpus(library, tmp_path / "src", governess=1, government=8)
    result = library.search("goverment", limit=60)
    assert result.corrected == "government"
    assert not any(t.startswith("Obituary") for t in titles(result)), titles(result)
    assert not any("governess" in h.snippet for h in result.hits)
    assert titles(result) == titles(library.search("government", limit=60))


def test_a_slip_is_corrected_even_when_the_rare_word_finds_several_articles(library, tmp_path):
    # three obituaries are enough for the strict query not to be widened as a query that found little
    import_governess_corpus(library, tmp_path / "src", governess=3, government=20)
    result = library.search("goverment", limit=60)
    assert result.corrected == "government"
    assert titles(result) == titles(library.search("government", limit=60))
    both = library.search("goverment spending", limit=60)
    assert both.corrected == "government spending" and both.hits
    assert not any(t.startswith("Obituary") for t in titles(both))


def test_the_rare_word_itself_is_never_replaced(library, tmp_path):
    import_governess_corpus(library, tmp_path / "src", governess=3, government=20)
    result = library.search("governess", limit=60)
    assert result.corrected is None and result.relaxed is False
    assert titles(result) == {f"Obituary: a dancer's life {k}" for k in range(3)}
    quoted = library.search('"goverment"', limit=60)  # in quotes: searched as typed, never corrected
    assert quoted.corrected is None and {t.split(" life")[0] for t in titles(quoted)} == {"Obituary: a dancer's"}


def test_shadowing_needs_a_common_word_one_slip_away_and_no_stem_mate_as_near():
    from reader_app.core.search.spelling import Vocabulary

    def stem(word: str) -> str:  # as the index's Porter stemmer treats these words
        return {"goverment": "gover", "governess": "gover", "carols": "carol", "carol": "carol"}.get(word, word)

    words = Vocabulary({"government": 900, "governess": 1, "carol": 3, "carlos": 60, "garment": 2})
    assert words.shadowing("goverment", 1, stem) == "government"
    assert words.shadowing("Goverment", 1, stem) == "government"
    assert words.shadowing("governess", 1, stem) is None  # in the library: never replaced
    assert words.shadowing("goverment", 0, stem) is None  # finds nothing: the usual correction's business
    assert words.shadowing("goverment", 200, stem) is None  # its look-alikes are not far rarer
    assert words.shadowing("carols", 3, stem) is None  # "carol" is as near as "carlos": maybe what was meant
    assert Vocabulary({"government": 4, "governess": 1}).shadowing("goverment", 1, stem) is None  # not common


def test_one_slip_is_a_drop_a_double_a_swap_or_a_neighbouring_key():
    from reader_app.core.search.spelling import one_slip

    assert one_slip("goverment", "government")  # dropped
    assert one_slip("governmment", "government")  # doubled
    assert one_slip("govermnent", "government")  # swapped
    assert one_slip("govermment", "government")  # m beside n
    assert one_slip("wsrned", "warned")  # s beside a (rows overlap)
    assert not one_slip("quantity", "quality")  # n and l are not neighbours
    assert not one_slip("governxment", "government")  # an extra letter that doubles nothing
    assert not one_slip("government", "government")
