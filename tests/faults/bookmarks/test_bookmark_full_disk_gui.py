"""A bookmark the user has just made, failing on a full disk: the window says so in a dialog that stays."""

from __future__ import annotations

import json
import shutil

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.conftest import run_cli
from tests.faults.conftest import fill_disk, tiny_disk

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise")]


@pytest.mark.usefixtures("root_only")
def test_a_bookmark_not_saved_on_a_full_disk_says_so_in_a_dialog(qtbot, tmp_path, seeds_index_template):
    """A trial: only "cannot save bookmarks: the disk is full" in the status line, lowercase, gone after 8 s."""
    from reader_app import paths
    from reader_app.ui.app import build_window, make_app

    with tiny_disk(tmp_path / "disk", 8000) as disk:
        shutil.copytree(seeds_index_template, disk / "data")
        make_app([])
        w = build_window(paths.resolve(disk / "data"))
        qtbot.addWidget(w)
        w.show()
        with qtbot.waitSignal(w.library_ready, timeout=60000):
            w.start()
        qtbot.waitUntil(lambda: not w.controller.tasks.busy() and not w.stories.builder.running, timeout=60000)
        article = w.library.article(w.library.list_articles()[0]["id"])
        w.bookmarks.add(article, 0, 40, note="a note")
        qtbot.waitUntil(lambda: w.status_label.text() == "Bookmarked the passage.", timeout=30000)
        fill_disk(disk)
        try:
            w.bookmarks.add(article, 50, 90, note="x" * 200_000)
            qtbot.waitUntil(lambda: isinstance(w.bookmarks.error_box, QMessageBox)
                            and w.bookmarks.error_box.isVisible(), timeout=30000)
            text = w.bookmarks.error_box.text()
            assert text.startswith("The bookmark was not saved: the disk is full."), text
            assert "Nothing else was lost" in text
            qtbot.waitUntil(lambda: not w.controller.tasks.busy(), timeout=30000)
            assert [b.note for b in w.library.bookmarks.list()] == ["a note"]  # the first one is still there
            # A trial: the refused bookmark stayed on the undo stack; Undo "undid" it (and Edit › Undo named it)
            stack = w.bookmarks.undo_stack
            assert (stack.count(), stack.index()) == (1, 1) and stack.undoText() == stack.command(0).text()
            assert stack.undoText().startswith("Bookmark “") and w.bookmarks.undo_action.text() == \
                f"&Undo {stack.undoText()}"
            w.bookmarks.error_box.close()
        finally:
            (disk / "filler").unlink()
            w.close()


@pytest.mark.usefixtures("root_only")
def test_bookmarks_opened_on_a_full_disk_save_again_once_it_has_room(qtbot, tmp_path, seeds_index_template):
    """A trial: bookmarks opened on a full disk stayed read-only until the app was restarted, however much room
    was made meanwhile. Once there is room, the next save works, in the same window, and nothing is lost."""
    from reader_app import paths
    from reader_app.core.library import Library
    from reader_app.ui.app import build_window, make_app

    with tiny_disk(tmp_path / "disk", 8000) as disk:
        shutil.copytree(seeds_index_template, disk / "data")
        app_paths = paths.resolve(disk / "data")
        library = Library(app_paths)
        library.open()
        first = library.article(library.list_articles()[0]["id"])
        saved = library.bookmarks.add(first, 0, 40, note="before the disk filled")
        library.close()
        fill_disk(disk)
        make_app([])
        w = build_window(app_paths)
        qtbot.addWidget(w)
        w.show()
        try:
            with qtbot.waitSignal(w.library_ready, timeout=60000):
                w.start()
            qtbot.waitUntil(lambda: w.bookmarks.notice == "Bookmarks are read-only: the disk is full.", timeout=30000)
            qtbot.waitUntil(lambda: not w.controller.tasks.busy() and not w.stories.builder.running, timeout=60000)
            assert w.bookmarks.store_read_only and w.bookmarks.notice_button.isVisible()
            # still full: the save is tried, refused and said so; nothing is lost
            w.bookmarks.add(first, 50, 90, note="refused")
            qtbot.waitUntil(lambda: isinstance(w.bookmarks.error_box, QMessageBox)
                            and w.bookmarks.error_box.isVisible(), timeout=30000)
            assert w.bookmarks.error_box.text().startswith("The bookmark was not saved: the disk is full.")
            w.bookmarks.error_box.close()
            qtbot.waitUntil(lambda: not w.controller.tasks.busy(), timeout=30000)
            assert not w.bookmarks.undo_stack.canUndo()  # nothing was saved: nothing to undo

            (disk / "filler").unlink()  # room again: no restart
            assert w.bookmarks.bookmark_action.isEnabled()
            w.bookmarks.add(first, 50, 90, note="after the room was made")
            qtbot.waitUntil(lambda: w.status_label.text() == "Bookmarked the passage.", timeout=30000)
            qtbot.waitUntil(lambda: not w.controller.tasks.busy() and not w.bookmarks.notice, timeout=30000)
            assert not w.bookmarks.store_read_only and not w.bookmarks.notice_button.isVisible()
            notes = sorted(b.note for b in w.library.bookmarks.list())
            assert notes == ["after the room was made", "before the disk filled"]
            assert w.library.bookmarks.get(saved.id) == saved
            stack = w.bookmarks.undo_stack
            assert stack.count() == 1 and stack.canUndo()  # the saved one, which Undo takes away
            stack.undo()
            qtbot.waitUntil(lambda: not w.controller.tasks.busy() and len(w.library.bookmarks.list()) == 1,
                            timeout=30000)
            assert [b.note for b in w.library.bookmarks.list()] == ["before the disk filled"]
            stack.redo()
            qtbot.waitUntil(lambda: not w.controller.tasks.busy() and len(w.library.bookmarks.list()) == 2,
                            timeout=30000)
        finally:
            (disk / "filler").unlink(missing_ok=True)
            w.close()
        # on disk, not in a copy: another process reads both
        r = run_cli("bookmarks", "list", "--json", data_dir=disk / "data")
        assert sorted(b["note"] for b in json.loads(r.stdout)) == ["after the room was made", "before the disk filled"]
