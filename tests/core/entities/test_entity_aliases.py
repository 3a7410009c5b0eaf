"""One name per place and per party (core/entities/aliases.py, gazetteer.py): a country's other names from the
gazetteers ("UK", "Britain", "United Kingdom"; "US", "USA", "America"), and "X" beside "X Party"."""

from __future__ import annotations

from reader_app.core.entities import ArticleText, entities_of, resolve_article
from reader_app.core.entities.builtin import BuiltinExtractor
from reader_app.core.entities.table import EntityTable


def _table(*paragraphs: str) -> EntityTable:
    per_doc = [entities_of([p]) for p in paragraphs]
    return EntityTable([str(i) for i in range(len(per_doc))], per_doc)


def _group(table: EntityTable, kind: str, name: str) -> dict:
    found = [r for r in table.ranked(kind) if r["name"] == name or name in r["aliases"]]
    assert len(found) == 1, (name, [(r["name"], r["aliases"]) for r in table.ranked(kind)])
    return found[0]


def test_the_united_kingdom_by_any_of_its_names_is_one_place_across_the_library():
    table = _table(
        "Troops from the UK arrived in Abidjan on Monday.",
        "Britain said it would send more aid to the region.",
        "The United Kingdom voted against the motion in Geneva.",
        "Great Britain won the relay in Madrid, ahead of Spain.",
    )
    uk = _group(table, "place", "UK")
    assert uk["name"] == "United Kingdom"  # the gazetteer's own name when an article uses it
    assert {"UK", "Britain", "Great Britain"} <= set(uk["aliases"])
    assert uk["articles"] == 4
    assert table.terms("place", "britain") == table.terms("place", "uk")  # place:britain finds all four


def test_the_united_states_by_any_of_its_names_is_one_place():
    table = _table(
        "Officials in the US said talks would resume.",
        "The USA beat Ireland in Dublin on Saturday.",
        "The United States will send an envoy to Tokyo.",
        "Exports to America rose by 4% last year, the report in London said.",
    )
    us = _group(table, "place", "America")
    assert us["name"] == "United States"
    assert {"US", "USA", "America"} <= set(us["aliases"])
    assert us["articles"] == 4


def test_country_names_join_within_one_article_too():
    text = ArticleText(("Britain and France signed the deal in Paris. The UK will pay half.",
                        "Russia, officially the Russian Federation, objected through its embassy in Paris."))
    ents = resolve_article(BuiltinExtractor().extract(text), text)
    places = {e.name: e for e in ents if e.kind == "place"}
    uk = [e for e in places.values() if "UK" in {e.name, *e.aliases}]
    assert len(uk) == 1 and "Britain" in {uk[0].name, *uk[0].aliases}
    russia = [e for e in places.values() if "Russia" in {e.name, *e.aliases}]
    assert len(russia) == 1 and "Russian Federation" in {russia[0].name, *russia[0].aliases}


def test_different_countries_and_regions_never_join():
    table = _table(
        "Fighting spread from Niger into Nigeria and Guinea, officials in Equatorial Guinea said.",
        "Voters in America and in Latin America and South America followed the race.",
        "Austria and Australia sent envoys to Dominica and the Dominican Republic.",
    )
    names = {r["name"] for r in table.ranked("place")}
    assert {"Niger", "Nigeria", "Guinea", "Equatorial Guinea", "Latin America", "South America"} <= names
    assert {"Austria", "Australia", "Dominica", "Dominican Republic"} <= names


def test_a_party_and_its_short_name_are_one_organisation():
    table = _table(
        "The Labour Party said on Monday it would cut the tax.",
        "Labour said the plans were costed, Mr Brown told reporters.",
        "The Likud party voted against the plan. Likud officials were angry.",
        "Members of the Likud Party met in Jerusalem.",
    )
    labour = _group(table, "org", "Labour")
    assert labour["name"] == "Labour Party" or "Labour Party" in labour["aliases"]
    assert labour["articles"] == 2
    likud = _group(table, "org", "Likud")
    assert likud["articles"] == 2 and "Likud Party" in {likud["name"], *likud["aliases"]}


def test_a_party_and_its_short_name_join_within_one_article():
    text = ArticleText(("The Labour Party conference opens on Sunday. Labour hopes to win a third term.",))
    orgs = [e for e in resolve_article(BuiltinExtractor().extract(text), text) if e.kind == "org"]
    labour = [e for e in orgs if "Labour" in {e.name, *e.aliases}]
    assert len(labour) == 1 and "Labour Party" in {labour[0].name, *labour[0].aliases}


def test_a_named_pipeline_that_is_not_installed_leaves_the_built_in_extractor(monkeypatch):
    from reader_app.core import entities
    from reader_app.core.entities.spacy_extractor import available_model

    for value in ("en_core_web_none_such", "not a module", "../x"):
        monkeypatch.setenv(entities.CHOICE_ENV, value)
        entities.extractor.cache_clear()
        try:
            assert available_model() != value
            if available_model() is None:
                assert isinstance(entities.extractor(), BuiltinExtractor)
        finally:
            entities.extractor.cache_clear()


def test_a_party_by_its_nicknames_is_one_organisation():
    table = _table(
        "The Conservative Party said on Monday it would cut taxes.",
        "The Tories said the plans were costed.",
        "The Conservatives unveiled their poster in London.",
        "The Liberal Democrats said they would scrap fees.",
        "The Lib Dems voted against the bill, Mr Kennedy said.",
        "A Lib Dem spokesman said the party opposed it.",
    )
    tories = _group(table, "org", "Tories")
    assert {"Conservative Party", "Conservatives"} <= {tories["name"], *tories["aliases"]}
    assert tories["articles"] == 3
    libdems = _group(table, "org", "Lib Dems")
    assert {"Liberal Democrats", "Lib Dem"} <= {libdems["name"], *libdems["aliases"]}
    assert libdems["articles"] == 3


def test_a_party_and_its_nickname_join_within_one_article():
    text = ArticleText(("The Conservative Party launched its manifesto. The Tories promised lower taxes.",))
    orgs = [e for e in resolve_article(BuiltinExtractor().extract(text), text) if e.kind == "org"]
    assert len(orgs) == 1 and {"Conservative Party", "Tories"} <= {orgs[0].name, *orgs[0].aliases}, orgs
