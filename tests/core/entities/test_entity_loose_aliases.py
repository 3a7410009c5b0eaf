"""Names that must not join or stand alone (core/entities/aliases.py, builtin.py): a longer name that merely
ends in a country's name ("Stade de France", "Leslie Djhone of France") is not that country, and a generic
word alone ("Party", "United", "City") is never an alias nor an entity."""

from __future__ import annotations

import json

from reader_app.core.entities import ArticleText, resolve_article
from reader_app.core.entities.builtin import BuiltinExtractor
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
