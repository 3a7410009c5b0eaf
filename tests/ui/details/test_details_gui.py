"""Correcting an article's details in the window, the import's outlet, the "Unknown outlet" filter and the
added date in the reader, on real widgets and a real library."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from reader_app.ui.articles.row import UNKNOWN_OUTLET
from reader_app.ui.details.feature import DetailsDialog, ImportOutletDialog
from tests.ui.conftest import idle

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("does not support propagateSizeHints")]  # the offscreen platform

SHOTS = os.environ.get("READER_APP_SHOTS")  # a folder to save screenshots in, to look at them


def _shot(widget, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def _plain_files(tmp_path, n: int = 2) -> list[Path]:
    folder = tmp_path / "bbc"
    folder.mkdir()
    texts = ["The lifeboat crew rescued two walkers cut off by the tide near the harbour wall on Sunday.",
             "The council voted to close the old bridge to lorries from May after cracks were found in it.",
             "The ferry terminal will open next spring after two years of delays caused by flooding."]
    for i in range(n):
        (folder / f"{i}.txt").write_text(f"{texts[i]}\n\nResidents said they had waited long enough.\n")
    return sorted(folder.iterdir())


def _import(qtbot, window, paths, outlet=None):
    with qtbot.waitSignal(window.imports.finished, timeout=60000) as done:
        window.imports.import_paths(paths, outlet=outlet)
    idle(qtbot, window)
    return done.args[0]


def _row(window, aid):
    model = window.list_pane.library_model
    pos = model.position_of(aid)
    return None if pos is None else model.row_at(pos)


def _outlet_items(window) -> dict[str, str]:
    combo = window.list_pane.header.outlet_combo
    return {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}


def test_the_edit_dialog_changes_the_row_and_the_open_article(qtbot, window, tmp_path):
    report = _import(qtbot, window, _plain_files(tmp_path, 1))
    aid = report.added[0][1]
    qtbot.waitUntil(lambda: _row(window, aid) is not None, timeout=30000)
    with qtbot.waitSignal(window.article_opened, timeout=30000):
        window.open_article(aid)
    assert "Added " in window.reader.toPlainText()

    window.list_pane.view.setFocus()
    window.details.action.trigger()  # Ctrl+E
    dialog = window.details.dialog
    assert isinstance(dialog, DetailsDialog) and dialog.isVisible()
    assert dialog.fields["title"].text().startswith("The lifeboat crew rescued")
    dialog.fields["title"].setText("Lifeboat rescues walkers")
    dialog.fields["outlet"].setText("BBC News")
    dialog.fields["date"].setText("2024-02-30")
    assert not dialog.save_button().isEnabled() and "does not exist" in dialog.message.text()
    _shot(dialog, "details-dialog-error")
    dialog.fields["date"].setText("2024-03-05")
    assert dialog.save_button().isEnabled() and not dialog.message.isVisible()
    _shot(dialog, "details-dialog")
    dialog.save_button().click()

    qtbot.waitUntil(lambda: (_row(window, aid) or _row).outlet == "BBC News", timeout=30000)
    row = _row(window, aid)
    assert (row.title, row.date) == ("Lifeboat rescues walkers", "2024-03-05")
    qtbot.waitUntil(lambda: window.reader.article.title == "Lifeboat rescues walkers", timeout=30000)
    shown = window.reader.toPlainText()
    assert "Lifeboat rescues walkers" in shown and "BBC NEWS" in shown and "5 March 2024" in shown
    assert window.windowTitle().startswith("Lifeboat rescues walkers")
    assert window.library.details.load() == {aid: {"title": "Lifeboat rescues walkers", "outlet": "BBC News",
                                                   "date": "2024-03-05"}}
    _shot(window, "details-window")


def test_the_unknown_outlet_entry_filters_the_list_with_its_count(qtbot, window, tmp_path):
    seeds = window.list_pane.library_model.rowCount()
    report = _import(qtbot, window, _plain_files(tmp_path, 2))
    qtbot.waitUntil(lambda: window.list_pane.library_model.rowCount() == seeds + 2, timeout=30000)
    model = window.list_pane.library_model
    unknown = {model.row_at(i).id for i in range(model.rowCount()) if not model.row_at(i).outlet}
    assert {aid for _, aid in report.added} <= unknown
    items = _outlet_items(window)
    assert items[UNKNOWN_OUTLET] == f"Unknown outlet ({len(unknown)})"
    combo = window.list_pane.header.outlet_combo
    assert combo.itemData(combo.count() - 1) == UNKNOWN_OUTLET  # after the real outlets

    combo.setCurrentIndex(combo.findData(UNKNOWN_OUTLET))
    proxy = window.list_pane.shown_model()
    assert {proxy.article_id(i) for i in range(proxy.rowCount())} == unknown
    assert window.list_pane.header.count_label.text() == f"{len(unknown)} of {seeds + 2} articles"
    _shot(window.list_pane, "unknown-filter")

    window.search_bar.set_query("residents")  # the same filter while searching
    qtbot.waitUntil(lambda: window.list_pane.header.count_label.text() not in ("Searching…", ""), timeout=30000)
    idle(qtbot, window)
    combo.setCurrentIndex(combo.findData(UNKNOWN_OUTLET))
    qtbot.waitUntil(lambda: window.list_pane.header.count_label.text() == "2 results", timeout=30000)
    ids = {window.list_pane.shown_model().article_id(i) for i in range(window.list_pane.shown_model().rowCount())}
    assert ids == {aid for _, aid in report.added}


def test_an_import_outlet_asked_for_in_the_dialog_is_set_on_every_article(qtbot, window, tmp_path):
    files = _plain_files(tmp_path, 2)
    window.imports.ask_outlet(files, "2 files")
    dialog = window.imports.outlet_dialog
    assert isinstance(dialog, ImportOutletDialog) and dialog.isVisible()
    dialog.outlet.setEditText("BBC News")
    _shot(dialog, "import-outlet-dialog")
    with qtbot.waitSignal(window.imports.finished, timeout=60000) as done:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).setFocus()
        ok = next(b for b in dialog.buttons.buttons()
                  if dialog.buttons.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    ids = [aid for _, aid in done.args[0].added]
    qtbot.waitUntil(lambda: all(_row(window, i) is not None for i in ids), timeout=30000)
    assert [_row(window, i).outlet for i in ids] == ["BBC News", "BBC News"]
    assert _outlet_items(window)["BBC News"] == "BBC News (2)"


def test_the_row_context_menu_offers_edit_details(qtbot, window):
    aid = window.list_pane.shown_model().article_id(1)
    menu = window.details.row_menu(aid)
    assert [a.text() for a in menu.actions()] == ["Edit &Details…"]
    menu.actions()[0].trigger()
    qtbot.waitUntil(lambda: window.details.dialog is not None and window.details.dialog.isVisible(), timeout=30000)
    assert window.details.dialog.article.id == aid
    window.details.dialog.reject()


def test_an_odd_value_from_the_file_does_not_stop_saving_another_field(qtbot):
    from reader_app.core.articles.model import Article

    article = Article(id="abc", title="A headline", outlet=None, byline=None, date="c. 1990", url="www.example.org",
                      paragraphs=[], path="/tmp/a.txt")
    dialog = DetailsDialog(article, ["BBC News"])
    qtbot.addWidget(dialog)
    assert dialog.save_button().isEnabled() and dialog.changes() == {}
    dialog.fields["outlet"].setText("BBC News")
    assert dialog.save_button().isEnabled() and dialog.changes() == {"outlet": "BBC News"}
    dialog.fields["url"].setText("www.example.org/page")
    assert not dialog.save_button().isEnabled() and "not a web address" in dialog.message.text()


def test_ctrl_e_from_the_search_box_opens_the_details_of_the_open_article(qtbot, window):
    """A user trial: after a search and Enter focus stays in the search box, where Ctrl+E did nothing (the line
    edit took it for "end of line" on X11: run it with QT_QPA_PLATFORM=xcb under xvfb-run to see the old
    code fail); Ctrl+D worked there, and Ctrl+E worked from the reader."""
    box = window.search_bar.box
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.focus_search()
    with qtbot.waitSignal(window.controller.search_done, timeout=10000):
        qtbot.keyClicks(box, "troops")
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        qtbot.keyClick(box, Qt.Key.Key_Return)
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    box.setCursorPosition(0)
    qtbot.keyClick(box, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.details.dialog
    assert isinstance(dialog, DetailsDialog) and dialog.isVisible()
    assert dialog.article.id == window.current_article().id
    dialog.reject()
    qtbot.keyClick(box, Qt.Key.Key_End)  # the box still edits: End goes to the end of the query
    assert box.cursorPosition() == len("troops")
