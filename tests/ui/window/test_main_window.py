"""The window on real data: list, reader, keyboard, search, find, zoom, themes and state across launches."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QWidget

from reader_app.ui.articles.list_view import READ_ROLE, ROW_ROLE, ArticleListView
from reader_app.ui.reader.view import DEFAULT_SIZE, ReaderView
from tests.ui.conftest import idle

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("does not support propagateSizeHints")]  # the offscreen platform

SEED_TITLES = {
    "Armenia Says Wants More Russian Troops on Its Soil",
    "Armenia Seeks Russian Military Aid in New Escalation With Azerbaijan",
}


def open_by_keyboard(qtbot, window, row: int) -> None:
    view = window.list_pane.view
    view.setFocus()
    view.select_row(row)
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        qtbot.keyClick(view, Qt.Key.Key_Return)


def test_main_widgets_have_names_and_the_list_fills_in(window):
    assert isinstance(window.findChild(QLineEdit, "searchBox"), QLineEdit)
    assert isinstance(window.findChild(ArticleListView, "articleList"), ArticleListView)
    assert isinstance(window.findChild(ReaderView, "readerView"), ReaderView)
    for name in ("searchBox", "articleList", "readerView"):
        assert window.findChild(object, name).accessibleName() == name
    titles = {window.list_pane.shown_model().index(r, 0).data() for r in range(window.list_pane.shown_model().rowCount())}
    assert len(titles) == 5 and titles >= SEED_TITLES
    assert window.list_pane.header.count_label.text() == "5 articles"
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["File", "Edit", "View", "Go", "Help"]
    assert window.windowTitle() == "reader-app"


def test_enter_opens_an_article_names_it_in_the_title_and_marks_it_read(qtbot, window):
    open_by_keyboard(qtbot, window, 0)
    article = window.reader.article
    assert article is not None
    assert window.windowTitle() == f"{article.title} — reader-app"
    text = window.reader.toPlainText()
    assert article.title in text and article.paragraphs[0].text in text
    assert article.id in window.read_ids
    assert window.list_pane.view.currentIndex().data(READ_ROLE) is True


def test_j_k_and_arrows_move_and_enter_opens(qtbot, window):
    view = window.list_pane.view
    view.setFocus()
    view.select_row(0)
    qtbot.keyClick(view, Qt.Key.Key_J)
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 2
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert view.currentIndex().row() == 1
    expected = view.current_id()
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.reader.article.id == expected
    view.select_row(0)
    qtbot.keyClick(view, Qt.Key.Key_Up)  # Up on the first row goes back to the search box
    assert QApplication.focusWidget() is window.search_bar.box


def test_typing_a_query_shows_hits_and_enter_opens_the_first_with_terms_marked(qtbot, window):
    box = window.search_bar.box
    window.focus_search()
    with qtbot.waitSignal(window.controller.search_done, timeout=10000):
        qtbot.keyClicks(box, "troops")
    pane = window.list_pane
    assert pane.searching
    assert 1 <= pane.shown_model().rowCount() < 5
    assert pane.header.count_label.text().endswith(("result", "results")) or "results" in pane.header.count_label.text()
    row = pane.shown_model().index(0, 0).data(ROW_ROLE)
    assert any(is_match and text.lower().startswith("troop") for text, is_match in row.snippet)
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.reader.article.id == row.id
    assert window.reader.highlight_count("search") >= 1
    assert window.settings.get("recent_searches")[0] == "troops"  # a search made on purpose is kept
    assert window.reader.verticalScrollBar().value() >= 0
    # Down moves into the results; Esc in the box brings back the whole list
    window.focus_search()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is pane.view and pane.view.currentIndex().row() == 0
    window.focus_search()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == "" and not pane.searching and pane.shown_model().rowCount() == 5


def test_a_search_with_no_hits_says_so(qtbot, window):
    with qtbot.waitSignal(window.controller.search_done, timeout=10000):
        window.search_bar.set_query("zzqxv")
    assert window.list_pane.shown_model().rowCount() == 0
    assert window.list_pane.header.count_label.text() == "No results"
    assert "No articles match" in window.list_pane.view.placeholder


def test_a_stale_search_never_overwrites_a_newer_one(qtbot, window):
    answers = []
    window.controller.search_done.connect(answers.append)
    window.controller.search("armenia")
    window.controller.search("withdraw")
    qtbot.waitUntil(lambda: bool(answers), timeout=10000)
    idle(qtbot, window)
    qtbot.wait(100)
    assert [a.query for a in answers] == ["withdraw"]


def test_find_in_article_counts_and_steps_through_matches(qtbot, window):
    open_by_keyboard(qtbot, window, 0)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and QApplication.focusWidget() is bar.field
    qtbot.keyClicks(bar.field, "armenia")
    total = window.reader.toPlainText().lower().count("armenia")
    assert total >= 2
    assert bar.count.text() == f"1 of {total}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == f"2 of {total}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == f"1 of {total}"
    assert window.reader.highlight_count("find") == total
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and window.reader.highlight_count("find") == 0


def test_zoom_keys_change_the_text_size(qtbot, window):
    open_by_keyboard(qtbot, window, 0)
    reader = window.reader
    start = reader.font_size
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert reader.font_size == start + 1
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert reader.font_size == start - 1
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert reader.font_size == DEFAULT_SIZE
    assert window.settings.get("font_size") == DEFAULT_SIZE


def test_theme_switch_changes_window_and_reader_colours(qtbot, window):
    open_by_keyboard(qtbot, window, 0)
    window.set_theme("light")
    light_base = QApplication.palette().base().color().lightness()
    window.findChild(object, "theme_dark").trigger()
    assert window.theme == "dark" and window.settings.get("theme") == "dark"
    assert QApplication.palette().base().color().lightness() < light_base
    assert window.reader.colours.dark
    assert window.reader.viewport().palette().base().color().lightness() < 80
    window.toggle_dark()
    assert window.theme == "light" and not window.reader.colours.dark


def test_the_search_and_find_fields_follow_the_theme_from_the_window_style_sheet(qtbot, window):
    from reader_app.ui.theme import DARK, LIGHT

    fields = (window.search_bar.box, window.find_bar.field)
    window.find_bar.open_bar("")
    for theme, colours in (("dark", DARK), ("light", LIGHT)):
        window.set_theme(theme)
        for field in fields:
            assert field.styleSheet() == ""  # no sheet of its own: the window's rules for the theme shown
            image = field.grab().toImage()
            assert image.pixelColor(field.width() // 2, field.height() - 4).name() == colours.base, theme


class StyleChanges(QObject):
    """Which widgets get a StyleChange event (a new style sheet above them) while it is installed."""

    def __init__(self) -> None:
        super().__init__()
        self.widgets: set[str] = set()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.StyleChange and isinstance(watched, QWidget):
            self.widgets.add(watched.objectName() or type(watched).__name__)
        return False


def test_a_theme_switch_polishes_only_the_widgets_its_colours_are_set_on(qtbot, window):
    """Setting a new sheet on the window polished all ~200 of its widgets again at each switch (30-150 ms of the
    GUI thread at 100,000 articles on a loaded machine); the sheet holds both themes now, and a switch polishes
    again only the fields, the menus and the focus-framed views, whose colours come from it. They take the new
    theme's colours, and so do the other widgets (from the palette), menus made after the switch too."""
    from reader_app.ui.theme import DARK, LIGHT

    open_by_keyboard(qtbot, window, 0)
    window.set_theme("light")
    sheet = window.styleSheet()
    changes = StyleChanges()
    QApplication.instance().installEventFilter(changes)
    try:
        window.set_theme("dark")
    finally:
        QApplication.instance().removeEventFilter(changes)
    assert window.styleSheet() == sheet
    assert not changes.widgets  # a new sheet sent it to every widget under the window

    count = window.list_pane.header.count_label  # the application's palette reaches it (posted), none pinned
    qtbot.waitUntil(lambda: count.palette().color(QPalette.ColorRole.WindowText).name() == DARK.text, timeout=2000)
    bar = window.menuBar()
    assert bar.grab().toImage().pixelColor(bar.width() - 3, bar.height() // 2).name() == DARK.window
    menu = QMenu(window.list_pane)  # made after the switch: the dark rules too
    menu.addAction("An action")
    menu.adjustSize()
    assert menu.grab().toImage().pixelColor(menu.width() // 2, menu.height() - 3).name() == DARK.base
    file_menu = window.findChild(QMenu, "fileMenu")
    window.set_theme("light")
    assert file_menu.grab().toImage().pixelColor(file_menu.width() // 2, 2).name() == LIGHT.base
    qtbot.waitUntil(lambda: count.palette().color(QPalette.ColorRole.WindowText).name() == LIGHT.text, timeout=2000)


def test_state_comes_back_on_the_next_launch(qtbot, make_window, app_paths):
    first = make_window()
    open_by_keyboard(qtbot, first, 2)
    opened = first.reader.article.id
    first.reader.set_font_size(16)
    first.set_theme("dark")
    first.resize(720, 540)  # within the offscreen screen (800x600)
    first.splitter.setSizes([260, 460])
    sizes = first.splitter.sizes()
    first.close()

    second = make_window(app_paths, wait=False)
    with qtbot.waitSignal(second.article_opened, timeout=30000):
        second.start()
    assert second.reader.article.id == opened
    assert second.reader.font_size == 16
    assert second.theme == "dark" and second.reader.colours.dark
    assert (second.width(), second.height()) == (720, 540)
    assert second.splitter.sizes() == sizes
    assert opened in second.read_ids
    row = second.list_pane.library_model.position_of(opened)
    assert second.list_pane.library_model.index(row).data(READ_ROLE) is True


def test_a_later_launch_shows_the_list_without_reindexing(qtbot, make_window, app_paths):
    first = make_window()
    first.close()
    second = make_window(app_paths, wait=False)
    reports = []
    second.controller.ready.connect(lambda _lib, report: reports.append(report))
    with qtbot.waitSignal(second.library_ready, timeout=30000):
        second.start()
    assert reports[0].action == "none"
    assert second.list_pane.shown_model().rowCount() == 5
    idle(qtbot, second)
    assert all(r.action in ("none", "synced") and not r.added for r in reports)


def test_the_window_is_up_before_the_library_opens(qtbot, make_window):
    w = make_window(wait=False)
    assert w.isVisible()
    assert w.list_pane.shown_model().rowCount() == 0 and w.list_pane.view.placeholder
    progress = []
    w.controller.progress.connect(lambda n, total, _what: progress.append((n, total)))
    with qtbot.waitSignal(w.library_ready, timeout=60000):
        w.start()
    assert progress and progress[-1] == (5, 5)  # first launch: built with progress
    assert w.list_pane.shown_model().rowCount() == 5
    assert not w.progress.isVisible() and "Built the index" in w.status_label.text()


def test_sort_and_outlet_filter(qtbot, window):
    pane = window.list_pane
    pane.header.sort_combo.setCurrentIndex(pane.header.sort_combo.findData("title"))
    titles = [pane.shown_model().index(r, 0).data() for r in range(pane.shown_model().rowCount())]
    assert titles == sorted(titles, key=str.casefold)
    assert window.settings.get("sort_key") == "title"
    combo = pane.header.outlet_combo
    combo.setCurrentIndex(combo.findData("The Moscow Times"))
    assert pane.shown_model().rowCount() == 3
    assert pane.header.count_label.text() == "3 of 5 articles"
    assert window.settings.get("outlet_filter") == "The Moscow Times"


def test_hostile_titles_are_cleaned_everywhere(qtbot, make_window, app_paths, tmp_path):
    from reader_app.core.library import Library

    evil = tmp_path / "evil.md"
    evil.write_text("# Big \u202eelbuod\u202c news\u200b <img src=\"/dev/zero\"> today\x1b[31m\n\n"
                    "Some story text that is long enough to be a paragraph of the story, said the reporter.\n",
                    encoding="utf-8")
    lib = Library(app_paths)
    lib.open()
    report = lib.import_paths([evil])
    lib.close()
    (_origin, aid), = report.added
    w = make_window()
    row = w.list_pane.library_model.position_of(aid)
    title = w.list_pane.library_model.index(row).data()
    for bad in ("\u202e", "\u202c", "\u200b", "\x1b"):
        assert bad not in title
    w.list_pane.view.select_id(aid)
    with qtbot.waitSignal(w.article_opened, timeout=10000):
        qtbot.keyClick(w.list_pane.view, Qt.Key.Key_Return)
    assert "\u202e" not in w.windowTitle() and w.windowTitle().endswith("— reader-app")


def _import(app_paths, tmp_path, name: str, text: str) -> str:
    from reader_app.core.library import Library

    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    lib = Library(app_paths)
    lib.open()
    report = lib.import_paths([source])
    lib.close()
    (_origin, aid), = report.added
    return aid


def test_opening_a_result_scrolls_to_the_first_marked_term(qtbot, make_window, app_paths, tmp_path):
    filler = "The council met again on Tuesday and discussed the budget for roads, schools and parks at length."
    body = "\n\n".join([f"{filler} Item {i}." for i in range(40)]
                       + ["Late in the evening a zeppelin drifted over the harbour and everyone looked up."]
                       + [f"{filler} Note {i}." for i in range(10)])
    aid = _import(app_paths, tmp_path, "long.md", "# The long council meeting\n\n" + body + "\n")
    w = make_window()
    w.resize(720, 540)
    with qtbot.waitSignal(w.controller.search_done, timeout=10000):
        w.search_bar.set_query("zeppelin")
    assert w.list_pane.first_id() == aid
    with qtbot.waitSignal(w.article_opened, timeout=10000):
        qtbot.keyClick(w.search_bar.box, Qt.Key.Key_Return)
    reader = w.reader
    assert reader.highlight_count("search") == 1
    assert reader.verticalScrollBar().value() > 0
    mark = next(s for s in reader.extraSelections())
    assert mark.cursor.selectedText().lower() == "zeppelin"
    rect = reader.cursorRect(mark.cursor)
    assert reader.viewport().rect().contains(rect.center())


def test_opening_a_hit_whose_first_match_is_near_the_top_keeps_the_top_in_view(qtbot, window):
    from reader_app.core.articles.reading import stable_id
    from tests.conftest import SEEDS

    # "troops" is in the headline (its second line) and the first paragraph: scrolling the first match a
    # third of the way down hid the outlet and the headline's first line ("More Russian Troops on Its Soil").
    window.resize(900, 520)
    aid = stable_id("seed:" + next(SEEDS.glob("000*")).name)
    with qtbot.waitSignal(window.search_done, timeout=10000) as searched:
        window.search_bar.set_query("troops")
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(aid, searched.args[0].terms)
    reader = window.reader
    assert reader.highlight_count("search") >= 2
    assert reader.verticalScrollBar().value() == 0
    top = QTextCursor(reader.document())
    assert reader.viewport().rect().contains(reader.cursorRect(top).center())  # the outlet line


def test_read_and_unread_state_persists(qtbot, make_window, app_paths):
    first = make_window()
    open_by_keyboard(qtbot, first, 0)
    kept_read = first.reader.article.id
    open_by_keyboard(qtbot, first, 1)
    unread_again = first.reader.article.id
    qtbot.keyClick(first, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)  # Go → Mark as Unread
    assert first.list_pane.view.currentIndex().data(READ_ROLE) is False
    first.close()

    second = make_window(app_paths)
    model = second.list_pane.library_model
    assert model.index(model.position_of(kept_read)).data(READ_ROLE) is True
    assert model.index(model.position_of(unread_again)).data(READ_ROLE) is False
    unread = [r for r in range(model.rowCount()) if not model.index(r).data(READ_ROLE)]
    assert len(unread) == 4


def test_sort_order_and_outlet_filter_come_back(qtbot, make_window, app_paths):
    first = make_window()
    header = first.list_pane.header
    header.sort_combo.setCurrentIndex(header.sort_combo.findData("outlet"))
    header.outlet_combo.setCurrentIndex(header.outlet_combo.findData("The Moscow Times"))
    first.close()

    second = make_window(app_paths)
    pane = second.list_pane
    assert pane.header.sort_combo.currentData() == "outlet"
    assert pane.header.outlet_combo.currentData() == "The Moscow Times"
    assert pane.shown_model().rowCount() == 3 and pane.header.count_label.text() == "3 of 5 articles"


def test_outlet_and_year_facets_narrow_a_search(qtbot, window):
    with qtbot.waitSignal(window.controller.search_done, timeout=10000):
        window.search_bar.set_query("armenia")
    pane = window.list_pane
    total = pane.shown_model().rowCount()
    assert total == 5
    combo = pane.header.outlet_combo
    assert combo.findData("The Moscow Times") > 0
    with qtbot.waitSignal(window.controller.search_done, timeout=10000):
        combo.setCurrentIndex(combo.findData("The Moscow Times"))
    outlets = {pane.shown_model().index(r, 0).data(ROW_ROLE).outlet for r in range(pane.shown_model().rowCount())}
    assert outlets == {"The Moscow Times"} and pane.shown_model().rowCount() == 3
    assert pane.header.count_label.text() == "3 results"


def test_did_you_mean_is_a_link_that_runs_the_suggestion(qtbot, window):
    from reader_app.core.search.results import SearchResult
    from reader_app.ui.window.controller import SearchAnswer

    header = window.list_pane.header
    result = SearchResult(query="armenai", total=0, suggestions=["armenia"])
    window.search_bar.box.setText("armenai")
    window.list_pane.show_results(SearchAnswer(1, "armenai", "", "", result, [], []))
    assert header.notice_text() == "Did you mean armenia?"
    assert "Did you mean “armenia”?" in window.list_pane.view.placeholder
    with qtbot.waitSignal(window.controller.search_done, timeout=10000):
        header.notice.linkActivated.emit("#0")  # what a click on the link sends
    assert window.search_bar.box.text() == "armenia"
    assert window.list_pane.shown_model().rowCount() == 5


def test_relaxed_matches_are_labelled(qtbot, window):
    from reader_app.core.search.results import SearchResult
    from reader_app.ui.window.controller import SearchAnswer

    result = SearchResult(query="armenia penguins", total=0, relaxed=True)
    window.list_pane.show_results(SearchAnswer(1, "armenia penguins", "", "", result, [], []))
    assert window.list_pane.header.relaxed_label.isVisibleTo(window)


def test_empty_states_say_what_is_going_on(qtbot, make_window):
    from reader_app.ui.articles.pane import BUILDING, EMPTY_LIBRARY

    w = make_window(wait=False)
    assert "Opening" in w.list_pane.view.placeholder and "Opening" in w.reader.toPlainText()
    w.controller.progress.emit(1, 5, "")  # what the worker reports while the index builds
    assert w.list_pane.view.placeholder == BUILDING and w.progress.isVisible()
    assert "1 of 5" in w.status_label.text()
    w.list_pane.set_library_rows([])
    assert w.list_pane.view.placeholder == EMPTY_LIBRARY
    with qtbot.waitSignal(w.library_ready, timeout=60000):
        w.start()
    assert w.list_pane.view.placeholder == "" and not w.progress.isVisible()
    assert "Pick an article" in w.reader.toPlainText()


def test_an_article_that_cannot_be_opened_shows_a_message_not_a_traceback(qtbot, window):
    with qtbot.waitSignal(window.controller.article_failed, timeout=10000):
        window.open_article("0000deadbeef")  # gone from the library, as after a removal
    assert "could not be opened" in window.reader.toPlainText()
    assert window.windowTitle() == "reader-app"


def test_a_later_launch_shows_the_last_list_before_the_index_opens(qtbot, make_window, app_paths):
    from reader_app.ui.window.controller import ROWS_CACHE

    first = make_window()
    titles = sorted(first.list_pane.library_model.index(r).data() for r in range(5))
    first.close()
    assert (app_paths.cache / ROWS_CACHE).is_file()

    second = make_window(app_paths, wait=False)
    seen = []
    second.controller.rows_ready.connect(
        lambda rows: seen.append((second.controller.library is None, sorted(r.title for r in rows))))
    with qtbot.waitSignal(second.library_ready, timeout=30000):
        second.start()
    assert seen[0] == (True, titles)  # from the cache, while Whoosh was still loading
    assert seen[1] == (False, titles)  # then the index's own list


def test_a_damaged_list_cache_is_ignored(qtbot, make_window, app_paths):
    from reader_app.ui.window.controller import ROWS_CACHE

    app_paths.cache.mkdir(parents=True, exist_ok=True)
    for junk in ('{"version": 2}\n["x", 1]', "not json", '[1, 2]', '{"version": 2}\n5', '{"version": 2}\n[1, 2, 3, 4, 5, 6]',
                 '{"version": 2}\n["a", "b", "c", "d", "e", 1]\n{', ""):
        (app_paths.cache / ROWS_CACHE).write_text(junk, encoding="utf-8")
        w = make_window()
        assert w.list_pane.shown_model().rowCount() == 5
        w.close()


def test_arrow_keys_scroll_the_reader_like_a_page(qtbot, make_window):
    w = make_window()
    w.resize(720, 400)
    open_by_keyboard(qtbot, w, 0)
    reader = w.reader
    reader.setFocus()
    bar = reader.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    qtbot.keyClick(reader, Qt.Key.Key_Down)
    assert bar.value() > 0
    down_once = bar.value()
    qtbot.keyClick(reader, Qt.Key.Key_Down)
    assert bar.value() > down_once
    qtbot.keyClick(reader, Qt.Key.Key_Up)
    qtbot.keyClick(reader, Qt.Key.Key_Up)
    assert bar.value() == 0


def test_related_articles_at_the_end_open_when_clicked(qtbot, window):
    from PySide6.QtCore import QUrl

    from reader_app.ui.reader.html import RELATED_SCHEME

    open_by_keyboard(qtbot, window, 0)
    first = window.reader.article
    related = window.reader.related
    assert related and all(r["id"] != first.id for r in related)
    text = window.reader.toPlainText()
    assert "RELATED ARTICLES" in text and related[0]["title"] in text
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.reader.anchorClicked.emit(QUrl(f"{RELATED_SCHEME}:{related[0]['id']}"))  # what a click sends
    assert window.reader.article.id == related[0]["id"]
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # Go → Back
    qtbot.waitUntil(lambda: window.reader.article.id == first.id, timeout=10000)



def test_a_fifo_in_place_of_the_list_cache_is_not_waited_on(qtbot, make_window, app_paths):
    import os

    from reader_app.ui.window.controller import ROWS_CACHE

    app_paths.cache.mkdir(parents=True, exist_ok=True)
    fifo = app_paths.cache / ROWS_CACHE
    os.mkfifo(fifo)  # opening it to read would wait for a writer for ever
    w = make_window(wait=False)
    try:
        with qtbot.waitSignal(w.library_ready, timeout=30000):
            w.start()
        assert w.list_pane.shown_model().rowCount() == 5
    finally:  # a reader still waiting on the FIFO (the failure) gets an end of file, not a hung test run
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
