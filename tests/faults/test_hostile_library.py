"""Hostile folders, names, data folders, locks and terminals (issue #13), through the real CLI.

Every case runs `python -m reader_app` as a real process on real links, FIFOs and files in temporary folders;
none may print a traceback or "unexpected error", and the library must stay whole after each.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, own_home, run_cli
from tests.faults.conftest import make_articles


def _clean(r: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert "Traceback" not in r.stderr and "unexpected error" not in r.stderr, r.stderr
    return r


def _whole(data_dir: Path) -> dict:
    """Manifest, copies and index agree; returns the manifest."""
    from reader_app.core.collection.manifest import read_manifest
    from reader_app.core.index.store import ArticleIndex

    folder = data_dir / "articles"
    manifest = read_manifest(folder / "manifest.json") if (folder / "manifest.json").exists() else {}
    copies = {f.name for f in folder.iterdir() if not f.name.startswith(".") and f.name != "manifest.json"} \
        if folder.is_dir() else set()
    assert copies == {e["file"] for e in manifest.values()}
    index = ArticleIndex(data_dir / "index")
    try:
        ids = {d["id"] for d in index.all_documents()}
    finally:
        index.close()
    assert set(manifest) <= ids
    return manifest


# --- links out of the folder ---------------------------------------------------------------------------

def test_links_leaving_an_imported_folder_are_not_followed(data_dir, tmp_path):
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "shadow").write_text("Secret Heading\n\nthe password is hunter2 swordfish\n", encoding="utf-8")
    (secret / "dir").mkdir()
    (secret / "dir" / "inner.txt").write_text("Inner Secret\n\nalso hidden quokka\n", encoding="utf-8")
    folder = make_articles(tmp_path / "in", 2)
    (folder / "shadow.txt").symlink_to(secret / "shadow")
    (folder / "up.md").symlink_to("../secret/shadow")  # a relative link out
    (folder / "linked").symlink_to(secret / "dir")  # a folder link out
    (folder / "same.txt").symlink_to(folder / "a00000.txt")  # stays inside: allowed (a duplicate)
    r = _clean(run_cli("import", str(folder), "--json", data_dir=data_dir))
    report = json.loads(r.stdout)
    assert len(report["added"]) == 2
    failed = {Path(f["path"]).name: f["reason"] for f in report["failed"]}
    assert set(failed) >= {"shadow.txt", "up.md"} and all("outside" in failed[n] for n in ("shadow.txt", "up.md"))
    for word in ("hunter2", "quokka"):
        hits = json.loads(run_cli("search", word, "--json", data_dir=data_dir).stdout)
        assert hits["total"] == 0, word
    _whole(data_dir)
    # A link named on the command line is the person's own choice.
    r = _clean(run_cli("import", str(folder / "shadow.txt"), "--json", data_dir=data_dir))
    assert len(json.loads(r.stdout)["added"]) == 1


def test_a_file_swapped_for_a_link_out_during_the_import_is_not_read(app_paths, tmp_path):
    """The walk saw a plain file; before it is read, it becomes `ln -s secret`: it is refused, not imported.
    The swap happens deterministically from the import's own cancel check, which runs before each file."""
    from reader_app.core.library import Library

    secret = tmp_path / "secret.txt"
    secret.write_text("Secret Heading\n\nthe password is hunter2 swordfish\n", encoding="utf-8")
    folder = make_articles(tmp_path / "in", 2)
    (folder / "same.txt").symlink_to(folder / "a00000.txt")  # a link that stays inside: still followed
    victim = folder / "a00001.txt"
    swapped: list[bool] = []

    def swap() -> bool:
        if not swapped:
            victim.unlink()
            victim.symlink_to(secret)
            swapped.append(True)
        return False

    lib = Library(app_paths)
    lib.open()
    report = lib.import_paths([folder], cancel=swap, procs=1)
    assert swapped
    failed = dict(report.failed)
    assert "link" in failed[str(victim)], failed
    assert len(report.added) == 1 and [p for p, _ in report.duplicates] == [str(folder / "same.txt")]
    assert lib.search("hunter2").total == 0
    lib.close()


def test_watched_folder_does_not_follow_links_out(data_dir, tmp_path, app_paths):
    from reader_app.core.collection import watched
    from reader_app.core.library import Library

    outside = tmp_path / "outside.txt"
    outside.write_text("Outside Heading\n\nthe wombat secret\n", encoding="utf-8")
    folder = make_articles(tmp_path / "watched", 2)
    (folder / "leak.txt").symlink_to(outside)
    lib = Library(app_paths)
    lib.open()
    try:
        report = watched.scan(lib, folder)
        assert len(report.added) == 2
        assert [Path(p).name for p, _ in report.failed] == ["leak.txt"]
        assert lib.search("wombat").total == 0
    finally:
        lib.close()


# --- file names that are not UTF-8 ----------------------------------------------------------------------

def _bytes_name(folder: Path, raw: bytes, text: str) -> None:
    with open(os.path.join(os.fsencode(folder), raw), "w", encoding="utf-8") as fh:
        fh.write(text)


def test_file_names_that_are_not_utf8_are_imported_and_shown_escaped(data_dir, tmp_path):
    folder = make_articles(tmp_path / "names", 3)
    _bytes_name(folder, b"caf\xe9.txt", "Latin One Name\n\nthe marmoset story\n")
    _bytes_name(folder, b"\xff\xfe odd \x80.md", "Broken Bytes Name\n\nthe capybara story\n")
    r = _clean(run_cli("import", str(folder), "--json", data_dir=data_dir))
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert len(report["added"]) == 5
    paths = sorted(a["path"] for a in report["added"])
    assert any(p.endswith("caf\\xe9.txt") for p in paths), paths  # written as `list --json` writes it
    manifest = _whole(data_dir)
    assert any(os.fsencode(e["origin"]).endswith(b"caf\xe9.txt") for e in manifest.values())
    listed = _clean(run_cli("list", data_dir=data_dir))
    assert listed.returncode == 0 and "Latin One Name" in listed.stdout
    # Imported again: recognised, nothing added twice.
    again = json.loads(_clean(run_cli("import", str(folder), "--json", data_dir=data_dir)).stdout)
    assert len(again["duplicates"]) == 5 and not again["added"]


def test_watched_folder_imports_the_neighbours_of_a_bad_name(data_dir, tmp_path, app_paths):
    from reader_app.core.collection import watched
    from reader_app.core.library import Library

    folder = make_articles(tmp_path / "watched", 2)
    _bytes_name(folder, b"r\xe9sum\xe9.txt", "Resume Heading\n\nthe axolotl story\n")
    lib = Library(app_paths)
    lib.open()
    try:
        report = watched.scan(lib, folder)
        assert len(report.added) == 3 and not report.failed
        assert not watched.pending(lib, folder)  # remembered, also under its odd name
        assert lib.search("axolotl").total == 1
    finally:
        lib.close()
    _whole(data_dir)


# --- the data folder ---------------------------------------------------------------------------------------

def _run_sealed(target: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The CLI in a private mount namespace where `target` is read-only: a bug can never write into a system
    folder of this machine, it can only fail the test."""
    seal = f'mount --bind "{target}" "{target}" && mount -o remount,ro,bind "{target}" "{target}" && ' \
        if not target.startswith("/proc") else ""
    cmd = seal + 'exec "$0" -m reader_app "$@"'
    return subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", cmd, sys.executable, *args],
                          capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(ROOT), **(env or {})))


@pytest.mark.usefixtures("root_only")
@pytest.mark.parametrize("where", ["/", "/etc", "/usr/", "/tmp", "/var", "HOME", "/proc/self"])
def test_system_folders_are_refused_as_data_folder(where, tmp_path):
    target = os.environ["HOME"] if where == "HOME" else where
    before = set(os.listdir(target))
    r = _clean(_run_sealed(target, "list", env={"READER_APP_DATA_DIR": target}))
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "data folder" in r.stderr
    assert set(os.listdir(target)) == before
    r = _clean(_run_sealed(target, "--data-dir", target, "search", "x"))
    assert r.returncode == 1 and "data folder" in r.stderr, r.stderr


def test_a_data_folder_that_is_a_file_or_a_link_loop_is_refused(tmp_path):
    tmps = set(Path("/tmp").glob("reader-app-index-*"))
    as_file = tmp_path / "file"
    as_file.write_text("x")
    r = _clean(run_cli("list", data_dir=as_file))
    assert r.returncode == 1 and "not a folder" in r.stderr, r.stderr
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    r = _clean(run_cli("list", data_dir=loop))
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    a, b = tmp_path / "a", tmp_path / "b"
    a.symlink_to(b)
    b.symlink_to(a)
    r = _clean(run_cli("list", env={"READER_APP_DATA_DIR": str(a / "sub")}))
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert set(Path("/tmp").glob("reader-app-index-*")) == tmps


# --- the library lock ----------------------------------------------------------------------------------------

def _held(lock: Path) -> bool:
    try:
        fd = os.open(lock, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


@pytest.mark.usefixtures("indexed_data_dir")  # the seeds' index built, as a first `reader-app index` leaves it
def test_a_stopped_import_makes_others_give_up_with_a_message(data_dir, tmp_path):
    folder = make_articles(tmp_path / "many", 120, words=400)
    first = json.loads(run_cli("import", str(make_articles(tmp_path / "one", 1)), "--json",
                               data_dir=data_dir).stdout)["added"][0]["id"]
    env = dict(os.environ, PYTHONPATH=str(ROOT), READER_APP_LOCK_TIMEOUT="2")
    proc = subprocess.Popen([sys.executable, "-m", "reader_app", "--data-dir", str(data_dir), "import", str(folder)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not _held(data_dir / "library.lock"):  # until the first import holds the library lock
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGSTOP)
        for args in (("import", str(make_articles(tmp_path / "two", 1, seed=5))), ("remove", first)):
            r = _clean(run_cli(*args, data_dir=data_dir, env={"READER_APP_LOCK_TIMEOUT": "2"}, timeout=60))
            assert r.returncode == 1, r.stderr
            lines = r.stderr.strip().splitlines()
            assert len(lines) == 1 and "another reader-app" in lines[0], r.stderr
    finally:
        os.kill(proc.pid, signal.SIGCONT)
        proc.wait(timeout=120)
    _whole(data_dir)


# --- the terminal ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def _greek_library(tmp_path_factory) -> tuple[Path, str]:
    """A data folder holding the seeds and one Greek article (with an emoji and a Japanese word), imported once
    by the commands each terminal case ran first; each case runs on its own copy."""
    root = tmp_path_factory.mktemp("greek-library")
    folder = root / "in"
    folder.mkdir()
    (folder / "greek.txt").write_text("Ελληνικά νέα για τον καφέ ☕\n\nΗ ιστορία του καφέ 東京 ☕ espresso.\n", encoding="utf-8")
    with own_home(root):
        assert run_cli("import", str(folder), data_dir=root / "data").returncode == 0
        listed = json.loads(run_cli("list", "--json", data_dir=root / "data").stdout)
    return root / "data", next(a["id"] for a in listed if a["title"].startswith("Ελληνικά"))


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"},
                                 {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0",
                                  "PYTHONIOENCODING": ""},
                                 {"PYTHONIOENCODING": "latin-1"}])
def test_an_ascii_or_latin1_terminal_gets_escapes_not_an_error(data_dir, _greek_library, env):
    template, aid = _greek_library
    shutil.copytree(template, data_dir, dirs_exist_ok=True)  # the data folder holds no path of its own
    for args in (("list",), ("show", aid), ("search", "espresso"), ("search", "espresso", "--json")):
        r = subprocess.run([sys.executable, "-m", "reader_app", "--data-dir", str(data_dir), *args],
                           capture_output=True, env=dict(os.environ, PYTHONPATH=str(ROOT), **env), timeout=120)
        err = r.stderr.decode("ascii", "replace")
        assert r.returncode == 0 and "Traceback" not in err and "unexpected" not in err, (args, err)
        assert b"\\u" in r.stdout or b"\\x" in r.stdout or b"\\U" in r.stdout, (args, r.stdout[:300])


@pytest.mark.usefixtures("indexed_data_dir")  # the seeds' index built, as a first `reader-app index` leaves it
def test_closed_stdin_for_search_dash(data_dir):
    cmd = f'"{sys.executable}" -m reader_app --data-dir "{data_dir}" search - --json <&-'
    r = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                       timeout=120)
    _clean(r)
    assert "NoneType" not in r.stderr and r.returncode == 1 and "standard input" in r.stderr, r.stderr


@pytest.mark.usefixtures("indexed_data_dir")  # the seeds' index built, as a first `reader-app index` leaves it
def test_a_full_output_is_not_called_a_failed_save(data_dir, tmp_path):
    full = tmp_path / "full"
    full.symlink_to("/dev/full")
    for args in (("list",), ("search", "russia"), ("bookmarks", "list")):
        cmd = f'"{sys.executable}" -m reader_app --data-dir "{data_dir}" {" ".join(args)} > "{full}"'
        r = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True,
                           env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120)
        _clean(r)
        assert r.returncode == 1 and "cannot save" not in r.stderr and "nothing was lost" not in r.stderr, r.stderr
        assert "cannot write the output" in r.stderr and "disk is full" in r.stderr, r.stderr


@pytest.mark.usefixtures("root_only")
def test_a_read_only_data_folder_leaves_no_temporary_index_behind(data_dir, tmp_path):
    from tests.faults.conftest import read_only

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    with read_only(data_dir):
        for _ in range(2):
            r = _clean(run_cli("list", data_dir=data_dir, env={"TMPDIR": str(tmp)}))
            assert r.returncode == 0 and "temporary folder" in r.stderr, r.stderr
    assert not list(tmp.iterdir())


@pytest.mark.usefixtures("indexed_data_dir")  # the seeds' index built, as a first `reader-app index` leaves it
def test_a_c_locale_takes_utf8_words_from_the_command_line(data_dir):
    """Under LC_ALL=C Python hands over non-ASCII arguments as undecodable bytes; a note or a query must still
    be the words typed, never an "unexpected error"."""
    rows = json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)
    aid = next(r["id"] for r in rows if r["title"].startswith("Russia Agrees"))
    env = dict(os.environ, PYTHONPATH=str(ROOT), LC_ALL="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0")
    env.pop("PYTHONIOENCODING", None)
    base = [sys.executable, "-m", "reader_app", "--data-dir", str(data_dir)]
    r = subprocess.run(base + ["bookmarks", "add", aid, "--quote", "the Kremlin said", "--note", "café ☕",
                               "--tag", "thé"], capture_output=True, env=env, timeout=120)
    err = r.stderr.decode("ascii", "replace")
    assert r.returncode == 0 and "unexpected" not in err, err
    saved = json.loads(run_cli("bookmarks", "list", "--json", data_dir=data_dir).stdout)
    assert saved[0]["note"] == "café ☕" and saved[0]["tags"] == ["thé"]
    r = subprocess.run(base + ["search", "Kremlin Pashinyan’s", "--json"], capture_output=True, env=env, timeout=120)
    assert r.returncode == 0 and json.loads(r.stdout)["query"] == "Kremlin Pashinyan\u2019s", r.stderr


# --- damaged files of the app's own in the data folder ----------------------------------------------------

DEEP = b"[" * 100000


def _damage_data_file(data_dir: Path, name: str, how: str) -> None:
    path = data_dir / name
    if how == "fifo":
        path.unlink(missing_ok=True)
        os.mkfifo(path)
    elif how == "zero":
        path.unlink(missing_ok=True)
        path.symlink_to("/dev/zero")
    elif how == "append-xff":
        with open(path, "ab") as fh:
            fh.write(b"\xff\xfe not utf-8\n")
    else:
        path.write_bytes({"random": os.urandom(4096), "deep": DEEP}[how])


@pytest.fixture(scope="module")
def _library_of_two(tmp_path_factory) -> tuple[Path, str]:
    """A data folder with two imported articles, one outlet corrected and the stories built, made once (by the
    same commands each damage case ran first); each case damages its own copy of it."""
    root = tmp_path_factory.mktemp("library-of-two")
    with own_home(root):
        data_dir = root / "data"
        folder = make_articles(root / "in", 2)
        assert _clean(run_cli("import", str(folder), data_dir=data_dir)).returncode == 0
        edit = _clean(run_cli("list", "--json", data_dir=data_dir))
        aid = json.loads(edit.stdout)[0]["id"]
        assert _clean(run_cli("edit", aid, "--outlet", "Kept Outlet", data_dir=data_dir)).returncode == 0
        assert _clean(run_cli("stories", data_dir=data_dir)).returncode == 0
    return data_dir, aid


@pytest.mark.timeout(300)
@pytest.mark.parametrize("name,how", [
    ("details.jsonl", "random"), ("details.jsonl", "append-xff"), ("details.jsonl", "deep"),
    ("articles/manifest.json", "deep"), ("seeds-added.json", "deep"), ("index/reader-meta.json", "deep"),
    ("stories.json", "fifo"), ("stories.json", "zero"), ("stories.json", "deep"),
])
def test_damaged_files_in_the_data_folder_never_crash_or_hang(data_dir, _library_of_two, name, how):
    template, aid = _library_of_two
    shutil.copytree(template, data_dir, dirs_exist_ok=True)  # the data folder holds no path of its own
    assert (data_dir / name).exists() or name == "stories.json"
    _damage_data_file(data_dir, name, how)
    for args in (("list", "--json"), ("search", "troops"), ("stories",), ("show", aid)):
        r = _clean(run_cli(*args, data_dir=data_dir, timeout=60))
        assert r.returncode == 0, (args, r.stderr)
    listed = {a["id"]: a for a in json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)}
    assert len(listed) == 7
    if how == "append-xff":  # the good lines before the damaged one still count
        assert listed[aid]["outlet"] == "Kept Outlet"


def test_details_values_are_checked_as_edits_are(data_dir, tmp_path):
    """A date or url written into details.jsonl by hand is checked like an edit: a wrong one is ignored."""
    folder = make_articles(tmp_path / "in", 1)
    run_cli("import", str(folder), data_dir=data_dir)
    aid = next(a["id"] for a in json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)
               if a["path"].startswith(str(folder)))
    (data_dir / "details.jsonl").write_text('{"reader-app details": 1}\n'
                                            + json.dumps([aid, {"date": "not a date", "url": "javascript:x",
                                                                "outlet": "Fine Outlet"}]) + "\n")
    r = _clean(run_cli("list", "--json", data_dir=data_dir))
    row = next(a for a in json.loads(r.stdout) if a["id"] == aid)
    assert row["outlet"] == "Fine Outlet" and row["date"] != "not a date" and row["url"] != "javascript:x"
