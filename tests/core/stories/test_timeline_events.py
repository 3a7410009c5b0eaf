"""A timeline's entries grouped by event (core.stories.by_event), as the window and the command line show them."""

from __future__ import annotations

from reader_app.core import stories
from reader_app.core.stories import Thread, TimelineEntry, by_event


def test_an_event_whose_articles_are_apart_in_the_timeline_is_shown_once():
    """Undated and year-only articles sort after the full dates, so an event's entries need not be next to
    each other: `story` printed "Event 1, 2, 1" (the new-user and adversarial trials)."""
    entries = [TimelineEntry("a", "A", "X", "2021-04-14", 0), TimelineEntry("b", "B", "Y", "2021-11-02", 1),
               TimelineEntry("c", "C", "Z", "2021", 0), TimelineEntry("d", "D", None, None, 1)]
    assert [[e.id for e in group] for group in by_event(entries)] == [["a", "c"], ["b", "d"]]
    assert by_event([]) == []


def test_no_sentence_is_new_that_an_article_shown_before_it_said(library, tmp_path):
    """The user trial (BBC, Yukos thread): undated articles sort by headline, but a timeline is shown by
    event, so "Yukos accused of lying to court" (sorted before "Yukos sues four firms for $20bn", shown after
    it in a later event) listed as new two sentences that "Yukos sues…" had given word for word above it."""
    folder = tmp_path / "yukos"
    folder.mkdir()
    merger = "Rosneft, meanwhile, has agreed to merge with Gazprom, bringing oil back under state control."
    texts = {"accused": f"Yukos accused of lying to court\n\nYukos lied to a court in Houston. {merger}\n",
             "deutsche": "Deutsche attacks Yukos case\n\nDeutsche Bank challenged the bankruptcy filing.\n",
             "sues": f"Yukos sues four firms for $20bn\n\nYukos has sued four companies in Houston. {merger}\n"}
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text)
    ids = {p.rsplit("/", 1)[-1][:-4]: aid for p, aid in library.import_paths([folder]).added}
    accused, deutsche, sues = ids["accused"], ids["deutsche"], ids["sues"]
    # Undated, so in headline order; "Yukos sues…" reports what "Deutsche attacks…" does, "accused" stands alone.
    thread = Thread(id="t", title="Yukos", articles=[deutsche, accused, sues], outlets=[], first=None, last=None,
                    events=[[deutsche, sues], [accused]])
    entries = stories.timeline(library, thread)
    assert [e.id for e in entries] == thread.articles  # in date order; shown by event:
    shown = [e for group in by_event(entries) for e in group]
    assert [e.id for e in shown] == [deutsche, sues, accused]
    assert merger in shown[1].new
    assert shown[2].new == ["Yukos lied to a court in Houston."]
