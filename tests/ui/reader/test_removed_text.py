"""View > Show Removed Text: removed blocks shown greyed where they stood, and "Put back" keeps one."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QPoint, QUrl
from PySide6.QtGui import QTextCursor

from reader_app.core.articles.reading import stable_id
from reader_app.ui.reader.html import RESTORE_SCHEME
from tests.conftest import SEEDS
from tests.ui.conftest import idle

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

CREDIT = "Vagram Bagdasaryan / Photolure / TASS"


def test_toggle_shows_removed_text_and_put_back_keeps_it(qtbot, window):
    aid = stable_id("seed:" + next(SEEDS.glob("000*")).name)
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(aid)
    reader = window.reader
    assert CREDIT not in reader.toPlainText()
    story_blocks = list(reader._blocks)

    action = window.menus.actions["showRemovedText"]
    assert action in window.menu("view").actions()
    action.trigger()
    page = reader.toPlainText()
    assert CREDIT in page and "Put back" in page
    assert reader._blocks[0][2] == story_blocks[0][2]  # offsets still map to the story's paragraphs
    shot = os.environ.get("READER_SHOT_DIR")
    if shot:
        for theme in ("light", "dark"):
            window.set_theme(theme)
            window.grab().save(f"{shot}/removed-text-{theme}.png")

    number = [r.text for r in reader.article.removed].index(CREDIT) + 1
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        reader.anchorClicked.emit(QUrl(f"{RESTORE_SCHEME}:{number}"))
        assert window.status_label.text() == "Putting the paragraph back…"  # said at once, while it works
    idle(qtbot, window)
    assert window.status_label.text() == "Paragraph put back in the story."
    assert CREDIT in reader.article.text and CREDIT not in [r.text for r in reader.article.removed]
    action.trigger()
    assert "Put back" not in reader.toPlainText() and CREDIT in reader.toPlainText()
    assert CREDIT in window.library.article(aid).text  # remembered in the data folder


def _marked(reader, layer: str = "search") -> list[str]:
    """The text under each mark of `layer`, lowercased."""
    doc = reader.document()
    out = []
    for a, b in reader._layers[layer][0]:
        cur = QTextCursor(doc)
        cur.setPosition(a)
        cur.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        out.append(cur.selectedText().lower())
    return out


def test_search_marks_stay_on_their_words_when_removed_text_is_toggled(qtbot, window):
    aid = stable_id("seed:" + next(SEEDS.glob("000*")).name)
    terms = ["troops", "military"]
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(aid, terms)
    reader = window.reader
    before = _marked(reader)
    assert before and set(before) == set(terms)
    assert reader.find("russian") > 1
    reader.find_next()
    action = window.menus.actions["showRemovedText"]
    for shown in (True, False):
        action.trigger()  # removed blocks go in (or out) above the marks: their document positions move
        assert ("Put back" in reader.toPlainText()) is shown
        marked = _marked(reader)  # the removed text may hold the words too ("Military Lessons")
        assert set(marked) == set(terms) and (len(marked) >= len(before) if shown else marked == before)
        assert set(_marked(reader, "find")) == {"russian"}  # find in the article follows too
        assert _marked(reader, "find-current") == ["russian"] and reader.finder.index == 1


def test_put_back_updates_the_row_keeps_the_marks_and_leaves_no_stale_undo(qtbot, window):
    aid = stable_id("seed:" + next(SEEDS.glob("000*")).name)
    with qtbot.waitSignal(window.search_done, timeout=10000) as searched:
        window.search_bar.set_query("military")
    terms = searched.args[0].terms
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(aid, terms)
    idle(qtbot, window)
    reader, results = window.reader, window.list_pane.results_model
    assert results.find(aid) is not None and results.find(aid).words == reader.article.words
    feature = window.bookmarks
    feature.add(reader.article, 0, 20, "a note")  # Edit > Undo now names it
    idle(qtbot, window)
    assert feature.undo_stack.canUndo()

    window.menus.actions["showRemovedText"].trigger()
    words = reader.article.words
    number = [r.text for r in reader.article.removed].index(CREDIT) + 1
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        reader.anchorClicked.emit(QUrl(f"{RESTORE_SCHEME}:{number}"))
    idle(qtbot, window)
    assert reader.article.words > words and CREDIT in reader.article.text
    qtbot.waitUntil(lambda: results.find(aid) is not None and results.find(aid).words == reader.article.words)
    assert window.list_pane.library_model.find(aid).words == reader.article.words
    marked = _marked(reader)
    assert marked and set(marked) <= {t.lower() for t in terms}
    # The bookmark command holds offsets into the text before the put-back: undoing or redoing it now would
    # mark the wrong passage, so it is not offered.
    assert not feature.undo_stack.canUndo() and not feature.undo_stack.canRedo()


def test_toggling_removed_text_keeps_the_paragraph_being_read_at_the_top(qtbot, window):
    aid = stable_id("seed:" + next(SEEDS.glob("000*")).name)
    window.resize(900, 480)
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(aid)
    reader = window.reader
    paragraphs = reader.article.paragraphs
    start = sum(len(p.text) + 2 for p in paragraphs[:6])  # a paragraph below several removed blocks
    reader.scroll_to_position(reader.position_of(start), fraction=0.0)

    def top_paragraph() -> str:
        offset = reader.offset_at(QPoint(0, 0))
        return next(text for start, _pos, text in reader._blocks if start <= offset <= start + len(text))

    reading = top_paragraph()
    assert reading == paragraphs[6].text
    action = window.menus.actions["showRemovedText"]
    for _ in range(2):
        action.trigger()
        assert top_paragraph() == reading


def test_two_put_backs_clicked_in_a_row_each_put_back_the_paragraph_clicked(qtbot, window):
    """The second click comes before the first put back is done, while the reader still shows the numbers of
    the article as it was: each puts back the block it was on (not the one that moved into its number)."""
    aid = stable_id("seed:" + next(SEEDS.glob("000*")).name)
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(aid)
    reader = window.reader
    window.menus.actions["showRemovedText"].trigger()
    removed = [r.text for r in reader.article.removed]
    assert len(removed) >= 3
    first, second = len(removed) - 1, len(removed)  # the last two: the first's put back moves the second up
    reader.anchorClicked.emit(QUrl(f"{RESTORE_SCHEME}:{first}"))
    reader.anchorClicked.emit(QUrl(f"{RESTORE_SCHEME}:{second}"))
    idle(qtbot, window)
    qtbot.waitUntil(lambda: removed[-1] in reader.article.text, timeout=10000)
    text = window.library.article(aid).text
    assert removed[-2] in text and removed[-1] in text
    assert [r.text for r in window.library.article(aid).removed] == removed[:-2]


def test_an_article_picked_while_a_put_back_runs_opens_and_stays(qtbot, window):
    """Picking another row while a put back runs opens that article; the put back's end does not jump back."""
    aid, other = (stable_id("seed:" + f.name) for f in sorted(SEEDS.glob("00[01]*"))[:2])
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(aid)
    reader = window.reader
    window.menus.actions["showRemovedText"].trigger()
    reader.anchorClicked.emit(QUrl(f"{RESTORE_SCHEME}:1"))
    window.list_pane.view.select_id(other)  # the person picks another row at once
    window.open_article(other)
    idle(qtbot, window)
    qtbot.wait(200)
    idle(qtbot, window)
    assert reader.article.id == other and window.list_pane.view.current_id() == other
