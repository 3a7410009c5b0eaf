"""A damaged write-ahead log (bookmarks.sqlite3-wal) never loses a saved bookmark unsaid.

SQLite replays the log up to the first frame whose checksum fails and drops the rest without a word. Each
test leaves the files as a killed process does while another reader-app was reading (so the saves were still
in the log, not yet in the database file), damages the log as a disk or a careless copy would, opens the store
and checks what the user is told and which bookmarks are there.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reader_app.core.bookmarks import BookmarkStore
from reader_app.core.bookmarks.wal import FRAME_HEADER, WAL_HEADER, check_log
from tests.core.bookmarks.test_bookmarks_damage import _fill

PER_SAVE = 7  # frames one bookmark's save writes: meta, the table and its two indexes, tags and their two


def _wal(db: Path) -> Path:
    return Path(f"{db}-wal")


def _shm(db: Path) -> Path:
    return Path(f"{db}-shm")


def _aside(app_paths) -> list[Path]:
    return sorted(p for p in app_paths.data.glob("bookmarks.sqlite3.damaged-*") if not p.name.endswith(("-wal", "-shm")))


def _reading(db: Path) -> sqlite3.Connection:
    """Another reader-app in the middle of a read: the store's checkpoints cannot copy the log past it."""
    reader = sqlite3.connect(db, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM bookmarks").fetchone()
    return reader


def _crash(app_paths, tmp_path, before: int = 2, in_log: int = 3, first: int = 0,
           shm: bool = True) -> tuple[list[str], list[str]]:
    """`before` bookmarks in the database file, then `in_log` saved while another process was reading, and
    the files left as a kill leaves them (with the -shm unless `shm` is false). Returns both lists of ids."""
    db = app_paths.bookmarks_db
    store = BookmarkStore(app_paths, backup_at_close=False)
    kept = _fill(store, before, first=first)
    reader = _reading(db)
    logged = _fill(store, in_log, first=first + before)
    assert _wal(db).stat().st_size == WAL_HEADER + in_log * PER_SAVE * (FRAME_HEADER + 4096)
    crashed = tmp_path / "crashed"
    shutil.rmtree(crashed, ignore_errors=True)
    crashed.mkdir(parents=True)
    for f in (db, _wal(db), _shm(db)):
        shutil.copyfile(f, crashed / f.name)
    reader.close()
    store.close()
    for f in (db, _wal(db), _shm(db)):
        f.unlink(missing_ok=True)
        if f != _shm(db) or shm:
            shutil.copyfile(crashed / f.name, f)
    return kept, logged


def _flip(wal: Path, frame: int, at: int = 1000) -> None:
    """Change one byte of the page in frame `frame` (from 1)."""
    offset = WAL_HEADER + (frame - 1) * (FRAME_HEADER + 4096) + FRAME_HEADER + at
    with open(wal, "r+b") as fh:
        fh.seek(offset)
        byte = fh.read(1)
        fh.seek(offset)
        fh.write(bytes([byte[0] ^ 0x5A]))


def _frame_of(wal: Path, save: int, page: int) -> int:
    """The frame of save `save` (from 1, within the log) holding page `page`."""
    check = check_log(Path(str(wal)[:-4]))
    assert check is not None
    frames = check.frames[(save - 1) * PER_SAVE:save * PER_SAVE]
    return next(f.number for f in frames if f.page == page)


def _table_page(db: Path, name: str) -> int:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0])
    finally:
        conn.close()


def _open(app_paths) -> BookmarkStore:
    return BookmarkStore(app_paths)


def _ids(store: BookmarkStore) -> set[str]:
    return {b.id for b in store.list()}


def test_without_damage_a_log_left_by_a_kill_is_replayed_and_nothing_is_said(app_paths, tmp_path):
    kept, logged = _crash(app_paths, tmp_path)
    store = _open(app_paths)
    try:
        assert store.notice == ""
        assert _ids(store) == set(kept + logged)
        assert not _aside(app_paths)
    finally:
        store.close()


def test_every_save_empties_the_log_into_the_database_file(app_paths, tmp_path):
    store = BookmarkStore(app_paths)
    try:
        _fill(store, 3)
        assert _wal(app_paths.bookmarks_db).stat().st_size == 0  # a damaged log can cost nothing now
        alone = tmp_path / "alone.sqlite3"
        shutil.copyfile(app_paths.bookmarks_db, alone)  # the file alone holds them
        conn = sqlite3.connect(alone)
        try:
            assert conn.execute("SELECT count(*) FROM bookmarks").fetchone()[0] == 3
        finally:
            conn.close()
    finally:
        store.close()


def test_a_byte_changed_in_the_last_frame_is_told_and_every_bookmark_read_back(app_paths, tmp_path):
    """The user trial: SQLite dropped the last save whole; its bookmark row is in an earlier, sound frame."""
    kept, logged = _crash(app_paths, tmp_path)
    wal = _wal(app_paths.bookmarks_db)
    _flip(wal, 3 * PER_SAVE)
    store = _open(app_paths)
    try:
        assert _ids(store) == set(kept + logged)
        assert store.get(logged[2]).note == "note 4"
        notice = store.notice
        assert "bookmarks log (bookmarks.sqlite3-wal) was damaged: frame 21 of the 21 committed is damaged" in notice
        [aside] = _aside(app_paths)
        assert f"kept as {aside.name}-wal, with the database as {aside.name}, in {app_paths.data}" in notice
        assert "read back from it: 1 bookmark added" in notice
        assert "Part of it could not be read: tags or deletions saved after" in notice
        crashed = (tmp_path / "crashed" / wal.name).read_bytes()
        assert Path(f"{aside}-wal").read_bytes() != crashed  # the damaged log is kept as it was found...
        assert len(Path(f"{aside}-wal").read_bytes()) == len(crashed)  # ...one byte away from the sound one
        assert wal.stat().st_size == 0  # the damaged log is emptied: the next open has nothing to say
    finally:
        store.close()
    again = _open(app_paths)
    try:
        assert again.notice == "" and _ids(again) == set(kept + logged)
    finally:
        again.close()


def test_a_byte_changed_in_a_middle_frame_is_told_and_every_save_read_back(app_paths, tmp_path):
    """Every page of the damaged frame was written again by a later save: the log's last state reads whole."""
    kept, logged = _crash(app_paths, tmp_path)
    db = app_paths.bookmarks_db
    _flip(_wal(db), _frame_of(_wal(db), 2, _table_page(db, "bookmarks")))
    store = _open(app_paths)
    try:
        assert _ids(store) == set(kept + logged)
        assert [store.get(b).tags for b in logged] == [["tag2"], ["tag0"], ["tag1"]]
        assert "was damaged: frame 9 of the 21 committed is damaged" in store.notice
        assert "every save it held was read back (2 bookmarks added)" in store.notice
        assert store.db._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()


def test_the_last_save_of_a_bookmark_lost_with_its_page_is_counted(app_paths, tmp_path):
    """The damaged frame held the only copy of the bookmark row: the user is told one save may be lost."""
    kept, logged = _crash(app_paths, tmp_path)
    db = app_paths.bookmarks_db
    _flip(_wal(db), _frame_of(_wal(db), 3, _table_page(db, "bookmarks")))
    store = _open(app_paths)
    try:
        assert _ids(store) == set(kept + logged[:2])
        assert "was damaged: frame 16 of the 21 committed is damaged" in store.notice
        assert "1 bookmark save (a bookmark added, edited or deleted) made after" in store.notice
        assert "may be lost" in store.notice
    finally:
        store.close()


def test_a_log_cut_short_mid_frame_is_told_and_what_it_still_holds_read_back(app_paths, tmp_path):
    kept, logged = _crash(app_paths, tmp_path)
    wal = _wal(app_paths.bookmarks_db)
    with open(wal, "r+b") as fh:  # the last save's tag pages and commit frame are gone
        fh.truncate(WAL_HEADER + (2 * PER_SAVE + 4) * (FRAME_HEADER + 4096) + 1000)
    store = _open(app_paths)
    try:
        assert _ids(store) == set(kept + logged)  # the row was in a frame that is still whole
        assert store.get(logged[2]).note == "note 4"
        assert "was damaged: it is cut short: 18 of the 21 frames committed are there" in store.notice
        assert "read back from it: 1 bookmark added" in store.notice
    finally:
        store.close()


def test_a_log_of_garbage_is_set_aside_and_what_may_be_lost_said(app_paths, tmp_path):
    kept, logged = _crash(app_paths, tmp_path)
    wal = _wal(app_paths.bookmarks_db)
    wal.write_bytes(os.urandom(wal.stat().st_size))
    store = _open(app_paths)
    try:
        assert _ids(store) == set(kept)  # the saves only the log held cannot be read back
        assert "was damaged: its header is unreadable, so none of it is used" in store.notice
        assert "bookmarks saved, edited or deleted after" in store.notice and "may be lost" in store.notice
        assert _aside(app_paths)
    finally:
        store.close()


@pytest.mark.parametrize("shm", [True, False], ids=["with-shm", "without-shm"])
def test_a_log_from_another_database_is_never_read_into_this_one(app_paths, tmp_path, shm):
    """SQLite itself would replay it: without the check the other database's bookmarks took the place of these."""
    from reader_app import paths

    other = paths.resolve(tmp_path / "other")
    theirs, their_logged = _crash(other, tmp_path / "o", first=20)
    kept, logged = _crash(app_paths, tmp_path, shm=shm)
    shutil.copyfile(_wal(other.bookmarks_db), _wal(app_paths.bookmarks_db))  # over this one's
    store = _open(app_paths)
    try:
        assert _ids(store) == set(kept)
        assert not _ids(store) & set(theirs + their_logged)
        assert "was damaged: it is not this database's log (its pages carry another database's id)" in store.notice
        assert "bookmarks saved, edited or deleted after" in store.notice
        assert store.db._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()


# --- no false alarms --------------------------------------------------------------------------


def test_an_empty_log_says_nothing(app_paths):
    store = BookmarkStore(app_paths)
    ids = _fill(store, 2)
    store.close()
    _wal(app_paths.bookmarks_db).write_bytes(b"")
    store = _open(app_paths)
    try:
        assert store.notice == "" and _ids(store) == set(ids)
    finally:
        store.close()


def test_a_log_cut_mid_frame_by_a_kill_while_writing_says_nothing(app_paths, tmp_path):
    """A kill between a frame's header and its page leaves a short last frame of a save never confirmed."""
    kept, logged = _crash(app_paths, tmp_path, shm=False)
    wal = _wal(app_paths.bookmarks_db)
    with open(wal, "r+b") as fh:
        fh.truncate(WAL_HEADER + (2 * PER_SAVE + 4) * (FRAME_HEADER + 4096) + FRAME_HEADER)
    store = _open(app_paths)
    try:
        assert store.notice == "" and _ids(store) == set(kept + logged[:2])
    finally:
        store.close()


@pytest.mark.parametrize("shm", [True, False], ids=["with-shm", "without-shm"])
def test_frames_of_an_earlier_generation_after_the_valid_ones_say_nothing(app_paths, tmp_path, shm):
    """A log started afresh (new salts) over a longer one: SQLite rightly ignores the older frames after it."""
    db = app_paths.bookmarks_db
    store = BookmarkStore(app_paths, backup_at_close=False)
    reader = _reading(db)
    first = _fill(store, 3)
    reader.close()
    other = sqlite3.connect(db, isolation_level=None)  # another reader-app's automatic checkpoint: PASSIVE
    assert other.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone() == (0, 3 * PER_SAVE, 3 * PER_SAVE)
    reader = _reading(db)  # (reads the database file: the log is copied whole)
    last = _fill(store, 1, first=3)  # the log starts again from its first frame
    check = check_log(db)
    assert check is not None and check.used == PER_SAVE and len(check.frames) == 3 * PER_SAVE
    assert not check.frames[PER_SAVE].current
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for f in (db, _wal(db), _shm(db)):
        shutil.copyfile(f, crashed / f.name)
    reader.close()
    other.close()
    store.close()
    for f in (db, _wal(db), _shm(db)):
        f.unlink(missing_ok=True)
        if f != _shm(db) or shm:
            shutil.copyfile(crashed / f.name, f)
    store = _open(app_paths)
    try:
        assert store.notice == "" and _ids(store) == set(first + last)
    finally:
        store.close()


def test_the_live_log_of_a_running_second_instance_says_nothing(app_paths):
    store = BookmarkStore(app_paths)
    ids = _fill(store, 2)
    store.close()
    script = ("import sqlite3, sys\n"
              "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
              "c.execute('BEGIN'); c.execute('SELECT count(*) FROM bookmarks').fetchone()\n"
              "print('reading', flush=True); sys.stdin.read()\n")
    second = subprocess.Popen([sys.executable, "-c", script, str(app_paths.bookmarks_db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert second.stdout is not None and second.stdout.readline() == "reading\n"
        store = BookmarkStore(app_paths)
        ids += _fill(store, 2, first=2)
        store.close()  # the second instance still reads: the log stays
        assert _wal(app_paths.bookmarks_db).stat().st_size > 0
        store = _open(app_paths)
        try:
            assert store.notice == "" and _ids(store) == set(ids)
        finally:
            store.close()
    finally:
        assert second.stdin is not None
        second.stdin.close()
        second.wait(timeout=30)


# --- a log or an index that is not a file: never read through, never waited on ---------------------------


def _files_holding(folder: Path, text: bytes) -> list[Path]:
    """Regular files (links not followed) under `folder` whose bytes hold `text`."""
    return [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and text in p.read_bytes()]


def test_a_log_that_is_a_link_is_moved_aside_as_a_link_and_its_target_never_copied(app_paths, tmp_path):
    """The attack trial: -wal a link to a secret file once gave a world-readable copy of it in the data folder."""
    kept, _ = _crash(app_paths, tmp_path)
    secret = tmp_path / "secret"
    secret.write_bytes(b"root:SECRET-HASH:19000:0:99999:7:::\n" * 200)
    wal = _wal(app_paths.bookmarks_db)
    wal.unlink()
    wal.symlink_to(secret)
    store = _open(app_paths)
    try:
        assert f"bookmarks.sqlite3-wal) was not a file: it was a link to {secret}" in store.notice
        assert "may be lost" in store.notice
        assert set(kept) <= _ids(store)
        assert not _files_holding(app_paths.data, b"SECRET-HASH")
        [aside] = _aside(app_paths)
        assert Path(f"{aside}-wal").is_symlink() and os.readlink(f"{aside}-wal") == str(secret)
        assert not os.path.lexists(wal) or not wal.is_symlink()
        _fill(store, 1, first=30)  # and the bookmarks work on
    finally:
        store.close()
    assert secret.read_bytes().startswith(b"root:SECRET-HASH")


_OPEN_AND_LIST = ("import sys\n"
                  "from reader_app import paths\n"
                  "from reader_app.core.bookmarks import BookmarkStore\n"
                  "s = BookmarkStore(paths.resolve(sys.argv[1]))\n"
                  "print(len(s.list())); print(s.notice)\n")


@pytest.mark.parametrize("odd", ["fifo", "dev-zero"])
def test_a_log_that_is_a_fifo_or_a_link_to_a_device_answers_at_once(app_paths, tmp_path, odd):
    """Reading a FIFO waits for a writer for ever; /dev/zero never ends: either hung `bookmarks list`."""
    kept, _ = _crash(app_paths, tmp_path)
    wal = _wal(app_paths.bookmarks_db)
    wal.unlink()
    if odd == "fifo":
        os.mkfifo(wal)
    else:
        wal.symlink_to("/dev/zero")
    done = subprocess.run([sys.executable, "-c", _OPEN_AND_LIST, str(app_paths.data)], capture_output=True,
                          text=True, timeout=60, cwd=Path(__file__).parents[3])
    assert done.returncode == 0, done.stderr
    count, notice = done.stdout.split("\n", 1)
    assert int(count) == len(kept)
    kind = "a FIFO" if odd == "fifo" else "a link to /dev/zero"
    assert f"The bookmarks log (bookmarks.sqlite3-wal) was not a file: it was {kind}" in notice
    [aside] = _aside(app_paths)
    assert Path(f"{aside}-wal").is_fifo() if odd == "fifo" else Path(f"{aside}-wal").is_symlink()


@pytest.mark.parametrize("size", [0, 10])
def test_a_log_emptied_or_cut_in_its_header_after_commits_is_told(app_paths, tmp_path, size):
    """The -shm says frames were committed; a log of 0 or 10 bytes holds none of them: said, copies kept."""
    kept, logged = _crash(app_paths, tmp_path, before=1, in_log=5)
    wal = _wal(app_paths.bookmarks_db)
    with open(wal, "r+b") as fh:
        fh.truncate(size)
    check = check_log(app_paths.bookmarks_db)
    assert check is not None and check.damaged and check.committed == 5 * PER_SAVE
    store = _open(app_paths)
    try:
        assert "bookmarks.sqlite3-wal) was damaged" in store.notice and "may be lost" in store.notice
        assert f"{5 * PER_SAVE} frames were committed" in store.notice
        assert _ids(store) == set(kept)  # the saves only the log held are gone, and that is said
        [aside] = _aside(app_paths)
        assert Path(f"{aside}-wal").stat().st_size == size and Path(f"{aside}-shm").exists()
    finally:
        store.close()


@pytest.mark.parametrize("odd", ["folder", "dangling-link"])
def test_a_log_that_is_a_folder_or_a_dangling_link_is_named_and_moved_aside(app_paths, tmp_path, odd):
    """Was: "cannot open the bookmarks: unable to open database file", naming neither the log nor the fault."""
    kept, _ = _crash(app_paths, tmp_path)
    wal = _wal(app_paths.bookmarks_db)
    wal.unlink()
    if odd == "folder":
        wal.mkdir()
    else:
        wal.symlink_to(tmp_path / "nowhere")
    store = _open(app_paths)
    try:
        kind = "a folder" if odd == "folder" else f"a link to {tmp_path / 'nowhere'}, which does not exist"
        assert f"bookmarks.sqlite3-wal) was not a file: it was {kind}" in store.notice
        assert set(kept) <= _ids(store)
        _fill(store, 1, first=30)
    finally:
        store.close()
    [aside] = _aside(app_paths)
    assert os.path.lexists(f"{aside}-wal")


def test_an_index_that_is_a_link_is_never_written_through(app_paths, tmp_path):
    """SQLite writes into the -shm (and truncates it when it opens it first): through a link, into its target."""
    kept, logged = _crash(app_paths, tmp_path)
    secret = tmp_path / "secret"
    secret.write_bytes(b"SECRET" * 2000)
    shm = _shm(app_paths.bookmarks_db)
    shm.unlink()
    shm.symlink_to(secret)
    store = _open(app_paths)
    try:
        assert "bookmarks.sqlite3-shm) was not a file: it was a link to" in store.notice
        assert _ids(store) == set(kept + logged)  # the log itself is sound: read whole
        _fill(store, 1, first=30)
    finally:
        store.close()
    assert secret.read_bytes() == b"SECRET" * 2000
    assert not _files_holding(app_paths.data, b"SECRETSECRET")


# --- a damaged header over sound frames -------------------------------------------------------------------


def _change_header_salt(wal: Path) -> None:
    with open(wal, "r+b") as fh:
        fh.seek(20)
        byte = fh.read(1)
        fh.seek(20)
        fh.write(bytes([byte[0] ^ 0x5A]))


@pytest.mark.parametrize("shm", [True, False], ids=["with-shm", "without-shm"])
def test_a_changed_salt_in_the_log_header_is_told_and_its_frames_read_back(app_paths, tmp_path, shm):
    """SQLite drops every frame when the header's own checksum fails; the frames agree on their salts and
    chain from the checksum the header stored, so they are read with their own salts."""
    kept, logged = _crash(app_paths, tmp_path, shm=shm)
    _change_header_salt(_wal(app_paths.bookmarks_db))
    check = check_log(app_paths.bookmarks_db)
    assert check is not None and check.header_damaged and check.used == 0 and check.committed == 3 * PER_SAVE
    assert check.lost_commits() == 3 and not check.foreign
    store = _open(app_paths)
    try:
        assert "was damaged: its header is damaged, so SQLite would use none of it" in store.notice
        assert "every save it held was read back (3 bookmarks added)" in store.notice
        assert _ids(store) == set(kept + logged)
        assert store.db._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()


def test_a_changed_salt_in_the_header_of_another_databases_log_is_never_read(app_paths, tmp_path):
    from reader_app import paths

    other = paths.resolve(tmp_path / "other")
    theirs, their_logged = _crash(other, tmp_path / "o", first=20)
    kept, _ = _crash(app_paths, tmp_path, shm=False)
    shutil.copyfile(_wal(other.bookmarks_db), _wal(app_paths.bookmarks_db))
    _change_header_salt(_wal(app_paths.bookmarks_db))
    store = _open(app_paths)
    try:
        assert "it is not this database's log" in store.notice
        assert _ids(store) == set(kept)
    finally:
        store.close()


def test_a_header_and_frames_both_damaged_are_not_read_with_guessed_salts(app_paths, tmp_path):
    """Frame 1 no longer chains from the header's stored checksum: nothing of the log is trusted."""
    kept, _ = _crash(app_paths, tmp_path, shm=False)
    wal = _wal(app_paths.bookmarks_db)
    _change_header_salt(wal)
    _flip(wal, 1)
    check = check_log(app_paths.bookmarks_db)
    assert check is not None and not check.header_damaged and check.foreign and not check.frames
    store = _open(app_paths)
    try:
        assert "its header is unreadable, so none of it is used" in store.notice
        assert _ids(store) == set(kept)
    finally:
        store.close()


def test_an_odd_index_and_a_damaged_log_set_aside_together_keep_both(app_paths, tmp_path):
    """Both in one second: the second set aside never takes the name of the first."""
    kept, logged = _crash(app_paths, tmp_path)
    shm = _shm(app_paths.bookmarks_db)
    shm.unlink()
    shm.symlink_to(tmp_path / "elsewhere")
    _change_header_salt(_wal(app_paths.bookmarks_db))
    store = _open(app_paths)
    try:
        assert "bookmarks.sqlite3-shm) was not a file" in store.notice and "its header is damaged" in store.notice
        assert _ids(store) == set(kept + logged)
    finally:
        store.close()
    links = [p for p in app_paths.data.glob("bookmarks.sqlite3.damaged-*-shm") if p.is_symlink()]
    assert [os.readlink(p) for p in links] == [str(tmp_path / "elsewhere")]
    assert len(_aside(app_paths)) == 1 and Path(f"{_aside(app_paths)[0]}-wal").stat().st_size > 0


# --- a database file emptied or cut short beside its log ------------------------------------------------


def test_an_emptied_database_is_restored_and_what_its_log_holds_read_back(app_paths, tmp_path):
    """The attack trial: a 0-byte file listed "No bookmarks." and SQLite deleted the log of 3 saves beside it."""
    kept, logged = _crash(app_paths, tmp_path)
    db = app_paths.bookmarks_db
    wal_bytes = _wal(db).read_bytes()
    db.write_bytes(b"")
    store = _open(app_paths)
    try:
        notice = store.notice
        assert notice.startswith("The bookmarks database was empty (0 bytes), though bookmarks had been saved in it.")
        assert "restored from the backup of" in notice and "(1 bookmark)" in notice
        assert "4 more were rescued from its log (bookmarks.sqlite3-wal)" in notice
        assert "may be lost" not in notice  # the log's last commit holds every page of both tables
        assert _ids(store) == set(kept + logged)
        assert store.get(logged[2]).note == "note 4" and store.get(logged[2]).tags == ["tag1"]
        [aside] = _aside(app_paths)
        assert aside.stat().st_size == 0 and Path(f"{aside}-wal").read_bytes() == wal_bytes  # kept as found
        assert Path(f"{aside}-shm").exists()
    finally:
        store.close()
    again = _open(app_paths)
    try:
        assert again.notice == "" and _ids(again) == set(kept + logged)
    finally:
        again.close()


def test_an_emptied_database_without_a_log_is_restored_from_its_backup_and_told(app_paths, tmp_path):
    kept, _ = _crash(app_paths, tmp_path)
    db = app_paths.bookmarks_db
    for f in (_wal(db), _shm(db)):
        f.unlink()
    db.write_bytes(b"")
    store = _open(app_paths)
    try:
        assert "was empty (0 bytes)" in store.notice and "restored from the backup of" in store.notice
        assert "Nothing was left in the file: bookmarks saved or edited after the backup of" in store.notice
        assert "may be lost" in store.notice
        assert _ids(store) == set(kept[:1])  # the backup, taken after the first bookmark
        assert _aside(app_paths)
    finally:
        store.close()


def test_an_empty_file_in_a_new_data_folder_starts_empty_without_a_word(app_paths):
    app_paths.data.mkdir(parents=True, exist_ok=True)
    app_paths.bookmarks_db.write_bytes(b"")  # no backup, no log: nothing was ever saved
    store = _open(app_paths)
    try:
        assert store.notice == "" and _ids(store) == set() and not _aside(app_paths)
        _fill(store, 1)
    finally:
        store.close()


def test_an_empty_file_beside_an_empty_log_in_a_new_data_folder_is_no_alarm(app_paths):
    """A second trial: a 0-byte file beside a 0-byte -wal (no -shm, no backup) said bookmarks "had been saved in
    it" and "may be lost": an empty log is no sign that anything was saved."""
    app_paths.data.mkdir(parents=True, exist_ok=True)
    app_paths.bookmarks_db.write_bytes(b"")
    Path(f"{app_paths.bookmarks_db}-wal").write_bytes(b"")
    store = _open(app_paths)
    try:
        assert store.notice == "" and _ids(store) == set() and not _aside(app_paths)
    finally:
        store.close()


def test_backups_and_a_repaired_file_are_as_private_as_the_database(app_paths, tmp_path):
    """A second trial: a 0600 database (through a link) was backed up, and repaired, into 0644 files."""
    kept, logged = _crash(app_paths, tmp_path)
    db = app_paths.bookmarks_db
    os.chmod(db, 0o600)
    store = _open(app_paths)
    try:
        backup = store.db.backup()
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    finally:
        store.close()
    with open(db, "r+b") as fh:
        fh.truncate(10)
    store = _open(app_paths)
    try:
        assert "was damaged" in store.notice and _ids(store) == set(kept + logged)
        assert stat.S_IMODE(db.stat().st_mode) == 0o600
    finally:
        store.close()


def test_a_database_cut_short_beside_a_sound_log_gets_every_bookmark_back_from_the_log(app_paths, tmp_path):
    """The trial: `truncate -s 10` restored the older backup and said 6 bookmarks may be lost, though the log's
    last commit held every page of the bookmark tables."""
    kept, logged = _crash(app_paths, tmp_path)
    with open(app_paths.bookmarks_db, "r+b") as fh:
        fh.truncate(10)
    store = _open(app_paths)
    try:
        assert "The bookmarks database was damaged." in store.notice
        assert "4 more were rescued from its log (bookmarks.sqlite3-wal)" in store.notice
        assert "may be lost" not in store.notice
        assert _ids(store) == set(kept + logged)
        assert [store.get(b).tags for b in logged] == [["tag2"], ["tag0"], ["tag1"]]
    finally:
        store.close()


@pytest.mark.parametrize(("frames", "lost"), [(PER_SAVE + 5, 1), (PER_SAVE, 2)])
def test_saves_cut_off_a_log_whole_are_counted_from_the_index(app_paths, tmp_path, frames, lost):
    """The trial: `truncate -s 50000` left 12 of 21 frames; it said 1 bookmark was added back and at most tags
    may be missing, though the third save (frames 15-21) was gone whole. The -shm's index names the page of
    every frame committed: each save rewrites the meta page once."""
    kept, logged = _crash(app_paths, tmp_path)
    with open(_wal(app_paths.bookmarks_db), "r+b") as fh:
        fh.truncate(WAL_HEADER + frames * (FRAME_HEADER + 4096) + 1000)
    store = _open(app_paths)
    try:
        assert f"it is cut short: {frames} of the 21 frames committed are there" in store.notice
        assert _ids(store) == set(kept + logged[:3 - lost])
        assert f"at least {lost} bookmark save{'s' if lost > 1 else ''} (a bookmark added, edited or deleted) " \
               "made after" in store.notice and "may be lost" in store.notice
    finally:
        store.close()


_COPY_MODES: list[tuple[str, int]] | None = None  # while a test listens: (file, mode) of each file SQLite opens


def _listen(event: str, args: tuple) -> None:
    if _COPY_MODES is not None and event == "sqlite3.connect" and isinstance(args[0], str):
        path = args[0].removeprefix("file://").split("?")[0]
        if os.path.isfile(path):
            _COPY_MODES.append((path, os.stat(path).st_mode & 0o777))


sys.addaudithook(_listen)


def test_a_database_that_is_a_link_is_named_and_its_target_copied_only_for_its_owner(app_paths, tmp_path):
    """The attack trial: bookmarks.sqlite3 a link to /etc/shadow said only "was damaged". A link the user made is
    read through, but the message names it, and every copy of what it points to is the owner's alone (0600)."""
    global _COPY_MODES
    kept, logged = _crash(app_paths, tmp_path)
    db = app_paths.bookmarks_db
    target = tmp_path / "elsewhere.sqlite3"
    shutil.copyfile(db, target)
    with open(target, "r+b") as fh:  # damaged, so that it is read through copies given a sound header
        fh.write(os.urandom(100))
    target.chmod(0o600)
    before = target.read_bytes()
    db.unlink()
    db.symlink_to(target)
    _COPY_MODES = []
    try:
        store = _open(app_paths)
        copies = [(p, mode) for p, mode in _COPY_MODES if not p.startswith(str(app_paths.data))]
    finally:
        _COPY_MODES = None
    try:
        assert store.notice.startswith(f"The bookmarks database (bookmarks.sqlite3) was a link to {target}, and "
                                       f"what it points to was damaged or no bookmarks database. It was kept as "
                                       f"the link it was, as ")
        assert _ids(store) == set(kept + logged)
        [aside] = _aside(app_paths)
        assert aside.is_symlink() and os.readlink(aside) == str(target)
        assert any(p.endswith("mended-4096.sqlite3") for p, _ in copies)  # the target was read through a copy...
        assert {mode for _, mode in copies} == {0o600}  # ...readable by its owner alone, as every other copy
    finally:
        store.close()
    assert target.read_bytes() == before


def test_a_log_holding_only_the_last_leaf_of_a_larger_table_is_read_over_the_backup(app_paths, tmp_path):
    """Saves touching only the table's last leaf leave its interior page out of the log: SQLite cannot walk the
    tree to that leaf, so its cells are read one by one; what else changed since the backup may be lost: said."""
    from tests.core.bookmarks.test_bookmarks_damage import TEXT, _Article

    db = app_paths.bookmarks_db
    store = BookmarkStore(app_paths, backup_at_close=False)

    def add(i: int) -> str:  # long notes: two rows a page, so the table has an interior page above its leaves
        return store.add_quote(_Article(TEXT), f"budget number {i}.", note=f"note {i} " + "words " * 60).id

    backed_up = [add(i) for i in range(30)]
    store.db.backup()
    after_backup = [add(i) for i in range(30, 33)]
    reader = _reading(db)
    logged = [add(i) for i in range(33, 36)]
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for f in (db, _wal(db), _shm(db)):
        shutil.copyfile(f, crashed / f.name)
    reader.close()
    store.close()
    for f in (db, _wal(db), _shm(db)):
        shutil.copyfile(crashed / f.name, f)
    check = check_log(db)
    assert check is not None and _table_page(db, "bookmarks") not in {f.page for f in check.frames}
    with open(db, "r+b") as fh:
        fh.truncate(10)
    store = _open(app_paths)
    try:
        assert "restored from the backup of" in store.notice and "(30 bookmarks)" in store.notice
        # the last leaf, in the log, holds the saves made after the backup too
        assert "6 more were rescued from its log (bookmarks.sqlite3-wal)" in store.notice
        assert "bookmarks saved or edited after the backup of" in store.notice and "may be lost" in store.notice
        assert _ids(store) == set(backed_up + after_backup + logged)
        assert store.get(logged[2]).note.startswith("note 35 words")
    finally:
        store.close()
