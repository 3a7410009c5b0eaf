"""The note-and-tags popup on its own: keys, tag parsing, completion."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QWidget

from reader_app.ui.bookmarks.popup import BookmarkPopup, split_tags

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise",
                                        "does not support grabbing the keyboard")]


@pytest.mark.parametrize(("typed", "tags"), [
    ("", []),
    ("politics", ["politics"]),
    ("a, b c ,  a", ["a", "b c"]),
    ("#kremlin #war", ["kremlin", "war"]),
    ("#one two, three", ["one two", "three"]),
    (" , ,", []),
])
def test_split_tags(typed, tags):
    assert split_tags(typed) == tags


@pytest.fixture
def parent(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    w.show()
    return w


def test_enter_saves_shift_enter_breaks_the_line(qtbot, parent):
    popup = BookmarkPopup(parent, "a quote " * 80, note="old", tags=["x"], editing=True)
    qtbot.addWidget(popup)
    popup.show_near(parent.mapToGlobal(QPoint(10, 10)))
    assert popup.windowTitle() == "Edit Bookmark"
    assert popup.quote_label.text().endswith("…”") and len(popup.quote_label.text()) < 240  # a long quote is cut
    qtbot.keyClicks(popup.note_edit, " line")
    qtbot.keyClick(popup.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(popup.note_edit, "next")
    with qtbot.waitSignal(popup.finished) as done:
        qtbot.keyClick(popup.note_edit, Qt.Key.Key_Return)
    assert done.args == [QDialog.DialogCode.Accepted.value]
    assert popup.note() == "old line\nnext" and popup.tags() == ["x"]


def test_escape_cancels(qtbot, parent):
    popup = BookmarkPopup(parent, "quote")
    qtbot.addWidget(popup)
    popup.show_near(QPoint(0, 0))
    qtbot.keyClicks(popup.note_edit, "draft")
    with qtbot.waitSignal(popup.finished) as done:
        qtbot.keyClick(popup.note_edit, Qt.Key.Key_Escape)
    assert done.args == [QDialog.DialogCode.Rejected.value]


def test_tags_complete_from_known_ones_after_a_comma(qtbot, parent):
    popup = BookmarkPopup(parent, "quote", known_tags=["kremlin", "karabakh", "war"])
    qtbot.addWidget(popup)
    popup.show_near(QPoint(0, 0))
    completer = popup.tags_edit.completer()
    popup.tags_edit.setText("war, kr")
    assert completer.splitPath(popup.tags_edit.text()) == ["kr"]
    completer.setCompletionPrefix("kr")
    assert completer.pathFromIndex(completer.currentIndex()) == "war, kremlin"


@pytest.mark.parametrize(("typed", "reason"), [
    ("fine, " + "x" * 201, "tag of 201 characters is too long"),
    ("fine, bad\x01tag", "holds a control character"),
])
def test_tags_that_cannot_be_kept_are_refused_in_the_popup_with_the_reason(qtbot, parent, typed, reason):
    """The rule the command line and importing follow (core.bookmarks.model.tag_problem): said at entry,
    the popup staying open with what was typed, not a failure in the status bar after it closed."""
    popup = BookmarkPopup(parent, "quote")
    qtbot.addWidget(popup)
    popup.show_near(QPoint(0, 0))
    qtbot.keyClicks(popup.note_edit, "my note")
    popup.tags_edit.setText(typed)
    qtbot.keyClick(popup.note_edit, Qt.Key.Key_Return)
    assert popup.isVisible() and popup.result() != QDialog.DialogCode.Accepted.value
    assert popup.tags_error.isVisible() and reason in popup.tags_error.text()
    assert popup.note_edit.toPlainText() == "my note"  # nothing typed is lost
    qtbot.keyClicks(popup.tags_edit, "x")  # changing the tags takes the reason away
    assert not popup.tags_error.isVisible()
    popup.tags_edit.setText("fine, good")
    with qtbot.waitSignal(popup.finished) as done:
        qtbot.keyClick(popup.note_edit, Qt.Key.Key_Return)
    assert done.args == [QDialog.DialogCode.Accepted.value] and popup.tags() == ["fine", "good"]
