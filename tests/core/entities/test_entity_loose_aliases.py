"""Names that must not join or stand alone (core/entities/aliases.py, builtin.py): a longer name that merely
ends in a country's name ("Stade de France", "Leslie Djhone of France") is not that country, and a generic
word alone ("Party", "United", "City") is never an alias nor an entity."""

from __future__ import annotations

import json

from reader_app.core.entities import ArticleText, entities_of, resolve_article
from reader_app.core.entities.builtin import BuiltinExtractor
from reader_app.core.entities.table import EntityTable
from tests.conftest import run_cli

_STADE = "In Paris, the Stade de France was full on Saturday. France won."
_DJHONE = "Djhone finished second. Leslie Djhone of France was ahead. France took gold."


def _article(*paragraphs: str) -> list:
    text = ArticleText(paragraphs)
    return resolve_article(BuiltinExtractor().extract(text), text)


def _names(entity) -> set[str]:
    return {entity.name, *entity.aliases}


def test_a_longer_name_ending_in_a_country_is_no_alias_of_it():
    for text in (_STADE, _DJHONE):
        [france] = [e for e in _article(text) if "France" in _names(e)]
        assert france.kind == "place"
        assert _names(france) == {"France"}, france.aliases


def test_a_generic_word_alone_is_never_an_alias_of_an_organisation():
    ents = _article("The Labour Party said it would win. Party officials agreed.",
                    "Manchester United won again. United are top of the league.",
                    "BBC Radio Scotland said it had asked. Radio listeners complained.")
    for e in ents:
        generic = {a for a in _names(e) if a in {"Party", "United", "Radio"}}
        assert not generic, (e.name, e.aliases)


def test_a_place_search_by_a_stadium_finds_only_the_stadium(tmp_path):
    data_dir = tmp_path / "data"
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "rugby.txt").write_text("Rugby at the Stade\n\n" + _STADE + "\n", encoding="utf-8")
    (folder / "athletics.txt").write_text("Djhone second\n\n" + _DJHONE + "\n", encoding="utf-8")
    (folder / "paris.txt").write_text("Paris talks\n\nFrance said on Monday it would send envoys to Mali. "
                                      "Officials in France agreed.\n", encoding="utf-8")
    assert run_cli("import", str(folder), data_dir=data_dir).returncode in (0, 3)
    france = json.loads(run_cli("search", "place:France", "--json", data_dir=data_dir).stdout)
    assert france["total"] == 3
    stade = json.loads(run_cli("search", 'place:"Stade de France"', "--json", data_dir=data_dir).stdout)
    assert stade["total"] <= 1, [h.get("title") for h in stade.get("hits", [])]


def _kinds(ents) -> dict[str, str]:
    return {n: e.kind for e in ents for n in _names(e)}


def test_a_title_alone_and_a_plural_name_are_read_whole():
    kinds = _kinds(_article("The Attorney General said the war was legal. The United Nations said it disagreed.",
                            "Northern Isles Ferries said it would cut sailings. The Bank of England held rates. "
                            "The Bank said inflation was low. City traders were calm."))
    assert "General" not in kinds and "The Bank" not in kinds and "City" not in kinds, kinds
    assert kinds.get("United Nations") == "org", kinds
    assert "United Nation" not in kinds
    assert kinds.get("Northern Isles Ferries") == "org" and "Isles Ferries" not in kinds, kinds


def test_a_person_named_before_a_possessive_is_no_organisation():
    # "a member of Cherie Blair's Matrix Chambers": the membership is in what she has, not in her
    kinds = _kinds(_article("Philippe Sands QC, a member of Cherie Blair's Matrix Chambers, says the war was "
                            "illegal."))
    assert kinds.get("Cherie Blair", "person") == "person", kinds


def test_a_name_written_once_without_its_plural_s_joins_the_usual_one_across_the_library():
    table = EntityTable(["a", "b", "c"], [
        entities_of(["The United Nations (UN) said it would send food."]),
        entities_of(["The UN said the talks had failed."]),
        entities_of(["The United Nation's campaign to increase usage began. The UN said so."]),
    ])
    [un] = [g for g in table.ranked("org") if "UN" in {g["name"], *g["aliases"]}]
    assert un["name"] == "United Nations" and un["articles"] == 3, un


def test_what_a_person_has_is_not_a_person():
    # "Cherie Blair's Matrix Chambers says": her chambers, not a man named Matrix Chambers
    kinds = _kinds(_article("A book by Philippe Sands QC, a member of Cherie Blair's Matrix Chambers, says the "
                            "war was illegal."))
    assert kinds.get("Matrix Chambers") != "person", kinds
    assert kinds.get("Philippe Sands") == "person", kinds
