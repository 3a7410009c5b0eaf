"""Where Esc leads from the story view, and the Stories pane's selection following what the reader shows."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from tests.ui.conftest import idle
from tests.ui.stories.conftest import APRIL_2021, GLOBAL_DEFENSE, MAY_2024, import_rates_story
from tests.ui.window.test_window_day_one import shot


def _compare_from_the_timeline(qtbot, feature) -> None:
    with qtbot.waitSignal(feature.timeline_shown, timeout=30000):
        feature.open_thread(feature.stories.threads[0].id)
    feature.view.compare_picked.emit(APRIL_2021)
    qtbot.waitUntil(lambda: "[picked]" in feature.view.toPlainText(), timeout=30000)
    with qtbot.waitSignal(feature.comparison_shown, timeout=30000):
        feature.view.compare_picked.emit(GLOBAL_DEFENSE)


def test_esc_from_a_comparison_goes_back_to_the_timeline_then_the_article(qtbot, stories_window):
    """Esc from the side-by-side view landed on the reader page (empty when no article was open): it goes back
    to the timeline the comparison was opened from, and Esc there returns to the article."""
    w = stories_window
    feature = w.stories
    with qtbot.waitSignal(w.article_opened, timeout=30000):
        w.open_article(MAY_2024)
    _compare_from_the_timeline(qtbot, feature)
    assert "Back to the timeline (Esc)" in feature.view.toPlainText()
    with qtbot.waitSignal(feature.timeline_shown, timeout=30000):
        qtbot.keyClick(feature.view, Qt.Key.Key_Escape)
    assert feature.view.isVisible() and feature.view.kind == "timeline" and not w.reader.isVisible()
    assert "Nothing new" in feature.view.toPlainText() or "+ " in feature.view.toPlainText()
    qtbot.keyClick(feature.view, Qt.Key.Key_Escape)
    assert w.reader.isVisible() and not feature.view.isVisible()
    assert w.reader.article is not None and w.reader.article.id == MAY_2024


def test_esc_with_no_article_open_goes_back_to_the_stories_pane(qtbot, stories_window):
    """From the Stories pane with no article open, Esc from the comparison shows the timeline again, and Esc
    from the timeline gives the keyboard back to the Stories pane instead of leaving it on an empty page."""
    w = stories_window
    feature = w.stories
    assert w.reader.article is None
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    _compare_from_the_timeline(qtbot, feature)
    with qtbot.waitSignal(feature.timeline_shown, timeout=30000):
        qtbot.keyClick(feature.view, Qt.Key.Key_Escape)
    assert feature.view.kind == "timeline" and feature.view.isVisible()
    assert "Esc goes back (to the article, if one is open)" in feature.view.toPlainText()
    shot(w, "esc-back-to-timeline")
    qtbot.keyClick(feature.view, Qt.Key.Key_Escape)
    assert not feature.view.isVisible() and w.reader.isVisible()
    assert feature.pane.view.hasFocus() or w.focusWidget() is feature.pane.view


def _current_thread(feature) -> str | None:
    from reader_app.ui.stories.model import ThreadRole

    index = feature.pane.view.currentIndex()
    selected = feature.pane.view.selectionModel().selectedIndexes()
    if not index.isValid() or index not in selected:
        return None
    return index.data(ThreadRole).id


def test_the_stories_pane_selects_the_thread_the_reader_shows(qtbot, stories_window, tmp_path):
    """The pane's highlighted row stayed on the thread clicked last while the reader showed another thread (from
    the "In story" line) or an article of another thread, and after the stories were loaded again."""
    w = stories_window
    feature = w.stories
    import_rates_story(qtbot, w, tmp_path)
    idle(qtbot, w)
    armenia = feature.stories.thread_of(MAY_2024)
    rates = next(t for t in feature.stories.threads if t is not armenia)
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = feature.pane.view
    view.setCurrentIndex(feature.pane.model.index(feature.pane.model.row_of(armenia.id)))
    with qtbot.waitSignal(feature.timeline_shown, timeout=30000):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert _current_thread(feature) == armenia.id

    with qtbot.waitSignal(w.article_opened, timeout=30000):  # an article of the other thread, from the list
        w.open_article(rates.articles[0])
    assert _current_thread(feature) == rates.id

    with qtbot.waitSignal(w.article_opened, timeout=30000):
        w.open_article(MAY_2024)
    assert _current_thread(feature) == armenia.id
    view.setCurrentIndex(feature.pane.model.index(feature.pane.model.row_of(rates.id)))  # the person moves on
    with qtbot.waitSignal(feature.timeline_shown, timeout=30000):  # the reader's "In story" line
        feature.banner.click()
    assert _current_thread(feature) == armenia.id

    with qtbot.waitSignal(feature.stories_loaded, timeout=30000):  # the stories loaded again (an update)
        feature.refresh()
    assert _current_thread(feature) == armenia.id
    assert feature.view.isVisible() and not feature.banner.isVisible()  # the "In story" line is for articles
    shot(w, "stories-pane-follows")


def test_the_undated_mark_says_what_it_means_when_pointed_at(qtbot, stories_window):
    """"undated ⚑" in a timeline had no tooltip; resting the pointer on it says what it means."""
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent, QTextCursor
    from PySide6.QtWidgets import QApplication, QToolTip

    feature = stories_window.stories
    with qtbot.waitSignal(feature.timeline_shown, timeout=30000):
        feature.open_thread(feature.stories.threads[0].id)
    view = feature.view
    found = view.document().find("undated ⚑")
    assert not found.isNull()
    cursor = QTextCursor(view.document())
    cursor.setPosition(found.selectionStart() + 2)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    point = view.cursorRect(cursor).center() + QPoint(2, 0)
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=5000)
    # the seeds' clipping is the last article of an event whose other articles are dated
    assert QToolTip.text() == "No date found in this article: shown after the dated articles of its event."
    QToolTip.hideText()


def test_a_comparison_shows_how_alike_each_pair_is_faintly(qtbot, stories_window):
    """Aligned sentences looked equally matched whatever their similarity: each pair now says how alike it is,
    in the muted colour, and a weak pair says it is weak."""
    from reader_app.core.stories.compare import Comparison
    from reader_app.ui.stories.html import compare_html
    from reader_app.ui.theme import LIGHT

    c = Comparison("a", "b", aligned=[("Same words here.", "Same words here.", 1.0),
                                      ("Troops stay at the base.", "The base keeps its troops today.", 0.41)],
                   rows=[("Same words here.", "Same words here.", 1.0),
                         ("Troops stay at the base.", "The base keeps its troops today.", 0.41),
                         ("Only in A.", None, 0.0)])
    page = compare_html(c, {"title": "A"}, {"title": "B"}, LIGHT)
    assert "100% alike" in page and "41% alike, weak" in page and page.count("% alike") == 2
    assert f".sim {{ color: {LIGHT.muted};" in page
    feature = stories_window.stories
    _compare_from_the_timeline(qtbot, feature)
    assert "% alike" in feature.view.toPlainText()
    shot(feature.view, "compare-similarity")


def test_a_comparison_with_one_aligned_pair_says_one_sentence(qtbot):
    """"1 sentences say much the same" read wrong: one aligned pair is one sentence that says."""
    from reader_app.core.stories.compare import Comparison
    from reader_app.ui.stories.html import compare_html
    from reader_app.ui.theme import LIGHT

    one = Comparison("a", "b", aligned=[("Same words here.", "Same words here.", 1.0)],
                     rows=[("Same words here.", "Same words here.", 1.0)])
    assert "1 sentence says much the same" in compare_html(one, {"title": "A"}, {"title": "B"}, LIGHT)
    two = Comparison("a", "b", aligned=[("A one.", "A one.", 1.0), ("A two.", "A two.", 1.0)])
    assert "2 sentences say much the same" in compare_html(two, {"title": "A"}, {"title": "B"}, LIGHT)


def test_a_blank_cell_of_the_comparison_says_the_sentence_is_not_in_that_article(qtbot):
    """A trial's comparison opened on a run of B's sentences beside a blank column A."""
    from reader_app.core.stories.compare import Comparison
    from reader_app.ui.stories.html import compare_html
    from reader_app.ui.theme import LIGHT

    c = Comparison("a", "b", aligned=[("Same words here.", "Same words here.", 1.0)],
                   rows=[(None, "Only in B, first.", 0.0), (None, "Only in B, second.", 0.0),
                         ("Same words here.", "Same words here.", 1.0), ("Only in A.", None, 0.0)])
    page = compare_html(c, {"title": "A"}, {"title": "B"}, LIGHT)
    assert page.count("— not in A") == 2 and page.count("— not in B") == 1


def test_the_status_line_stops_asking_for_a_second_article_once_compared_or_given_up(qtbot, stories_window):
    """A trial: beside the comparison it had opened, the status line still said "Comparing '…' with… pick
    another article's 'compare'"."""
    w = stories_window
    feature = w.stories
    _compare_from_the_timeline(qtbot, feature)
    assert not w.status_label.text().startswith("Comparing")
    with qtbot.waitSignal(feature.timeline_shown, timeout=30000):
        qtbot.keyClick(feature.view, Qt.Key.Key_Escape)
    feature.view.compare_picked.emit(APRIL_2021)
    assert w.status_label.text().startswith("Comparing “")
    qtbot.keyClick(feature.view, Qt.Key.Key_Escape)  # given up: back to the article
    assert feature.picked is None and not w.status_label.text().startswith("Comparing")
    idle(qtbot, w)


def test_the_undated_mark_tells_the_truth_in_every_timeline(qtbot):
    """A trial: in a story whose articles are all undated, Event 1's ⚑ said "shown last" while it was shown
    first. The tooltip now says where undated articles go in the timeline at hand."""
    import html

    from reader_app.core.stories import Thread, TimelineEntry
    from reader_app.ui.stories.html import timeline_html
    from reader_app.ui.theme import LIGHT

    def tips(dates: dict[str, str | None], events: list[list[str]]) -> dict[str, str]:
        thread = Thread(id="t", title="T", articles=list(dates), outlets=["X"], first=None, last=None,
                        events=events, duplicates=[])
        event_of = {a: n for n, e in enumerate(events) for a in e}
        entries = [TimelineEntry(a, f"Headline {a}", "X", d, event_of[a], ["new"]) for a, d in dates.items()]
        page = timeline_html(thread, entries, LIGHT)
        found = re.findall(r"title=\"([^\"]*)\">undated ⚑</span> — X: <a href='story-article:(\w+)'", page)
        return {a: html.unescape(t) for t, a in found}

    assert tips({"a": None, "b": None, "c": None}, [["a", "b"], ["c"]]) == dict.fromkeys(
        "abc", "No date found in any article of this story: they are in headline order within each event.")
    assert tips({"a": None, "b": None}, [["a", "b"]]) == dict.fromkeys(
        "ab", "No date found in any article of this story: they are in headline order.")
    assert tips({"a": "2021-04-01", "b": None, "c": None}, [["a", "b"], ["c"]]) == {
        "b": "No date found in this article: shown after the dated articles of its event.",
        "c": "No date found in this article or the others of its event: the event is shown after those with a "
             "date."}
    assert tips({"a": "2021-04-01", "b": None}, [["a", "b"]]) == {
        "b": "No date found in this article: shown after the dated articles."}
