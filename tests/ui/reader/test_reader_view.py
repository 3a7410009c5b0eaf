"""The reader pane: hostile content resolves nothing, links open only for http(s) after a click, and the
offsets API that the bookmarks pane builds on maps exactly onto Article.text."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QTextCursor, QTextDocument

from reader_app.core.articles.reading import parse_article
from tests.conftest import ROOT

pytestmark = pytest.mark.qt_log_level_fail("WARNING")

HOSTILE = """# Headline <img src="/dev/zero"> \u202eevil\u202c

By Someone

Text with an <img src="/dev/zero"> image and <b>bold</b> and a [local link](file:///etc/passwd) and a
[web link](https://example.org/story) and <script>alert(1)</script> and <link rel="stylesheet" href="/etc/passwd">.

Emoji 😀 before a word that we select, and more 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 after it.

A third paragraph with *emphasis* and `code`.
"""



def _article():
    return parse_article(HOSTILE, article_id="h1", path="/tmp/h1.md")


def test_no_resource_is_ever_loaded(reader):
    from PySide6.QtGui import QImage

    reader.show_article(_article())
    reader.setHtml('<p>x<img src="/etc/passwd"><link rel="stylesheet" href="/etc/passwd"></p>')
    reader.document().adjustSize()
    assert "root:" not in reader.toPlainText()
    kinds = QTextDocument.ResourceType
    for url in ("/etc/passwd", "file:///etc/passwd", "https://example.org/x.png", "qrc:/x.png"):
        image = reader.loadResource(kinds.ImageResource.value, QUrl(url))
        assert isinstance(image, QImage) and image.size().width() == 1 and image.pixelColor(0, 0).alpha() == 0
        assert reader.loadResource(kinds.StyleSheetResource.value, QUrl(url)) == ""
        assert reader.loadResource(kinds.HtmlResource.value, QUrl(url)).size() == 0
    # the document asks the view, which answers with nothing: the file's bytes never arrive
    data = reader.document().resource(kinds.HtmlResource.value, QUrl.fromLocalFile("/etc/passwd"))
    assert not data


def test_dev_zero_image_does_not_hang_or_abort():
    code = (
        "from PySide6.QtWidgets import QApplication\n"
        "from reader_app.ui.reader.view import ReaderView\n"
        "app = QApplication([])\n"
        "v = ReaderView(); v.resize(400, 300); v.show()\n"
        "v.setHtml('<p>a<img src=\"/dev/zero\"><img src=\"/dev/urandom\"></p>'); v.document().adjustSize()\n"
        "app.processEvents(); print('alive')\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0 and "alive" in r.stdout, r.stderr[-800:]


def test_file_markup_is_shown_as_text_and_only_web_links_are_links(reader):
    from reader_app.core.articles.model import Paragraph

    article = _article()
    raw = '<script>alert(1)</script><img src="/dev/zero"><a href="file:///etc/passwd">x</a> &amp; done'
    article.paragraphs.append(Paragraph(raw))
    reader.show_article(article)
    assert raw in reader.toPlainText()  # text that looks like markup is shown as text, never interpreted
    anchors = set()
    block = reader.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor():
                anchors.add(fmt.anchorHref())
            it += 1
        block = block.next()
    assert anchors == {"https://example.org/story"}
    assert "\u202e" not in reader.toPlainText()


def test_links_open_only_for_http_after_a_click(reader, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toString()) or True))
    reader.show_article(_article())
    for url in ("file:///etc/passwd", "javascript:alert(1)", "mailto:a@b.c", "/etc/passwd", "https://example.org/a",
                "http://example.org/b", "ftp://example.org/c"):
        reader.anchorClicked.emit(QUrl(url))
    assert opened == ["https://example.org/a", "http://example.org/b"]
    assert reader.openLinks() is False and reader.openExternalLinks() is False


def test_selection_offsets_round_trip_through_article_text(reader):
    article = _article()
    reader.show_article(article)
    text = article.text
    word = "select"
    start = text.index(word)
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.position_of(start))
    cursor.setPosition(reader.position_of(start + len(word)), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    assert cursor.selectedText() == word  # past an emoji: UTF-16 positions are handled
    assert reader.selection_range() == (start, start + len(word))
    # A selection across two paragraphs maps to the span in Article.text, separator included
    p2 = text.index("A third")
    cursor.setPosition(reader.position_of(start))
    cursor.setPosition(reader.position_of(p2 + 7), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    a, b = reader.selection_range()
    assert text[a:b] == text[start:p2 + 7]
    # Selecting the headline alone is not a passage of the story
    cursor.setPosition(0)
    cursor.setPosition(5, QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    assert reader.selection_range() is None


def test_highlight_layers_survive_zoom_and_theme(reader):
    from reader_app.ui.theme import DARK

    article = _article()
    reader.show_article(article)
    start = article.text.index("emphasis")
    reader.set_highlights("bookmarks", [(start, start + 8)], "#ffcc00", ["a note"])
    before = [(s.cursor.selectedText()) for s in reader.extraSelections()]
    reader.zoom_in()
    reader.set_colours(DARK)
    after = [(s.cursor.selectedText()) for s in reader.extraSelections()]
    assert before == after == ["emphasis"]
    assert reader.highlight_at("bookmarks", start + 2) == 0 and reader.highlight_at("bookmarks", 0) is None
    cursor = reader.textCursor()
    cursor.setPosition(reader.position_of(start + 3))
    reader.setTextCursor(cursor)
    p_start = article.text.index("A third")
    assert reader.paragraph_range_at_cursor() == (p_start, len(article.text))
    reader.clear_highlights("bookmarks")
    assert reader.extraSelections() == []


def test_headline_and_measure(reader):
    article = _article()
    reader.show_article(article)
    assert reader.document().begin().text() != ""
    assert reader.toPlainText().count("Headline") == 1
    margin = reader.document().rootFrame().frameFormat().leftMargin()
    reader.resize(1600, 600)
    assert reader.document().rootFrame().frameFormat().leftMargin() > margin  # the column keeps its measure


def test_a_legacy_code_page_is_named_under_the_article(reader):
    """The README promises the detected code page is shown under the article; UTF-8 says nothing."""
    from reader_app.core.articles.reading import article_from_bytes

    russian = "# Армения просит Россию\n\nПремьер-министр Армении заявил, что войска останутся на границе.\n"
    legacy = article_from_bytes(russian.encode("cp1251"), name="a.txt", article_id="r1", path="/tmp/a.txt")
    assert legacy.encoding == "cp1251"
    reader.show_article(legacy)
    assert "Windows-1251" in reader.toPlainText()
    reader.show_article(article_from_bytes(russian.encode("utf-8"), name="b.txt", article_id="r2", path="/tmp/b.txt"))
    assert "Windows-1251" not in reader.toPlainText() and "UTF-8" not in reader.toPlainText()
