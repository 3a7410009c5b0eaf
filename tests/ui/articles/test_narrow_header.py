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
