"""Export to Markdown and W3C Web Annotation JSON, and import back: every field, no duplicates."""

from __future__ import annotations

import json
import re

import pytest

from reader_app import paths
from reader_app.core.bookmarks.export import ExportFormatError, citation, from_annotations, to_annotations, to_markdown
from reader_app.core.library import Library


def _by_title(library, start: str):
    return library.article(next(d["id"] for d in library.list_articles() if d["title"].startswith(start)))


@pytest.fixture
def filled(library, tmp_path):
    """A library with varied bookmarks: URL and none, notes with Markdown, tags, an edit, an orphan."""
    store = library.bookmarks
    with_url = _by_title(library, "Armenia Seeks")
    without_url = _by_title(library, "Russia Agrees")
    store.add_quote(with_url, with_url.text.split(".")[0], note="*Not* emphasis; a [link](x) <b>",
                    tags=["armenia", "Ärger", "two words"])
    b = store.add_quote(without_url, "the Kremlin said on Thursday", note="line one\n\nline two")
    store.update(b.id, tags=["kremlin"])
    extra = tmp_path / "extra.txt"
    extra.write_text("A Story That Will Be Removed\n\nThis paragraph will be gone from the library soon.\n",
                     encoding="utf-8")
    [(_, extra_id)] = library.import_paths([extra]).added
    c = store.add_quote(library.article(extra_id), "will be gone", note="orphan soon")
    library.remove(extra_id)
    assert store.get(c.id).orphan
    return library


def _fresh_library(tmp_path, name: str) -> Library:
    lib = Library(paths.resolve(tmp_path / name))
    lib.open()
    return lib


def test_json_export_then_import_into_an_empty_data_folder_round_trips_every_field(filled, tmp_path):
    original = filled.bookmarks.list()
    assert len(original) == 3
    text = json.dumps(to_annotations(original), ensure_ascii=False)
    other = _fresh_library(tmp_path, "elsewhere")
    try:
        counts = other.import_bookmarks(json.loads(text))
        assert (counts.added, counts.updated, counts.duplicates, counts.failed) == (3, 0, 0, [])
        assert [b.to_dict() for b in other.bookmarks.list()] == [b.to_dict() for b in original]
        again = other.import_bookmarks(json.loads(text))
        assert (again.added, again.duplicates) == (0, 3)
        assert other.bookmarks.count() == 3
    finally:
        other.close()


def test_import_into_the_same_library_adds_nothing(filled):
    data = to_annotations(filled.bookmarks.list())
    counts = filled.import_bookmarks(data)
    assert (counts.added, counts.duplicates) == (0, 3) and filled.bookmarks.count() == 3


def test_a_later_edit_in_the_export_updates_note_and_tags(filled, tmp_path):
    original = filled.bookmarks.list()
    other = _fresh_library(tmp_path, "elsewhere")
    try:
        other.import_bookmarks(to_annotations(original))
        edited = filled.bookmarks.update(original[0].id, note="changed later", tags=["new"])
        counts = other.import_bookmarks(to_annotations([edited]))
        assert (counts.added, counts.updated) == (0, 1)
        assert other.bookmarks.get(edited.id).note == "changed later"
        assert other.bookmarks.get(edited.id).tags == ["new"]
    finally:
        other.close()


def test_json_follows_the_web_annotation_model(filled):
    data = to_annotations(filled.bookmarks.list())
    assert data["type"] == "AnnotationCollection" and data["total"] == 3
    assert "http://www.w3.org/ns/anno.jsonld" in data["@context"]
    items = data["first"]["items"]
    with_url = next(i for i in items if i["target"]["source"].startswith("https://"))
    assert with_url["type"] == "Annotation" and with_url["motivation"] == "bookmarking"
    kinds = {s["type"]: s for s in with_url["target"]["selector"]}
    assert set(kinds) == {"TextQuoteSelector", "TextPositionSelector"}
    assert kinds["TextQuoteSelector"]["exact"] and "prefix" in kinds["TextQuoteSelector"]
    assert kinds["TextPositionSelector"]["end"] > kinds["TextPositionSelector"]["start"]
    purposes = [b["purpose"] for b in with_url["body"]]
    assert purposes == ["commenting", "tagging", "tagging", "tagging"]
    no_url = next(i for i in items if i["target"]["source"].startswith("urn:reader-app:article:"))
    assert no_url["id"].startswith("urn:reader-app:bookmark:")


def test_an_annotation_from_elsewhere_is_matched_by_url_and_added_once(library):
    article = _by_title(library, "Armenia Seeks")
    quote = article.text.split(".")[0]
    foreign = {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://annotator.example/anno/17",
               "type": "Annotation", "created": "2023-05-01T10:00:00Z",
               "body": [{"type": "TextualBody", "value": "from another tool"},
                        {"type": "TextualBody", "purpose": "tagging", "value": "foreign"}],
               "target": {"source": article.url, "selector": {"type": "TextQuoteSelector", "exact": quote}}}
    unknown = dict(foreign, id="https://annotator.example/anno/18",
                   target={"source": "https://nowhere.example/x", "selector": {"type": "TextQuoteSelector",
                                                                             "exact": "something"}})
    counts = library.import_bookmarks([foreign, unknown])
    assert counts.added == 1 and len(counts.failed) == 1 and "no article" in counts.failed[0]
    [b] = library.bookmarks.list()
    assert (b.article_id, b.note, b.tags, b.quote, b.orphan) == (article.id, "from another tool", ["foreign"],
                                                                  quote, False)
    assert article.text[b.start:b.end] == quote  # placed in the article (its hash was unknown)
    assert library.import_bookmarks([foreign]).added == 0


def test_not_an_export_is_refused_in_one_line():
    with pytest.raises(ExportFormatError, match="not a bookmarks export"):
        from_annotations({"hello": "world"})
    bookmarks, failed = from_annotations([{"type": "Annotation", "target": "urn:x"}])
    assert bookmarks == [] and failed == ["item 1: the target names no passage"]


def test_markdown_groups_by_article_with_quote_note_tags_and_marks(filled):
    md = to_markdown(filled.bookmarks.list())
    assert md.startswith("# Bookmarks")
    assert md.count("\n## ") == 3
    seeks = _by_title(filled, "Armenia Seeks")
    assert f"<{seeks.url}>" in md and "The Moscow Times · 2021-11-16" in md
    assert "> the Kremlin said on Thursday" in md
    assert "\\*Not\\* emphasis; a \\[link\\](x) \\<b\\>" in md  # the note shows as typed
    assert "Tags: `armenia`, `Ärger`, `two words`" in md
    assert "*(This passage is no longer found in the article.)*" in md
    assert "line one\n\nline two" in md


def test_citation_names_the_article(filled):
    b = next(x for x in filled.bookmarks.list() if x.url)
    text = citation(b)
    assert text.startswith("“") and text.endswith(f"— “{b.title},” The Moscow Times, 16 November 2021, {b.url}.")


def test_a_tag_with_backticks_shows_as_typed_in_both_markdown_exports(library):
    """A tag holding a backtick closed its code span early (`a`b` showed as "a" and a stray "b`")."""
    from markdown_it import MarkdownIt

    from reader_app.core.bookmarks import dossier

    article = _by_title(library, "Armenia Seeks")
    tags = ["a`b", "``code``", "plain"]
    library.bookmarks.add_quote(article, article.text.split(".")[0], tags=tags)
    bookmarks = library.bookmarks.list()
    for md in (to_markdown(bookmarks), dossier.to_markdown(bookmarks, dossier.grouping_for(library, "article"))):
        line = next(ln for ln in md.splitlines() if ln.startswith("Tags: "))
        html = MarkdownIt().render(line)
        codes = re.findall(r"<code>(.*?)</code>", html)
        assert [c.replace("&quot;", '"') for c in codes] == tags, (line, html)
