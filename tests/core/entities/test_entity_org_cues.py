"""The built-in extractor's organisation cues (core/entities/builtin.py): a company's suffix, a role in it, a stake
in it, "it" rather than "he", a club named after its city, a party named by its members, an acronym heading an
event. Names here are made up, so no gazetteer or earlier article can have helped."""

from __future__ import annotations

import pytest

from reader_app.core.entities import entities_of


def _kinds(*paragraphs: str) -> dict[str, str]:
    return {e.name: e.kind for e in entities_of(list(paragraphs))}


@pytest.mark.parametrize(("text", "name"), [
    ("Shares in Grimsdale rose 5% after the results.", "Grimsdale"),
    ("Pavel Novak, chief executive of Kestrel Dynamics, welcomed the deal.", "Kestrel Dynamics"),
    ("Ruth Adeyemi, an analyst at Farrow Brandt, expects a second cut.", "Farrow Brandt"),
    ("Harwood said it would cut 300 jobs in the spring.", "Harwood"),
    ("Brenmore said in a statement that the talks had ended.", "Brenmore"),
    ("Tollcross, which employs 2,000 people, will close two depots.", "Tollcross"),
    ("The deal values Morwen plc at £2bn.", "Morwen"),
    ("Dunholme FC were relegated on Saturday.", "Dunholme FC"),
    ("The consultancy Pellow Mead found that few firms had plans.", "Pellow Mead"),
])
def test_an_organisation_by_its_cue(text, name):
    kinds = _kinds(text)
    assert kinds.get(name) == "org", kinds


def test_a_club_named_after_its_city_is_an_organisation_the_city_a_place():
    kinds = _kinds("Leicester City beat Ipswich at home.", "Fans travelled from Leicester to the match in Ipswich.")
    assert kinds.get("Leicester City") == "org" and kinds.get("Leicester") == "place", kinds
    assert _kinds("Flights to Mexico City were cancelled.").get("Mexico City") == "place"


def test_a_party_named_by_its_members_is_an_organisation():
    kinds = _kinds("The Tories and the Liberal Democrats voted against the bill in the Commons.")
    assert kinds.get("Tories") == "org" and kinds.get("Liberal Democrats") == "org", kinds
    assert "Democrats" not in kinds


def test_a_clubs_possessive_before_its_boss_makes_it_an_organisation_a_countrys_a_place():
    kinds = _kinds("Kelsbury's boss Martin Jol is said to be happy.", "Armenia's president spoke on Monday.")
    assert kinds.get("Kelsbury") == "org" and kinds.get("Martin Jol") == "person" and kinds.get("Armenia") == "place"


def test_an_acronym_heading_an_event_is_the_organisation_that_holds_it():
    kinds = _kinds("She won the 3,000m at the WXAF Indoor Grand Prix in Birmingham.")
    assert kinds.get("WXAF") == "org" and not [n for n in kinds if "Grand Prix" in n], kinds


def test_a_title_after_of_is_part_of_an_organisations_name():
    kinds = _kinds("The Association of Chief Police Officers said forces would act.")
    assert kinds.get("Association of Chief Police Officers") == "org", kinds
    assert "Association of" not in kinds


def test_a_persons_cues_still_win():
    kinds = _kinds("Mr Harwood said he would stand down. Tony Blair's spokesman denied it.")
    assert kinds.get("Harwood") == "person" and kinds.get("Tony Blair") == "person", kinds
