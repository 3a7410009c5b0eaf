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
    assert window.status.count.text().replace("\u00a0", " ") == header


def library_count(window) -> str:
    return window.status.count.text().replace("\u00a0", " ")


def test_the_count_stays_on_the_right_while_messages_come_and_go(qtbot, window, tmp_path):
    """A user trial: "5 articles" was gone at the first message ("Text size 14 pt") and never came back. It is a
    permanent widget at the status bar's right end now, and follows imports."""
    from PySide6.QtWidgets import QSizeGrip, QWidget

    assert library_count(window) == "5 articles" and window.status.count.isVisible()
    window.show_status("Text size 14 pt")
    assert window.status_label.text() == "Text size 14 pt" and library_count(window) == "5 articles"
    window.status_label.clear_message()
    assert library_count(window) == "5 articles"
    # at the right end (but for the size grip): right of the message and of a feature's widget, here an import's
    # progress, added to the bar after the count
    window.imports.status_box.show()
    qtbot.waitUntil(lambda: window.imports.status_box.x() > window.status_label.x())
    others = [w for w in window.statusBar().findChildren(QWidget) if w.isVisible() and
              w.parentWidget() is window.statusBar() and w is not window.status.count and not isinstance(w, QSizeGrip)]
    assert window.imports.status_box in others
    assert all(window.status.count.x() > w.x() for w in others), [(w.objectName(), w.x()) for w in others]
    window.imports.status_box.hide()
    extra = tmp_path / "extra.txt"
    extra.write_text("A Sixth Article\n\nIt joins the library and the count.\n", encoding="utf-8")
    window.library.import_paths([extra])
    window.refresh_list()
    qtbot.waitUntil(lambda: library_count(window) == "6 articles", timeout=30000)
    shot(window, "status-count-permanent")


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
    assert library_count(window) == "8 articles" and window.status_label.text() == ""
    window.stories.dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: "cop" in window.list_pane.header.count_label.text(), timeout=60000)
    idle(qtbot, window)
    header = window.list_pane.header.count_label.text().replace("\u00a0", " ")
    shot(window, "status-count-after-stories")
    assert library_count(window) == header
