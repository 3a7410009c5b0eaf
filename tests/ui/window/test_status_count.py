"""The status bar and the list's header count the library one way: the header's "5 articles (+1 copy)"."""

from __future__ import annotations

from tests.ui.conftest import idle
from tests.ui.stories.conftest import import_a_copy
from tests.ui.window.test_window_day_one import shot


def test_the_status_bar_counts_the_library_as_the_list_does(qtbot, make_window, tmp_path):
    """The status bar said "2,103 articles" (every file) while the list said "2,066 (+37 copies)"."""
    first = make_window()
    import_a_copy(qtbot, first, tmp_path)
    first.refresh_list()
    qtbot.waitUntil(lambda: "cop" in first.list_pane.header.count_label.text(), timeout=30000)
    idle(qtbot, first)
    first.close()
    window = make_window()
    qtbot.waitUntil(lambda: "cop" in window.list_pane.header.count_label.text(), timeout=30000)
    header = window.list_pane.header.count_label.text().replace("\u00a0", " ")  # (no break inside a part)
    shot(window, "status-count")
    assert header == "7 articles (+1 copy)", header
    assert header in window.status_label.text(), (window.status_label.text(), header)


def test_the_status_bar_count_follows_the_list_when_the_stories_fold_copies(qtbot, make_window, app_paths, tmp_path):
    """Opened before the stories were computed, the status bar said "2,100 articles." and kept saying it
    beside the header's "2,063 articles (+37 copies)" once the stories had folded the copies."""
    from reader_app.core.library import Library
    from tests.ui.stories.conftest import RATES, _import_business

    class Importer:  # the window's import path, run on a library with no window (no stories computed)
        def __init__(self):
            self.imports = self

        def import_paths(self, paths):
            library = Library(app_paths)
            library.open()
            library.import_paths(paths)
            library.close()

    _import_business(Importer(), tmp_path, RATES[:3])
    window = make_window()
    assert window.status_label.text() == "8 articles."
    window.stories.dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: "cop" in window.list_pane.header.count_label.text(), timeout=60000)
    idle(qtbot, window)
    header = window.list_pane.header.count_label.text().replace("\u00a0", " ")
    status = window.status_label.text()
    shot(window, "status-count-after-stories")
    assert status in ("", f"{header}."), (status, header)
