"""People, organisations and places in the window (ui/entities): the facet pane, names in the reader, pages."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from reader_app.ui.entities.page import timeline_buckets
from tests.conftest import SEEDS
from tests.ui.conftest import idle
from tests.ui.window.test_window_day_one import shot


def _seed_id(window, prefix: str) -> str:
    path = str(next(SEEDS.glob(f"{prefix}_*.txt")))
    return next(a["id"] for a in window.library.list_articles() if a["path"] == path)


def _click_facet(qtbot, window, kind: str, name: str) -> None:
    pane = window.entities.pane
    view, model = pane.views[kind], pane.models[kind]
    row = next(i for i, (n, _c) in enumerate(model.rows) if n == name)
    index = model.index(row)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def test_a_facet_click_filters_the_list_and_a_second_click_clears_it(window, qtbot):
    pane = window.entities.pane
    qtbot.waitUntil(lambda: pane.models["person"].rowCount() > 0, timeout=30000)
    assert dict(pane.models["person"].rows)["Nikol Pashinyan"] == 4  # the whole library's counts
    _click_facet(qtbot, window, "person", "Dmitry Peskov")
    assert window.search_bar.query() == 'person:"Dmitry Peskov"'
    qtbot.waitUntil(lambda: window.list_pane.searching and window.list_pane.results_model.rowCount() == 2,
                    timeout=30000)
    qtbot.waitUntil(lambda: "Dmitry Peskov" in pane.models["person"].active, timeout=30000)
    counts = dict(pane.models["person"].rows)
    assert counts["Dmitry Peskov"] == 2 and counts["Nikol Pashinyan"] == 2  # counts of the 2 results
    assert "2 results" in pane.scope.text()
    _click_facet(qtbot, window, "person", "Dmitry Peskov")
    assert window.search_bar.query() == ""
    qtbot.waitUntil(lambda: not window.list_pane.searching, timeout=30000)
    qtbot.waitUntil(lambda: dict(pane.models["person"].rows).get("Nikol Pashinyan") == 4, timeout=30000)
    assert not pane.models["person"].active


def test_a_name_in_the_reader_is_a_link_to_its_filter(window, qtbot):
    window.open_article(_seed_id(window, "002"))
    links = window.entities.links
    qtbot.waitUntil(lambda: any(name == "Dmitry Peskov" for *_s, name in links.spans), timeout=30000)
    start, end, kind, name = next(s for s in links.spans if s[3] == "Dmitry Peskov")
    assert window.reader.article.text[start:end] == "Dmitry Peskov" and kind == "person"
    window.reader.scroll_to_offset(start)
    cursor = window.reader.textCursor()
    cursor.setPosition(window.reader.position_of(start + 3))
    point = window.reader.cursorRect(cursor).center() + QPoint(2, 0)
    assert links.at(window.reader.offset_at(point)) == ("person", "Dmitry Peskov")
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.search_bar.query() == 'person:"Dmitry Peskov"'
    qtbot.waitUntil(lambda: window.list_pane.results_model.rowCount() == 2, timeout=30000)
    idle(qtbot, window)


def test_an_entity_page_shows_its_articles_by_date_and_who_it_appears_with(window, qtbot):
    window.entities.show_page("person", "Pashinian")  # any of its names
    qtbot.waitUntil(lambda: window.entities.page is not None and window.entities.page.isVisible(), timeout=30000)
    page = window.entities.page
    assert page.title.text() == "Nikol Pashinyan" and "Pashinian" in page.subtitle.text()
    assert page.articles_model.rowCount() == 4
    first = page.articles_model.item(0).text()
    last = page.articles_model.item(3).text()
    assert first.startswith("2021") and last.startswith("undated")
    together = [page.together_model.item(i).text() for i in range(page.together_model.rowCount())]
    assert any(t.startswith("Dmitry Peskov (person)") for t in together)
    assert [label for label, _n in page.timeline.buckets] == ["2021", "2022", "2023", "2024"]
    with qtbot.waitSignal(window.article_opened, timeout=30000):
        page.articles.activated.emit(page.articles_model.index(0, 0))
    page.filter_button.click()
    assert window.search_bar.query() == 'person:"Nikol Pashinyan"'
    idle(qtbot, window)


def test_timeline_buckets_fill_gaps_and_count_undated():
    assert timeline_buckets(["2021-04-14", "2021-06-01", None]) == (
        [("2021-04", 1), ("2021-05", 0), ("2021-06", 1)], 1)
    assert timeline_buckets(["2019", "2024"])[0][0] == ("2019", 1)
    assert timeline_buckets([None]) == ([], 1)


def test_an_entity_page_lists_the_story_threads_of_its_articles(window, qtbot):
    from reader_app.core.stories import threads_for
    from reader_app.ui.entities.page import NO_STORIES

    [thread] = threads_for(window.library)  # the seeds make one thread, about the peacekeepers
    window.entities.show_page("person", "Nikol Pashinyan")
    qtbot.waitUntil(lambda: window.entities.page is not None and window.entities.page.isVisible(), timeout=30000)
    text = window.entities.page.stories.text()
    assert text != NO_STORIES and text.splitlines() == [thread.title]
    shot(window.entities.page, "entity-page")
    idle(qtbot, window)


def test_the_pane_counts_follow_the_outlet_and_year_filters_of_the_list(window, qtbot):
    """README: the pane counts the names of the list on screen. Choosing an outlet (and a year) in the list's
    header gives the counts of those articles only, and says so; "All outlets" brings the library's back."""
    pane, header = window.entities.pane, window.list_pane.header
    window.entities.dock.show()  # the pane opened, as Ctrl+Shift+E does
    qtbot.waitUntil(lambda: pane.models["person"].rowCount() > 0, timeout=30000)
    assert dict(pane.models["person"].rows)["Nikol Pashinyan"] == 4 and "whole library" in pane.scope.text()
    qtbot.waitUntil(lambda: header.outlet_combo.findData("The Moscow Times") >= 0, timeout=30000)

    def expected(rows) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in rows:
            for e in window.library.article_entities(r.id):
                if e["kind"] == "person":
                    counts[e["name"]] = counts.get(e["name"], 0) + 1
        return counts

    header.outlet_combo.setCurrentIndex(header.outlet_combo.findData("The Moscow Times"))
    qtbot.waitUntil(lambda: "Moscow Times" in pane.scope.text(), timeout=30000)
    shown = window.list_pane.library_model.listing.rows
    assert len(shown) == 3 and all(r.outlet == "The Moscow Times" for r in shown)
    assert dict(pane.models["person"].rows) == expected(shown)
    assert dict(pane.models["person"].rows)["Nikol Pashinyan"] < 4
    assert "3 articles" in pane.scope.text() and "whole library" not in pane.scope.text()
    shot(window, "entities-filtered")

    year = shown[0].year
    header.year_combo.setCurrentIndex(header.year_combo.findData(year))
    qtbot.waitUntil(lambda: year in pane.scope.text(), timeout=30000)
    shown = window.list_pane.library_model.listing.rows
    assert dict(pane.models["person"].rows) == expected(shown)

    header.outlet_combo.setCurrentIndex(header.outlet_combo.findData(""))
    header.year_combo.setCurrentIndex(header.year_combo.findData(""))
    qtbot.waitUntil(lambda: "whole library" in pane.scope.text(), timeout=30000)
    assert dict(pane.models["person"].rows)["Nikol Pashinyan"] == 4
    idle(qtbot, window)


def test_an_entity_page_with_many_threads_fits_the_screen_and_its_close_button_shows(qtbot):
    """A name in many story threads (Tony Blair in a big library) made the page 1441 px tall on a 900 px
    screen, its Close button off-screen: the page keeps to the screen's available height and scrolls."""
    from PySide6.QtWidgets import QDialogButtonBox

    from reader_app.ui.app import make_app
    from reader_app.ui.entities.page import EntityPage

    make_app([])
    page = EntityPage()
    qtbot.addWidget(page)
    articles = [{"id": f"{i:012x}", "date": f"20{i % 20 + 5:02d}-01-01", "outlet": "BBC", "title": f"Story {i}"}
                for i in range(400)]
    profile = {"kind": "person", "name": "Tony Blair", "aliases": ["Blair", "Mr Blair"], "articles": articles,
               "with": [{"name": f"Person {i}", "kind": "person", "articles": 40 - i} for i in range(30)]}
    stories = [f"Thread {i}: the prime minister and the war, the inquiry and the election" for i in range(80)]
    page.show_profile(dict(profile, copies=2), stories)
    # the copies apart, as the list's header counts them: the pane and the search count 400 (a trial: 157/155)
    assert page.subtitle.text() == "Person named in 400 articles (+2 copies); also written Blair, Mr Blair."
    page.show()
    qtbot.waitExposed(page)
    available = page.screen().availableGeometry()
    frame = page.frameGeometry()
    assert frame.height() <= available.height() and available.contains(page.geometry())
    close = page.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert close.isVisible()
    corner = close.mapTo(page, close.rect().bottomRight())
    assert page.rect().contains(corner) and available.contains(close.mapToGlobal(close.rect().bottomRight()))
    shot(page, "entity-page-many-threads")


def test_tab_leaves_the_reader_and_ctrl_tab_goes_through_its_links(window, qtbot):
    """A trial: Tab went through every link of the article (about 30 presses to reach the Bookmarks pane)."""
    window.open_article(_seed_id(window, "002"))
    reader = window.reader
    qtbot.waitUntil(lambda: reader.article is not None and "Related" in reader.toPlainText().title(), timeout=30000)
    window.bookmarks.dock.show()
    reader.setFocus()
    qtbot.waitUntil(reader.hasFocus)
    qtbot.keyClick(reader, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Tab: the first link
    assert reader.hasFocus() and reader.textCursor().hasSelection()
    assert reader.textCursor().charFormat().isAnchor()
    first = reader.textCursor().selectionStart()
    qtbot.keyClick(reader, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert reader.hasFocus() and reader.textCursor().selectionStart() > first  # the next one
    qtbot.keyClick(reader, Qt.Key.Key_Tab)  # Tab: on to the next pane at once
    focused = QApplication.focusWidget()
    assert focused is not reader and not reader.isAncestorOf(focused)


def _box(reader, offset: int):
    """The viewport rectangle of the character at an offset of article.text."""
    cursor = reader.textCursor()
    cursor.setPosition(reader.position_of(offset))
    left = reader.cursorRect(cursor)
    cursor.setPosition(reader.position_of(offset) + 1)
    return left.united(reader.cursorRect(cursor))


def test_a_click_on_blank_space_in_the_reader_filters_nothing(window, qtbot):
    """A trial: a click in the gap above a paragraph starting with a tinted name, far right of the name, made the
    search `place:"Yerevan"`, and a click beside the metadata line (to clear a selection) `place:"Russia"`: the
    reader took the nearest character for the one clicked. A name acts only when the click is on its letters."""
    reader, links = window.reader, window.entities.links
    window.open_article(_seed_id(window, "002"))
    qtbot.waitUntil(lambda: any(name == "Yerevan" for *_s, name in links.spans), timeout=30000)
    text = reader.article.text
    start = text.index("Yerevan, a traditional")
    assert any(s[0] == start and s[3] == "Yerevan" for s in links.spans)
    reader.scroll_to_offset(start)
    name = _box(reader, start)
    right = reader.viewport().width() - 30
    blanks = {
        "the gap above the paragraph, right of the name": QPoint(right, name.top() - 4),
        "the gap above the paragraph, over the name": QPoint(name.center().x(), name.top() - 4),
        "the margin left of the name": QPoint(max(1, name.left() - 12), name.center().y()),
    }
    end = text.index("region.", start) + len("region.")  # a paragraph's short last line: blank to its right
    blanks["past the end of a paragraph's last line"] = QPoint(right, _box(reader, end - 1).center().y())
    for where, point in blanks.items():
        assert reader.offset_hit(point) is None, where
        qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
        assert window.search_bar.query() == "", where
    shot(window, "reader-blank-click")

    reader.verticalScrollBar().setValue(0)  # beside the metadata line at the top, right of its text
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(right, 60))
    assert window.search_bar.query() == ""

    reader.scroll_to_offset(start)
    name = _box(reader, start + 6)  # the last letter of the name, on its right half: still the name
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(name.right() - 2, name.center().y()))
    assert window.search_bar.query() == 'place:"Yerevan"'
    idle(qtbot, window)
