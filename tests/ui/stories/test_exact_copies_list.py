"""The window's list folds exact copies from the import on, before any stories are computed (a user trial:
ten copies were ten rows until the stories were built)."""

from __future__ import annotations

from tests.core.stories.test_exact_copies import _ten_copies


def test_exact_copies_are_one_row_before_the_stories(qtbot, make_window, app_paths, tmp_path):
    from reader_app.core.library import Library

    _ten_copies(tmp_path / "c")
    lib = Library(app_paths)
    lib.open()
    lib.import_paths([tmp_path / "c"])
    lib.close()
    w = make_window()  # returns once the list is first filled: the stories are built after that, if at all
    model = w.list_pane.library_model
    first = [(r.title, r.copies) for r in model.rows()]
    assert len(first) == 6 and ("Shell payoff for former boss", 9) in first  # five seeds, one row for ten copies
    [row] = [r for r in model.rows() if r.title == "Shell payoff for former boss"]
    assert row.meta.endswith("+9 other copies")
