"""Chinese and Japanese articles are found by the words in them: a run of Han or kana is indexed as its
overlapping pairs of characters (core/articles/cjk.py, core/index/fields.py), and a word typed in those
scripts is searched as the phrase of its pairs. Real index on disk, with a Chinese, a Japanese and an English
article (tests/core/search/cjk_articles) imported beside the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader_app.core.articles import cjk
from reader_app.core.library import Library
from reader_app.core.search.query import highlight_terms
from reader_app.core.search.results import split_marked
from tests.conftest import run_cli

ARTICLES = Path(__file__).parent / "cjk_articles"
FORUM = "北京大学举办国际气候论坛"  # Beijing University's climate forum (北京 in the headline and often)
PORT = "上海港集装箱吞吐量再创新高"  # Shanghai's port: 北京 once, 大学 once, never 北京大学
TOKYO = "東京都、新たな防災計画を発表"  # Tokyo's disaster plan: 東京、大阪 (京大 only across the comma)
ENGLISH = "Tokyo unveils a new earthquake plan"  # English, with 東京都 once in brackets


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    from reader_app import paths
    from tests.conftest import own_home

    root = tmp_path_factory.mktemp("cjk")
    with own_home(root):
        lib = Library(paths.resolve(root / "data"))
        lib.open()
        report = lib.import_paths(sorted(ARTICLES.iterdir()))
        assert len(report.added) == 4
        yield lib
        lib.close()


def titles(library: Library, query: str) -> list[str]:
    return [h.title for h in library.search(query, limit=20).hits]


def marked(snippet: str) -> list[str]:
    return [text for text, is_match in split_marked(snippet) if is_match]


def test_a_word_inside_a_sentence_is_found_and_ranked(library):
    assert titles(library, "北京") == [FORUM, PORT]  # the headline and three mentions before one
    assert titles(library, "東京") == [TOKYO, ENGLISH]
    assert titles(library, "大学") == [FORUM, PORT]
    assert titles(library, "マップ") == [TOKYO]  # a Katakana word inside ハザードマップ
    assert titles(library, "高齢者") == [TOKYO]  # three characters: two pairs, in order
    assert titles(library, "防災 地震 高齢者") == [TOKYO]


def test_a_longer_word_is_its_characters_in_order_not_scattered(library):
    assert titles(library, "北京大学") == [FORUM]  # the port article has 北京 and 大学, apart
    assert titles(library, "大学北京") == []
    assert titles(library, "学大") == []


def test_a_word_split_by_punctuation_or_a_space_is_not_found_across_it(library):
    assert TOKYO not in titles(library, "京大")  # 東京、大阪: 京 and 大 only either side of the comma
    assert titles(library, "京大") == [FORUM]  # ... and inside 北京大学
    assert titles(library, "都東") == []  # (東京都) and the next sentence's 東 never make a pair


def test_mixed_queries_and_fields(library):
    assert titles(library, "Tokyo 東京") == [ENGLISH]
    assert titles(library, "Tokyo東京") == []  # typed as one word: a phrase, and the text has "(東京" apart
    assert titles(library, "東京 -tokyo") == [TOKYO]
    assert titles(library, "title:北京") == [FORUM]
    assert set(titles(library, "北京 OR 東京")) == {FORUM, TOKYO, PORT, ENGLISH}
    assert titles(library, "earthquake 東京都") == [ENGLISH]


def test_quoted_phrases(library):
    assert titles(library, '"北京大学"') == [FORUM]
    assert titles(library, '"北京大学 校长"') == [FORUM]  # typed in words, written together
    assert titles(library, '"東京 大阪"') == [TOKYO]  # two words with a comma between them
    assert titles(library, '"大阪 東京"') == []
    assert titles(library, '"Metropolitan Government 東京都"') == [ENGLISH]
    assert titles(library, '"the 東京"') == []  # a small word: the text is checked, and has no "the 東京"


def test_snippets_mark_the_matched_characters_only(library):
    hits = library.search("北京大学").hits
    assert marked(hits[0].snippet) == ["北京大学"]
    port = next(h for h in library.search("北京").hits if h.title == PORT)
    assert marked(port.snippet) == ["北京"]
    assert "来自**北京**的同行" in port.snippet
    both = library.search("北京大学 校长").hits[0]
    assert marked(both.snippet) == ["北京大学校长"]  # two words written together: one mark
    assert marked(library.search('"東京 大阪"').hits[0].snippet) == ["東京、大阪"]
    english = library.search("Tokyo 東京").hits[0]
    assert marked(english.snippet) == ["Tokyo", "東京"]
    # the marks sit on the text as written: with the marks taken out, the snippet is a piece of the article
    text = library.article(hits[0].id).text
    plain = hits[0].snippet.replace("**", "").strip("… ")
    assert plain in " ".join(text.split())


def test_highlight_terms_split_han_and_kana_from_other_words():
    assert highlight_terms("北京大学 Tokyo東京") == sorted(["北京大学", "Tokyo", "東京"])
    assert highlight_terms('"北京大学 校长"') == sorted(["北京大学 校长", "北京大学校长"])
    assert highlight_terms("京") == ["京"]  # one character of Han is a word (a letter alone is not)
    assert highlight_terms("a") == []


def test_typo_tolerance_offers_nothing_for_han_or_kana(library):
    vocabulary = library.engine.vocabulary(library.engine.generation())
    assert vocabulary.count("tokyo") and not any(cjk.has_cjk(w) for w in vocabulary.counts)
    for query in ("南京", "北亰", "東亰", "東京タワ", "北京~", "北京~2"):  # (亰: a variant of 京)
        result = library.search(query)
        assert result.corrected is None and result.suggestions == [] and not result.note, (query, result)
    mixed = library.search("北京大学 Tokio")  # the English word alone is corrected
    assert mixed.corrected == "北京大学 Tokyo" or mixed.suggestions == ["北京大学 Tokyo"], mixed
    result = library.search("earthqake 東京")
    assert result.corrected == "earthquake 東京" and [h.title for h in result.hits] == [ENGLISH]


def test_a_gist_query_in_chinese_finds_the_closest_article(library):
    result = library.search("北京 气候 论坛 长江 水资源 台风")  # no article has 台风 (typhoon)
    assert result.hits and result.hits[0].title == FORUM and result.relaxed


def test_command_line_search(library, tmp_path):
    data = library.paths.data
    r = run_cli("search", "北京", data_dir=data)
    assert r.returncode == 0, r.stderr
    assert FORUM in r.stdout and PORT in r.stdout and TOKYO not in r.stdout
    assert "**北京**" in r.stdout
    r = run_cli("search", "--json", "東京 大阪", data_dir=data)
    got = json.loads(r.stdout)
    assert [h["title"] for h in got["hits"]] == [TOKYO]
    assert sorted(marked(got["hits"][0]["snippet"])) == ["大阪", "東京"]


def test_an_index_of_the_last_schema_is_rebuilt_and_then_finds_the_words(tmp_path):
    """A library indexed before (schema 11: a sentence was one word; 12: "東\n京" was 東 京) is rebuilt when it
    is opened: its bookmarks, article list and names are there after it, and the words are found."""
    from reader_app import paths
    from reader_app.core.index import store

    app_paths = paths.resolve(tmp_path / "data")
    lib = Library(app_paths)
    lib.open()
    lib.import_paths(sorted(ARTICLES.iterdir()))
    forum = next(a for a in lib.list_articles() if a["title"] == FORUM)["id"]
    mark = lib.bookmarks.add_quote(lib.article(forum), "北京大学校长在开幕式上表示", note="校长")
    listed, names = len(lib.list_articles()), lib.entities()
    lib.close()
    meta_file = app_paths.index / store.META_FILE
    meta = json.loads(meta_file.read_text())
    assert meta["schema"] == store.SCHEMA_VERSION == 13
    meta["schema"] = 12  # (13: a line break between Han or kana characters is no space, core/articles/cjk.py)
    meta_file.write_text(json.dumps(meta))
    lib = Library(app_paths)
    try:
        report = lib.open()
        assert report.action == "rebuilt" and "version" in report.reason
        assert [h.title for h in lib.search("北京大学").hits] == [FORUM]
        assert len(lib.list_articles()) == listed and lib.entities() == names
        again = {b.id: b for b in lib.bookmarks.list()}[mark.id]
        assert again.quote == "北京大学校长在开幕式上表示" and again.note == "校长" and not again.orphan
    finally:
        lib.close()


def test_a_passage_of_a_long_paragraph_is_cut_between_characters_not_at_the_match():
    """Han and kana have no spaces to cut at: the passage is a full snippet's width around the match, not
    the match alone."""
    from reader_app.core.search.snippets import SNIPPET_CHARS, best_passage

    para = "会议讨论了城市交通和可再生能源问题" * 12 + "北京大学" + "专家认为应对气候变化需要加强合作" * 12
    passage = best_passage(para, lambda w: w if w in {"北京", "京大", "大学"} else None,
                           phrases=((("北京", "京大", "大学"),), frozenset({"北京", "京大", "大学"})))
    assert passage.startswith("… ") and passage.endswith(" …") and marked(passage) == ["北京大学"]
    assert SNIPPET_CHARS - 10 <= len(passage.replace("**", "").strip("… ")) <= SNIPPET_CHARS
    assert passage.replace("**", "").strip("… ") in para
