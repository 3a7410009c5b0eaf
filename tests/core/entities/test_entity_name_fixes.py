"""Wrong people and places a new-user trial found in `person:`/`place:` and the dossier, fixed where the library
joins the names an index already holds (core/entities/aliases.Clusters), so existing libraries get it without
extracting again: distinct known places never join, a surname several people share is no alias of one of them,
and weekday/party words glued to a name or a common-noun head after it do not make people."""

from __future__ import annotations

from reader_app.core.entities import ArticleEntity, ArticleText, resolve_article
from reader_app.core.entities.builtin import BuiltinExtractor
from reader_app.core.entities.table import EntityTable


def _stored(*docs: list[tuple[str, str, list[str]]]) -> EntityTable:
    """A table over articles' entities as an index stores them (name, kind, aliases), whatever extractor made them."""
    per_doc = [[ArticleEntity(name=n, kind=k, aliases=a, count=2) for n, k, a in doc] for doc in docs]
    return EntityTable([str(i) for i in range(len(per_doc))], per_doc)


def _names(table: EntityTable, kind: str) -> dict[str, list[str]]:
    return {r["name"]: r["aliases"] for r in table.ranked(kind)}


def test_ireland_and_iceland_are_two_places_across_the_library():
    table = _stored(*[[("Ireland", "place", [])] for _ in range(5)], [("Iceland", "place", [])])
    places = _names(table, "place")
    assert "Iceland" in places and "Ireland" in places, places
    assert table.terms("place", "iceland") == ["iceland"]  # place:iceland finds Iceland's articles only
    assert table.terms("place", "ireland") == ["ireland"]


def test_a_stored_join_of_two_known_places_is_not_an_alias():
    # an article extracted before the fix joined them; its stored alias no longer names Ireland by Iceland
    table = _stored([("Ireland", "place", ["Iceland"])], [("Iceland", "place", [])])
    assert "Iceland" not in _names(table, "place")["Ireland"]
    assert table.terms("place", "iceland") == ["iceland"]


def test_close_spellings_of_one_place_still_join():
    table = _stored([("Kyrgyzstan", "place", [])], [("Kirgyzstan", "place", [])])
    assert len(_names(table, "place")) == 1


def test_ireland_and_iceland_stay_apart_within_one_article():
    text = ArticleText(("Ireland beat Iceland 2-0 in Dublin on Saturday. Iceland had won in Reykjavik.",))
    places = {e.name: e.aliases for e in resolve_article(BuiltinExtractor().extract(text), text) if e.kind == "place"}
    assert "Ireland" in places and "Iceland" in places, places
    assert "Iceland" not in places["Ireland"]


def test_a_surname_several_people_share_is_an_alias_of_the_one_it_stands_for_only():
    tony = [[("Tony Blair", "person", ["Blair"]), ("Blair", "person", [])] for _ in range(8)]
    cherie = [("Cherie Blair", "person", ["Blair"])]  # "Mrs Blair" beside her full name in one article
    table = _stored(*tony, cherie)
    people = _names(table, "person")
    assert "Blair" in people["Tony Blair"]
    assert "Blair" not in people["Cherie Blair"], people
    assert [g["name"] for g in table.clusters.lookup("person", "blair")] == ["Tony Blair"]
    assert table.terms("person", "cherie blair") == ["cherie blair"]


def test_a_shared_surname_none_dominates_is_nobody_s_alias():
    table = _stored([("Tony Blair", "person", ["Blair"])], [("Cherie Blair", "person", ["Blair"])])
    people = _names(table, "person")
    assert "Blair" not in people["Tony Blair"] and "Blair" not in people["Cherie Blair"], people


def test_a_surname_one_person_has_stays_their_alias():
    table = _stored([("Ken Clarke", "person", ["Clarke"])], [("Ken Clarke", "person", [])])
    assert _names(table, "person")["Ken Clarke"] == ["Clarke"]


def test_a_weekday_or_party_word_glued_before_a_name_is_not_part_of_it():
    table = _stored(*[[("Tony Blair", "person", [])] for _ in range(3)],
                    [("Monday Tony Blair", "person", ["Blair"])], [("Wednesday Tony Blair", "person", [])],
                    [("Tories Ken Clarke", "person", ["Clarke"])])
    people = _names(table, "person")
    assert set(people) == {"Tony Blair", "Ken Clarke"}, people
    assert not any("day " in a or "Tories" in a for aliases in people.values() for a in aliases), people
    assert table.ranked("person")[0]["articles"] == 5  # the glued ones are Tony Blair's articles
    # the index holds the glued spelling: person:"tony blair" still finds those articles
    assert "monday tony blair" in table.terms("person", "tony blair")
    assert table.terms("person", "ken clarke") == ["tories ken clarke"]


def test_slogans_titles_and_things_named_like_people_are_not_people():
    table = _stored([("Vote Blair", "person", [])], [("Blair Witch Project", "person", [])],
                    [("Magna Carta", "person", [])], [("Iron Curtain", "person", [])],
                    [("London Underground", "person", [])], [("Selma Blair", "person", [])],
                    [("Saturday Night Takeaway", "person", [])], [("Sunday Bloody Sunday", "person", [])])
    assert set(_names(table, "person")) == {"Selma Blair"}
    assert table.terms("person", "vote blair") == []
    assert table.of_doc(0) == [] and table.of_doc(5) == [{"name": "Selma Blair", "kind": "person"}]
