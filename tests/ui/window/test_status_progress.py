"""The status bar's progress ends with the work: after a start whose sync found nothing to change, and after
a sync that failed, no full bar and no "Building the index" stay behind."""

from __future__ import annotations

import os
import time

from tests.ui.conftest import idle


def _settled(window) -> bool:
    return not window.progress.isVisible() and not window.status_label.text().startswith("Building the index")


def test_progress_clears_after_a_sync_that_changed_nothing(qtbot, make_window, app_paths):
    first = make_window()
    first.close()
    again = make_window(app_paths)  # opens the index at once, then syncs with the files in the worker
    idle(qtbot, again)
    qtbot.wait(50)
    assert _settled(again), again.status_label.text()


def test_progress_clears_after_a_sync_that_read_files_again_and_found_them_unchanged(qtbot, make_window, app_paths,
                                                                                     tmp_path):
    first = make_window()
    folder = tmp_path / "new"
    folder.mkdir()
    for n in range(3):
        (folder / f"story{n}.txt").write_text(f"Story {n}\n\nThe council met on day {n} and said the bridge would "
                                             "reopen after repairs, officials said.\n", encoding="utf-8")
    added = first.library.import_paths([folder]).added
    assert len(added) == 3
    # the library's own copies: the shipped seeds of the checkout are never touched by a test
    sources = [a["path"] for a in first.library.list_articles() if a["id"] in {aid for _, aid in added}]
    first.close()
    later = time.time() + 60
    for path in sources:  # touched (copied back, say): read again, the same text
        os.utime(path, (later, later))
    again = make_window(app_paths)
    idle(qtbot, again)
    qtbot.wait(50)
    assert _settled(again), again.status_label.text()
