"""A damaged bookmarks file: detected at open, kept aside, restored from the newest good backup, user told."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from reader_app.core.bookmarks import BookmarkStore


class _Article:
    """Just what the store needs of an article (the store is tested here without an index)."""

    def __init__(self, text: str, aid: str = "art1"):
        self.id, self.text = aid, text
        self.title, self.outlet, self.date, self.url = "A headline", "The Outlet", "2024-01-02", "https://example.org/a"


TEXT = "\n\n".join(f"Paragraph {n} talks about the river, the valley and the council budget number {n}."
                   for n in range(40))


def _fill(store: BookmarkStore, n: int, first: int = 0) -> list[str]:
    art = _Article(TEXT)
    ids = []
    for i in range(first, first + n):
        b = store.add_quote(art, f"budget number {i}.", note=f"note {i}", tags=[f"tag{i % 3}"])
        ids.append(b.id)
    return ids


def _page_size(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA page_size").fetchone()[0])
    finally:
        conn.close()


def _damage_pages(path: Path) -> None:
    """Random bytes over every page but the first (the schema stays readable, the data does not)."""
    size, page = path.stat().st_size, _page_size(path)
    assert size > page, "the test needs a database of more than one page"
    with open(path, "r+b") as fh:
        fh.seek(page)
        fh.write(os.urandom(size - page))


def _damage_header(path: Path) -> None:
    with open(path, "r+b") as fh:
        fh.write(os.urandom(100))


def _aside(app_paths) -> list[Path]:
    return sorted(app_paths.data.glob("bookmarks.sqlite3.damaged-*"))


def test_damaged_file_is_kept_aside_and_restored_from_the_newest_backup(app_paths):
    store = BookmarkStore(app_paths)
    saved = _fill(store, 30)
    store.db.backup()
    store.close()
    damaged_bytes_before = app_paths.bookmarks_db.read_bytes()
    _damage_pages(app_paths.bookmarks_db)

    store = BookmarkStore(app_paths)
    try:
        assert "damaged" in store.notice and "restored from the backup" in store.notice
        assert not store.read_only
        [aside] = [p for p in _aside(app_paths) if not p.name.endswith(("-wal", "-shm"))]
        assert aside.name in store.notice
        assert aside.stat().st_size == len(damaged_bytes_before)  # the damaged copy is kept as it was
        assert sorted(b.id for b in store.list()) == sorted(saved)
        assert store.get(saved[3]).note == "note 3" and store.get(saved[3]).tags == ["tag0"]
        _fill(store, 1, first=30)  # usable again
        assert store.db._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()
    again = BookmarkStore(app_paths)
    try:
        assert again.notice == "" and again.count() == 31
    finally:
        again.close()


def _zero_magic(path: Path) -> None:
    with open(path, "r+b") as fh:
        fh.write(b"\0" * 16)


def _page_size_bytes(value: bytes):
    def damage(path: Path) -> None:
        with open(path, "r+b") as fh:
            fh.seek(16)
            fh.write(value)
    damage.__name__ = f"page_size_{value.hex()}"
    return damage


HEADER_DAMAGE = [_zero_magic, _damage_header, _page_size_bytes(b"\0\0"), _page_size_bytes(b"\xff\xff"),
                 _page_size_bytes(b"\x02\x00"), _page_size_bytes(b"\x20\x00")]


@pytest.mark.parametrize("damage", HEADER_DAMAGE, ids=lambda d: d.__name__)
def test_bookmarks_newer_than_the_backup_are_rescued_when_only_the_header_is_damaged(app_paths, damage):
    """A user trial: 4 bookmarks, the first alone in a backup, the header damaged; 3 were lost unsaid."""
    store = BookmarkStore(app_paths, backup_at_close=False)  # as the command line: it never closes the store
    ids = _fill(store, 4)
    assert [g for _, _, g in store.db.backups()] == [1]  # the first bookmark is backed up, the others not yet
    store.update(ids[0], note="edited after the backup")
    store.close()
    damage(app_paths.bookmarks_db)
    store = BookmarkStore(app_paths)
    try:
        assert sorted(b.id for b in store.list()) == sorted(ids)
        assert store.get(ids[2]).note == "note 2" and store.get(ids[2]).tags == ["tag2"]
        assert store.get(ids[0]).note == "edited after the backup"  # the later edit, not the backup's
        assert "(1 bookmark);" in store.notice and "3 more were rescued" in store.notice
        assert "1 bookmark edited since the backup kept the latest edit" in store.notice
        assert "may be lost" not in store.notice
        assert store.db._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        newest = store.db.backups()[0][0]  # what was rescued is in no backup yet: one is taken at once
        conn = sqlite3.connect(f"{newest.as_uri()}?mode=ro", uri=True)
        try:
            assert conn.execute("SELECT count(*) FROM bookmarks").fetchone()[0] == 4
        finally:
            conn.close()
    finally:
        store.close()


@pytest.mark.parametrize("page_size", [512, 1024, 8192, 65536])
def test_the_page_size_of_a_file_whose_header_is_gone_is_found(tmp_path, page_size):
    from reader_app.core.bookmarks.rescue import probe_page_sizes

    path = tmp_path / "t.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA page_size = {page_size}")
    conn.execute("CREATE TABLE t (a TEXT, b INTEGER)")
    conn.execute("CREATE INDEX t_b ON t (b)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", [(f"row {n} " * 20, n) for n in range(400)])
    conn.commit()
    conn.close()
    _damage_header(path)
    assert probe_page_sizes(path)[0] == page_size


def test_a_file_that_cannot_be_read_at_all_says_what_may_be_lost_and_where_it_is(app_paths):
    store = BookmarkStore(app_paths, backup_at_close=False)
    first = _fill(store, 5)[0]
    _fill(store, 30, first=5)
    store.close()
    _damage_pages(app_paths.bookmarks_db)
    _damage_header(app_paths.bookmarks_db)
    store = BookmarkStore(app_paths)
    try:
        assert [b.id for b in store.list()] == [first]
        assert "saved or edited after the backup of" in store.notice and "may be lost" in store.notice
        assert str(app_paths.bookmarks_db.parent) in store.notice and _aside(app_paths)[0].name in store.notice
    finally:
        store.close()


def test_bookmarks_still_in_the_write_ahead_log_are_rescued_under_a_damaged_header(app_paths, tmp_path):
    """A process killed with bookmarks in the log only: the log is moved aside with the file and read."""
    import shutil

    store = BookmarkStore(app_paths, backup_at_close=False)  # a killed process backs nothing up
    ids = _fill(store, 4)
    reader = sqlite3.connect(app_paths.bookmarks_db, isolation_level=None)  # another instance, mid-read:
    reader.execute("BEGIN")  # every write is checkpointed, but not past what a reader still reads
    reader.execute("SELECT count(*) FROM bookmarks").fetchone()
    store.update(ids[1], note="only in the log")
    ids += _fill(store, 2, first=4)
    wal = Path(str(app_paths.bookmarks_db) + "-wal")
    assert wal.stat().st_size > 0
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for f in (app_paths.bookmarks_db, wal):  # the files as a killed process leaves them
        shutil.copyfile(f, crashed / f.name)
    reader.close()
    store.close()
    for f in (app_paths.bookmarks_db, wal):
        shutil.copyfile(crashed / f.name, f)
    _damage_header(app_paths.bookmarks_db)
    store = BookmarkStore(app_paths)
    try:
        assert sorted(b.id for b in store.list()) == sorted(ids)
        assert store.get(ids[1]).note == "only in the log"
        assert "may be lost" not in store.notice
    finally:
        store.close()


def test_a_damaged_newest_backup_is_skipped_for_an_older_good_one(app_paths):
    store = BookmarkStore(app_paths, backup_every=10_000)
    old = _fill(store, 10)
    good = store.db.backup()
    _fill(store, 10, first=10)
    bad = store.db.backup()
    store.close()
    assert bad.name > good.name
    _damage_pages(bad)
    _damage_pages(app_paths.bookmarks_db)
    store = BookmarkStore(app_paths)
    try:
        assert {b.id for b in store.list()} >= set(old)
        assert "restored from the backup" in store.notice
    finally:
        store.close()


def test_damage_without_any_backup_starts_afresh_and_says_so(app_paths):
    store = BookmarkStore(app_paths, backup_every=10_000)
    _fill(store, 30)
    store.close()
    for b in app_paths.backups.glob("*"):
        b.unlink()
    _damage_pages(app_paths.bookmarks_db)
    store = BookmarkStore(app_paths)
    try:
        assert "no backup was found" in store.notice
        assert _aside(app_paths)
        _fill(store, 1, first=39)
        assert store.count() >= 1
    finally:
        store.close()


def test_automatic_backups_follow_writes_and_are_rotated(app_paths):
    store = BookmarkStore(app_paths, backup_every=5, keep_backups=3)
    try:
        assert store.db.backups() == []  # nothing written, nothing to back up
        _fill(store, 1)
        assert [g for _, _, g in store.db.backups()] == [1]  # the first bookmark is backed up at once
        _fill(store, 4, first=1)
        assert len(store.db.backups()) == 1
        _fill(store, 20, first=5)
        backups = store.db.backups()
        assert len(backups) == 3  # rotated
        assert [g for _, _, g in backups] == [21, 16, 11]  # every 5 writes
        newest = backups[0][0]
        conn = sqlite3.connect(f"{newest.as_uri()}?mode=ro", uri=True)
        try:
            assert conn.execute("SELECT count(*) FROM bookmarks").fetchone()[0] == 21
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
        finally:
            conn.close()
    finally:
        store.close()


def test_a_backup_is_taken_at_open_when_the_last_one_is_old(app_paths):
    store = BookmarkStore(app_paths, backup_every=10_000, backup_at_close=False)
    _fill(store, 3)
    assert [g for _, _, g in store.db.backups()] == [1]
    store.close()
    store = BookmarkStore(app_paths, backup_every=10_000, backup_age=0.0)
    try:
        assert [g for _, _, g in store.db.backups()] == [3, 1]
    finally:
        store.close()


def test_a_restored_bookmark_of_an_article_removed_since_is_an_orphan(app_paths, tmp_path):
    """A user trial: the backup named an article removed since, and the restored bookmark did not say so."""
    from reader_app.core.library import Library

    src = tmp_path / "ferry.txt"
    src.write_text("Ferry terminal to open in spring\n\nThe harbour authority said the new ferry terminal would "
                   "open next spring.\n", encoding="utf-8")
    lib = Library(app_paths)
    lib.open()
    aid = lib.import_paths([src]).added[0][1]
    mark = lib.bookmarks.add(lib.article(aid), 0, 20)
    seed = lib.bookmarks.add(lib.article(lib.list_articles()[0]["id"]), 0, 10)
    lib.bookmarks.db.backup()
    lib.remove(aid)
    assert lib.bookmarks.get(mark.id).orphan
    taken = set(app_paths.backups.iterdir())
    lib.close()
    for made_at_close in set(app_paths.backups.iterdir()) - taken:  # as if the window had been killed
        made_at_close.unlink()
    _damage_pages(app_paths.bookmarks_db)
    lib = Library(app_paths)
    try:
        lib.open()
        assert "restored from the backup" in lib.bookmarks.notice
        assert lib.bookmarks.get(mark.id).orphan and not lib.bookmarks.get(seed.id).orphan
    finally:
        lib.close()


def test_a_store_changed_since_the_newest_backup_is_backed_up_when_closed(app_paths):
    """A trial lost 3 of 4 bookmarks saved after the last backup; the window closes the store when it quits."""
    store = BookmarkStore(app_paths)
    ids = _fill(store, 4)
    assert [g for _, _, g in store.db.backups()] == [1]
    store.close()
    assert [g for _, _, g in store.db.backups()] == [4, 1]
    store = BookmarkStore(app_paths)
    store.close()  # nothing changed: no backup
    assert [g for _, _, g in store.db.backups()] == [4, 1]
    _damage_pages(app_paths.bookmarks_db)
    store = BookmarkStore(app_paths)
    try:
        assert sorted(b.id for b in store.list()) == sorted(ids)
    finally:
        store.close()


@pytest.mark.parametrize("damage", [_damage_pages, _damage_header])
def test_library_reports_the_repair_through_its_store(app_paths, damage):
    from reader_app.core.library import Library

    lib = Library(app_paths)
    lib.open()
    art = lib.article(lib.list_articles()[0]["id"])
    ids = [lib.bookmarks.add(art, 0, 30 + n).id for n in range(30)]
    lib.bookmarks.db.backup()
    lib.close()
    damage(app_paths.bookmarks_db)
    lib = Library(app_paths)
    try:
        lib.open()
        assert "damaged" in lib.bookmarks.notice
        assert {b.id for b in lib.bookmarks.list()} == set(ids)
    finally:
        lib.close()


@pytest.mark.parametrize("thing", ["folder", "pipe"])
def test_a_folder_or_a_pipe_in_place_of_the_file_is_set_aside_and_the_backup_restored(app_paths, thing):
    """A trial: the window said nothing and showed no bookmarks, the command line 'unable to open database
    file', although good backups were there."""
    store = BookmarkStore(app_paths)
    ids = _fill(store, 3)
    store.close()  # backed up at close
    db = app_paths.bookmarks_db
    db.unlink()
    Path(str(db) + "-wal").unlink(missing_ok=True)
    if thing == "folder":
        db.mkdir()
    else:
        os.mkfifo(db)
    store = BookmarkStore(app_paths)
    try:
        assert sorted(b.id for b in store.list()) == sorted(ids)
        assert "was not a file" in store.notice and "restored from the backup" in store.notice
        assert db.is_file() and not store.read_only
        assert [p for p in db.parent.iterdir() if p.name.startswith(db.name + ".damaged-")]
    finally:
        store.close()
