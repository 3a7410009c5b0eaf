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
    search(qtbot, window, 'person:"Dmitry Peskov" courgettes')  # no results at all
    qtbot.waitUntil(lambda: "0 results" in pane.scope.text(), timeout=30000)
    qtbot.wait(100)
    tall = 3 * pane.fontMetrics().height()  # the sections stay together, the room below them, not between
    assert all(pane.headers[k].height() < tall and pane.empty_lines[k].height() < tall for k in empty)
    window.search_bar.set_query("")
    qtbot.waitUntil(lambda: "whole library" in pane.scope.text(), timeout=30000)
    assert not any(line.isVisible() for line in pane.empty_lines.values())
    idle(qtbot, window)


def _click_facet(qtbot, window, kind: str, name: str) -> None:
    from PySide6.QtCore import Qt

    pane = window.entities.pane
    view, model = pane.views[kind], pane.models[kind]
    qtbot.waitUntil(lambda: any(n == name for n, _c in model.rows), timeout=30000)
    index = model.index(next(i for i, (n, _c) in enumerate(model.rows) if n == name))
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def test_the_list_header_names_the_filters_in_force_and_clears_them(window, qtbot):
    """A second name clicked in the pane narrows the list to articles naming both (the counts beside the names
    are of the list shown: a drill-down), which nothing said: the list header now names every name in force,
    "Show only articles naming X" (the name's menu) replaces them, and "Clear" takes them all away."""
    pane, header = window.entities.pane, window.list_pane.header
    window.entities.dock.show()
    bar = window.entities.filter_bar
    qtbot.waitUntil(lambda: pane.models["person"].rowCount() > 0, timeout=30000)
    assert not bar.isVisible()
    _click_facet(qtbot, window, "person", "Dmitry Peskov")
    qtbot.waitUntil(lambda: "Dmitry Peskov" in pane.models["person"].active, timeout=30000)
    assert bar.isVisible() and bar.text() == "Naming Dmitry Peskov"
    _click_facet(qtbot, window, "place", "Armenia")
    assert window.search_bar.query() == 'person:"Dmitry Peskov" place:"Armenia"'
    assert bar.text() == "Naming Dmitry Peskov and Armenia"
    qtbot.waitUntil(lambda: "Armenia" in pane.models["place"].active, timeout=30000)
    shot(window, "entities-filters-named")

    actions = {a.text(): a for a in pane.menu_actions("person", "Nikol Pashinyan")}
    assert "Also naming Nikol Pashinyan (narrow the list)" in actions
    actions["Show only articles naming Nikol Pashinyan"].trigger()
    assert window.search_bar.query() == 'person:"Nikol Pashinyan"'
    assert bar.text() == "Naming Nikol Pashinyan"
    qtbot.waitUntil(lambda: window.list_pane.results_model.rowCount() == 4, timeout=30000)

    bar.clear_button.click()
    assert window.search_bar.query() == ""
    assert not bar.isVisible()
    qtbot.waitUntil(lambda: not window.list_pane.searching, timeout=30000)
    assert header.isVisible()
    idle(qtbot, window)


def test_a_section_at_the_facets_limit_says_top_not_a_count_of_all(qtbot):
    """The facets hold the FACET_LIMIT most named of a kind; "People (50)" read as fifty people named in
    the whole library (a trial at 100,000 articles), so a full section says "top 50", a shorter one its count."""
    from reader_app.core.entities.table import FACET_LIMIT
    from reader_app.ui.entities.facets import EntityPane

    pane = EntityPane()
    qtbot.addWidget(pane)
    people = {f"Person {n}": 100 - n for n in range(FACET_LIMIT)}
    pane.set_facets({"person": people, "org": {"Acme": 3, "Globex": 1}, "place": {}}, "In the library", set())
    assert pane.headers["person"].text() == f"People (top {FACET_LIMIT})"
    assert pane.headers["org"].text() == "Organisations (2)"
    assert pane.headers["place"].text() == "Places"
    # the whole library's lists were cut shorter, and a trial saw "top 40" there and "top 50" under a search:
    # every view holds as many names, so a full section says the same
    from reader_app.ui.entities.feature import LIBRARY_FACETS

    assert LIBRARY_FACETS == FACET_LIMIT

    library = {f"Person {n}": 100 - n for n in range(LIBRARY_FACETS)}
    pane.set_facets({"person": library, "org": {"Acme": 3}, "place": {}}, "Most named in the whole library", set(),
                    LIBRARY_FACETS)
    assert pane.headers["person"].text() == f"People (top {LIBRARY_FACETS})"
    assert pane.headers["org"].text() == "Organisations (1)"


def _first_ink_column(widget) -> int:
    """The leftmost pixel column of `widget` with text drawn in it (darker than its background)."""
    image = widget.grab().toImage()
    background = image.pixelColor(image.width() - 1, 0).lightness()
    for x in range(image.width()):
        if any(abs(image.pixelColor(x, y).lightness() - background) > 80 for y in range(image.height())):
            return x
    return image.width()


def test_the_panes_lines_stand_off_its_left_edge_in_either_theme(window, qtbot):
    """A trial: the pane's scope line and section headers sat flush against its left edge (the window's style
    sheet had reset the labels' margins)."""
    window.entities.dock.show()
    pane = window.entities.pane
    qtbot.waitUntil(lambda: pane.models["person"].rowCount() > 0, timeout=30000)
    for theme in ("light", "dark"):
        window.set_theme(theme)
        qtbot.wait(50)
        for label in (pane.scope, pane.headers["person"], pane.headers["place"]):
            assert _first_ink_column(label) >= 6, (theme, label.objectName())


def test_the_pane_shows_one_loading_line_until_the_names_are_counted(make_window, qtbot):
    """A trial: on a relaunch the pane showed empty People, Organisations and Places sections under "Opening
    your library…" for seconds. Until the names are counted, that line alone shows; then the sections."""
    window = make_window(wait=False)
    pane = window.entities.pane
    window.entities.dock.show()
    qtbot.waitExposed(pane)
    assert pane.scope.isVisible() and pane.scope.text() == "Opening your library…"
    for kind in ("person", "org", "place"):
        assert not pane.headers[kind].isVisible() and not pane.views[kind].isVisible()
        assert not pane.empty_lines[kind].isVisible()
    shot(window.entities.dock, "entities-loading")
    window.start()
    qtbot.waitUntil(lambda: pane.models["person"].rowCount() > 0, timeout=60000)
    assert "whole library" in pane.scope.text()
    for kind in ("person", "org", "place"):
        assert pane.headers[kind].isVisible() and pane.views[kind].isVisible()
    shot(window.entities.dock, "entities-counted")
    idle(qtbot, window)
