"""Importing from the window: menus, drops, progress and Cancel in the status bar, the report, the watched folder."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton
from shiboken6 import isValid

from reader_app.core.collection import importer
from reader_app.ui.imports.feature import ImportReportDialog
from tests.core.collection.test_importer import WORDS, make_corpus

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("does not support propagateSizeHints")]  # the offscreen platform


def list_titles(window) -> set[str]:
    model = window.list_pane.library_model
    return {model.row_at(i).title for i in range(model.rowCount())}


def drop(window, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPointF(window.width() / 2, window.height() / 2)
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)
    assert event.isAccepted()


def test_file_menu_offers_imports_once_the_library_is_open(window):
    names = [a.objectName() for a in window.menu("file").actions()]
    assert names[:4] == ["importFiles", "importFolder", "watchFolder", "cancelImport"]
    assert window.imports.import_files_action.isEnabled() and window.imports.import_folder_action.isEnabled()
    assert not window.imports.cancel_action.isEnabled()


def test_dropped_files_are_imported_the_list_grows_and_refusals_are_reported(qtbot, window, tmp_path):
    make_corpus(tmp_path / "src", 3)
    (tmp_path / "src" / "empty.txt").write_bytes(b"")
    (tmp_path / "src" / "page.html").write_text(
        "<html><head><title>Dropped page</title><script>alert('x')</script></head><body><article>"
        "<h1>Dropped page</h1><p>A page dropped on the window becomes an article with its own clean text, "
        "and nothing of its scripts.</p></article></body></html>", encoding="utf-8")
    with qtbot.waitSignal(window.imports.finished, timeout=60000) as done:
        drop(window, sorted((tmp_path / "src").iterdir()))
    report = done.args[0]
    assert len(report.added) == 4 and [r for _, r in report.failed] == ["empty file"]
    qtbot.waitUntil(lambda: f"Story number 2 about the {WORDS[2]}" in list_titles(window), timeout=30000)
    assert "Dropped page" in list_titles(window)
    dialog = window.imports.report_dialog
    assert isinstance(dialog, ImportReportDialog) and dialog.isVisible()
    assert dialog.details.toPlainText() == f"1 empty file skipped\n    {tmp_path / 'src' / 'empty.txt'}"
    assert dialog.summary.text() == "Imported 4 articles, 1 empty file skipped."  # not "could not be read"
    assert window.status_label.text().startswith("Imported 4 articles")
    dialog.close()


def test_progress_in_the_status_bar_cancel_keeps_what_was_done_and_search_goes_on(qtbot, window, tmp_path,
                                                                                 monkeypatch):
    make_corpus(tmp_path / "src", 300)
    monkeypatch.setattr(importer, "PROGRESS_EVERY", 0.0)
    monkeypatch.setattr(importer, "SEGMENT_POSTINGS", 500)  # the workers finish segments as they go
    slow = importer._Importer.take

    def take_slowly(*args):
        time.sleep(0.01)  # stands in for big files, so there is time to press Cancel
        return slow(*args)

    monkeypatch.setattr(importer._Importer, "take", take_slowly)
    imports = window.imports
    seen: list[int] = []
    imports.progress.connect(lambda n, total, what: seen.append(n))
    imports.import_paths([tmp_path / "src"])
    qtbot.waitUntil(lambda: len(seen) >= 30, timeout=30000)
    assert imports.busy() and imports.status_box.isVisible() and imports.cancel_button.isEnabled()
    assert imports.progress_bar.maximum() == 300 and 0 < imports.progress_bar.value() < 300
    assert imports.status_label.text().startswith("Importing… ")
    with qtbot.waitSignal(window.controller.search_done, timeout=30000):  # the window's own worker is free
        window.controller.search("Armenia")
    assert imports.busy()
    with qtbot.waitSignal(imports.finished, timeout=60000) as done:
        qtbot.mouseClick(imports.cancel_button, Qt.MouseButton.LeftButton)
    report = done.args[0]
    assert report.cancelled and 30 <= len(report.added) < 300 and report.skipped == 300 - len(report.added)
    assert not imports.status_box.isVisible()
    assert window.status_label.text().startswith("Import cancelled.")
    qtbot.waitUntil(lambda: len(list_titles(window)) == 5 + len(report.added), timeout=30000)


def test_the_watched_folder_imports_what_appears_in_it(qtbot, window, tmp_path, monkeypatch):
    from reader_app.ui.imports import feature as import_ui

    monkeypatch.setattr(import_ui, "WATCH_DEBOUNCE_MS", 200)
    folder = tmp_path / "inbox"
    make_corpus(folder, 2)
    window.imports._watch_timer.setInterval(200)
    window.settings.set("watched_folder", str(folder))
    with qtbot.waitSignal(window.imports.finished, timeout=60000) as first:
        window.imports.watch(str(folder))
    assert len(first.args[0].added) == 2
    with qtbot.waitSignal(window.imports.finished, timeout=60000) as second:
        make_corpus(folder, 1, start=7)
    assert [Path(p).name for p, _ in second.args[0].added] == ["story-0007.txt"]
    qtbot.waitUntil(lambda: f"Story number 7 about the {WORDS[7]}" in list_titles(window), timeout=30000)


def test_remove_article_from_the_file_menu_keeps_its_bookmark_as_an_orphan(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    story = tmp_path / "ferry.txt"
    story.write_text("Ferry terminal delayed again\n\nThe harbour board said the ferry terminal will open late.\n")
    with qtbot.waitSignal(window.imports.finished, timeout=30000):
        window.imports.import_paths([story])
    qtbot.waitUntil(lambda: "Ferry terminal delayed again" in list_titles(window), timeout=10000)
    [(_, aid)] = window.imports.last_report.added
    mark = window.library.bookmarks.add_quote(window.library.article(aid), "ferry terminal", note="dates")
    window.open_article(aid)
    qtbot.waitUntil(lambda: window.reader.article is not None and window.reader.article.id == aid, timeout=10000)
    asked: list[str] = []

    def answer(_parent, _title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    action = window.findChild(type(window.imports.remove_action), "removeArticle")
    assert action.isEnabled()
    with qtbot.waitSignal(window.imports.removed, timeout=30000):
        action.trigger()
    assert "Ferry terminal delayed again" in asked[0] and "Its 1 bookmark will be kept" in asked[0]
    qtbot.waitUntil(lambda: "Ferry terminal delayed again" not in list_titles(window), timeout=10000)
    assert window.reader.article is None
    assert window.status_label.text() == "Removed “Ferry terminal delayed again”."
    kept = window.library.bookmarks.get(mark.id)
    assert kept.orphan and kept.note == "dates"
    assert story.exists()
    window.open_article(window.list_pane.first_id())  # a shipped seed cannot be removed
    qtbot.waitUntil(lambda: window.reader.article is not None, timeout=10000)
    action.trigger()
    assert window.status_label.text() == "The articles shipped with reader-app cannot be removed."



def test_removing_an_article_counts_its_bookmarks_off_the_gui_thread(qtbot, window, tmp_path, monkeypatch):
    """The bookmark store is SQLite: the count in the question is read in the worker, not on the GUI thread."""
    import threading

    from PySide6.QtWidgets import QMessageBox

    story = tmp_path / "pier.txt"
    story.write_text("Pier repairs begin\n\nThe council said the repairs to the old pier start in spring.\n")
    with qtbot.waitSignal(window.imports.finished, timeout=30000):
        window.imports.import_paths([story])
    [(_, aid)] = window.imports.last_report.added
    window.library.bookmarks.add_quote(window.library.article(aid), "old pier", note="")
    window.open_article(aid)
    qtbot.waitUntil(lambda: window.reader.article is not None and window.reader.article.id == aid, timeout=10000)
    store_class = type(window.library.bookmarks)
    listed_on: list[threading.Thread] = []
    real_list = store_class.list

    def recording_list(self, *args, **kwargs):
        listed_on.append(threading.current_thread())
        return real_list(self, *args, **kwargs)

    monkeypatch.setattr(store_class, "list", recording_list)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(window.imports.removed, timeout=30000):
        window.imports.remove_open_article()
    assert "Its 1 bookmark will be kept" in asked[0]
    assert listed_on and threading.main_thread() not in listed_on

def test_a_file_read_with_bytes_replaced_is_imported_and_the_report_says_so(qtbot, window, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    text = ("Le café de Genève rouvre\n\nLe célèbre café de la place du Molard a rouvert ses portes après des "
            "travaux qui ont duré près d'un an, à la grande joie des habitués du quartier.\n").encode()
    (src / "stray.txt").write_bytes(text[:80] + b"\xff\xfe" + text[80:])
    with qtbot.waitSignal(window.imports.finished, timeout=60000) as done:
        drop(window, [src / "stray.txt"])
    assert len(done.args[0].added) == 1
    dialog = window.imports.report_dialog
    assert isinstance(dialog, ImportReportDialog) and dialog.isVisible()
    assert dialog.details.toPlainText() == \
        f"{src / 'stray.txt'}: warning: 2 bytes could not be decoded as UTF-8 and were replaced"
    assert "1 with bytes replaced" in dialog.summary.text()
    dialog.grab().save("/tmp/is_import_warning.png")
    dialog.close()


def test_the_import_report_is_as_big_as_what_it_says(qtbot, window, tmp_path):
    """Two lines of report: a dialog sized to them, not a 720 by 420 box."""
    from tests.ui.window.test_window_day_one import shot

    (tmp_path / "src").mkdir()
    for name in ("empty.txt", "blank.md"):
        (tmp_path / "src" / name).write_bytes(b"")
    with qtbot.waitSignal(window.imports.finished, timeout=60000):
        drop(window, sorted((tmp_path / "src").iterdir()))
    dialog = window.imports.report_dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible(), timeout=5000)
    details = dialog.details
    assert details.document().blockCount() == 3  # "2 empty files skipped" and the two
    lines_high = details.fontMetrics().lineSpacing() * 3
    assert details.height() < lines_high + 60  # the three lines and a frame, not 300 pixels of blank
    widest = max(details.fontMetrics().horizontalAdvance(t) for t in details.toPlainText().splitlines())
    assert dialog.width() < max(420, widest + 120)
    assert details.viewport().width() >= widest or details.horizontalScrollBar().maximum() == 0 or \
        dialog.width() >= 720
    shot(dialog, "import-report")
    window.set_theme("dark")
    shot(dialog, "import-report-dark")
    dialog.close()


def test_removing_several_selected_articles_asks_once_and_removes_them_in_one_batch(qtbot, window, tmp_path,
                                                                                     monkeypatch):
    """A user trial: removing three articles took three rounds of open, Remove, confirm. Ctrl+click selects
    several in the list; Remove asks once, removes them in one batch (Library.remove_many, in the worker) and
    says so in one status message. A shipped article among them stays, and the question says so."""
    import threading

    from PySide6.QtWidgets import QMessageBox

    from reader_app.core.library import Library

    folder = tmp_path / "three"
    folder.mkdir()
    titles = ["Harbour toll rises", "Bridge repairs begin", "Tram line opens"]
    for n, title in enumerate(titles):
        (folder / f"{n}.txt").write_text(f"{title}\n\nThe town council met for {n + 2} hours to settle the plan for "
                                         f"the {title.lower()} news.\n\nResidents asked many questions about the "
                                         "cost, and the mayor answered each of them in turn.\n", encoding="utf-8")
    with qtbot.waitSignal(window.imports.finished, timeout=30000):
        window.imports.import_paths([folder])
    qtbot.waitUntil(lambda: set(titles) <= list_titles(window), timeout=10000)
    added = {window.library.article(aid).title: aid for _, aid in window.imports.last_report.added}
    window.library.bookmarks.add_quote(window.library.article(added["Tram line opens"]), "town council")
    window.open_article(added["Bridge repairs begin"])
    qtbot.waitUntil(lambda: window.reader.article is not None, timeout=10000)

    view = window.list_pane.view
    model = window.list_pane.shown_model()
    seed = next(i for i in range(model.rowCount()) if model.row_at(i).title not in titles)
    chosen = [model.position_of(added[t]) for t in titles] + [seed]
    view.scrollToTop()
    for n, row in enumerate(chosen):  # a click, then Ctrl+clicks: each opens nothing, each adds a row
        index = model.index(row, 0)
        view.scrollTo(index)
        mods = Qt.KeyboardModifier.ControlModifier if n else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, mods, view.visualRect(index).center())
    qtbot.waitUntil(lambda: len(view.selected_ids()) == 4, timeout=5000)
    window.menu("file").aboutToShow.emit()  # the menu names what Remove will act on
    assert window.imports.remove_action.text() == "&Remove 4 Articles from Library…"

    calls: list[tuple[str, threading.Thread]] = []
    real_remove, real_many = Library.remove, Library.remove_many
    monkeypatch.setattr(Library, "remove", lambda self, *a, **k: calls.append(("remove", threading.current_thread()))
                        or real_remove(self, *a, **k))
    monkeypatch.setattr(Library, "remove_many", lambda self, *a, **k: calls.append(
        ("remove_many", threading.current_thread())) or real_many(self, *a, **k))
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(window.imports.removed, timeout=30000):
        window.imports.remove_action.trigger()
    assert len(asked) == 1 and "Remove 3 articles" in asked[0], asked
    assert "1 shipped article" in asked[0] and "1 bookmark will be kept" in asked[0], asked
    assert [name for name, _ in calls] == ["remove_many"] and calls[0][1] is not threading.main_thread()
    qtbot.waitUntil(lambda: not set(titles) & list_titles(window), timeout=10000)
    assert window.status_label.text() == "Removed 3 articles."
    assert window.reader.article is None  # the open one was among them
    assert model.row_at(0) is not None and len(list_titles(window)) == 5  # the seeds, the shipped one with them
    window.menu("file").aboutToShow.emit()
    assert window.imports.remove_action.text() == "&Remove Article from Library…"


def import_stories(qtbot, window, folder: Path, titles: list[str], word: str = "council") -> dict[str, str]:
    """Import one small article per title; their ids by title."""
    folder.mkdir()
    for n, title in enumerate(titles):
        (folder / f"{n}.txt").write_text(f"{title}\n\nThe town {word} met for {n + 2} hours to settle the plan for "
                                         f"the {title.lower()} news.\n\nResidents asked many questions about the "
                                         "cost, and the mayor answered each of them in turn.\n", encoding="utf-8")
    with qtbot.waitSignal(window.imports.finished, timeout=30000):
        window.imports.import_paths([folder])
    qtbot.waitUntil(lambda: set(titles) <= list_titles(window), timeout=10000)
    return {window.library.article(aid).title: aid for _, aid in window.imports.last_report.added}


def click_row(qtbot, window, article_id: str, ctrl: bool = False) -> None:
    """A click on the row of `article_id` in the list shown (a Ctrl+click adds or takes it from the selection)."""
    view, model = window.list_pane.view, window.list_pane.shown_model()
    index = model.index(model.position_of(article_id), 0)
    view.scrollTo(index)
    mods = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, mods, view.visualRect(index).center())


def test_remove_acts_on_the_one_highlighted_row_not_the_open_article(qtbot, window, tmp_path, monkeypatch):
    """An adversarial trial: open A with a click, Ctrl+click B, Ctrl+click A again (only B highlighted), File ›
    Remove: the question named A and A went; B stayed. Remove acts on what is highlighted; the open article
    only when nothing is."""
    from PySide6.QtWidgets import QMessageBox

    ids = import_stories(qtbot, window, tmp_path / "two", ["Harbour toll rises", "Tram line opens"])
    a, b = ids["Harbour toll rises"], ids["Tram line opens"]
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        click_row(qtbot, window, a)
    click_row(qtbot, window, b, ctrl=True)
    click_row(qtbot, window, a, ctrl=True)
    view = window.list_pane.view
    qtbot.waitUntil(lambda: view.selected_ids() == [b], timeout=5000)
    assert window.reader.article.id == a  # still open, no longer highlighted
    assert b in [r["id"] for r in window.reader.related]  # and B is among its related articles
    window.menu("file").aboutToShow.emit()
    assert window.imports.remove_action.text() == "&Remove Article from Library…"
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(window.imports.removed, timeout=30000):
        window.imports.remove_action.trigger()
    assert len(asked) == 1 and "“Tram line opens”" in asked[0] and "Harbour" not in asked[0], asked
    qtbot.waitUntil(lambda: "Tram line opens" not in list_titles(window), timeout=10000)
    assert "Harbour toll rises" in list_titles(window)
    assert window.status_label.text() == "Removed “Tram line opens”."
    assert window.reader.article is not None and window.reader.article.id == a  # the open one was not removed
    assert window.settings.get("open_article") == a
    assert b not in [r["id"] for r in window.reader.related]  # its link at the end would not open
    assert "Tram line opens" not in window.reader.toPlainText()

    qtbot.waitUntil(lambda: view.selected_ids() == [a], timeout=5000)  # the list reloaded: the open row again
    click_row(qtbot, window, a, ctrl=True)
    qtbot.waitUntil(lambda: view.selected_ids() == [], timeout=5000)  # nothing highlighted: the open article
    with qtbot.waitSignal(window.imports.removed, timeout=30000):
        window.imports.remove_action.trigger()
    assert "“Harbour toll rises”" in asked[1], asked
    qtbot.waitUntil(lambda: "Harbour toll rises" not in list_titles(window), timeout=10000)
    assert window.reader.article is None


def test_removed_search_hits_leave_the_results_and_their_count(qtbot, window, tmp_path, monkeypatch):
    """An adversarial trial: hits removed from a search stayed under "81 results", and a click on one said "This
    article could not be opened". After a removal the search runs again."""
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.window.test_window_day_one import shot

    titles = ["Gondola fares rise", "Gondola line closes", "Gondola cabins repainted"]
    ids = import_stories(qtbot, window, tmp_path / "three", titles, word="gondolier")
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    pane = window.list_pane
    with qtbot.waitSignal(window.controller.search_done, timeout=10000):
        window.search_bar.set_query("gondolier")
    assert set(pane.result_ids()) == set(ids.values()) and pane.header.count_label.text() == "3 results"

    first, second, third = pane.result_ids()
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        click_row(qtbot, window, first)
    click_row(qtbot, window, second, ctrl=True)
    qtbot.waitUntil(lambda: len(pane.view.selected_ids()) == 2, timeout=5000)
    with qtbot.waitSignal(window.imports.removed, timeout=30000):  # several: remove_many
        window.imports.remove_action.trigger()
    qtbot.waitUntil(lambda: pane.result_ids() == [third] and pane.header.count_label.text() == "1 result",
                    timeout=10000)
    shot(window, "results-after-remove")

    with qtbot.waitSignal(window.article_opened, timeout=10000):
        click_row(qtbot, window, third)
    with qtbot.waitSignal(window.imports.removed, timeout=30000):  # one: remove
        window.imports.remove_action.trigger()
    qtbot.waitUntil(lambda: pane.result_ids() == [] and pane.header.count_label.text() == "No results",
                    timeout=10000)
    assert pane.searching and window.search_bar.query() == "gondolier"


def test_links_out_of_the_folder_are_counted_apart_from_files_that_could_not_be_read(qtbot, window, tmp_path):
    """A user trial: "9 could not be read" counted two links out of the folder, which are skipped on purpose."""
    folder = tmp_path / "src"
    make_corpus(folder, 2)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Not for the library\n\nA file outside the chosen folder.\n")
    (folder / "link.txt").symlink_to(outside / "secret.txt")
    (folder / "linked-folder").symlink_to(outside)
    with qtbot.waitSignal(window.imports.finished, timeout=60000) as done:
        window.imports.import_paths([folder])
    assert len(done.args[0].failed) == 4
    dialog = window.imports.report_dialog
    said = "Imported 2 articles, 1 could not be read, 1 empty file skipped, 2 links skipped."
    assert dialog.summary.text() == said
    assert window.status_label.text() == said
    dialog.close()


def test_the_report_groups_refused_files_by_reason_in_natural_order(qtbot, window, tmp_path):
    """A user trial: 10,000 empty files said "10,000 could not be read" and listed 10,000 identical lines in
    string order (e1, e10, e100…). Empty files are skipped and counted so, the list is grouped by reason (the
    files that could not be read first) and its names are in natural order."""
    folder = tmp_path / "src"
    make_corpus(folder, 1)
    for n in range(1, 121):
        (folder / f"e{n}.txt").write_bytes(b"")
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with qtbot.waitSignal(window.imports.finished, timeout=60000):
        window.imports.import_paths([folder])
    dialog = window.imports.report_dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible(), timeout=5000)
    assert dialog.summary.text() == "Imported 1 article, 1 could not be read, 120 empty files skipped."
    lines = dialog.details.toPlainText().splitlines()
    assert lines[:3] == ["1 file could not be read: binary file, not text", f"    {folder / 'picture.txt'}",
                         "120 empty files skipped"]
    assert lines[3:] == [f"    {folder / f'e{n}.txt'}" for n in range(1, 121)]  # e2 before e10
    dialog.close()


def test_quitting_during_an_import_asks_first_and_quit_keeps_what_was_imported(qtbot, window, tmp_path,
                                                                               monkeypatch):
    """Ctrl+Q during an import quit at once in a trial, and nothing said the articles so far were kept."""
    make_corpus(tmp_path / "src", 300)
    monkeypatch.setattr(importer, "PROGRESS_EVERY", 0.0)
    monkeypatch.setattr(importer, "SEGMENT_POSTINGS", 500)
    slow = importer._Importer.take

    def take_slowly(*args):
        time.sleep(0.01)
        return slow(*args)

    monkeypatch.setattr(importer._Importer, "take", take_slowly)
    imports = window.imports
    seen: list[int] = []
    imports.progress.connect(lambda n, total, what: seen.append(n))
    imports.import_paths([tmp_path / "src"])
    qtbot.waitUntil(lambda: len(seen) >= 10, timeout=30000)
    window.menus.actions["quit"].trigger()  # Ctrl+Q
    question = imports.quit_question
    assert question is not None and question.isVisible() and window.isVisible() and imports.busy()
    assert question.text().startswith("An import is running (") and " of 300). Quit anyway?" in question.text()
    assert question.informativeText() == "The articles imported so far are kept."
    asked = question.text()
    qtbot.waitUntil(lambda: question.text() != asked, timeout=30000)  # it counts on while it waits
    keep = question.findChild(QPushButton, "keepImporting")
    assert keep is question.defaultButton() and keep.text() == "&Keep Importing"
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: imports.quit_question is None)
    assert window.isVisible() and imports.busy()  # the import goes on
    n = len(seen)
    qtbot.waitUntil(lambda: len(seen) > n + 5, timeout=30000)

    window.close()  # the window's close button asks the same
    question = imports.quit_question
    assert question is not None and question.isVisible() and window.isVisible()
    qtbot.mouseClick(question.findChild(QPushButton, "quitAnyway"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30000)
    assert not imports.busy() or imports._cancel.is_set()
    # The window goes at once; the app ends once the import has stopped and kept its work (as the app waits)
    qtbot.waitUntil(lambda: not imports.busy(), timeout=60000)
    from reader_app.core.library import Library

    library = Library(window.paths)
    try:
        library.open(sync=False)
        kept = [a for a in library.list_articles() if a["title"].startswith("Story number")]
    finally:
        library.close()
    assert 10 <= len(kept) < 300  # what was imported before Quit is in the library


def test_quitting_while_the_import_looks_for_articles_asks_and_the_import_ending_meanwhile_quits(
        qtbot, window, tmp_path, monkeypatch):
    """A trial's Ctrl+Q during "Looking for articles…" asked nothing; and a question left open when the import
    ended kept saying "An import is running (4 of 4)" under "Imported 4 articles". The user asked to quit and
    the reason to ask is gone: the question closes and the window quits, keeping what was imported."""
    from reader_app.core.collection.manifest import Collection

    make_corpus(tmp_path / "src", 30)
    monkeypatch.setattr(importer, "PROGRESS_EVERY", 0.0)
    looking = threading.Event()
    go_on = threading.Event()
    walk = Collection.candidates

    def walk_when_told(*args, **kwargs):  # the first phase, held until the test has asked
        looking.set()
        go_on.wait(30)
        return walk(*args, **kwargs)

    monkeypatch.setattr(Collection, "candidates", staticmethod(walk_when_told))
    slow = importer._Importer.take

    def take_slowly(*args):
        time.sleep(0.02)
        return slow(*args)

    monkeypatch.setattr(importer._Importer, "take", take_slowly)
    imports = window.imports
    seen: list[int] = []
    imports.progress.connect(lambda n, total, what: seen.append(n))
    ended: list = []
    imports.finished.connect(ended.append)
    imports.import_paths([tmp_path / "src"])
    qtbot.waitUntil(looking.is_set, timeout=30000)
    assert imports.status_label.text() == "Looking for articles…"
    window.menus.actions["quit"].trigger()  # Ctrl+Q
    question = imports.quit_question
    assert question is not None and question.isVisible() and window.isVisible() and imports.busy()
    assert question.text() == "An import is running (looking for articles). Quit anyway?"
    go_on.set()
    qtbot.waitUntil(lambda: len(seen) >= 3, timeout=30000)
    qtbot.waitUntil(lambda: question.text() == f"An import is running ({seen[-1]:,} of 30). Quit anyway?",
                    timeout=30000)  # the count is kept current while the question waits
    assert window.isVisible()  # asked, not answered: still there
    qtbot.waitUntil(lambda: bool(ended), timeout=60000)
    assert not ended[0].cancelled and len(ended[0].added) == 30
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30000)  # the question went, and the window with it
    assert imports.quit_question is None and (not isValid(question) or not question.isVisible())


def huge_page(path: Path, megabytes: float) -> Path:
    """A real page of `megabytes` MB of paragraphs (a trial's 20 MB pages took 100 s each to import)."""
    para = ("<p>Rising prices across the region were curbed on Tuesday, the government said, and critics "
            "argued the new measures would be introduced too late, paragraph {}.</p>\n")
    n = int(megabytes * 2**20 / len(para.format(0)))
    path.write_text("<html><head><title>A huge page about prices</title></head><body><article><h1>A huge page "
                    "about prices</h1>" + "".join(para.format(i) for i in range(n)) + "</article></body></html>",
                    encoding="utf-8")
    return path


def test_quit_during_the_import_of_a_huge_page_closes_the_window_at_once_and_the_import_stops(
        qtbot, window, tmp_path):
    """A trial's Quit during the import of 20 MB pages left the window frozen with the question drawn for
    50-100 s: the closing window waited for the import on the GUI thread. It goes at once now, and the import
    drops the page at the next step of its parse."""
    folder = tmp_path / "big"
    folder.mkdir()
    for k in range(2):
        huge_page(folder / f"big{k}.html", 6)
    imports = window.imports
    imports.import_paths([folder])
    qtbot.waitUntil(lambda: imports.status_label.text() == "Importing… 0 of 2", timeout=30000)
    qtbot.wait(1500)  # into the first page's parse
    window.menus.actions["quit"].trigger()  # Ctrl+Q
    question = imports.quit_question
    assert question is not None and question.isVisible() and question.text() == (
        "An import is running (0 of 2). Quit anyway?")
    began = time.monotonic()
    qtbot.mouseClick(question.findChild(QPushButton, "quitAnyway"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)
    assert time.monotonic() - began < 2.0  # not frozen until the import ends
    assert imports.busy()  # it is still stopping, the window gone meanwhile
    with qtbot.waitSignal(imports.stopped, timeout=60000):
        pass
    imports.wait_stopped()  # (returns at once: nothing left to wait for)
    assert not imports.busy() and imports.last_report is None  # its end was shown to nobody
    from reader_app.core.library import Library

    library = Library(window.paths)
    try:
        library.open(sync=False)
        assert not [a for a in library.list_articles() if "huge page" in (a["title"] or "")]
    finally:
        library.close()
    assert not list(window.paths.library.glob("*.html"))  # no copy of a page dropped half-way
