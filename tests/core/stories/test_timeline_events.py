"""A timeline's entries grouped by event (core.stories.by_event), as the window and the command line show them."""

from __future__ import annotations

from reader_app.core.stories import TimelineEntry, by_event


def test_an_event_whose_articles_are_apart_in_the_timeline_is_shown_once():
    """Undated and year-only articles sort after the full dates, so an event's entries need not be next to
    each other: `story` printed "Event 1, 2, 1" (the new-user and adversarial trials)."""
    entries = [TimelineEntry("a", "A", "X", "2021-04-14", 0), TimelineEntry("b", "B", "Y", "2021-11-02", 1),
               TimelineEntry("c", "C", "Z", "2021", 0), TimelineEntry("d", "D", None, None, 1)]
    assert [[e.id for e in group] for group in by_event(entries)] == [["a", "c"], ["b", "d"]]
    assert by_event([]) == []
