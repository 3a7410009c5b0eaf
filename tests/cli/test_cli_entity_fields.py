"""person:/org:/place: in `reader-app search`: a prefix (`person:pashin*`) names every entity with a name or
alias word starting so, as `deploy*` does for words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("entity-fields-cli")
    assert run_cli("index", data_dir=d).returncode == 0
    return d


def _search(d: Path, query: str) -> dict:
    r = run_cli("search", query, "--json", data_dir=d)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_a_prefix_in_an_entity_field_finds_the_names_it_starts(seeded):
    whole = {h["id"] for h in _search(seeded, 'person:"Nikol Pashinyan"')["hits"]}
    assert len(whole) == 4
    # the surname's start, and the other spelling's ("Pashinian") are the same person
    assert {h["id"] for h in _search(seeded, "person:pashin*")["hits"]} == whole
    assert {h["id"] for h in _search(seeded, "person:PASHI*")["hits"]} == whole
    grigoryan = {h["id"] for h in _search(seeded, 'person:"Armen Grigoryan"')["hits"]}
    assert grigoryan and {h["id"] for h in _search(seeded, "person:grigor*")["hits"]} == grigoryan
    # a first name's start too, and a prefix of an organisation's acronym
    peskov = {h["id"] for h in _search(seeded, 'person:"Dmitry Peskov"')["hits"]}
    assert peskov <= {h["id"] for h in _search(seeded, "person:dmit*")["hits"]}
    assert _search(seeded, "org:cst*")["total"] == _search(seeded, "org:csto")["total"] == 3


def test_a_prefix_no_name_starts_finds_nothing_and_is_not_a_word_search(seeded):
    found = _search(seeded, "person:zzq*")
    assert found["total"] == 0 and found["hits"] == []
    # "armen*" starts words of the text ("Armenia", "Armenian"), but no person's name
    assert _search(seeded, "person:armen*")["total"] == len(
        {h["id"] for h in _search(seeded, 'person:"Armen Grigoryan"')["hits"]})


def test_wildcards_anywhere_in_an_entity_field_match_the_names_words(seeded):
    """`*` at the start or inside, and `?` for one letter, match a word of a name or alias as `deploy*` does a
    prefix: person:*shinyan, person:pa?hinyan and person:pash*yan are Nikol Pashinyan; place:*a is every place
    with a word ending in "a"."""
    pashinyan = {h["id"] for h in _search(seeded, 'person:"Nikol Pashinyan"')["hits"]}
    for query in ("person:*shinyan", "person:pa?hinyan", "person:pash*yan", "person:PA?HIN*"):
        found = _search(seeded, query)
        assert {h["id"] for h in found["hits"]} == pashinyan, (query, found)
        assert not found["note"], found
    armenia = {h["id"] for h in _search(seeded, "place:armenia")["hits"]}
    russia = {h["id"] for h in _search(seeded, "place:russia")["hits"]}
    ending_a = {h["id"] for h in _search(seeded, "place:*a", )["hits"]}
    assert armenia | russia <= ending_a
    assert _search(seeded, "place:*zzq?")["total"] == 0
