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


def test_a_narrow_list_shows_the_count_on_one_line_and_an_elided_order(qtbot):
    """At 800x600 with a pane open the list said "2,063 articles (+37" and its order "Newe", both cut; then
    the count wrapped to two lines. It keeps one line: the copies shortened or left to the tooltip."""
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
    # on one line (a trial's wrapped to "2,063 articles" over "(+37 copies)"): whole, or a shorter form whole
    metrics, room = count.fontMetrics(), count.contentsRect().width()
    forms = ["2,063 articles (+37 copies)", "2,063 articles (+37)", "2,063 articles"]
    shown = count.shown_text()
    assert shown in forms and metrics.horizontalAdvance(shown) <= room, shown
    assert all(metrics.horizontalAdvance(f) > room for f in forms[:forms.index(shown)])  # the longest that fits
    assert count.height() < 2 * metrics.height() and not count.wordWrap()
    if shown != forms[0]:  # the whole line, and what the copies are, in the tooltip
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QHelpEvent
        from PySide6.QtWidgets import QApplication, QToolTip

        point = count.rect().center()
        QApplication.sendEvent(count, QHelpEvent(QEvent.Type.ToolTip, point, count.mapToGlobal(point)))
        qtbot.waitUntil(QToolTip.isVisible, timeout=5000)
        assert QToolTip.text().startswith("2,063 articles (+37 copies)\n\n37 more files are copies")
        QToolTip.hideText()
    pane.resize(400, 500)
    qtbot.waitUntil(lambda: count.shown_text() == "2,063 articles (+37 copies)", timeout=5000)
    sort = header.sort_combo
    shown = sort.shown_text()
    assert shown == sort.currentText() or (shown.endswith("…") and sort.currentText().startswith(shown[:-1])), shown
