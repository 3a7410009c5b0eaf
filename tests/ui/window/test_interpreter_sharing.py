"""The window's process lets its GUI thread in during the core's long loops (core/yielding); others do not."""

from __future__ import annotations

from reader_app.core import yielding


def test_the_windows_library_controller_turns_the_pauses_on(qtbot, tmp_path, monkeypatch):
    from reader_app.paths import resolve
    from reader_app.ui.window.controller import LibraryController

    monkeypatch.setattr(yielding, "_shared", False)
    LibraryController(resolve(tmp_path / "data"))
    assert yielding._shared
