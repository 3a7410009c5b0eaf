"""The Stories pane, a thread's timeline, the "In story" line and a side-by-side comparison in the real
window (the stories built by a real child process)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import idle
from tests.ui.stories.conftest import APRIL_2021, CLIPPING, GLOBAL_DEFENSE, MAY_2024, import_a_copy, import_rates_story
from tests.ui.window.test_window_day_one import shot


def test_the_banner_lookups_come_built_from_the_worker(qtbot, stories_window):
    stories = stories_window.stories.stories
    assert stories.indexed  # built where the stories were loaded, not on the first article opened
    assert stories.thread_of(APRIL_2021) is stories.thread_of(CLIPPING) is not None


def test_stories_pane_lists_the_thread_and_opens_its_timeline(qtbot, stories_window):
    w = stories_window
    feature = w.stories
    model = feature.pane.model
    assert model.rowCount() == 1
    text = model.index(0).data()
    assert "5 articles" in text and "The Moscow Times, Global Defense Corp" in text and "5 unread" in text
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert feature.dock.isVisible()
    feature.pane.view.setCurrentIndex(model.index(0))
    with qtbot.waitSignal(feature.timeline_shown, timeout=30000):
        qtbot.keyClick(feature.pane.view, Qt.Key.Key_Return)
    assert feature.view.isVisible() and not w.reader.isVisible()
    shown = feature.view.toPlainText()
    assert "Event 1" in shown and "undated" in shown and "Global Defense Corp" in shown
    assert "+ " in shown  # new sentences under each article
    assert "new since your last visit" not in shown  # the first visit marks nothing as added since
    qtbot.keyClick(feature.view, Qt.Key.Key_Escape)
    assert w.reader.isVisible() and not feature.view.isVisible()


def test_reader_says_which_story_an_article_is_in(qtbot, stories_window):
    w = stories_window
    with qtbot.waitSignal(w.article_opened, timeout=30000):
        w.open_article(MAY_2024)
    banner = w.stories.banner
    assert banner.isVisible() and banner.text().startswith("In story: ")
    assert "(5 articles, 2 outlets)" in banner.text()
    with qtbot.waitSignal(w.stories.timeline_shown, timeout=30000):
        banner.click()
    assert w.stories.view.isVisible()


def test_two_articles_of_a_thread_side_by_side(qtbot, stories_window):
    w = stories_window
    feature = w.stories
    with qtbot.waitSignal(feature.timeline_shown, timeout=30000):
        feature.open_thread(feature.stories.threads[0].id)
    feature.view.compare_picked.emit(APRIL_2021)  # what clicking "compare" on an article sends
    assert feature.picked == APRIL_2021
    qtbot.waitUntil(lambda: "[picked]" in feature.view.toPlainText(), timeout=30000)
    with qtbot.waitSignal(feature.comparison_shown, timeout=30000) as blocker:
        feature.view.compare_picked.emit(GLOBAL_DEFENSE)
    assert blocker.args == [APRIL_2021, GLOBAL_DEFENSE]
    shown = feature.view.toPlainText()
    assert "Possible discrepancy" in shown and "6,000 people (A) against 6,500 lives (B)" in shown
    assert "3,000" in shown  # the base is there, in A's column, but flagged nowhere
    assert shown.count("Possible discrepancy") == 1
    html = feature.view.toHtml()
    assert html.count("<table") == 1
    with qtbot.waitSignal(feature.timeline_shown, timeout=30000):
        feature.view.back_requested.emit(feature.stories.threads[0].id)


def test_articles_added_since_the_last_visit_are_marked(qtbot, stories_window, tmp_path):
    w = stories_window
    feature = w.stories
    thread = feature.stories.threads[0]
    seen = dict(w.settings.get("stories_seen"))
    seen[thread.id] = [a for a in thread.articles if a != CLIPPING]  # as if opened before the clipping came
    w.settings.set("stories_seen", seen)
    with qtbot.waitSignal(feature.timeline_shown, timeout=30000):
        feature.open_thread(thread.id)
    shown = feature.view.toPlainText()
    assert shown.count("new since your last visit") == 1
    line = next(ln for ln in shown.splitlines() if "new since your last visit" in ln)
    assert "Russia will withdraw" in line


def test_stories_model_passes_the_model_tester(qtmodeltester, stories_window):
    from reader_app.ui.stories.model import StoriesModel, ThreadRole, UnreadRole

    feature = stories_window.stories
    model = StoriesModel()
    model.set_threads(feature.stories.threads, {APRIL_2021})
    qtmodeltester.check(model)
    index = model.index(0)
    assert index.data(ThreadRole) is feature.stories.threads[0] and index.data(UnreadRole) == 4
    assert "4 unread" in index.data() and "Russia" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_copies_show_once_in_a_timeline(qtbot):
    from reader_app.core.stories import Thread, TimelineEntry
    from reader_app.ui.stories.html import timeline_html
    from reader_app.ui.theme import DARK

    thread = Thread(id="ta", title="Rates held", articles=["a", "b", "c"], outlets=["BBC"], first=None, last=None,
                    events=[["a", "b"], ["c"]], duplicates=[["a", "b"]])
    entries = [TimelineEntry("a", "Bank holds rates", "BBC", None, 0, ["The Bank held rates."]),
               TimelineEntry("b", "UK rates held", "BBC", None, 0, []),
               TimelineEntry("c", "Bank opts to wait", "BBC", None, 1, ["It will wait."])]
    page = timeline_html(thread, entries, DARK)
    assert page.count("story-article:b") == 1 and "+1 other copy of this text" in page
    assert "Nothing new" not in page  # the copy's empty "new" is not listed as an article of its own
    assert page.count("undated ⚑") == 2 and DARK.text in page


def test_stories_follow_an_import_in_the_background(qtbot, stories_window, tmp_path):
    w = stories_window
    feature = w.stories
    import_rates_story(qtbot, w, tmp_path)
    rates = next(t for t in feature.stories.threads if t.outlets != ["The Moscow Times", "Global Defense Corp"])
    assert len(rates.articles) == 4 and len(rates.duplicates) == 1
    assert "2 stories" in feature.pane.status.text()


def test_copies_are_one_row_of_the_list_and_both_reachable(qtbot, stories_window, tmp_path):
    from tests.core.stories.test_stories import BBC

    if not BBC.is_dir():
        pytest.skip("the BBC corpus is not beside this checkout")
    w = stories_window
    feature = w.stories
    folder = tmp_path / "copies"
    folder.mkdir()
    for name in ("bank-holds-interest-rate-at-4-75.txt", "uk-interest-rates-held-at-4-75.txt"):
        (folder / name).write_bytes((BBC / "business" / name).read_bytes())
    w.imports.import_paths([folder])
    qtbot.waitUntil(lambda: feature.stories is not None and len(feature.stories.copies) == 1, timeout=120000)
    qtbot.waitUntil(lambda: w.list_pane.library_model.rowCount() == 6, timeout=30000)  # seven articles, six rows
    first, other = feature.stories.copies[0]
    rows = {r.id: r for r in w.list_pane.library_model.rows()}
    assert first in rows and other not in rows
    assert rows[first].copies == 1 and rows[first].meta.endswith("+1 other copy")
    with qtbot.waitSignal(w.article_opened, timeout=30000):
        w.open_article(first)
    assert feature.banner.isVisible() and "+1 other copy of this text" in feature.banner.text()
    with qtbot.waitSignal(w.article_opened, timeout=30000) as opened:
        feature.banner.click()
    assert opened.args[0].id == other


def test_a_long_story_banner_is_elided_with_the_whole_line_in_its_tooltip(qtbot, stories_window):
    w = stories_window
    with qtbot.waitSignal(w.article_opened, timeout=30000):
        w.open_article(MAY_2024)
    w.resize(640, 500)
    banner = w.stories.banner
    column = banner.parentWidget()
    qtbot.waitUntil(lambda: w.width() == 640, timeout=5000)
    qtbot.wait(50)
    assert banner.minimumSizeHint().width() < 300  # it never holds the reader wider than the window
    assert banner.geometry().right() <= column.width()
    shown = banner.shown_text()  # the title gives way, the counts stay whole (a trial's read "(8 articles, 1 ou…")
    assert shown != banner.text() and shown.endswith("… (5 articles, 2 outlets)  ›") and shown.startswith("In story: ")
    assert "(5 articles, 2 outlets)" in banner.toolTip()  # the whole line, when the pointer rests on it
    banner.resize(200, banner.height())  # too narrow for the counts and a start of the title: the line is cut
    assert banner.shown_text().startswith("In story: ") and banner.shown_text().endswith("…")
    w.set_theme("dark")
    shot(column, "banner-dark")


def test_the_result_count_says_what_the_list_shows_when_copies_fold(qtbot, stories_window, tmp_path):
    """Two copies of one report are one row of the search results, so they are one result: the header said
    "3 results (showing 2)" with every row shown (a new user's "867 results (showing 59)")."""
    from tests.ui.window.test_window_day_one import search

    w = stories_window
    import_a_copy(qtbot, w, tmp_path)
    search(qtbot, w, "interest rates")
    rows = w.list_pane.results_model.rowCount()
    assert rows >= 2 and any(r.copies for r in w.list_pane.results_model.rows())
    assert w.list_pane.header.count_label.text() == f"{rows} results"
    shot(w, "copies-count")
    idle(qtbot, w)


def test_the_count_comes_right_as_later_pages_fold_copies(qtbot, stories_window, tmp_path, monkeypatch):
    """A page at a time (here one hit a page, no spare hits): the count of the first page still holds the copy
    it has not fetched; once the pages that fold it come, the count says what the list shows."""
    from reader_app.core import library as library_module
    from reader_app.ui.window import controller
    from tests.ui.window.test_window_day_one import search

    w = stories_window
    import_a_copy(qtbot, w, tmp_path)
    monkeypatch.setattr(library_module, "FOLD_SPARE", 0)
    monkeypatch.setattr(controller, "SEARCH_LIMIT", 1)
    everything = w.library.search("interest rates", limit=100)
    search(qtbot, w, "interest rates")
    model = w.list_pane.results_model
    qtbot.waitUntil(lambda: model.rowCount() == len(everything.hits) and not model.canFetchMore(), timeout=30000)
    assert w.list_pane.header.count_label.text() == f"{len(everything.hits)} results"
    idle(qtbot, w)


def _settled(qtbot, window) -> None:
    """No build, no worker task and no refresh pending, three looks in a row 300 ms apart."""
    feature = window.stories

    def quiet() -> bool:
        return not (feature.builder.running or window.controller.tasks.busy() or feature._refresh_timer.isActive())

    for _ in range(3):
        qtbot.waitUntil(quiet, timeout=90000)
        qtbot.wait(300)
    qtbot.waitUntil(quiet, timeout=90000)


def test_a_read_only_data_folder_shows_the_stories_and_says_they_are_not_saved(qtbot, make_window, data_dir):
    """A read-only data folder (a read-only mount, which root cannot write either) left the pane at "Updating
    stories…" for good, the threads shown, and started a second build: the status says the stories are shown
    without being saved, and why."""
    from reader_app.core.stories import source
    from tests.conftest import run_cli
    from tests.faults.conftest import read_only

    assert run_cli("index", data_dir=data_dir).returncode == 0  # the library, and no stories cache yet
    with read_only(data_dir):
        window = make_window()
        feature = window.stories
        if feature.stories is None:
            with qtbot.waitSignal(feature.stories_loaded, timeout=90000):
                pass
        _settled(qtbot, window)
        status = feature.pane.status.text()
        assert feature.pane.model.rowCount() == 1 and not source.cache_path(window.library).exists()
        assert "Updating" not in status and "Finding" not in status, status
        assert "1 story" in status and "could not be saved" in status and "read-only" in status, status
        shot(feature.pane, "stories-read-only")
        window.refresh_list()  # the list shown again (as after folding copies): the stories are looked at again
        qtbot.waitUntil(lambda: feature._refresh_timer.isActive() or feature.pane.status.text() != status,
                        timeout=30000)
        _settled(qtbot, window)
        assert feature.pane.status.text() == status and feature.pane.model.rowCount() == 1
        window.close()


def _link_top(view, href: str) -> int:
    """Where the link to `href` is drawn in the story view (its top, in viewport pixels)."""
    from PySide6.QtGui import QTextCursor

    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(view.document())
                cursor.setPosition(fragment.position() + 1)
                return view.cursorRect(cursor).top()
            it += 1
        block = block.next()
    raise AssertionError(f"no link to {href}")


def test_picking_an_article_to_compare_moves_no_other_compare_link(qtbot, stories_window):
    """After the first "compare" click the hint line above the timeline shrank and the next article's
    "compare" moved up about 17 px, so a second click in the same place missed: the links stay put."""
    w = stories_window
    feature = w.stories
    w.resize(1100, 760)
    with qtbot.waitSignal(feature.timeline_shown, timeout=30000):
        feature.open_thread(feature.stories.threads[0].id)
    before = _link_top(feature.view, f"story-compare:{GLOBAL_DEFENSE}")
    feature.view.compare_picked.emit(APRIL_2021)
    qtbot.waitUntil(lambda: "[picked]" in feature.view.toPlainText(), timeout=30000)
    assert _link_top(feature.view, f"story-compare:{GLOBAL_DEFENSE}") == before
    assert "Comparing" in w.status_label.text() and "compare" in w.status_label.text()
    shot(feature.view, "timeline-picked")
    idle(qtbot, w)


def test_the_stories_pane_opens_as_a_tab_beside_the_names_pane_with_counts_and_header_uncut(qtbot, stories_window):
    """A trial: Ctrl+Shift+S stacked the pane over the People pane (2.5 rows), its rows read "7 unre…" and its
    header "467 stories (threads…" wrapped."""
    w = stories_window
    w.resize(1200, 780)
    w.entities.dock.show()
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dock = w.stories.dock
    qtbot.waitUntil(lambda: dock.isVisible() and not dock.visibleRegion().isEmpty())
    assert w.entities.dock in w.tabifiedDockWidgets(dock)
    assert dock.height() > w.centralWidget().height() * 0.8  # the column's height, not a share of it
    view = w.stories.pane.view
    summary_line = view.model().index(0).data().split("\n")[1]
    assert summary_line.startswith("5 articles · 5 unread · ")  # the counts first: the end is what elides
    metrics = view.fontMetrics()
    assert metrics.horizontalAdvance("5 articles · 5 unread") < view.viewport().width()
    status = w.stories.pane.status
    assert status.text() == "1 story" and "threads of two or more articles" in status.toolTip()
    assert status.height() < 2 * status.fontMetrics().lineSpacing() + 12  # one line (and its margins)
    qtbot.keyClick(w, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(w, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: w.entities.dock.isVisible() and not w.entities.dock.visibleRegion().isEmpty())
    assert dock.visibleRegion().isEmpty()  # opened again, the names pane's tab comes to the front
