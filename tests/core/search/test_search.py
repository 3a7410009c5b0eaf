"""The search engine through the Library facade: fuzzed queries, snippets, searcher reuse."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader_app.core.search.results import SearchResult
from reader_app.core.search.snippets import best_passage

BITS = st.sampled_from(['"', "(", ")", "-", "*", "~", "~9", ":", "OR", "NOT", "AND", "title:", "outlet:", "date:",
                        "date:2021..", "before:", "after:2021", "..", "troops", "armenia", "deploy*", " ", "\x00",
                        "\ud800", "é", "ß", "İ", "\u0301", "𝔘", "0", "AND(", "-(", "byline:"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(min_size=1, max_size=200), st.lists(BITS, min_size=1, max_size=80).map("".join)))
def test_any_query_gives_a_result(library, text):
    if not text.strip():
        return
    result = library.search(text, limit=5)
    assert isinstance(result, SearchResult)
    assert result.total >= len(result.hits)
    assert result.note is None or len(result.note.splitlines()) == 1
    for hit in result.hits:
        assert hit.snippet.count("**") % 2 == 0


def test_searcher_is_reused_and_refreshed_after_an_import(library, tmp_path):
    engine = library.engine
    library.search("troops")
    first = engine.generation().searcher
    library.search("border")
    assert engine.generation().searcher is first
    f = tmp_path / "new.md"
    f.write_text("# Glacier Watch\n\nThe glacier retreated faster than the troops could count.\n")
    library.import_paths([f])
    assert {h.title for h in library.search("glacier").hits} == {"Glacier Watch"}


def test_best_passage_never_cuts_words():
    text = ("Opening lines about nothing in particular. " * 8 + "\n\n" + "Filler words here and there. " * 5
            + "The deployment of troops was announced. " + "More words after that. " * 10)
    def key(w):
        return ("deploy" if w.startswith("deploy") else ("troop" if w.startswith("troop") else None))
    snippet = best_passage(text, key, width=120)
    assert "**deployment**" in snippet and "**troops**" in snippet
    inner = snippet.strip("… ").replace("**", "")
    assert inner in " ".join(text.split())
    assert best_passage("", key) == ""
    assert best_passage("Short text.", lambda w: None) == "Short text."


def test_did_you_mean_ranks_the_likely_word_first(library):
    from reader_app.core.search.spelling import Vocabulary

    vocabulary = library.engine.vocabulary(library.engine.generation())
    assert vocabulary.close("goverment")[0] == "government"
    assert vocabulary.close("azerbajan")[0] == "azerbaijan"
    assert vocabulary.close("tropos")[0] == "troops"
    words = Vocabulary({"government": 900, "governed": 40, "governor": 300, "movement": 200, "garment": 5})
    assert words.close("goverment")[0] == "government"
    assert words.close("governmnet", limit=3)[0] == "government"
    assert words.better("governor") == []  # a real, common word is left alone
    assert Vocabulary({"pashinyan": 40, "pashinian": 1}).better("pashinian") == ["pashinyan"]


def test_shortest_window_and_nearness_rerank():
    from reader_app.core.search.proximity import rerank, shortest_window

    assert shortest_window([[1, 50], [48], [52, 90]]) == 5
    assert shortest_window([[3], [3]]) == 1
    assert shortest_window([[1], []]) is None
    # equal scores: the article whose words stand together comes first
    assert [d for d, _ in rerank([(1, 2.0), (2, 2.0)], {1: 300, 2: 4}, 4)] == [2, 1]
    assert [d for d, _ in rerank([(1, 2.0), (2, 1.0)], {1: None, 2: None}, 4)] == [1, 2]


def test_words_from_one_passage_rank_that_article_first(library):
    hits = library.search("Grigoryan appeal territorial integrity").hits
    assert hits[0].title == "Armenia Seeks Russian Military Aid in New Escalation With Azerbaijan"


def test_identical_texts_show_as_one_hit(app_paths, seeds_copy):
    import shutil

    from reader_app.core.library import Library

    first = sorted(seeds_copy.iterdir())[0]
    shutil.copy(first, seeds_copy / ("zz_" + first.name))
    lib = Library(app_paths, seeds=seeds_copy)
    lib.open()
    try:
        assert len(lib.list_articles()) == 6
        result = lib.search("troops")
        assert len(result.hits) == result.total == 4
        assert len({h.title for h in result.hits}) == 4
    finally:
        lib.close()


def _look_alikes(library, folder) -> None:
    """Arsenal, arena and arsenic stories: each within two changes of "armenai", as in the BBC corpus."""
    folder.mkdir()
    stories = {"arsenal": "Arsenal beat Chelsea", "arena": "A new arena for concerts", "arsenic": "Arsenic in wells"}
    for word, title in stories.items():
        for k in range(3):
            (folder / f"{word}-{k}.txt").write_text(
                f"{title} {k}\n\nThe {word} story number {k} was told on Monday by people who saw the {word}.\n")
    report = library.import_paths([folder])
    assert len(report.added) == 9


def test_a_corrected_query_shows_only_the_corrected_words_results(library, tmp_path):
    _look_alikes(library, tmp_path / "src")
    result = library.search("Armenai", limit=60)
    assert result.corrected == "Armenia"
    assert result.hits and all("armenia" in (h.title + h.snippet).lower() for h in result.hits), \
        [h.title for h in result.hits]
    assert result.total == library.search("Armenia", limit=60).total


def test_the_next_likeliest_correction_when_the_first_finds_nothing(library, tmp_path):
    _look_alikes(library, tmp_path / "src")
    # "armenai" is closest to "armenia"; "armenia concerts" finds nothing, "arena concerts" does
    assert library.search("Armenia concerts").relaxed is True  # no article has both words
    result = library.search("armenai concerts", limit=60)
    assert result.corrected == "arena concerts" and result.relaxed is False and result.note is None
    assert {h.title for h in result.hits} == {f"A new arena for concerts {k}" for k in range(3)}


def test_similar_spellings_are_searched_only_when_no_correction_finds_anything(library, tmp_path, monkeypatch):
    from reader_app.core.search import engine as search

    _look_alikes(library, tmp_path / "src")
    monkeypatch.setattr(search, "MAX_CORRECTIONS", 1)  # only "armenia concerts" is tried as a correction
    result = library.search("armenai concerts", limit=60)
    assert result.corrected is None and result.relaxed is False
    assert {h.title for h in result.hits} == {f"A new arena for concerts {k}" for k in range(3)}
    assert result.note and "similar spellings" in result.note


def test_a_phrase_marks_only_its_occurrences_in_snippets(library):
    from reader_app.core.search.results import split_marked

    result = library.search('"border guards"', limit=10)
    assert result.hits
    marked = [t for h in result.hits for t, m in split_marked(h.snippet) if m]
    assert marked and {t.lower() for t in marked} == {"border guards"}, marked
    # a word also asked for on its own is marked anywhere
    mixed = library.search('"border guards" border', limit=10)
    assert any(t.lower() == "border" for h in mixed.hits for t, m in split_marked(h.snippet) if m)


def test_a_phrase_in_a_passage_with_the_lone_words_first():
    from reader_app.core.search.snippets import best_passage

    def key(w):
        return {"border": "border", "borders": "border", "guards": "guard"}.get(w)

    text = "The borders were closed for a week. Later the border guards left the post for good."
    snippet = best_passage(text, key, phrases=((("border", "guard"),), frozenset({"border", "guard"})))
    assert "**border guards**" in snippet and "**borders**" not in snippet


def test_a_prefix_marks_no_stop_word_in_a_snippet(library):
    """The user trial: `in*` marked "in" (a stop word the index does not keep, so it matched nothing) in the
    snippets; words the prefix does match (installed, intervene) are still marked."""
    from reader_app.core.search.results import split_marked

    hits = library.search("in*", limit=10).hits
    marked = {t.lower() for h in hits for t, m in split_marked(h.snippet) if m}
    assert marked and all(t.startswith("in") for t in marked)
    assert "in" not in marked


def test_words_typeset_with_ligatures_are_found_by_their_letters(library, tmp_path):
    """"ﬁgures" and "oﬃcial" (ligature characters a PDF or typesetter leaves) are read, shown and found as
    "figures" and "official"; nothing else of the text changes."""
    f = tmp_path / "ligatures.txt"
    f.write_text("Tundra census\n\nThe oﬃcial ﬁgures show the reindeer herd grew, the ﬂoe survey says.\n",
                 encoding="utf-8")
    report = library.import_paths([f])
    (_, aid), = report.added
    assert "The official figures show the reindeer herd grew, the floe survey says." in library.article(aid).text
    for query in ("figures reindeer", "official", "floe", "ﬁgures", "oﬃcial ﬂoe"):  # (typed or pasted)
        assert [h.title for h in library.search(query).hits] == ["Tundra census"], query
