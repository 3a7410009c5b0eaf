"""The People / Organisations / Places pane: an empty section says so, and the list header names the filters."""

from __future__ import annotations

from tests.ui.conftest import idle
from tests.ui.window.test_window_day_one import search, shot


def test_an_empty_section_says_no_names_instead_of_showing_blank(window, qtbot, tmp_path):
    """A search whose articles name nobody left the three sections blank under their titles."""
    pane = window.entities.pane
    window.entities.dock.show()
    qtbot.waitUntil(lambda: pane.models["person"].rowCount() > 0, timeout=30000)
    for kind in ("person", "org", "place"):
        assert not pane.empty_lines[kind].isVisible()  # the library names some of each
    note = tmp_path / "garden.txt"
    note.write_text("Watering the garden\n\nThe tomatoes want water every evening in a dry week, and the "
                    "courgettes want more of it than anything else that grows in the beds by the fence.\n",
                    encoding="utf-8")
    window.imports.import_paths([note])
    qtbot.waitUntil(lambda: window.list_pane.library_size() == 6, timeout=60000)
    search(qtbot, window, "courgettes")
    qtbot.waitUntil(lambda: "1 result of this search" in pane.scope.text(), timeout=30000)
    empty = [k for k in ("person", "org", "place") if pane.models[k].rowCount() == 0]
    assert empty == ["person", "org", "place"]
    assert pane.empty_lines["place"].text() == "No places named in these articles"
    for kind in empty:
        line = pane.empty_lines[kind]
        assert line.isVisible() and line.text().startswith("No ") and "named in these articles" in line.text()
    shot(window.entities.dock, "entities-empty-section")
    window.search_bar.set_query("")
    qtbot.waitUntil(lambda: "whole library" in pane.scope.text(), timeout=30000)
    assert not any(line.isVisible() for line in pane.empty_lines.values())
    idle(qtbot, window)
