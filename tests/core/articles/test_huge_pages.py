"""Huge pages (tens of MB) are read with their work bounded: the page's details from its first part, the names
from the article's first part, the page lines the dropped text is sought from; normal pages as before."""

from __future__ import annotations

import time

import pytest

from reader_app.core.articles import html_extract
from reader_app.core.articles.reading import article_from_bytes
from reader_app.core.index import documents
from reader_app.core.index.documents import entity_fields

HEAD = ("<html><head><title>Council votes on the new bridge</title>"
        '<meta name="author" content="Jane Porter">'
        '<meta property="article:published_time" content="2024-05-14T09:00:00Z">'
        '<meta property="og:site_name" content="Riverside Gazette">'
        '<link rel="canonical" href="https://gazette.example.com/2024/05/14/bridge">'
        "</head><body><nav><ul><li>Home</li><li>News</li><li>Sport</li></ul></nav><article>"
        "<h1>Council votes on the new bridge</h1>")


def page(paragraphs: int) -> str:
    body = "".join(f"<p>Paragraph {i}: the council said on Tuesday that the bridge over the river would cost more "
                   f"than planned, and Mayor Alice Brennan asked for a new review of the costs.</p>"
                   for i in range(paragraphs))
    return HEAD + body + "</article><footer><p>Contact us · Advertise</p></footer></body></html>"


def test_a_huge_page_gets_the_same_details_and_text_as_a_normal_one(monkeypatch):
    html = page(400)
    normal = html_extract.extract(html)
    monkeypatch.setattr(html_extract, "HUGE_PAGE", 10_000)  # this page is "huge": its details from its front
    monkeypatch.setattr(html_extract, "FRONT", 5_000)
    huge = html_extract.extract(html)
    assert (huge.title, huge.byline, huge.date, huge.outlet, huge.url) == (
        normal.title, normal.byline, normal.date, normal.outlet, normal.url) == (
        "Council votes on the new bridge", "Jane Porter", "2024-05-14", "Riverside Gazette",
        "https://gazette.example.com/2024/05/14/bridge")
    assert huge.text == normal.text and huge.text.count("Paragraph") == 400
    assert huge.dropped == normal.dropped


def test_the_page_lines_walked_stop_where_the_dropped_text_stops_looking(monkeypatch):
    html = page(html_extract.MAX_PAGE_LINES + 500)
    tree = __import__("trafilatura").utils.load_html(html)
    capped = html_extract._page_lines(tree)
    monkeypatch.setattr(html_extract, "MAX_PAGE_LINES", 10**9)
    whole = html_extract._page_lines(tree)
    assert len(whole) > len(capped) == 5_000
    assert capped == whole[:5_000]


def test_names_are_sought_in_the_first_part_of_a_huge_article(monkeypatch):
    text = ("Mayor Alice Brennan said the bridge would open in May.\n\n"
            + "\n\n".join(f"Paragraph {i} says the costs went up again this year." for i in range(50))
            + "\n\nLater, Governor Martin Okafor visited the site.\n")
    article = article_from_bytes(text.encode(), name="a.txt", article_id="a", path="a.txt")
    assert {"Alice Brennan", "Martin Okafor"} <= _people(article)
    monkeypatch.setattr(documents, "NAMES_CHARS", 200)
    people = _people(article)
    assert "Alice Brennan" in people and "Martin Okafor" not in people


def _people(article) -> set[str]:
    from reader_app.core.entities.model import decode

    return {e.name for e in decode(entity_fields(article)["entities"]) if e.kind == "person"}


class Stop(Exception):
    pass


@pytest.mark.parametrize("fmt", ["html", "txt"])
def test_a_parse_can_be_stopped_between_its_steps(fmt):
    """A cancelled import drops a big file at the next step of its parse, not after the whole of it."""
    data = (page(5_000) if fmt == "html" else "Headline\n\n" + "\n\n".join(
        f"Paragraph {i} of the long report on the bridge and its costs." for i in range(5_000))).encode()
    calls: list[float] = []

    def step() -> None:
        calls.append(time.monotonic())
        if len(calls) == 3:
            raise Stop

    with pytest.raises(Stop):
        article_from_bytes(data, name=f"big.{fmt}", article_id="b", path="b", step=step)
    assert len(calls) == 3
