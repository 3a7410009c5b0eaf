"""Finding a bookmarked passage again after the article changes: unit cases, then real edited files."""

from __future__ import annotations

import pytest

from reader_app.core.bookmarks.anchoring import anchor_at, find_quote, reanchor

STORY = [
    "The harbour council met on Monday to discuss the storm damage along the eastern quay.",
    "Engineers said the old railway bridge would need six months of repairs before trains could return.",
    "The mayor promised that the festival would go ahead in July whatever the cost to the budget.",
    "Residents of the valley asked for a new drought plan, saying the reservoir was already low.",
    "The minister will visit the museum next week to open an exhibition about the treaty.",
]
PASSAGE = "the old railway bridge would need six months of repairs"


def _text(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def _anchor(text: str, quote: str = PASSAGE):
    start = text.index(quote)
    return anchor_at(text, start, start + len(quote))


# --- the anchoring functions ---------------------------------------------------------------------


def test_unchanged_text_places_the_passage_where_it_was():
    text = _text(STORY)
    old = _anchor(text)
    placed = reanchor(text, old)
    assert placed.method == "same" and placed.anchor == old


def test_text_inserted_before_the_passage_moves_it():
    old_text = _text(STORY)
    old = _anchor(old_text)
    new_text = _text(["A new opening paragraph was added by the editors overnight."] + STORY)
    placed = reanchor(new_text, old)
    assert placed.method == "exact"
    assert placed.anchor is not None
    assert new_text[placed.anchor.start:placed.anchor.end] == PASSAGE
    assert placed.anchor.start == old.start + len("A new opening paragraph was added by the editors overnight.\n\n")


def test_a_word_changed_inside_the_passage_is_found_fuzzily():
    old_text = _text(STORY)
    old = _anchor(old_text)
    edited = [p.replace("six months", "seven months") for p in STORY]
    new_text = _text(edited)
    placed = reanchor(new_text, old)
    assert placed.method == "fuzzy" and placed.anchor is not None
    assert placed.anchor.quote == "the old railway bridge would need seven months of repairs"


def test_a_copy_elsewhere_does_not_steal_the_passage():
    old_text = _text(STORY)
    old = _anchor(old_text)
    quoted = f"Later, officials repeated that {PASSAGE}, and apologised to commuters."
    new_text = _text(STORY[:4] + [quoted] + STORY[4:])
    placed = reanchor(new_text, old)
    assert placed.anchor is not None
    assert placed.anchor.start == old.start  # the original place, whose context matches, wins


def test_a_passage_duplicated_with_the_same_surroundings_becomes_an_orphan():
    """Two copies that fit equally well: never a silent guess."""
    old_text = _text(STORY)
    old = _anchor(old_text)
    new_text = _text([STORY[0], STORY[1], STORY[0], STORY[1]])  # both copies in the same surroundings
    placed = reanchor(new_text, old)
    assert placed.anchor is None and placed.method == "orphan"
    assert "places" in placed.reason


def test_original_gone_and_a_copy_in_other_words_elsewhere_is_not_taken():
    old_text = _text(STORY)
    old = _anchor(old_text, "six months")  # a short phrase
    new_text = _text([STORY[0], "Nothing happened for six months in the village, people said."] + STORY[2:])
    placed = reanchor(new_text, old)
    assert placed.anchor is None and placed.method == "orphan"


def test_a_short_passage_moved_with_half_its_context_is_still_placed():
    old = _anchor(_text(STORY), "six months")
    moved = [STORY[0], "Engineers said that it was clear the bridge would need six months of repairs before trains could return."]
    placed = reanchor(_text(moved + STORY[2:]), old)
    assert placed.anchor is not None and placed.anchor.quote == "six months"


def test_a_deleted_passage_becomes_an_orphan():
    old_text = _text(STORY)
    old = _anchor(old_text)
    placed = reanchor(_text(STORY[:1] + STORY[2:]), old)
    assert placed.anchor is None and placed.method == "orphan"


def test_a_rewritten_passage_is_not_matched_to_something_merely_similar():
    old = _anchor(_text(STORY))
    rewritten = STORY[:1] + ["Engineers said repairs to the bridge could take half a year."] + STORY[2:]
    assert reanchor(_text(rewritten), old).anchor is None


def test_find_quote_reports_repeats_and_absence():
    text = "one two three. one two three."
    with pytest.raises(ValueError, match="2 times"):
        find_quote(text, "one two")
    assert find_quote(text, "one two", occurrence=2).start == 15
    with pytest.raises(ValueError, match="not in the article"):
        find_quote(text, "four")


# --- real files, edited, through the library ----------------------------------------------------


def _write_story(folder, paragraphs: list[str]) -> None:
    (folder / "story.txt").write_text("Harbour Council Counts the Cost of the Storm\n\n" + _text(paragraphs) + "\n",
                                      encoding="utf-8")


@pytest.fixture
def story(tmp_path, app_paths):
    """A library whose only source is one article file the test edits, with a bookmark on PASSAGE."""
    from reader_app.core.library import Library

    folder = tmp_path / "sources"
    folder.mkdir()
    _write_story(folder, STORY)
    lib = Library(app_paths, seeds=folder)
    lib.open()
    [row] = lib.list_articles()
    article = lib.article(row["id"])
    b = lib.bookmarks.add_quote(article, PASSAGE, note="repairs", tags=["rail"])
    yield lib, folder, b
    lib.close()


def _edit(lib, folder, paragraphs: list[str]):
    _write_story(folder, paragraphs)
    report = lib.open()
    assert report.updated == 1 or report.action in ("built", "rebuilt")
    return lib.bookmarks.get


def test_edited_file_text_inserted_before(story):
    lib, folder, b = story
    get = _edit(lib, folder, ["An editor's note now opens the story, several sentences long."] + STORY)
    now = get(b.id)
    article = lib.article(b.article_id)
    assert not now.orphan and article.text[now.start:now.end] == PASSAGE
    assert now.start > b.start and (now.note, now.tags) == ("repairs", ["rail"])
    assert lib.bookmarks_for(article)[0].start == now.start


def test_edited_file_word_changed_inside(story):
    lib, folder, b = story
    get = _edit(lib, folder, [p.replace("six months", "nine months") for p in STORY])
    now = get(b.id)
    assert not now.orphan and "nine months" in now.quote
    assert lib.article(b.article_id).text[now.start:now.end] == now.quote


def test_edited_file_passage_duplicated_keeps_the_original(story):
    lib, folder, b = story
    get = _edit(lib, folder, STORY + [f"In a statement, engineers repeated that {PASSAGE}."])
    now = get(b.id)
    assert not now.orphan and now.start == b.start


def test_edited_file_passage_deleted_becomes_an_orphan_and_is_kept(story):
    lib, folder, b = story
    get = _edit(lib, folder, STORY[:1] + STORY[2:])
    now = get(b.id)
    assert now.orphan and now.quote == PASSAGE and (now.note, now.tags) == ("repairs", ["rail"])
    assert lib.bookmarks.count() == 1
    # the passage comes back: the orphan is placed again
    get = _edit(lib, folder, STORY)
    assert not get(b.id).orphan and get(b.id).start == b.start


def test_removed_article_orphans_its_bookmarks(story):
    lib, folder, b = story
    (folder / "story.txt").unlink()
    lib.open()
    assert lib.bookmarks.get(b.id).orphan and lib.bookmarks.count() == 1


def test_index_schema_change_rebuilds_and_keeps_every_bookmark(story):
    """reader-meta.json names another schema: the index is rebuilt; bookmarks stay and are re-anchored."""
    import json

    lib, folder, b = story
    article = lib.article(b.article_id)
    more = [lib.bookmarks.add_quote(article, q) for q in ("storm damage", "new drought plan", "the treaty")]
    before = {x.id: x for x in lib.bookmarks.list()}
    lib.close()
    _write_story(folder, ["A correction was added at the top of this story."] + STORY)  # changed meanwhile
    meta_path = lib.paths.index / "reader-meta.json"
    meta = json.loads(meta_path.read_text())
    meta["schema"] = meta["schema"] + 1
    meta_path.write_text(json.dumps(meta))

    from reader_app.core.library import Library

    lib2 = Library(lib.paths, seeds=folder)
    try:
        report = lib2.open()
        assert report.action == "rebuilt"
        after = {x.id: x for x in lib2.bookmarks.list()}
        assert set(after) == set(before) == {b.id, *(m.id for m in more)}
        text = lib2.article(b.article_id).text
        for bid, old in before.items():
            assert not after[bid].orphan
            assert text[after[bid].start:after[bid].end] == old.quote
            assert after[bid].start > old.start  # moved with the inserted paragraph
            assert (after[bid].note, after[bid].tags, after[bid].created) == (old.note, old.tags, old.created)
    finally:
        lib2.close()
