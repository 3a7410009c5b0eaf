"""The query language parser: every operator, field and date form, and hostile input, without an index."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader_app.core.search.query import (
    MAX_TERMS,
    And,
    DateRange,
    Not,
    Or,
    Phrase,
    Word,
    parse,
    positive_words,
    to_text,
)


def node(text):
    return parse(text).node


def test_plain_words_are_all_required():
    assert node("russian troops") == And((Word("russian"), Word("troops")))


def test_phrase_or_not_minus_and_groups():
    assert node('"border guards"') == Phrase(("border", "guards"))
    assert node("turkey OR iran") == Or((Word("turkey"), Word("iran")))
    assert node("armenia -moscow") == And((Word("armenia"), Not(Word("moscow"))))
    assert node("armenia NOT moscow") == And((Word("armenia"), Not(Word("moscow"))))
    assert node("(turkey OR iran) border") == And((Or((Word("turkey"), Word("iran"))), Word("border")))
    assert node("a AND b") == And((Word("a"), Word("b")))
    assert node("e-mail") == Word("e-mail")  # a hyphen inside a word is not an exclusion


def test_prefix_and_fuzzy():
    assert node("deploy*") == Word("deploy", prefix=True)
    assert node("pashinyan~") == Word("pashinyan", fuzzy=1)
    parsed = parse("reading~9")
    assert parsed.node == Word("reading", fuzzy=2) and parsed.notes
    assert node("d*") == Word("d")  # one letter is too short a prefix


def test_fields():
    assert node("title:ceasefire") == Word("ceasefire", field="title")
    assert node('outlet:"moscow times"') == Phrase(("moscow", "times"), field="outlet")
    assert node("byline:AFP") == Word("AFP", field="byline")
    assert node("Title:(a OR b)") == Or((Word("a", field="title"), Word("b", field="title")))
    assert node("foo:bar") == Word("foo:bar")  # not a field: searched as words


def test_dates():
    assert node("date:2021") == DateRange("2021", "2021")
    assert node("date:2021-4") == DateRange("2021-04", "2021-04")
    assert node("date:2021-04..2021-11") == DateRange("2021-04", "2021-11")
    assert node("date:2021..") == DateRange("2021", None)
    assert node("before:2022") == DateRange(None, "2022", end_open=True)
    assert node("after:2021-06-01") == DateRange("2021-06-01", None, start_open=True)
    bad = parse("date:yesterday troops")
    assert bad.node == Word("troops") and "date:yesterday" in bad.notes[0]
    assert parse("date:2021-13").node is None


def test_round_trip_to_text():
    for text in ['"border guards" -moscow', "(turkey OR iran) border", "title:ceasefire date:2021-04..2021-11",
                 "deploy* before:2022 after:2021"]:
        assert node(to_text(node(text))) == node(text)


def test_lone_operators_and_unbalanced_input():
    assert node("NOT OR foo") == Word("foo")
    assert node("OR") is None and node("NOT") is None and node("-") is None and node("AND OR NOT") is None
    assert node('"border guards') == Phrase(("border", "guards"))
    assert node("((troops") == Word("troops")
    assert node("troops))") == Word("troops")
    assert node(")(") is None
    assert node('""') is None


def test_deep_nesting_long_input_and_odd_characters():
    assert node("(" * 1000 + "troops" + ")" * 1000) == Word("troops")
    assert node("(" * 1000 + "troops") == Word("troops")
    assert node("NOT " * 900 + "troops") == Word("troops")  # an even number of NOTs cancel out
    long = parse(" ".join(f"w{n}" for n in range(2000)))
    assert isinstance(long.node, And) and len(long.node.items) == MAX_TERMS and long.notes
    assert node("troops " * 20000) == Word("troops")  # the same word again asks nothing more
    assert node("x" * 100_000) is not None
    assert node("tro\x00ops\x1b[31m \ud800 guards\u200b") == And((Word("tro"), Word("ops"), Word("[31m"),
                                                                 Word("guards")))
    assert node("“border guards”") == Phrase(("border", "guards"))


def test_exact_query_quotes_plain_words():
    from reader_app.core.search.query import exact_query

    assert exact_query("goverment troops") == '"goverment" "troops"'
    assert exact_query('deploy* -moscow "border guards" title:aid') == 'deploy* -moscow "border guards" title:"aid"'
    assert node('"goverment"') == Word("goverment", exact=True)


def test_positive_words_leave_out_exclusions():
    assert [w.text for w in positive_words(node("a (b OR c) -d NOT e"))] == ["a", "b", "c"]


QUERY_BITS = st.sampled_from(['"', "(", ")", "-", "*", "~", "~9", ":", "OR", "NOT", "AND", "title:", "date:",
                              "date:2021..", "before:", "..", "troops", "armenia", " ", "\x00", "\ud800", "é"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(QUERY_BITS, max_size=60).map("".join)))
def test_parse_never_raises(text):
    parsed = parse(text)
    assert isinstance(parse(to_text(parsed.node)).notes, list)
    assert all(len(n.splitlines()) == 1 for n in parsed.notes)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["troops", "border", "title:guards", '"border guards"', "OR", "-moscow",
                                 "deploy*", "date:2021", "(", ")"]), max_size=12).map(" ".join))
def test_written_back_queries_mean_the_same(text):
    parsed = parse(text)
    assert parse(to_text(parsed.node)).node == parsed.node


def test_readme_shows_the_help_text():
    from pathlib import Path

    from reader_app.core.search.query import HELP_TEXT

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    assert all(line in readme for line in HELP_TEXT.splitlines()[:-1])


def test_long_phrases_are_cut():
    parsed = parse('"' + "border guards " * 100 + '"')
    assert isinstance(parsed.node, Phrase) and len(parsed.node.words) == 12 and parsed.notes


def test_highlight_terms_come_from_the_one_parser():
    from reader_app.core.search.query import highlight_terms

    assert highlight_terms('date:2021 NOT left title:armenia "russian troops" -tanks OR guard') == [
        "armenia", "guard", "russian troops"]  # not the excluded words, not the date; a phrase whole
    assert highlight_terms('"border guards" border deploy* troop~1 a') == ["border", "border guards", "deploy", "troop"]
    assert highlight_terms("NOT everything") == []


def test_a_stop_word_alone_is_not_marked_in_a_phrase_it_may_be():
    """The user trial: searching `troops in armenia` marked every "in" of the opened article. The index keeps
    no stop words, so none matched: alone one is not marked; inside a phrase, the phrase is."""
    from reader_app.core.search.query import highlight_terms

    assert highlight_terms("troops in armenia") == ["armenia", "troops"]
    assert highlight_terms('The "troops in armenia" of THE war in* "in"') == ["troops in armenia", "war"]


def test_a_note_is_said_once_however_often_its_cause_repeats():
    from reader_app.core.search.query import parse

    notes = parse(" ".join(["a*"] * 200)).notes
    assert notes.count("A prefix needs at least two letters before the *.") == 1
