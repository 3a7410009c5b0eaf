"""What the page extractor (trafilatura) leaves out of a saved web page, menus and footers, is listed with the
removed text like what the clipping cleanup removes, where it stood; scripts and styles are not; a block put
back comes back into the story (core/articles/html_extract.py, reading.py)."""

from __future__ import annotations

from reader_app.core.articles.reading import article_from_bytes

STORY = [
    "The regional council approved a new bus network on Tuesday after two years of consultation with residents.",
    "Fares will be frozen until the end of next year, while six new routes will link the outlying villages.",
    "Opposition councillors said the plan left the northern estates without an evening service at all.",
]
PAGE = f"""<!DOCTYPE html><html><head><title>Council backs new bus network | Example Post</title>
<style>body {{ color: red }}</style><script>var tracking = "do not list me";</script></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li></ul></nav></header>
<main><article><h1>Council backs new bus network</h1>
<p>{STORY[0]}</p><p>{STORY[1]}</p><p>{STORY[2]}</p></article>
<aside><h2>Most read</h2><ol><li><a href="/a">Ferry fares to rise in spring as fuel costs climb again</a></li>
<li><a href="/b">Library opening hours extended over the summer holidays</a></li></ol></aside></main>
<footer><p>Example Post, 1 Harbour Street, Portsmouth</p><p><a href="/privacy">Privacy policy</a> |
<a href="/terms">Terms of use</a></p></footer><noscript>Enable JavaScript to see comments</noscript>
</body></html>"""


def _article(page: str = PAGE, cleaning=None):
    return article_from_bytes(page.encode("utf-8"), name="page.html", article_id="x", path="page.html",
                              cleaning=cleaning)


def test_the_menus_and_footers_the_extractor_dropped_are_listed_where_they_stood():
    a = _article()
    assert a.text == "\n\n".join(STORY)
    removed = [(r.text, r.before) for r in a.removed]
    assert ("Home · News · Sport · Weather", 0) in removed  # one menu, one line, before the story
    after = len(a.paragraphs)
    assert ("Ferry fares to rise in spring as fuel costs climb again", after) in removed
    assert ("Example Post, 1 Harbour Street, Portsmouth", after) in removed
    texts = " ".join(t for t, _ in removed)
    assert "Most read" in texts and "Privacy policy" in texts
    assert "tracking" not in texts and "color" not in texts and "JavaScript" not in texts  # no scripts, styles
    assert "Council backs new bus network" not in texts  # the headline is the article's title, not removed


def test_a_dropped_block_put_back_comes_back_into_the_story(tmp_path):
    from reader_app.core.articles.furniture import Cleaning, Restored

    restored = Restored()
    restored.add("x", "Example Post, 1 Harbour Street, Portsmouth")
    a = _article(cleaning=Cleaning(restored=restored))
    assert a.text.endswith("Example Post, 1 Harbour Street, Portsmouth")
    assert "Example Post, 1 Harbour Street, Portsmouth" not in [r.text for r in a.removed]


def test_a_page_that_drops_nothing_lists_nothing():
    page = f"<html><body><h1>Council backs new bus network</h1><p>{STORY[0]}</p><p>{STORY[1]}</p></body></html>"
    assert _article(page).removed == []


def test_put_back_through_the_library_keeps_a_dropped_line_across_a_rebuild(library, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    [(_, aid)] = library.import_paths([page]).added
    article = library.article(aid)
    number = [r.text for r in article.removed].index("Example Post, 1 Harbour Street, Portsmouth") + 1
    library.restore_paragraph(aid, number)
    assert library.article(aid).text.endswith("Example Post, 1 Harbour Street, Portsmouth")
    library.rebuild()
    assert library.article(aid).text.endswith("Example Post, 1 Harbour Street, Portsmouth")


def _story_page(before: str = "", after: str = "") -> str:
    story = "".join(f"<p>{p}</p>" for p in STORY)
    return (f"<html><body>{before}<main><article><h1>Council backs new bus network</h1>{story}</article></main>"
            f"{after}</body></html>")


def test_a_menu_of_thousands_lists_its_first_items_and_the_lines_after_it():
    menu = "<nav><ul>" + "".join(f"<li><a href='/{n}'>Item {n}</a></li>" for n in range(3_000)) + "</ul></nav>"
    a = _article(_story_page(menu, "<footer><p>Example Post, 1 Harbour Street, Portsmouth</p></footer>"))
    removed = [r.text for r in a.removed]
    assert removed[0].startswith("Item 0 · Item 1 · Item 2")
    assert removed[0].endswith(" more)") and len(removed[0]) < 600
    assert "Example Post, 1 Harbour Street, Portsmouth" in removed


def test_an_oversized_line_is_cut_and_the_lines_after_it_are_listed():
    long_line = "<nav><ul><li><a href='/x'>" + "menu word " * 3_000 + "</a></li></ul></nav>"  # 30,000 characters
    a = _article(_story_page(long_line, "<footer><p>Example Post, 1 Harbour Street, Portsmouth</p></footer>"))
    removed = [r.text for r in a.removed]
    assert "Example Post, 1 Harbour Street, Portsmouth" in removed
    assert removed[0].startswith("menu word menu word") and removed[0].endswith("…") and len(removed[0]) <= 501


def test_hidden_page_text_in_its_many_spellings_is_never_listed():
    hidden = [
        '<div style="visibility: hidden"><p>Secret visibility line one</p></div>',
        '<div class="menu hidden"><p>Secret class hidden line</p></div>',
        '<span class="sr-only">Secret screen reader line</span>',
        '<div class="visually-hidden"><p>Secret visually hidden line</p></div>',
        "<dialog><p>Secret closed dialog line</p></dialog>",
        '<div aria-hidden="TRUE"><p>Secret aria upper case line</p></div>',
        '<div style="display:\n none"><p>Secret display none line</p></div>',
        '<div style="opacity: 0;"><p>Secret opacity zero line</p></div>',
    ]
    shown = '<dialog open><p>An open dialog line is seen</p></dialog><div style="opacity: 0.5"><p>Half seen line</p></div>'
    a = _article(_story_page("".join(hidden), shown))
    texts = " ".join(r.text for r in a.removed)
    assert "Secret" not in texts
    assert "An open dialog line is seen" in texts and "Half seen line" in texts


def test_a_copyright_year_does_not_date_a_page_but_a_written_new_years_day_does():
    """The extractor gives a page with no date of its own the year of its "© 2026" line as 1 January: such a
    page has no date. A page that writes 1 January out (its metadata, its text) keeps it."""
    story = ("<p>The finance minister said on Monday the budget would be cut, as it was in 1995 when the economy "
             "slowed.</p><p>Opposition leaders said the cuts would hurt schools and hospitals, and called for a vote.</p>")
    page = ("<html><head><title>Budget row</title>{head}</head><body><article><h1>Budget row</h1>{story}</article>"
            "<footer>Copyright © 2026 Example News. All rights reserved.</footer></body></html>")
    undated = article_from_bytes(page.format(head="", story=story).encode(), name="a.html", article_id="a", path="a.html")
    assert undated.date is None and "1995" in undated.text
    for head in ('<meta property="article:published_time" content="2026-01-01T10:00:00Z">',
                 '<meta property="article:published_time" content="2025-03-14T10:00:00Z">'):
        dated = article_from_bytes(page.format(head=head, story=story).encode(), name="b.html", article_id="b",
                                   path="b.html")
        assert dated.date == head.split('content="')[1][:10]


def test_new_years_day_written_in_other_forms_and_json_ld_dates_are_kept():
    """1 January written as 1-Jan-2026, "the 1st of January, 2026", "1 января 2026", "1er janvier 2026", or in
    the page's JSON-LD, keeps the date; a JSON-LD date dates a page the extractor could only give a bare year."""
    story = ("<p>The finance minister said on Monday the budget would be cut, as it was in 1995 when the economy "
             "slowed.</p><p>Opposition leaders said the cuts would hurt schools and hospitals, and called for a vote.</p>")
    page = ("<html><head><title>Budget row</title>{head}</head><body><article><h1>Budget row</h1>{extra}{story}"
            "</article><footer>Copyright © 2026 Example News. All rights reserved.</footer></body></html>")
    ld = '<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "{}T08:00:00Z"}}</script>'
    cases = [("", "<p>Posted 1-Jan-2026</p>", "2026-01-01"), ("", "<p>Thursday, the 1st of January, 2026</p>", "2026-01-01"),
             ("", "<p>1 января 2026 г.</p>", "2026-01-01"), ("", "<p>1er janvier 2026</p>", "2026-01-01"),
             (ld.format("2026-01-01"), "", "2026-01-01"), (ld.format("2025-06-14"), "", "2025-06-14")]
    for head, extra, want in cases:
        html = page.format(head=head, extra=extra, story=story)
        got = article_from_bytes(html.encode(), name="c.html", article_id="c", path="c.html").date
        assert got == want, (head or extra, got)
