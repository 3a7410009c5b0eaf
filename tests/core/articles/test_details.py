"""Correcting an article's details (title, outlet, byline, date, url), the import's outlet, and the date each
article was added: kept through a rebuild, a re-import and a sync; bookmarks stay where they were."""

from __future__ import annotations

import json
import os
import time

import pytest

from reader_app.core.articles.details import DetailsError, check
from reader_app.core.bookmarks.export import citation
from reader_app.core.collection import importer
from reader_app.core.errors import LibraryError
from reader_app.core.library import Library

STORY = ("The harbour authority said on Tuesday that the new ferry terminal would open next spring, "
         "after two years of delays caused by flooding and a shortage of steel.")
EDIT = {"title": "Ferry terminal delayed again", "outlet": "BBC News", "byline": "Jo Smith", "date": "2024-03-05",
        "url": "https://www.bbc.co.uk/news/ferry"}


def _story(tmp_path, name: str = "ferry.txt", text: str = STORY):
    src = tmp_path / "src" / name
    src.parent.mkdir(exist_ok=True)
    src.write_text(f"{text}\n\nThe mayor said the town had waited long enough for its new terminal.\n",
                   encoding="utf-8")
    return src


def _summary(library: Library, aid: str) -> dict:
    return next(r for r in library.list_articles() if r["id"] == aid)


def _details(d: dict) -> dict:
    return {k: d[k] for k in EDIT}


def test_edited_details_show_in_the_list_the_article_and_search(tmp_path, library):
    aid = library.import_paths([_story(tmp_path)]).added[0][1]
    before = library.article(aid)
    assert before.outlet is None and before.date is None

    after = library.edit_details(aid, EDIT)

    assert _details(after.summary()) == EDIT and after.edited == sorted(EDIT)
    assert after.text == before.text
    assert _details(_summary(library, aid)) == EDIT
    result = library.search("ferry terminal", outlet="BBC News")
    assert [h.id for h in result.hits] == [aid] and result.hits[0].title == EDIT["title"]
    assert library.search("ferry", year="2024").total == 1
    assert library.search('title:"delayed again"').total == 1


def test_edits_survive_a_rebuild_a_reimport_and_a_sync(tmp_path, app_paths, library):
    src = _story(tmp_path)
    aid = library.import_paths([src]).added[0][1]
    library.edit_details(aid, EDIT)

    library.rebuild()
    assert _details(_summary(library, aid)) == EDIT

    assert library.import_paths([src]).duplicates == [(str(src.absolute()), aid)]
    assert _details(_summary(library, aid)) == EDIT

    src.write_text(src.read_text() + "\nA third paragraph about the steel shortage was added later.\n")
    assert library.import_paths([src]).updated == [(str(src.absolute()), aid)]
    assert _details(_summary(library, aid)) == EDIT
    assert "third paragraph" in library.article(aid).text

    copy = next(app_paths.library.glob(f"{aid}.*"))
    os.utime(copy, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))  # a sync looks at the file again
    library.close()
    other = Library(app_paths)
    assert other.open().action == "synced"
    assert _details(_summary(other, aid)) == EDIT
    other.close()


def test_a_seed_can_be_corrected_and_reset_to_what_its_file_says(library):
    seed = library.list_articles()[0]
    library.edit_details(seed["id"], {"outlet": "", "date": "2020"})
    edited = _summary(library, seed["id"])
    assert edited["outlet"] is None and edited["date"] == "2020" and edited["title"] == seed["title"]
    assert library.article(seed["id"]).edited == ["date", "outlet"]

    library.edit_details(seed["id"], {}, reset=True)
    assert _summary(library, seed["id"]) == seed
    assert library.details.load() == {}


def test_a_correction_equal_to_the_file_is_not_kept(library):
    seed = library.list_articles()[0]
    library.edit_details(seed["id"], {"outlet": seed["outlet"], "title": seed["title"]})
    assert library.details.load() == {}


def test_bookmarks_stay_anchored_and_cite_the_edited_details(tmp_path, library):
    aid = library.import_paths([_story(tmp_path)]).added[0][1]
    mark = library.bookmarks.add_quote(library.article(aid), "new ferry terminal", note="check")
    assert citation(mark) == ("“new ferry terminal” — “The harbour authority said on Tuesday that the new ferry terminal "
                              "would open next spring.”")

    library.edit_details(aid, EDIT)

    kept = library.bookmarks.get(mark.id)
    assert not kept.orphan and (kept.start, kept.end) == (mark.start, mark.end) and kept.text_hash == mark.text_hash
    assert citation(kept) == ("“new ferry terminal” — Jo Smith, “Ferry terminal delayed again,” BBC News, 5 March 2024, "
                              "https://www.bbc.co.uk/news/ferry.")
    assert [b.id for b in library.bookmarks_for(library.article(aid))] == [mark.id]


@pytest.mark.parametrize("name, value, reason", [
    ("date", "2021-02-30", "does not exist"),
    ("date", "14/04/2021", "not a date like"),
    ("date", "2021-4-1", "not a date like"),
    ("url", "ftp://example.org/x", "not a web address"),
    ("url", "javascript:alert(1)", "not a web address"),
    ("url", "https://", "not a web address"),
    ("title", "  \n ", "cannot be empty"),
    ("outlet", "x" * 200, "too long"),
    ("colour", "red", "not an article detail"),
])
def test_bad_details_are_refused_with_a_reason(name, value, reason):
    with pytest.raises(DetailsError, match=reason):
        check(name, value)


def test_details_are_kept_on_one_line_and_dates_of_any_precision(library):
    assert check("title", " Two\nlines\t here ") == "Two lines here"
    assert [check("date", d) for d in ("2021", "2021-04", "2021-04-14")] == ["2021", "2021-04", "2021-04-14"]
    assert check("url", "HTTPS://example.org/a?b=c") == "HTTPS://example.org/a?b=c"
    seed = library.list_articles()[0]["id"]
    with pytest.raises(LibraryError, match="does not exist"):
        library.edit_details(seed, {"date": "2021-13"})
    assert library.details.load() == {}


def test_the_date_added_is_kept_through_rebuilds_and_reimports(tmp_path, app_paths, library):
    seeds = {r["id"]: r["added"] for r in library.list_articles()}
    assert all(a and a.endswith("Z") for a in seeds.values())
    src = _story(tmp_path)
    aid = library.import_paths([src]).added[0][1]
    added = _summary(library, aid)["added"]
    assert added >= max(seeds.values())

    time.sleep(1.1)
    src.write_text(src.read_text() + "\nOne more line of the story, added later by the editor.\n")
    library.import_paths([src])
    library.rebuild()
    assert _summary(library, aid)["added"] == added
    assert {r["id"]: r["added"] for r in library.list_articles() if r["id"] in seeds} == seeds
    assert library.article(aid).added == added


@pytest.mark.parametrize("procs", [1, 2])
def test_an_import_outlet_is_set_on_new_and_already_imported_articles(tmp_path, library, monkeypatch, procs):
    monkeypatch.setattr(importer, "PARALLEL_FROM", 2)
    first = _story(tmp_path, "a.txt")
    aid_a = library.import_paths([first]).added[0][1]
    _story(tmp_path, "b.txt", "A second story: the council voted to close the old bridge to lorries from May.")
    _story(tmp_path, "c.txt", "A third story: the lifeboat crew rescued two walkers cut off by the tide.")

    report = library.import_paths([tmp_path / "src"], outlet="BBC News", procs=procs)

    # a.txt was already there: its outlet changed, so it counts as updated (not "already in the library")
    assert len(report.added) == 2 and [i for _, i in report.updated] == [aid_a] and report.duplicates == []
    ids = [aid_a] + [i for _, i in report.added]
    assert [_summary(library, i)["outlet"] for i in ids] == ["BBC News"] * 3
    assert library.search("story", outlet="BBC News").total == 2
    library.rebuild()
    assert [_summary(library, i)["outlet"] for i in ids] == ["BBC News"] * 3


def test_an_empty_import_outlet_is_refused_before_anything_is_imported(tmp_path, library):
    with pytest.raises(LibraryError, match="cannot be empty"):
        library.import_paths([_story(tmp_path)], outlet="  ")
    assert not library.manifest()


def test_a_damaged_details_line_is_skipped_not_fatal(tmp_path, app_paths, library):
    aid = library.import_paths([_story(tmp_path)]).added[0][1]
    library.edit_details(aid, {"outlet": "BBC News"})
    path = app_paths.data / "details.jsonl"
    path.write_text(path.read_text() + "[not json\n" + json.dumps(["x", "y"]) + "\n")
    assert library.details.load() == {aid: {"outlet": "BBC News"}}
    library.edit_details(aid, {"byline": "Jo Smith"})
    assert library.details.load() == {aid: {"outlet": "BBC News", "byline": "Jo Smith"}}


def test_removing_an_article_forgets_its_corrections(tmp_path, library):
    src = _story(tmp_path)
    aid = library.import_paths([src]).added[0][1]
    library.edit_details(aid, {"outlet": "BBC News"})
    library.remove(aid)
    assert library.details.load() == {}
    assert _summary(library, library.import_paths([src]).added[0][1])["outlet"] is None
