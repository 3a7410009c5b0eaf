"""Bookmarks in the real window: select, Ctrl+D, note and tags, reopen, find in the pane, jump, edit, delete, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from reader_app.ui.bookmarks.delegate import ORPHAN_MARK
from reader_app.ui.bookmarks.highlights import FLASH_LAYER, LAYER
from reader_app.ui.bookmarks.model import BOOKMARK_ROLE, KIND_ROLE, ROW_ROLE
from reader_app.ui.bookmarks.pane import EMPTY, NO_MATCH
from tests.ui.conftest import idle

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              # what the offscreen platform cannot do (menus raise themselves and grab the keyboard)
              pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise",
                                        "does not support grabbing the keyboard")]

CTRL = Qt.KeyboardModifier.ControlModifier
PASSAGE = "the Kremlin said on Thursday"


def _article_id(window, title_start: str) -> str:
    return next(d["id"] for d in window.library.list_articles() if d["title"].startswith(title_start))


def open_article(qtbot, window, title_start: str) -> None:
    with qtbot.waitSignal(window.bookmarks.highlights_applied, timeout=10000):
        window.open_article(_article_id(window, title_start))
    idle(qtbot, window)


def select_text(window, text: str) -> tuple[int, int]:
    """Select `text` in the reader the way a drag would: a QTextCursor selection on the document."""
    reader = window.reader
    found = reader.document().find(text)
    assert not found.isNull(), text
    cursor = QTextCursor(reader.document())
    cursor.setPosition(found.selectionStart())
    cursor.setPosition(found.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    reader.setFocus()
    return found.selectionStart(), found.selectionEnd()


def settle(qtbot, window) -> None:
    """Wait until the store work and the refresh it started are done."""
    idle(qtbot, window)
    qtbot.wait(20)
    idle(qtbot, window)


def pane_bookmarks(window) -> list:
    return window.bookmarks.pane.visible_bookmarks()


def test_select_bookmark_reopen_find_jump_edit_delete_undo(qtbot, make_window, app_paths):
    window = make_window()
    feature = window.bookmarks
    open_article(qtbot, window, "Russia Agrees")
    select_text(window, PASSAGE)
    qtbot.keyClick(window.reader, Qt.Key.Key_D, CTRL)
    popup = feature.popup
    assert popup is not None and popup.isVisible()
    assert PASSAGE in popup.quote_label.text()
    qtbot.keyClicks(popup.note_edit, "Who said it")
    qtbot.keyClick(popup.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # a line break
    qtbot.keyClicks(popup.note_edit, "and when")
    qtbot.keyClicks(popup.tags_edit, "kremlin, #sources")
    with qtbot.waitSignal(feature.rows_loaded, timeout=10000):
        qtbot.keyClick(popup.note_edit, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert feature.popup is None  # closed (and deleted)
    [b] = window.library.bookmarks.list()
    assert (b.quote, b.note, b.tags) == (PASSAGE, "Who said it\nand when", ["kremlin", "sources"])
    assert window.reader.highlight_count(LAYER) == 1
    assert feature.highlights.bookmark_at(b.start + 3).id == b.id
    window.close()

    # a new window on the same data folder: the bookmark is there, in the pane
    window = make_window(app_paths)
    feature = window.bookmarks
    settle(qtbot, window)
    assert not feature.dock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_B, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert feature.dock.isVisible() and window.findChild(object, "bookmarksPane").isVisible()
    assert QApplication.focusWidget() is feature.pane.view  # ready for Up/Down and Enter
    [shown] = pane_bookmarks(window)
    assert shown.id == b.id and shown.note == "Who said it\nand when"
    open_article(qtbot, window, "Armenia Seeks")  # somewhere else, so the jump has to open the article
    assert window.reader.highlight_count(LAYER) == 0

    view = feature.pane.view
    view.setFocus()
    view.setCurrentIndex(feature.pane.proxy.index(0, 0))
    with qtbot.waitSignal(feature.revealed, timeout=10000):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    reader = window.reader
    assert reader.article.id == b.article_id
    assert reader.textCursor().position() == reader.position_of(b.start)
    passage = QTextCursor(reader.document())
    passage.setPosition(reader.position_of(b.start))
    rect = reader.cursorRect(passage)
    assert rect.top() >= 0 and rect.bottom() <= reader.viewport().height()  # on screen
    assert reader.verticalScrollBar().value() > 0 or rect.top() < reader.viewport().height() // 2
    assert feature.highlights.last_flashed == b.id and reader.highlight_count(FLASH_LAYER) == 1
    qtbot.waitUntil(lambda: reader.highlight_count(FLASH_LAYER) == 0, timeout=5000)  # the flash fades
    assert reader.highlight_count(LAYER) == 1

    # edit from the pane (F2): note and tags
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    popup = feature.popup
    assert popup is not None and popup.note_edit.toPlainText() == "Who said it\nand when"
    assert popup.tags_edit.text() == "kremlin, sources"
    popup.note_edit.selectAll()
    qtbot.keyClicks(popup.note_edit, "Peskov, on Thursday")
    popup.tags_edit.setText("kremlin")
    with qtbot.waitSignal(feature.rows_loaded, timeout=10000):
        qtbot.keyClick(popup.tags_edit, Qt.Key.Key_Return)
    settle(qtbot, window)
    edited = window.library.bookmarks.get(b.id)
    assert (edited.note, edited.tags) == ("Peskov, on Thursday", ["kremlin"])
    assert pane_bookmarks(window)[0].note == "Peskov, on Thursday"

    # delete (Delete key in the pane), then undo with Ctrl+Z
    view.setFocus()
    view.setCurrentIndex(feature.pane.proxy.index(0, 0))
    with qtbot.waitSignal(feature.rows_loaded, timeout=10000):
        qtbot.keyClick(view, Qt.Key.Key_Delete)
    settle(qtbot, window)
    assert window.library.bookmarks.count() == 0 and pane_bookmarks(window) == []
    assert reader.highlight_count(LAYER) == 0
    assert view.placeholder == EMPTY
    assert "Undo" in window.status_label.text()
    with qtbot.waitSignal(feature.rows_loaded, timeout=10000):
        qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    settle(qtbot, window)
    [back] = window.library.bookmarks.list()
    assert back == edited
    assert [x.id for x in pane_bookmarks(window)] == [b.id]
    assert reader.highlight_count(LAYER) == 1
    # and redo deletes it again
    with qtbot.waitSignal(feature.rows_loaded, timeout=10000):
        feature.redo_action.trigger()
    settle(qtbot, window)
    assert window.library.bookmarks.count() == 0


def test_esc_cancels_and_ctrl_d_without_selection_takes_the_paragraph(qtbot, window):
    feature = window.bookmarks
    open_article(qtbot, window, "Russia Agrees")
    select_text(window, PASSAGE)
    qtbot.keyClick(window.reader, Qt.Key.Key_D, CTRL)
    popup = feature.popup
    qtbot.keyClicks(popup.note_edit, "never saved")
    qtbot.keyClick(popup.note_edit, Qt.Key.Key_Escape)
    settle(qtbot, window)
    assert feature.popup is None and window.library.bookmarks.count() == 0

    reader = window.reader
    cursor = reader.textCursor()
    cursor.clearSelection()
    reader.setTextCursor(cursor)  # the cursor stays inside the passage's paragraph
    qtbot.keyClick(reader, Qt.Key.Key_D, CTRL)
    with qtbot.waitSignal(feature.rows_loaded, timeout=10000):
        qtbot.keyClick(feature.popup.note_edit, Qt.Key.Key_Return)
    settle(qtbot, window)
    [b] = window.library.bookmarks.list()
    article = reader.article
    paragraph = next(p.text for p in article.paragraphs if PASSAGE in p.text)
    assert b.quote == paragraph and (b.note, b.tags) == ("", [])


def test_clicking_a_highlight_offers_edit_and_delete_and_hover_shows_the_note(qtbot, window):
    feature = window.bookmarks
    open_article(qtbot, window, "Russia Agrees")
    article = window.reader.article
    start = article.text.index(PASSAGE)
    with qtbot.waitSignal(feature.rows_loaded, timeout=10000):
        feature.add(article, start, start + len(PASSAGE), "the note", ["t"])
    settle(qtbot, window)
    reader = window.reader
    reader.scroll_to_offset(start)
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.position_of(start + 4))
    point = reader.cursorRect(cursor).center()
    cursor.clearSelection()
    reader.setTextCursor(cursor)
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    menu = feature.highlight_menu
    assert menu is not None and menu.isVisible()
    labels = [a.text() for a in menu.actions() if a.text()]
    assert labels == ["Edit Note and Tags…", "Copy Citation", "Show in Bookmarks", "Delete Bookmark"]
    assert "the note" in reader._layers[LAYER][2][0]  # the hover text of the highlight
    next(a for a in menu.actions() if a.text() == "Copy Citation").trigger()
    assert QApplication.clipboard().text().startswith(f"“{PASSAGE}” — “Russia Agrees")
    menu.close()
    with qtbot.waitSignal(feature.rows_loaded, timeout=10000):
        feature.show_highlight_menu(feature.highlights.shown[0], QPoint(0, 0))
        next(a for a in feature.highlight_menu.actions() if a.text() == "Delete Bookmark").trigger()
    settle(qtbot, window)
    assert window.library.bookmarks.count() == 0 and reader.highlight_count(LAYER) == 0


def test_pane_groups_filters_by_text_and_tag_and_marks_orphans(qtbot, window, qtmodeltester):
    feature = window.bookmarks
    library = window.library
    store = library.bookmarks
    first = library.article(_article_id(window, "Russia Agrees"))
    second = library.article(_article_id(window, "Armenia Seeks"))
    a = store.add_quote(first, PASSAGE, note="alpha note", tags=["kremlin"])
    b = store.add_quote(second, second.text.split(".")[0], note="beta", tags=["war", "kremlin"])
    c = store.add_quote(first, "months of spiraling tensions", tags=["tension"])
    lost = {"type": "Annotation", "id": "urn:example:lost", "body": {"type": "TextualBody", "value": "lost one"},
            "target": {"source": second.url, "selector": {"type": "TextQuoteSelector",
                                                          "exact": "A sentence this article no longer has."}}}
    assert library.import_bookmarks([lost]).added == 1
    [orphan] = [x for x in store.list() if x.note == "lost one"]
    assert orphan.orphan
    with qtbot.waitSignal(feature.rows_loaded, timeout=10000):
        feature.refresh()
    settle(qtbot, window)
    pane = feature.pane
    assert [x.id for x in pane.visible_bookmarks()] == [orphan.id, c.id, b.id, a.id]  # newest first
    qtmodeltester.check(pane.model)
    tags = [pane.tag_box.itemText(i) for i in range(pane.tag_box.count())]
    assert tags[0] == "All tags" and "#kremlin (2)" in tags

    def type_filter(text: str) -> None:
        pane.filter_box.setText(text)
        qtbot.waitUntil(lambda: pane.proxy.text == text.casefold(), timeout=3000)  # typing is debounced

    type_filter("ALPHA")
    assert [x.id for x in pane.visible_bookmarks()] == [a.id]
    type_filter("spiraling")
    assert [x.id for x in pane.visible_bookmarks()] == [c.id]
    type_filter("")
    pane.set_tag_filter("kremlin")
    assert [x.id for x in pane.visible_bookmarks()] == [b.id, a.id]
    type_filter("no such words")
    assert pane.visible_bookmarks() == [] and pane.view.placeholder == NO_MATCH
    type_filter("")
    pane.set_tag_filter("")

    _grouping_choices(pane)["By article"].trigger()  # the article of the newest bookmark first
    assert pane.model.grouped
    qtmodeltester.check(pane.model)
    groups = [pane.proxy.index(r, 0) for r in range(pane.proxy.rowCount())]
    assert [g.data(KIND_ROLE) for g in groups] == ["group", "group"]
    assert groups[0].data().startswith(second.title)
    assert [pane.proxy.index(r, 0, groups[1]).data(BOOKMARK_ROLE).id for r in range(pane.proxy.rowCount(groups[1]))] \
        == [c.id, a.id]
    pane.set_tag_filter("tension")
    assert pane.proxy.rowCount() == 1 and pane.proxy.rowCount(pane.proxy.index(0, 0)) == 1
    pane.set_tag_filter("")
    _grouping_choices(pane)["Newest first"].trigger()
    assert pane.proxy.rowCount(QModelIndex()) == 4

    orphan_row = pane.model.index_of(orphan.id)
    option_lines = pane.view.delegate._lines(_option(pane.view), orphan_row.data(ROW_ROLE), 300)
    assert ("orphan", "⚠ " + ORPHAN_MARK) in option_lines
    # jumping to an orphan opens the article and says why it is not highlighted
    with qtbot.waitSignal(feature.revealed, timeout=10000):
        feature.open_bookmark(orphan)
    assert window.reader.article.id == second.id and "no longer found" in window.status_label.text()


def _option(view):
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    option.initFrom(view)
    return option


def test_export_then_import_through_the_window(qtbot, window, tmp_path):
    feature = window.bookmarks
    article = window.library.article(_article_id(window, "Russia Agrees"))
    window.library.bookmarks.add_quote(article, PASSAGE, note="kept", tags=["x"])
    out = tmp_path / "out.json"
    with qtbot.waitSignal(feature.message, timeout=10000) as said:
        feature.export_to(out, "json")
    assert said.args == ["Exported 1 bookmark to out.json."]
    md = tmp_path / "out.md"
    with qtbot.waitSignal(feature.message, timeout=10000):
        feature.export_to(md, "md")
    assert f"> {PASSAGE}" in md.read_text(encoding="utf-8")
    window.library.bookmarks.delete(window.library.bookmarks.list()[0].id)
    with qtbot.waitSignal(feature.rows_loaded, timeout=10000):
        feature.import_from(out)
    settle(qtbot, window)
    assert "Imported 1 bookmark" in window.status_label.text()
    assert [x.note for x in pane_bookmarks(window)] == ["kept"]
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    with qtbot.waitSignal(feature.message, timeout=10000) as said:
        feature.import_from(bad)
    assert "cannot be read" in said.args[0]


def test_a_repaired_database_is_announced_in_the_status_bar(qtbot, make_window, app_paths):
    from reader_app.core.bookmarks import BookmarkStore
    from tests.core.bookmarks.test_bookmarks_damage import _damage_pages, _fill

    store = BookmarkStore(app_paths)
    _fill(store, 30)
    store.db.backup()
    store.close()
    _damage_pages(app_paths.bookmarks_db)
    window = make_window()
    settle(qtbot, window)
    button = window.findChild(object, "bookmarksNotice")
    assert button.isVisible() and "repaired" in button.text()
    assert "damaged" in button.toolTip() and "restored from the backup" in button.toolTip()
    assert len(pane_bookmarks(window)) == 30


def test_a_damaged_log_is_announced_like_a_repaired_database(qtbot, make_window, app_paths, tmp_path):
    from tests.core.bookmarks.test_bookmarks_wal import PER_SAVE, _crash, _flip, _wal

    kept, logged = _crash(app_paths, tmp_path)
    _flip(_wal(app_paths.bookmarks_db), 3 * PER_SAVE)
    window = make_window()
    settle(qtbot, window)
    button = window.findChild(object, "bookmarksNotice")
    assert button.isVisible() and "repaired" in button.text()
    assert "bookmarks log (bookmarks.sqlite3-wal) was damaged" in button.toolTip()
    assert {b.id for b in pane_bookmarks(window)} == set(kept + logged)


def test_highlight_colours_follow_the_theme(qtbot, window):
    feature = window.bookmarks
    open_article(qtbot, window, "Russia Agrees")
    article = window.reader.article
    with qtbot.waitSignal(feature.rows_loaded, timeout=10000):
        feature.add(article, 0, 40)
    settle(qtbot, window)
    window.findChild(object, "theme_light").trigger()
    light = window.reader._layers[LAYER][1]
    window.findChild(object, "theme_dark").trigger()
    dark = window.reader._layers[LAYER][1]
    assert light != dark and window.reader.highlight_count(LAYER) == 1


def test_read_only_bookmarks_are_shown_said_and_not_offered_for_saving(qtbot, make_window, app_paths):
    """A database from a newer reader-app opens read-only: listed, a notice, no saving actions."""
    import sqlite3

    from reader_app.core.bookmarks.database import SCHEMA_VERSION
    from reader_app.core.library import Library

    lib = Library(app_paths)
    lib.open()
    lib.bookmarks.add_quote(lib.article(lib.list_articles()[0]["id"]), "troops", occurrence=1)
    lib.close()
    conn = sqlite3.connect(app_paths.bookmarks_db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    window = make_window()
    settle(qtbot, window)
    feature = window.bookmarks
    button = window.findChild(object, "bookmarksNotice")
    assert button.isVisible() and "read-only" in button.text() and "newer" in button.toolTip()
    assert len(pane_bookmarks(window)) == 1
    assert not feature.bookmark_action.isEnabled() and not feature.import_action.isEnabled()
    assert feature.export_action.isEnabled()
    open_article(qtbot, window, "Russia Agrees")
    assert feature.request_bookmark() is None and "read-only" in window.status_label.text()


def test_menus_offer_bookmark_actions_in_their_places(window):
    def names(menu: str) -> list[str]:
        return [a.objectName() or ("-" if a.isSeparator() else a.text()) for a in window.menu(menu).actions()]

    file_menu = names("file")
    assert file_menu.index("exportBookmarks") < file_menu.index("importBookmarks") < file_menu.index("quit")
    edit = names("edit")
    assert edit[:2] == ["undo", "redo"] and {"bookmarkPassage", "copyCitation"} <= set(edit)
    toolbar = window.findChild(object, "bookmarksToolBar")
    assert window.bookmarks.bookmark_action in toolbar.actions()
    assert window.bookmarks.bookmark_action in window.reader._context_actions


def test_hovering_a_highlight_shows_its_note(qtbot, window):
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    feature = window.bookmarks
    open_article(qtbot, window, "Russia Agrees")
    article = window.reader.article
    start = article.text.index(PASSAGE)
    with qtbot.waitSignal(feature.highlights_applied, timeout=10000):
        feature.add(article, start, start + len(PASSAGE), "Peskov <b>said</b> so", ["who"])
    settle(qtbot, window)
    reader = window.reader
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.position_of(start + 5))
    point = reader.cursorRect(cursor).center()
    event = QHelpEvent(QHelpEvent.Type.ToolTip, point, reader.viewport().mapToGlobal(point))
    QApplication.sendEvent(reader.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    text = QToolTip.text()
    assert "Peskov &lt;b&gt;said&lt;/b&gt; so" in text and "#who" in text  # shown literally, never as markup
    QToolTip.hideText()


def test_removing_an_article_shows_its_bookmark_as_an_orphan(qtbot, window, tmp_path):
    feature = window.bookmarks
    extra = tmp_path / "extra.txt"
    extra.write_text("A Story That Goes Away\n\nThis paragraph will be gone from the library soon.\n", encoding="utf-8")
    library = window.library
    [(_, aid)] = library.import_paths([extra]).added
    library.bookmarks.add_quote(library.article(aid), "will be gone", note="kept anyway")
    library.remove(aid)
    with qtbot.waitSignal(feature.rows_loaded, timeout=10000):
        window.refresh_list()  # what the window does after an import or a removal
    settle(qtbot, window)
    [b] = pane_bookmarks(window)
    assert b.orphan and b.note == "kept anyway"


def test_pane_groups_and_filters_by_story_thread_and_by_name(qtbot, window, qtmodeltester, tmp_path):
    """Issue #16: the pane groups by article, by story thread and by name, and filters by them."""
    from reader_app.core.stories import stories_for
    from reader_app.ui.bookmarks.pane import ALL_NAMES, ALL_STORIES

    feature, library = window.bookmarks, window.library
    [thread] = stories_for(library).threads  # what the window's child process computes and caches
    store = library.bookmarks
    first = library.article(_article_id(window, "Russia Agrees"))
    second = library.article(_article_id(window, "Armenia Seeks"))
    peskov = store.add_quote(first, "Kremlin spokesman Dmitry Peskov")
    putin = store.add_quote(second, second.text.split(".")[0])
    with qtbot.waitSignal(feature.rows_loaded, timeout=10000):
        feature.refresh()
    settle(qtbot, window)
    pane = feature.pane
    window.bookmarks.dock.show()

    pane.set_grouping("story")
    qtmodeltester.check(pane.model)
    groups = [pane.proxy.index(r, 0) for r in range(pane.proxy.rowCount())]
    assert [g.data(KIND_ROLE) for g in groups] == ["group"]  # the seeds make one thread: both are in it
    assert groups[0].data() == f"{thread.title} (2)"
    assert pane.group_button.text() == "By story thread"
    window.bookmarks.dock.grab().save(str(tmp_path / "by-story.png"))

    pane.set_grouping("entity")
    qtmodeltester.check(pane.model)
    names = [pane.proxy.index(r, 0).data() for r in range(pane.proxy.rowCount())]
    assert "Dmitry Peskov (1)" in names
    under_peskov = pane.proxy.index(names.index("Dmitry Peskov (1)"), 0)
    assert pane.proxy.index(0, 0, under_peskov).data(BOOKMARK_ROLE).id == peskov.id

    stories = [pane.story_box.itemText(i) for i in range(pane.story_box.count())]
    assert stories == [ALL_STORIES, f"{thread.title} (2)"]
    pane.set_story_filter(thread.title)
    assert {b.id for b in pane.visible_bookmarks()} == {peskov.id, putin.id}
    pane.set_story_filter("")
    assert pane.name_box.itemText(0) == ALL_NAMES
    pane.set_name_filter("Dmitry Peskov")
    assert [b.id for b in pane.visible_bookmarks()] == [peskov.id]
    pane.set_name_filter("")
    pane.set_grouped(False)  # one flat list; grouping again groups by name, as last chosen
    assert not pane.model.grouped and len(pane.visible_bookmarks()) == 2
    pane.set_grouped(True)
    assert pane.model.grouping == "entity" and putin.id in {b.id for b in pane.visible_bookmarks()}


def test_the_note_popup_stays_inside_the_window(qtbot, window):
    """A passage near the reader's right edge: the popup opens inside the window, not past its edge."""
    from tests.ui.window.test_window_day_one import shot

    window.resize(760, 560)
    window.move(0, 0)
    qtbot.waitUntil(lambda: window.width() == 760, timeout=5000)
    open_article(qtbot, window, "Russia Agrees")
    reader = window.reader
    cursor = reader.cursorForPosition(QPoint(reader.viewport().width() - 30, 60))  # a word at the right edge
    cursor.select(QTextCursor.SelectionType.WordUnderCursor)
    reader.setTextCursor(cursor)
    popup = window.bookmarks.request_bookmark()
    qtbot.waitUntil(lambda: popup.isVisible(), timeout=5000)
    frame = window.frameGeometry()
    box = popup.frameGeometry()
    assert frame.left() <= box.left() and box.right() <= frame.right(), (frame, box)
    assert frame.top() <= box.top() and box.bottom() <= frame.bottom(), (frame, box)
    shot(window, "note-popup")
    popup.reject()


def test_a_quote_naming_nobody_is_grouped_last_under_its_own_heading(qtbot, window, tmp_path):
    """By name, a quote that names nobody was under its article's most named person; as in the dossier, it
    is under its own heading now, last."""
    from reader_app.core.bookmarks.dossier import NAMING_NOBODY

    feature, store = window.bookmarks, window.library.bookmarks
    first = window.library.article(_article_id(window, "Russia Agrees"))
    store.add_quote(first, "Kremlin spokesman Dmitry Peskov")
    nobody = store.add_quote(first, "a mutual defense pact")
    with qtbot.waitSignal(feature.rows_loaded, timeout=10000):
        feature.refresh()
    settle(qtbot, window)
    pane = feature.pane
    feature.dock.show()
    pane.set_grouping("entity")
    names = [pane.proxy.index(r, 0).data() for r in range(pane.proxy.rowCount())]
    assert names[-1] == f"{NAMING_NOBODY} (1)" and "Dmitry Peskov (1)" in names, names
    last = pane.proxy.index(len(names) - 1, 0)
    assert pane.proxy.index(0, 0, last).data(BOOKMARK_ROLE).id == nobody.id
    pane.view.expandAll()
    feature.dock.grab().save(str(tmp_path / "by-name.png"))


def _grouping_choices(pane) -> dict[str, object]:
    """The group button's menu: each choice's label -> its action."""
    return {a.text(): a for a in pane.group_button.menu().actions() if not a.isSeparator()}


def test_the_group_button_offers_one_flat_list_and_remembers_the_choice(qtbot, make_window, app_paths, tmp_path):
    """A user trial: the button said "By article" and offered no ungrouped choice. Its menu now offers the flat
    list (newest first) beside the groupings, its text names the one in force, and the next launch keeps it."""
    window = make_window()
    pane = window.bookmarks.pane
    window.bookmarks.dock.show()
    choices = _grouping_choices(pane)
    assert list(choices) == ["Newest first", "By article", "By story thread", "By name"]
    # a fresh library lists bookmarks flat, newest first, and the button says so
    assert not pane.model.grouped and pane.group_button.text() == "Newest first"
    assert choices["Newest first"].isChecked() and not choices["By article"].isChecked()

    choices["By article"].trigger()
    assert pane.model.grouping == "article" and pane.group_button.text() == "By article"
    assert choices["By article"].isChecked() and not choices["Newest first"].isChecked()
    window.bookmarks.dock.grab().save(str(tmp_path / "by-article.png"))
    choices["Newest first"].trigger()
    assert not pane.model.grouped and pane.group_button.text() == "Newest first"
    choices["By story thread"].trigger()
    window.close()

    again = make_window(app_paths)
    pane = again.bookmarks.pane
    assert pane.model.grouping == "story" and pane.group_button.text() == "By story thread"
    assert _grouping_choices(pane)["By story thread"].isChecked()
    _grouping_choices(pane)["Newest first"].trigger()
    again.close()
    assert not make_window(app_paths).bookmarks.pane.model.grouped


def test_a_bookmark_of_a_removed_article_says_the_article_was_removed(qtbot, window, tmp_path):
    """Not "not found in the article" (that is for an article that changed): the article is gone, in the pane
    and in the exports; a passage lost from a changed article keeps its own words beside it."""
    from reader_app.core.bookmarks import dossier
    from reader_app.ui.bookmarks.delegate import REMOVED_MARK
    from tests.ui.window.test_window_day_one import shot

    feature, library = window.bookmarks, window.library
    extra = tmp_path / "extra.txt"
    extra.write_text("A Story That Goes Away\n\nThis paragraph will be gone from the library soon.\n", encoding="utf-8")
    [(_, aid)] = library.import_paths([extra]).added
    library.bookmarks.add_quote(library.article(aid), "will be gone", note="kept anyway")
    second = library.article(_article_id(window, "Armenia Seeks"))
    lost = {"type": "Annotation", "id": "urn:example:lost", "body": {"type": "TextualBody", "value": "lost one"},
            "target": {"source": second.url, "selector": {"type": "TextQuoteSelector",
                                                          "exact": "A sentence this article no longer has."}}}
    assert library.import_bookmarks([lost]).added == 1
    library.remove(aid)
    with qtbot.waitSignal(feature.rows_loaded, timeout=10000):
        window.refresh_list()
    settle(qtbot, window)
    pane = feature.pane
    feature.dock.show()
    settle(qtbot, window)
    gone = pane.model.index_of(next(b.id for b in pane_bookmarks(window) if b.note == "kept anyway"))
    changed = pane.model.index_of(next(b.id for b in pane_bookmarks(window) if b.note == "lost one"))
    lines = pane.view.delegate._lines(_option(pane.view), gone.data(ROW_ROLE), 300)
    assert ("orphan", "⚠ " + REMOVED_MARK) in lines and ("orphan", "⚠ " + ORPHAN_MARK) not in lines
    assert ("orphan", "⚠ " + ORPHAN_MARK) in pane.view.delegate._lines(_option(pane.view), changed.data(ROW_ROLE), 300)
    assert "removed from the library" in gone.data(Qt.ItemDataRole.AccessibleTextRole)
    shot(window, "removed-article-bookmark")

    chosen = library.bookmarks.list()
    for fmt, group in (("md", None), ("md", "article")):
        text, _note = dossier.render(chosen, fmt, group, library)
        assert text.count("*(Article removed from the library.)*") == 1, (fmt, group)
        assert text.count("*(This passage is no longer found in the article.)*") == 1, (fmt, group)


def test_the_group_button_shows_its_whole_text_with_its_arrow_beside_it(qtbot, window):
    """A trial read "Newest first" as cut off at the pane's edge: the menu arrow sat in the button's corner, on
    the text's last letter. It has room of its own now, and the whole button is inside the pane."""
    window.resize(1200, 780)
    window.bookmarks.dock.show()
    pane = window.bookmarks.pane
    button = pane.group_button
    qtbot.waitUntil(lambda: button.isVisible() and button.width() > 0)
    qtbot.wait(50)
    text = button.fontMetrics().horizontalAdvance(button.text())
    assert button.width() >= button.sizeHint().width() >= text + 18  # the text, and room for the arrow
    assert button.geometry().right() < pane.width() - 4  # not against the pane's edge


def test_the_note_popup_opens_below_or_above_the_passage_inside_the_reader(qtbot, window):
    """A trial: the popup covered the passage being bookmarked and ran over the reader's scroll bar to the
    window's edge. It opens below the passage (above it, when there is no room below), within the reader."""
    window.resize(1400, 700)
    window.move(0, 0)
    qtbot.waitUntil(lambda: window.height() == 700, timeout=5000)
    open_article(qtbot, window, "Russia Agrees")
    reader, feature = window.reader, window.bookmarks
    viewport = reader.viewport()
    inside = QRect(viewport.mapToGlobal(QPoint(0, 0)), viewport.size())
    for where, line_at in (("below", 0.2), ("above", 0.9)):
        start, end = select_text(window, "Kremlin spokesman Dmitry Peskov")
        cursor = QTextCursor(reader.document())
        cursor.setPosition(start)
        bar = reader.verticalScrollBar()
        bar.setValue(bar.value() + reader.cursorRect(cursor).top() - int(viewport.height() * line_at))
        top = reader.cursorRect(cursor)
        cursor.setPosition(end)
        line = top.united(reader.cursorRect(cursor))
        assert line.top() > 0 and line.bottom() < viewport.height()
        passage = QRect(inside.left(), viewport.mapToGlobal(line.topLeft()).y(), inside.width(), line.height())
        popup = feature.request_bookmark()
        qtbot.waitUntil(lambda p=popup: p.isVisible(), timeout=5000)
        box = popup.frameGeometry()
        _shot_with_popup(window, popup, f"note-popup-{where}")
        assert inside.contains(box), (where, inside, box)  # not over the scroll bar, not past the reader
        assert not box.intersects(passage), (where, passage, box)
        assert (box.top() > passage.bottom()) if where == "below" else (box.bottom() < passage.top()), where
        popup.reject()
        qtbot.waitUntil(lambda: feature.popup is None, timeout=5000)


def _shot_with_popup(window, popup, name: str) -> None:
    """The window with the popup drawn where it is (a grab of the window leaves out its top-level popups)."""
    import os
    from pathlib import Path

    from PySide6.QtGui import QPainter

    folder = os.environ.get("READER_APP_SHOTS")
    if folder:
        image = window.grab()
        painter = QPainter(image)
        painter.drawPixmap(popup.frameGeometry().topLeft() - window.frameGeometry().topLeft(), popup.grab())
        painter.end()
        image.save(str(Path(folder) / f"{name}.png"))
