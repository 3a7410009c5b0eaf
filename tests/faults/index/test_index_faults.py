"""The index under faults, with real processes: damage, kill -9, read-only folders, full disks, two writers."""

from __future__ import annotations

import glob
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.faults.conftest import count_docs, make_articles, read_only, tiny_disk


def _seg(d):
    return glob.glob(str(d / "index" / "*.seg"))[0]


def _toc(d):
    return glob.glob(str(d / "index" / "*.toc"))[0]


def _scramble(path):
    size = os.path.getsize(path)
    with open(path, "wb") as fh:
        fh.write(os.urandom(size))


DAMAGE = {
    "toc deleted": lambda d: os.remove(_toc(d)),
    "toc truncated": lambda d: os.truncate(_toc(d), 10),
    "toc random bytes": lambda d: _scramble(_toc(d)),
    "segment random bytes": lambda d: _scramble(_seg(d)),
    "segment truncated": lambda d: os.truncate(_seg(d), os.path.getsize(_seg(d)) // 2),
    "segment deleted": lambda d: os.remove(_seg(d)),
    "meta deleted": lambda d: os.remove(d / "index" / "reader-meta.json"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.usefixtures("indexed_data_dir")  # the seeds' index built, as a first `reader-app index` leaves it
def test_damaged_index_is_rebuilt_by_any_command(data_dir, damage):
    DAMAGE[damage](data_dir)
    r = run_cli("search", "troops", "--json", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    assert "Rebuilt the index" in r.stderr and "Traceback" not in r.stderr
    assert json.loads(r.stdout)["total"] == 4
    assert count_docs(data_dir) == (5, 5)


def test_segment_damaged_while_open_is_rebuilt_on_first_search(app_paths):
    from reader_app.core.library import Library

    lib = Library(app_paths)
    lib.open()
    _scramble(_seg(app_paths.data))
    result = lib.search("troops")
    assert result.total == 4 and lib.recovered
    assert "rebuilt" in lib.last_report.notice
    assert len(lib.list_articles()) == 5


@pytest.mark.usefixtures("indexed_data_dir")  # the seeds' index built, as a first `reader-app index` leaves it
def test_index_folder_replaced_by_a_file(data_dir):
    import shutil

    shutil.rmtree(data_dir / "index")
    (data_dir / "index").write_bytes(os.urandom(100))
    r = run_cli("list", "--json", data_dir=data_dir)
    assert r.returncode == 0 and len(json.loads(r.stdout)) == 5


def _kill_at_random(args, data_dir, rng, low, high):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "reader_app", "--data-dir", str(data_dir), *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    time.sleep(rng.uniform(low, high))
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def test_kill_during_build_sync_and_import(data_dir, tmp_path):
    """After kill -9 at random moments the next start opens or rebuilds the index quietly, and the article
    count is either the old one or the complete new one, never duplicates."""
    rng = random.Random(7)
    batch = make_articles(tmp_path / "batch", 150)
    assert run_cli("import", str(batch), data_dir=data_dir).returncode == 0
    full = 155
    for trial in range(4):  # first build and rebuilds
        _kill_at_random(["index", "--rebuild"], data_dir, rng, 0.3, 2.5)
        r = run_cli("list", "--json", data_dir=data_dir)
        assert r.returncode == 0, r.stderr
        ids = [a["id"] for a in json.loads(r.stdout)]
        assert len(ids) == full == len(set(ids)), trial
    more = make_articles(tmp_path / "more", 100, seed=1)
    for trial in range(4):  # imports: old count or complete new count
        before = count_docs(data_dir)[0]
        _kill_at_random(["import", str(more)], data_dir, rng, 0.3, 2.5)
        r = run_cli("list", "--json", data_dir=data_dir)
        assert r.returncode == 0, r.stderr
        ids = [a["id"] for a in json.loads(r.stdout)]
        assert len(ids) == len(set(ids))
        assert len(ids) in (before, full + 100), (trial, before, len(ids))
    assert not list(data_dir.glob(".index.*"))  # no half-built folders left behind


@pytest.mark.usefixtures("indexed_data_dir")  # the seeds' index built, as a first `reader-app index` leaves it
def test_two_writers_at_once_never_duplicate(data_dir, tmp_path):
    batch = make_articles(tmp_path / "batch", 80)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    base = [sys.executable, "-m", "reader_app", "--data-dir", str(data_dir)]
    procs = [subprocess.Popen(base + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for args in (["import", str(batch)], ["import", str(batch)], ["index"], ["index", "--rebuild"])]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (_, err) in zip(procs, outs):
        assert "Traceback" not in err and "LockError" not in err, err
        assert p.returncode in (0, 1), err
        if p.returncode == 1:
            assert "another reader-app" in err.lower(), err
    r = run_cli("list", "--json", data_dir=data_dir)
    ids = [a["id"] for a in json.loads(r.stdout)]
    assert len(ids) == len(set(ids)) == 85
    assert count_docs(data_dir) == (85, 85)


@pytest.mark.usefixtures("indexed_data_dir")  # the seeds' index built, as a first `reader-app index` leaves it
def test_rebuild_waits_for_a_writer_busy_in_the_old_index(data_dir, tmp_path):
    """`index --rebuild` in one process while another is writing: the swap waits, nobody's files vanish."""
    from reader_app.core.index.store import ArticleIndex

    index = ArticleIndex(data_dir / "index")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with index.writer() as w:
        w.delete_by_term("id", "no-such-id")
        w.add_document(id="extra", title="Extra", body="an extra document", path="extra.txt")
        rebuild = subprocess.Popen([sys.executable, "-m", "reader_app", "--data-dir", str(data_dir), "index",
                                    "--rebuild"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        time.sleep(3)
        assert rebuild.poll() is None, rebuild.communicate()  # still waiting for our commit
    out, err = rebuild.communicate(timeout=120)
    assert rebuild.returncode == 0 and "Traceback" not in err, err
    index.close()
    assert count_docs(data_dir) == (5, 5)


@pytest.mark.usefixtures("root_only")
@pytest.mark.usefixtures("indexed_data_dir")  # the seeds' index built, as a first `reader-app index` leaves it
def test_read_only_data_folder_reads_and_searches(data_dir, tmp_path):
    article = tmp_path / "new.md"
    article.write_text("# Read Only Test\n\nA story about lighthouses on the coast.\n")
    with read_only(data_dir):
        r = run_cli("search", "troops", "--json", data_dir=data_dir)
        assert r.returncode == 0 and json.loads(r.stdout)["total"] == 4, r.stderr
        assert len(json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)) == 5
        r = run_cli("import", str(article), data_dir=data_dir)
        assert r.returncode != 0 and "Traceback" not in r.stderr
        assert "read-only" in r.stderr.lower()
        assert len(r.stderr.strip().splitlines()) == 1


@pytest.mark.usefixtures("root_only")
def test_read_only_empty_data_folder_still_starts(data_dir):
    with read_only(data_dir):
        r = run_cli("search", "troops", "--json", data_dir=data_dir)
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["total"] == 4
        assert "temporary folder" in r.stderr


@pytest.mark.usefixtures("root_only")
def test_disk_full_while_indexing_keeps_old_state(tmp_path):
    disk = tmp_path / "disk"
    with tiny_disk(disk, 1400):  # room for the gazetteer cache (580 KB) and the seeds, not the import
        data = disk / "data"
        assert run_cli("index", data_dir=data).returncode == 0
        big = make_articles(tmp_path / "big", 200, words=400)
        r = run_cli("import", str(big), data_dir=data)
        assert r.returncode != 0 and "Traceback" not in r.stderr
        assert "disk is full" in r.stderr.lower() or "no space" in r.stderr.lower(), r.stderr
        # The old index is intact and usable; no lock or half-built folder is left behind.
        r = run_cli("search", "troops", "--json", data_dir=data)
        assert r.returncode == 0 and json.loads(r.stdout)["total"] == 4, r.stderr
        assert not list(data.glob(".index.*"))
        r = run_cli("index", "--json", data_dir=data)
        assert "Traceback" not in r.stderr


def _unlisted(data: Path) -> tuple[list[str], list[str]]:
    """(index files that the table of contents does not list, article copies that the manifest does not list)."""
    import whoosh.index
    from whoosh.filedb.filestore import FileStorage

    from reader_app.core.collection.manifest import MANIFEST, read_manifest
    from reader_app.core.index.store import INDEX_NAME

    folder = data / "index"
    toc = whoosh.index.TOC.read(FileStorage(str(folder)), INDEX_NAME)
    ours = {f"_{INDEX_NAME}_{toc.generation}.toc", f"{INDEX_NAME}_WRITELOCK"}
    segments = tuple(f"{seg.segment_id()}." for seg in toc.segments)
    index_extra = sorted(p.name for p in folder.iterdir()
                         if p.name not in ours and not p.name.startswith(segments) and not p.name.startswith("reader-"))
    manifest = data / "articles" / MANIFEST
    listed = {e["file"] for e in read_manifest(manifest).values()} if manifest.exists() else set()
    copies = sorted(p.name for p in (data / "articles").iterdir() if p.name != MANIFEST and p.name not in listed)
    return index_extra, copies


@pytest.mark.usefixtures("root_only")
@pytest.mark.parametrize("files", [200, 400])  # in this process; in worker processes (PARALLEL_FROM = 300)
def test_an_import_that_fills_the_disk_removes_its_partial_files(tmp_path, files):
    """The import stops with the disk full: it says so, the index is the one before it (searchable, whole),
    and neither half-written segment files (zero bytes, unlisted) nor unlisted article copies stay behind to
    hold the space, even before the next command opens the library."""
    disk = tmp_path / "disk"
    with tiny_disk(disk, 1400):  # room for the gazetteer cache (580 KB) and the seeds, not the import
        data = disk / "data"
        assert run_cli("index", data_dir=data).returncode == 0
        big = make_articles(tmp_path / "big", files, words=400)
        r = run_cli("import", str(big), data_dir=data)
        assert r.returncode == 1 and "disk is full" in r.stderr and "Traceback" not in r.stderr, r.stderr
        assert _unlisted(data) == ([], []), _unlisted(data)
        r = run_cli("search", "troops", "--json", data_dir=data)
        assert r.returncode == 0 and json.loads(r.stdout)["total"] == 4, r.stderr
        assert count_docs(data) == (5, 5)


def _index_files(data_dir):
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (data_dir / "index").iterdir()}


def test_a_bug_during_a_read_is_not_taken_for_damage(app_paths):
    """A TypeError from our own code is a bug: it goes up as it is and the index is not rebuilt."""
    from reader_app.core.library import Library

    lib = Library(app_paths)
    lib.open()
    before = _index_files(app_paths.data)
    with pytest.raises(TypeError):
        lib.entities(limit="x")  # type: ignore[arg-type]
    assert not lib.recovered and lib.last_report is None
    assert _index_files(app_paths.data) == before
    assert lib.search("troops").total == 4


@pytest.mark.usefixtures("indexed_data_dir")  # the seeds' index built, as a first `reader-app index` leaves it
def test_recovery_rebuild_waits_for_an_import_in_progress(data_dir):
    """A search finding the index damaged while another process imports (holding the library lock) does not
    rebuild under the import's feet: it waits for the lock, and says so when it cannot have it."""
    from reader_app.core.storage.locks import file_lock

    _scramble(_seg(data_dir))
    damaged = _index_files(data_dir)
    with file_lock(data_dir / "library.lock"):
        r = run_cli("search", "troops", "--json", data_dir=data_dir, env={"READER_APP_LOCK_TIMEOUT": "0.5"})
        assert r.returncode == 1 and "another reader-app" in r.stderr, r.stderr
        assert "Traceback" not in r.stderr
        assert _index_files(data_dir) == damaged  # nothing rebuilt while the lock was held
    r = run_cli("search", "troops", "--json", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["total"] == 4


def test_damage_found_by_a_search_is_repaired_only_under_the_import_lock(app_paths, monkeypatch):
    from reader_app.core.errors import LibraryError
    from reader_app.core.library import Library
    from reader_app.core.storage.locks import file_lock

    lib = Library(app_paths)
    lib.open()
    _scramble(_seg(app_paths.data))
    damaged = _index_files(app_paths.data)
    monkeypatch.setenv("READER_APP_LOCK_TIMEOUT", "0.3")
    with file_lock(app_paths.data / "library.lock"):  # what an import holds
        with pytest.raises(LibraryError, match="another reader-app"):
            lib.search("troops")
        assert _index_files(app_paths.data) == damaged and not lib.recovered
    assert lib.search("troops").total == 4 and lib.recovered


@pytest.mark.usefixtures("root_only")
def test_an_edit_on_a_full_disk_is_a_failed_save_not_a_failed_read(tmp_path):
    disk = tmp_path / "disk"
    with tiny_disk(disk, 1400):
        data = disk / "data"
        assert run_cli("index", data_dir=data).returncode == 0
        aid = json.loads(run_cli("list", "--json", data_dir=data).stdout)[0]["id"]
        with open(disk / "filler", "wb") as fh:  # the rest of the disk
            try:
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
            except OSError:
                pass
        r = run_cli("edit", aid, "--outlet", "Somewhere Else", data_dir=data)
        assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
        assert "cannot save changes" in r.stderr and "disk is full" in r.stderr, r.stderr
        assert "cannot read" not in r.stderr, r.stderr


@pytest.mark.parametrize("size", [1000, 100000])
def test_a_truncated_segment_under_an_open_searcher_is_rebuilt_not_read_as_no_hits(app_paths, tmp_path, size):
    """A short read in Whoosh's term table was taken for a term the segment lacks (the search answered "no
    results" at once, nothing said), and a cut posting block raised a bare "Block tag error" that was not taken
    for damage (the search failed): both rebuild the index now, and the search answers in full."""
    from reader_app.core.library import Library

    assert run_cli("import", str(make_articles(tmp_path / "batch", 120)), data_dir=app_paths.data).returncode == 0
    lib = Library(app_paths)
    lib.open()
    rebuilt, steps = [], []
    lib.on_rebuild = lambda n, total, what: steps.append((n, total, what))
    lib.on_rebuilt = rebuilt.append
    assert lib.search("harbour").total == 120  # a searcher open on the segments (another word)
    for segment in glob.glob(str(app_paths.data / "index" / "*.seg")):
        os.truncate(segment, min(size, os.path.getsize(segment)))
    assert lib.search("budget").total == 120 and lib.recovered
    assert steps[0] == (0, 125, "the index was damaged") and steps[-1][:2] == (125, 125)
    assert [r.action for r in rebuilt] == ["rebuilt"] and lib.search("marker7").total == 1
