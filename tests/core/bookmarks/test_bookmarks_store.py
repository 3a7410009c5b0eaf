"""The bookmark store on a real SQLite file: adding, finding, editing, deleting, durability settings, schema."""

from __future__ import annotations

import sqlite3

import pytest

from reader_app.core.bookmarks import BookmarkError, BookmarkNotFound, BookmarkStore, normalise_tags
from reader_app.core.bookmarks.database import MIGRATIONS, SCHEMA_VERSION


@pytest.fixture
def article(library):
    """The seed article about troops leaving Armenia (no URL, outlet and year known)."""
    row = next(d for d in library.list_articles() if d["title"].startswith("Russia Agrees"))
    return library.article(row["id"])


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def test_add_keeps_quote_context_offsets_hash_and_article_details(library, article):
    store = library.bookmarks
    start, end = _span(article.text, "months of spiraling tensions")
    b = store.add(article, start, end, note="  why now?  ", tags=["#russia", "Armenia", "russia", "  two  words "])
    assert b.quote == "months of spiraling tensions"
    assert (b.start, b.end) == (start, end)
    assert b.prefix == article.text[start - 32:start] and b.suffix == article.text[end:end + 32]
    assert len(b.text_hash) == 64
    assert b.note == "why now?"
    assert b.tags == ["russia", "Armenia", "two words"]
    assert (b.title, b.outlet, b.date) == (article.title, article.outlet, article.date)
    assert b.created == b.updated and not b.orphan
    assert store.get(b.id) == b
    assert store.get(b.id[:5]) == b  # a unique prefix is enough


def test_selection_with_surrounding_white_space_is_trimmed(library, article):
    start, end = _span(article.text, "Yerevan, a traditional partner")
    b = library.bookmarks.add(article, start - 2, end + 1)  # the blank line before, the comma's space after
    assert b.quote == "Yerevan, a traditional partner" and b.start == start


def test_bad_ranges_and_quotes_are_one_line_errors(library, article):
    store = library.bookmarks
    with pytest.raises(BookmarkError, match="no passage"):
        store.add(article, 10, 10_000_000)
    with pytest.raises(BookmarkError, match="white space"):
        store.add(article, *_span(article.text, "\n\n"))
    with pytest.raises(BookmarkError, match="not in the article"):
        store.add_quote(article, "words that this article never says")
    with pytest.raises(BookmarkNotFound):
        store.get("ffffffffffff")
    assert store.count() == 0


def test_add_quote_ignores_white_space_and_needs_an_occurrence_when_repeated(library, article):
    store = library.bookmarks
    b = store.add_quote(article, "the   Kremlin\nsaid on Thursday")
    assert b.quote == "the Kremlin said on Thursday"
    repeated = "Armenia"
    assert article.text.count(repeated) > 1
    with pytest.raises(BookmarkError, match="occurs"):
        store.add_quote(article, repeated)
    second = store.add_quote(article, repeated, occurrence=2)
    assert second.start == article.text.index(repeated, article.text.index(repeated) + 1)


def test_list_is_newest_first_and_filters_by_article_tag_and_text(library, article):
    store = library.bookmarks
    other = library.article(next(d["id"] for d in library.list_articles() if d["id"] != article.id))
    a = store.add_quote(article, "the Kremlin said on Thursday", note="first", tags=["kremlin"])
    b = store.add(other, 0, 40, note="about 100% of it", tags=["Kremlin", "other"])
    c = store.add_quote(article, "months of spiraling tensions", tags=["tension"])
    assert [x.id for x in store.list()] == [c.id, b.id, a.id]
    assert [x.id for x in store.list(article_id=article.id)] == [c.id, a.id]
    assert {x.id for x in store.list(tag="KREMLIN")} == {a.id, b.id}
    assert [x.id for x in store.list(tag="#other")] == [b.id]
    assert [x.id for x in store.list(text="spiraling")] == [c.id]
    assert [x.id for x in store.list(text="first")] == [a.id]  # notes are searched too
    assert [x.id for x in store.list(text="100%")] == [b.id]  # LIKE wildcards are literal
    assert store.list(text="_") == []
    assert store.list(tag="kremlin", text="Thursday")[0].id == a.id
    assert dict(store.tags())["tension"] == 1
    assert store.article_ids() == sorted({article.id, other.id})
    assert store.count() == 3


def test_update_changes_note_and_tags_only(library, article):
    store = library.bookmarks
    b = store.add_quote(article, "the Kremlin said on Thursday", note="old", tags=["a", "b"])
    changed = store.update(b.id, note="new note")
    assert changed.note == "new note" and changed.tags == ["a", "b"] and changed.updated > b.updated
    changed = store.update(b.id, tags=["c"])
    assert changed.note == "new note" and changed.tags == ["c"]
    again = store.get(b.id)
    assert (again.note, again.tags, again.quote, again.start, again.created) == \
           ("new note", ["c"], b.quote, b.start, b.created)
    assert store.list(tag="a") == []


def test_delete_then_restore_puts_back_every_field(library, article):
    store = library.bookmarks
    b = store.add_quote(article, "the Kremlin said on Thursday", note="n", tags=["x", "y"])
    gone = store.delete(b.id)
    assert gone == b and store.count() == 0 and store.list(tag="x") == []
    with pytest.raises(BookmarkNotFound):
        store.get(b.id)
    store.restore(gone)
    store.restore(gone)  # twice is harmless
    assert store.list() == [b]


def test_bookmarks_survive_reopening(app_paths, library, article):
    b = library.bookmarks.add_quote(article, "the Kremlin said on Thursday", note="kept", tags=["t"])
    library.close()
    store = BookmarkStore(app_paths)
    try:
        assert store.list() == [b] and store.notice == ""
    finally:
        store.close()


def test_connection_is_durable_wal_full_sync_busy_timeout(library, article):
    store = library.bookmarks
    store.add_quote(article, "the Kremlin said on Thursday")
    conn = store.db._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    # the setting is on the file too: another connection sees WAL
    other = sqlite3.connect(library.paths.bookmarks_db)
    try:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert other.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        other.close()


def test_committed_write_is_visible_to_another_process_connection(library, article):
    """A returned add() is committed: a fresh connection (as after a crash) reads it, WAL file included."""
    b = library.bookmarks.add_quote(article, "the Kremlin said on Thursday")
    conn = sqlite3.connect(library.paths.bookmarks_db)
    try:
        assert conn.execute("SELECT quote FROM bookmarks WHERE id = ?", (b.id,)).fetchone() == (b.quote,)
    finally:
        conn.close()


def test_version_1_database_is_migrated_keeping_its_rows(app_paths):
    app_paths.data.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(app_paths.bookmarks_db)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("INSERT INTO bookmarks (id, article_id, quote, prefix, suffix, pos_start, pos_end, text_hash, note, "
                 "created, updated) VALUES ('b1', 'a1', 'a quote', 'before ', ' after', 5, 12, 'h', 'a note', "
                 "'2020-01-01T00:00:00+00:00', '2020-01-01T00:00:00+00:00')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    store = BookmarkStore(app_paths)
    try:
        [b] = store.list()
        assert (b.id, b.quote, b.note, b.start, b.end, b.prefix) == ("b1", "a quote", "a note", 5, 12, "before ")
        assert b.tags == [] and b.orphan is False and b.title == "" and b.outlet is None
        assert store.db._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        store.update("b1", tags=["new"])  # the tables added by the migration work
        assert store.get("b1").tags == ["new"]
    finally:
        store.close()


def test_newer_schema_is_opened_read_only_with_a_notice(app_paths, library, article):
    library.bookmarks.add_quote(article, "the Kremlin said on Thursday")
    library.close()
    conn = sqlite3.connect(app_paths.bookmarks_db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    store = BookmarkStore(app_paths)
    try:
        assert store.read_only and "newer" in store.notice
        assert store.count() == 1
        with pytest.raises(BookmarkError, match="newer reader-app"):
            store.update(store.list()[0].id, note="x")
    finally:
        store.close()


@pytest.mark.parametrize("bad", ["a,b", "x" * 201, "bell\x07"])
def test_a_tag_that_breaks_the_rule_is_refused_and_mended_on_import(bad):
    """One rule for tags everywhere (model.tag_problem): refused where typed, mended where an older export
    holds it, so an export always comes back in."""
    from reader_app.core.bookmarks.model import mend_tags

    with pytest.raises(BookmarkError):
        normalise_tags(["ok", bad])
    tags, changed = mend_tags(["ok", bad])
    assert tags[0] == "ok" and len(tags) >= 2 and len(changed) == 1
    normalise_tags(tags)  # what mending leaves follows the rule
