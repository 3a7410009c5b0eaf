"""In a narrow list the header keeps what matters: the whole count, and each filter's count."""

from __future__ import annotations

import re

from tests.ui.window.test_window_day_one import shot

MT = "The Moscow Times"


def test_a_narrow_list_keeps_the_count_and_the_filter_counts(qtbot, window):
    pane, header = window.list_pane, window.list_pane.header
    header.outlet_combo.setCurrentIndex(header.outlet_combo.findData(MT))
    window.resize(900, 600)
    qtbot.waitUntil(lambda: window.width() == 900, timeout=5000)
    qtbot.wait(50)
    window.splitter.setSizes([170, 730])  # the list at its narrowest
    qtbot.waitUntil(lambda: pane.width() == 170, timeout=5000)
    qtbot.wait(50)
    count = header.count_label
    assert count.text() == "3 of 5 articles"
    assert count.width() >= count.sizeHint().width()  # not cut to "3 of 5 artic"
    combo = header.outlet_combo
    shown = combo.shown_text()
    assert re.search(r"\(\d[\d,]*\)$", shown) and "…" in shown, shown  # the count stays, the name gives way
    assert combo.toolTip().endswith("The Moscow Times (3)")
    shot(pane, "narrow-header")
    window.set_theme("dark")
    shot(pane, "narrow-header-dark")


def test_a_narrow_list_shows_the_whole_count_with_its_copies_and_an_elided_order(qtbot):
    """At 800x600 with a pane open the list said "2,063 articles (+37" and its order "Newe", both cut."""
    from reader_app.ui.articles.pane import ListPane
    from reader_app.ui.articles.row import ArticleRow
    from reader_app.ui.window.pane_sizes import LIST_FLOOR

    pane = ListPane(set())
    qtbot.addWidget(pane)
    rows = [ArticleRow(f"a{n}", f"Headline {n}", "Outlet", "2021-04-14", "Lede.", copies=1 if n < 37 else 0)
            for n in range(2063)]
    with qtbot.waitSignal(pane.listed, timeout=10000):
        pane.set_library_rows(rows)
    pane.setMinimumWidth(LIST_FLOOR)  # as in the window (ui/window/pane_sizes.py)
    pane.resize(190, 500)
    pane.show()
    qtbot.waitExposed(pane)
    qtbot.wait(50)
    shot(pane, "narrow-header-copies")
    header = pane.header
    count = header.count_label
    assert count.text().replace("\u00a0", " ") == "2,063 articles (+37 copies)"
    metrics, room, text = count.fontMetrics(), count.contentsRect().width(), count.text()
    whole = metrics.horizontalAdvance(text) <= room
    # else each part whole on a line of its own, the label tall enough for the lines
    parts = count.wordWrap() and all(metrics.horizontalAdvance(p) <= room for p in text.split(" ")) \
        and count.height() >= count.heightForWidth(count.width())
    assert whole or parts, (text, room)
    sort = header.sort_combo
    shown = sort.shown_text()
    assert shown == sort.currentText() or (shown.endswith("…") and sort.currentText().startswith(shown[:-1])), shown
