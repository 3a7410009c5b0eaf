"""A Markdown image goes as a whole: its `!` never lands in the text, the removed text or a paragraph put back."""

from __future__ import annotations

from reader_app.core.articles.cleanup import parse_inline
from reader_app.core.articles.reading import parse_article

CLIPPING = """# Flood waters rise in the valley

![A flooded street in the town centre](https://example.com/img/flood.jpg)
A flooded street in the town centre. Photo: Reuters

Residents were told to leave their homes on Tuesday as the river burst its banks after a week of heavy rain.

The council said it had opened three shelters and that more than two hundred people had already registered.
"""


def test_an_image_leaves_no_bang_in_a_paragraph():
    assert parse_inline("![A street](https://example.com/a.jpg) The river rose.").text == "The river rose."
    assert parse_inline("Before ![x](a.png) after").text == "Before after"
    linked = parse_inline("[![badge](https://example.com/b.svg)](https://example.com) Read on")
    assert linked.text == "Read on" and linked.marks == []
    assert parse_inline("Wow! [a link](https://example.com)!").text == "Wow! a link!"  # a bang that is prose


def test_an_image_with_its_caption_is_removed_and_put_back_without_its_markup(tmp_path, library):
    article = parse_article(CLIPPING, article_id="x", path="x.md")
    caption = [r.text for r in article.removed if "flooded street" in r.text]
    assert caption == ["A flooded street in the town centre. Photo: Reuters"]

    path = tmp_path / "flood.md"
    path.write_text(CLIPPING, encoding="utf-8")
    aid = library.import_paths([path]).added[0][1]
    removed = [r.text for r in library.article(aid).removed]
    number = next(i for i, text in enumerate(removed, 1) if "flooded street" in text)
    assert library.restore_paragraph(aid, number) == "A flooded street in the town centre. Photo: Reuters"
    text = library.article(aid).text
    assert text.startswith("A flooded street in the town centre. Photo: Reuters") and "!" not in text
