"""Bookmarks under faults: read-only folder, full disk, a new index schema or Whoosh version.

Real processes against real data folders: the CLI saves through the same core the window uses.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import own_home, run_cli
from tests.faults.conftest import fill_disk, read_only, tiny_disk

QUOTES = ["Russia has agreed to remove", "a traditional partner of Moscow", "Kremlin spokesman Dmitry Peskov"]


def _add_bookmarks(data_dir) -> list[dict]:
    """One bookmark per quote, each on the first article that contains it, in a data folder whose seeds' index
    is built (`indexed_data_dir`, or a copy of `seeds_index_template`)."""
    saved = []
    for i, quote in enumerate(QUOTES):
        hit = json.loads(run_cli("search", f'"{quote}"', "--json", data_dir=data_dir).stdout)["hits"][0]
        r = run_cli("bookmarks", "add", hit["id"], "--quote", quote, "--note", f"note {i}", "--tag", "t",
                    "--json", data_dir=data_dir)
        assert r.returncode == 0, r.stderr
        saved.append(json.loads(r.stdout))
    return saved


@pytest.fixture(scope="module")
def _bookmarked_template(seeds_index_template, tmp_path_factory) -> tuple[Path, list[dict]]:
    """The seeds' index as a first `reader-app index` leaves it, with `_add_bookmarks`' three bookmarks saved
    by the command line, made once per module; each test copies it (`bookmarked`), never changes it."""
    root = tmp_path_factory.mktemp("bookmarked")
    shutil.copytree(seeds_index_template, root / "data")
    with own_home(root):
        saved = _add_bookmarks(root / "data")
    return root / "data", saved


@pytest.fixture
def bookmarked(data_dir, _bookmarked_template) -> list[dict]:
    """The test's data folder holding its own copy of that one (a data folder holds no path of its own); the
    bookmarks as `bookmarks add --json` printed them."""
    template, saved = _bookmarked_template
    shutil.copytree(template, data_dir, dirs_exist_ok=True)
    return copy.deepcopy(saved)


def _listed(data_dir) -> list[dict]:
    r = run_cli("bookmarks", "list", "--json", data_dir=data_dir)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    return json.loads(r.stdout)


def _integrity(db) -> str:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


@pytest.mark.usefixtures("root_only")
def test_read_only_folder_lists_bookmarks_and_saving_says_why_not(data_dir, bookmarked):
    saved = bookmarked
    with read_only(data_dir):
        listed = _listed(data_dir)
        assert {b["id"] for b in listed} == {b["id"] for b in saved}
        article = saved[0]["article_id"]
        r = run_cli("bookmarks", "add", article, "--quote", QUOTES[0], data_dir=data_dir)
        assert r.returncode != 0 and "Traceback" not in r.stderr
        assert r.stderr == "reader-app: cannot save bookmarks: the data folder is read-only; nothing was changed\n"
        r = run_cli("bookmarks", "delete", saved[0]["id"], data_dir=data_dir)
        assert r.returncode != 0 and "read-only" in r.stderr.lower(), r.stderr
    # Nothing was lost, and the folder works again once writable.
    assert {b["id"] for b in _listed(data_dir)} == {b["id"] for b in saved}
    assert run_cli("bookmarks", "delete", saved[0]["id"], data_dir=data_dir).returncode == 0


@pytest.mark.usefixtures("root_only")
def test_disk_full_while_saving_bookmarks_keeps_every_saved_one(tmp_path, _bookmarked_template):
    with tiny_disk(tmp_path / "disk", 1200):
        data = tmp_path / "disk" / "data"
        template, saved = _bookmarked_template  # the seeds' index and three bookmarks saved by the command line
        shutil.copytree(template, data)
        # Fill the disk to the last byte, then try to save a bookmark with a large note.
        filler = fill_disk(tmp_path / "disk")
        article = saved[0]["article_id"]
        failures = 0
        for i in range(20):
            r = run_cli("bookmarks", "add", article, "--quote", QUOTES[0], "--note", "x" * 50_000 + str(i),
                        data_dir=data)
            assert "Traceback" not in r.stderr, r.stderr
            if r.returncode != 0:
                failures += 1
                errors = [line for line in r.stderr.splitlines() if line.startswith("reader-app:")]
                assert len(errors) == 1, r.stderr
                assert "disk is full" in r.stderr.lower() or "no space" in r.stderr.lower(), r.stderr
        assert failures > 0
        listed = _listed(data)
        assert {b["id"] for b in saved} <= {b["id"] for b in listed}
        filler.unlink()
        assert _integrity(data / "bookmarks.sqlite3") == "ok"
        # With room again, saving works and no stale lock is left.
        r = run_cli("bookmarks", "add", article, "--quote", QUOTES[0], "--note", "after", data_dir=data)
        assert r.returncode == 0, r.stderr


@pytest.mark.usefixtures("root_only")
def test_a_save_refused_on_a_full_disk_is_said_once(tmp_path, _bookmarked_template):
    """A user trial: each `bookmarks add` on a full disk printed "Bookmarks are read-only: the disk is full."
    and then "reader-app: cannot save bookmarks: the disk is full": one refusal, one line."""
    with tiny_disk(tmp_path / "disk", 1200):
        data = tmp_path / "disk" / "data"
        template, saved = _bookmarked_template
        shutil.copytree(template, data)
        fill_disk(tmp_path / "disk")
        for args in (("add", saved[0]["article_id"], "--quote", QUOTES[0]), ("delete", saved[0]["id"]),
                     ("edit", saved[0]["id"], "--note", "changed")):
            r = run_cli("bookmarks", *args, data_dir=data)
            assert r.returncode == 1 and r.stdout == "", (args, r.stdout)
            assert r.stderr == "reader-app: cannot save bookmarks: the disk is full; nothing was changed\n", \
                (args, r.stderr)
        r = run_cli("bookmarks", "list", data_dir=data)  # reading still works, and says why saving would not
        assert r.returncode == 0 and r.stderr == "Bookmarks are read-only: the disk is full.\n", r.stderr
        assert all(b["id"] in r.stdout for b in saved)


@pytest.mark.usefixtures("root_only")
def test_a_store_opened_on_a_full_disk_saves_once_there_is_room(tmp_path, _bookmarked_template):
    """A trial: opened on a full disk, the bookmarks stayed read-only in that process however much room was
    made. The next save opens the file again: saved into it, nothing lost; the command line saves again too."""
    from reader_app import paths
    from reader_app.core.library import Library

    with tiny_disk(tmp_path / "disk", 1200):
        data = tmp_path / "disk" / "data"
        template, saved = _bookmarked_template
        shutil.copytree(template, data)
        filler = fill_disk(tmp_path / "disk")
        library = Library(paths.resolve(data))
        library.open()
        store = library.bookmarks
        assert store.read_only and store.waits_for_room and store.notice == "Bookmarks are read-only: the disk is full."
        article = library.article(saved[0]["article_id"])
        r = run_cli("bookmarks", "add", article.id, "--quote", QUOTES[0], data_dir=data)
        assert r.returncode == 1 and "the disk is full" in r.stderr, r.stderr
        filler.unlink()
        b = store.add_quote(article, QUOTES[0], note="after")  # the same store, no restart
        assert not store.read_only and store.notice == ""
        assert {x["id"] for x in saved} | {b.id} == {x.id for x in store.list()}
        library.close()
        assert {x["id"] for x in _listed(data)} == {x["id"] for x in saved} | {b.id}  # in the file, not a copy
        r = run_cli("bookmarks", "add", article.id, "--quote", QUOTES[0], "--note", "cli", data_dir=data)
        assert r.returncode == 0 and r.stderr == "", r.stderr
        assert _integrity(data / "bookmarks.sqlite3") == "ok"


@pytest.mark.parametrize("field,value", [("schema", 999), ("whoosh", "0.0.1")])
def test_new_index_schema_or_whoosh_version_rebuilds_and_keeps_bookmarks(data_dir, bookmarked, field, value):
    saved = bookmarked
    meta_file = data_dir / "index" / "reader-meta.json"
    meta = json.loads(meta_file.read_text())
    meta[field] = value
    meta_file.write_text(json.dumps(meta))
    r = run_cli("index", data_dir=data_dir)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert "rebuilt" in (r.stdout + r.stderr).lower()
    listed = {b["id"]: b for b in _listed(data_dir)}
    assert set(listed) == {b["id"] for b in saved}
    for b in saved:
        now = listed[b["id"]]
        assert not now["orphan"]
        assert (now["quote"], now["note"], now["start"], now["end"]) == (b["quote"], b["note"], b["start"], b["end"])


@pytest.mark.usefixtures("root_only", "bookmarked")
def test_read_only_folder_leaves_no_bookmark_copies_behind(data_dir, tmp_path):
    """Each bookmarks command on a read-only data folder reads a copy in the temporary folder: it goes when the
    command ends, and copies left by processes that are gone (killed) are removed by the next one."""
    import subprocess
    import sys

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp / f"reader-app-bookmarks-{int(gone.stdout)}-x1"  # that process has exited
    stale.mkdir()
    (stale / "bookmarks.sqlite3").write_bytes(b"left behind")
    alive = tmp / f"reader-app-bookmarks-{os.getpid()}-x2"  # this test process is alive: kept
    alive.mkdir()
    with read_only(data_dir):
        for args in (("bookmarks", "list"), ("bookmarks", "list", "--json"), ("bookmarks", "export")):
            r = run_cli(*args, data_dir=data_dir, env={"TMPDIR": str(tmp)})
            assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert sorted(p.name for p in tmp.iterdir()) == [alive.name]


@pytest.mark.usefixtures("root_only")
def test_a_damaged_log_in_a_read_only_folder_is_said(app_paths, tmp_path):
    """Nothing can be set aside or read back there, but the user is told the latest bookmarks may be missing."""
    from reader_app.core.bookmarks import BookmarkStore
    from tests.core.bookmarks.test_bookmarks_wal import PER_SAVE, _crash, _flip, _wal

    kept, logged = _crash(app_paths, tmp_path)
    _flip(_wal(app_paths.bookmarks_db), 3 * PER_SAVE)
    with read_only(app_paths.data):
        store = BookmarkStore(app_paths)
        try:
            assert store.read_only and "read-only" in store.notice
            assert "Their log (bookmarks.sqlite3-wal) is damaged (frame 21 of the 21 committed is damaged); read " \
                "back from it and shown: 1 bookmark added: the latest bookmarks may be missing" in store.notice
            assert {b.id for b in store.list()} == set(kept + logged)  # its sound frames still held the last one
        finally:
            store.close()


@pytest.mark.usefixtures("root_only")
def test_a_log_with_a_damaged_header_in_a_read_only_folder_is_shown_read_back(app_paths, tmp_path):
    """The trial: the bookmarks such a log holds intact were not shown, only said to be missing."""
    from reader_app.core.bookmarks import BookmarkStore
    from tests.core.bookmarks.test_bookmarks_wal import _change_header_salt, _crash, _wal

    kept, logged = _crash(app_paths, tmp_path)
    wal = _wal(app_paths.bookmarks_db)
    _change_header_salt(wal)
    with read_only(app_paths.data):
        store = BookmarkStore(app_paths)
        try:
            assert store.read_only and "its header is damaged" in store.notice
            assert "every save it held was read back and is shown (3 bookmarks added): it is repaired once the " \
                   "folder can be written." in store.notice
            assert {b.id for b in store.list()} == set(kept + logged)
        finally:
            store.close()


@pytest.mark.usefixtures("root_only")
def test_an_emptied_database_in_a_read_only_folder_is_shown_from_its_backup_and_log(app_paths, tmp_path):
    """Was "No bookmarks." without a word; nothing can be set aside there, so the backup and what the log
    still holds are shown, read-only, and the user is told."""
    from reader_app.core.bookmarks import BookmarkStore
    from tests.core.bookmarks.test_bookmarks_wal import _crash, _wal

    kept, logged = _crash(app_paths, tmp_path)
    wal_bytes = _wal(app_paths.bookmarks_db).read_bytes()
    app_paths.bookmarks_db.write_bytes(b"")
    with read_only(app_paths.data):
        store = BookmarkStore(app_paths)
        try:
            assert store.read_only
            assert store.notice.startswith("The bookmarks database is empty (0 bytes), though bookmarks were saved "
                                           "in it, and cannot be repaired (the data folder is read-only); showing "
                                           "the backup of ")
            assert "with 4 bookmarks read back from its log (bookmarks.sqlite3-wal)" in store.notice
            assert {b.id for b in store.list()} == set(kept + logged)
        finally:
            store.close()
    assert _wal(app_paths.bookmarks_db).read_bytes() == wal_bytes  # untouched
