"""Quoted phrases holding small words the index drops ("in", "the", "of"): matched word for word on the seeds."""

from __future__ import annotations

A2024 = "Russia Agrees to Remove Some Troops, Border Guards From Armenia"  # "… some of its troops and border …"
A2021 = "Armenia Urges Russian Military Deployment On Azerbaijan Border"  # "… deploy troops to the country’s …"
UNDATED = "Russia will withdraw its troops and border guards from Armenia’s border with Azerbaijan"


def titles(library, query: str) -> set[str]:
    return {h.title for h in library.search(query, limit=10).hits}


def test_a_phrase_ending_in_a_small_word_is_not_the_word_alone(library):
    # It found every article with "troops"; only the 2024 one has "troops, in" (punctuation is skipped)
    assert len(titles(library, "troops")) == 4
    assert titles(library, '"troops in"') == {A2024}
    assert titles(library, '"troops to the"') == {A2021}


def test_a_small_word_in_a_phrase_must_be_there(library):
    # "withdraw its troops" has no "of" before "its troops"; "some of its troops" has
    assert titles(library, '"of its troops"') == {A2024}
    assert titles(library, '"its troops"') == {A2024, UNDATED}


def test_another_small_word_in_the_gap_does_not_match(library):
    # the index holds "troops and border" as "troop border", as it holds "troops in the border"
    assert titles(library, '"troops in the border"') == set()
    assert titles(library, '"troops and border"') == {A2024, UNDATED}
    result = library.search('"troops in the border"')
    assert not result.hits and not result.relaxed


def test_a_phrase_with_a_small_word_finds_the_text_that_has_it(library, tmp_path):
    assert titles(library, '"troops in armenia"') == set()  # no seed says it: "troops on its soil", "troops to"
    f = tmp_path / "gyumri.md"
    f.write_text("# Gyumri base\n\nRussia keeps its Troops in Armenia, at the base in Gyumri.\n")
    library.import_paths([f])
    assert titles(library, '"troops in armenia"') == {"Gyumri base"}
    assert titles(library, 'title:"gyumri base"') == {"Gyumri base"}
    assert titles(library, '"troops of armenia"') == set()


def test_a_query_of_small_words_only_says_only_that(library):
    result = library.search('"in the"')
    assert result.empty and not result.hits
    assert result.note is not None and result.note.startswith("Nothing to search for")
    assert not library.search("troops").empty


def test_the_snippet_marks_the_phrase_whole_small_words_included(library):
    # It marked "some of **its troops**", and for "troops in" a lone "**troops**" where the phrase is not
    [hit] = library.search('"of its troops"').hits
    assert "some **of its troops** and border" in hit.snippet
    [hit] = library.search('"troops in"').hits
    assert "**troops, in** the Armenian city" in hit.snippet and hit.snippet.count("**") == 2
    [hit] = library.search('"troops to the"').hits
    assert "deploy **troops to the** country" in hit.snippet
    assert "**" not in hit.snippet.replace("**troops to the**", "")  # "to" and "the" elsewhere stay unmarked


def test_a_text_holds_a_phrase_word_for_word():
    from whoosh.lang.porter import stem

    from reader_app.core.search.wording import holds, keys

    def has(text: str, phrase: str) -> bool:
        return holds(text, keys(phrase, stem), stem)

    assert has("Some of its Troops, in Gyumri.", "of its troops") and has("troops, in", "troops in")
    assert not has("some of it troops", "of its troops")  # "its" stems to the small word "it": not the same
    assert has("deployed troop in the north", "troops in the north")  # any form of the other words
    assert not has("troops and border", "troops in the border") and not has("troops border", "troops in border")
    assert not has("troops.in the city", "troops in the")  # "troops.in" is one word, as the index reads it
    assert has("the the troops in the city", "the troops in the")  # a near miss just before the phrase
    assert not has("", "troops in") and not has("troops", "troops in")
