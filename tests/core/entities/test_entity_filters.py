"""Entity filters written into the query (core/entities/filters.py) parse as the query language reads them."""

from reader_app.core.entities.filters import entity_filter, has_filter, toggle_filter
from reader_app.core.search import query as q


def test_toggle_adds_then_takes_away():
    once = toggle_filter("troops", "person", "Dmitry Peskov")
    assert once == 'troops person:"Dmitry Peskov"' and has_filter(once, "person", "Dmitry Peskov")
    assert toggle_filter(once, "person", "Dmitry Peskov") == "troops"
    assert toggle_filter("", "place", "Gyumri") == 'place:"Gyumri"'
    assert toggle_filter('place:"Gyumri"', "place", "Gyumri") == ""
    assert toggle_filter("place:gyumri base", "place", "Gyumri") == "base"  # typed by hand, any case


def test_filters_parse_as_entity_fields():
    node = q.parse(entity_filter("org", 'The "Big" Company') + " border").node
    assert isinstance(node, q.And)
    assert q.Phrase(("The", "Big", "Company"), "org") in node.items
    assert q.is_entity_filter(node.items[0])


def test_the_filters_in_force_are_read_back_and_can_be_replaced_or_cleared():
    from reader_app.core.entities.filters import entity_filters, only_filter, without_filters

    query = 'troops person:"Dmitry Peskov" place:gyumri org:"CSTO"'
    assert entity_filters(query) == [("person", "Dmitry Peskov"), ("place", "gyumri"), ("org", "CSTO")]
    assert entity_filters("troops -person:peskov") == []  # left out, not required: no filter in force
    assert without_filters(query) == "troops"
    assert only_filter(query, "person", "Nikol Pashinyan") == 'troops person:"Nikol Pashinyan"'
    assert only_filter("", "org", "CSTO") == 'org:"CSTO"'
    assert entity_filters("persona: peskov") == []
