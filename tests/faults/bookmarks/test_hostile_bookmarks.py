"""Hostile bookmark files and export targets (issue #13), through the real CLI with real FIFOs and links.

No traceback or "unexpected error" from any; each bad item is reported by its position and skipped.
"""

from __future__ import annotations

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


@pytest.fixture(scope="module")
def bookmarked(tmp_path_factory) -> tuple[Path, str, dict]:
    """A data folder of the seeds with one bookmark on a seed article, made once by the commands each test ran
    first; (the folder, the article id, the JSON export). Tests copy it with `_setup`, never change it."""
    root = tmp_path_factory.mktemp("bookmarked")
    data_dir = root / "data"
    with own_home(root):
        rows = json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)
        aid = next(r["id"] for r in rows if r["title"].startswith("Russia Agrees"))
        r = run_cli("bookmarks", "add", aid, "--quote", "the Kremlin said", "--note", "n", "--json",
                    data_dir=data_dir)
        assert r.returncode == 0, r.stderr
        export = json.loads(run_cli("bookmarks", "export", "--format", "json", data_dir=data_dir).stdout)
    return data_dir, aid, export


def _setup(data_dir: Path, bookmarked: tuple[Path, str, dict]) -> tuple[str, dict]:
    """The test's own copy of the bookmarked seeds (the data folder holds no path of its own); (its article id,
    the JSON export)."""
    template, aid, export = bookmarked
    shutil.copytree(template, data_dir, dirs_exist_ok=True)
    return aid, json.loads(json.dumps(export))


def _item(export: dict, **changes) -> dict:
    item = json.loads(json.dumps(export["first"]["items"][0]))
    item["readerApp"]["id"] = changes.pop("bid")
    item["id"] = "urn:reader-app:bookmark:" + item["readerApp"]["id"]
    for key, value in changes.items():
        if key in ("start", "end"):
            item["target"]["selector"][1][key] = value
        elif key == "exact":
            item["target"]["selector"][0]["exact"] = value
        elif key == "tags":
            item["readerApp"]["tags"] = value
        else:
            item[key] = value
    return item


def _import(data_dir: Path, items: list, path: Path, raw: str | None = None, bom: bool = False):
    text = raw if raw is not None else json.dumps({"type": "AnnotationCollection", "first": {"items": items}})
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8", "surrogatepass"))
    return _clean(run_cli("bookmarks", "import", str(path), "--json", data_dir=data_dir))


def test_bad_items_are_reported_by_position_and_the_good_ones_kept(data_dir, tmp_path, bookmarked):
    aid, export = _setup(data_dir, bookmarked)
    good = _item(export, bid="good0000001a", exact="Kremlin", start=0, end=7)
    items = [
        _item(export, bid="big000000001", start=10**30, end=10**30 + 5),
        good,
        _item(export, bid="neg000000001", start=-5, end=-1),
        _item(export, bid="date00000001", created="zzz not a date"),
        _item(export, bid="../x\nevil"),
        _item(export, bid="tags00000001", tags=["a,b", "fine"]),
        [[[[[[1]]]]]],
    ]
    raw = json.dumps({"type": "AnnotationCollection", "first": {"items": items}})
    # A lone surrogate (item 8) and an item nested 100,000 deep (item 9), written by hand.
    lone = json.dumps(_item(export, bid="lone00000001")).replace('"n"', '"\\ud800"')
    raw = raw[:-3] + ", " + lone + ", " + "[" * 100_000 + "]" * 100_000 + "]}}"
    r = _import(data_dir, [], tmp_path / "bad.json", raw=raw, bom=True)
    counts = json.loads(r.stdout)
    assert r.returncode == 3, r.stderr
    assert counts["added"] == 2 and counts["duplicates"] == 1  # item 6 is the passage of the export's item
    bad = {int(f.split(":")[0].split()[1]) for f in counts["failed"]}
    assert bad == {1, 4, 5, 7, 8, 9}, counts["failed"]
    assert all(f.count("\n") == 0 for f in counts["failed"])
    # A tag holding a comma (an earlier reader-app saved such tags) is split, and said so: the bookmark is kept.
    [mended] = counts["mended"]
    assert mended.startswith("item 6: the tag 'a,b' holds a comma") and "\n" not in mended
    listed = {b["id"]: b for b in json.loads(run_cli("bookmarks", "list", "--json", data_dir=data_dir).stdout)}
    assert sorted(listed) == sorted(["good0000001a", "neg000000001", export["first"]["items"][0]["readerApp"]["id"]])
    # Negative offsets are no position: the quote places it.
    text = json.loads(run_cli("show", aid, "--json", data_dir=data_dir).stdout)["text"]
    neg = listed["neg000000001"]
    assert not neg["orphan"] and text[neg["start"]:neg["end"]] == neg["quote"] == "the Kremlin said"


def test_imported_anchors_are_checked_against_the_text(data_dir, tmp_path, bookmarked):
    aid, export = _setup(data_dir, bookmarked)
    text = json.loads(run_cli("show", aid, "--json", data_dir=data_dir).stdout)["text"]
    at = text.index("months of spiraling tensions")
    items = [
        _item(export, bid="moved0000001", exact="months of spiraling tensions", start=at + 3, end=at + 31),  # wrong offsets
        _item(export, bid="huge00000001", exact="zq" * 500_000, start=at, end=at + 1_000_000),  # not in the text
        _item(export, bid="bad000000002", exact="months of spiraling tensions", start=at, end=at + 2),  # end does not fit the quote
    ]
    r = _import(data_dir, items, tmp_path / "anchors.json")
    assert r.returncode == 0, r.stderr
    listed = {b["id"]: b for b in json.loads(run_cli("bookmarks", "list", "--json", data_dir=data_dir).stdout)}
    for bid in ("moved0000001", "bad000000002"):
        b = listed[bid]
        assert not b["orphan"] and text[b["start"]:b["end"]] == b["quote"] == "months of spiraling tensions"
    assert listed["huge00000001"]["orphan"]


def test_bookmarks_import_refuses_what_is_not_a_regular_file(data_dir, tmp_path, bookmarked):
    _setup(data_dir, bookmarked)
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.json"
    zero.symlink_to("/dev/zero")
    for target, says in ((fifo, "FIFO"), (zero, "device"), (tmp_path, "is a folder, not a bookmark file")):
        r = _clean(run_cli("bookmarks", "import", str(target), data_dir=data_dir, timeout=60))
        assert r.returncode == 1 and says in r.stderr and "cannot save" not in r.stderr, r.stderr
    big = tmp_path / "big.json"
    with open(big, "wb") as fh:
        fh.truncate(300 * 1024 * 1024)  # sparse: costs no disk
    r = _clean(run_cli("bookmarks", "import", str(big), data_dir=data_dir, timeout=60))
    assert r.returncode == 1 and "too large" in r.stderr, r.stderr


def test_export_never_replaces_a_device_or_a_link(data_dir, tmp_path, bookmarked):
    _setup(data_dir, bookmarked)
    full = tmp_path / "full"
    full.symlink_to("/dev/full")
    null = tmp_path / "null"
    null.symlink_to("/dev/null")
    for target in (full, null):
        r = _clean(run_cli("bookmarks", "export", "-o", str(target), data_dir=data_dir))
        assert r.returncode == 1 and "not a regular file" in r.stderr, r.stderr
        assert target.is_symlink() and os.path.realpath(target).startswith("/dev/")
    # A link to a regular file: the file it points to gets the export, the link stays a link.
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    _clean(run_cli("bookmarks", "export", "-o", str(link), data_dir=data_dir))
    assert link.is_symlink() and real.read_text().startswith("# Bookmarks")
    # A FIFO and a pipe from the shell (`-o >(cmd)`) are written through.
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    r = _clean(run_cli("bookmarks", "export", "-o", str(fifo), data_dir=data_dir))
    assert r.returncode == 0 and reader.communicate(timeout=60)[0].startswith(b"# Bookmarks"), r.stderr
    assert fifo.exists() and not fifo.is_file()
    out = tmp_path / "piped.md"
    cmd = f'"{sys.executable}" -m reader_app --data-dir "{data_dir}" bookmarks export -o >(cat > "{out}"); sleep 1'
    r = _clean(subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, timeout=120,
                              env=dict(os.environ, PYTHONPATH=str(ROOT))))
    assert r.returncode == 0 and out.read_text().startswith("# Bookmarks"), r.stderr


def test_a_killed_export_leaves_no_temporary_file_after_the_next_run(data_dir, tmp_path, bookmarked):
    _setup(data_dir, bookmarked)
    out = tmp_path / "out.md"
    out.write_text("old")
    # What a SIGKILL mid-write leaves: a temporary file of a process that no longer exists.
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = tmp_path / f".out.md.{dead.pid}.tmp"
    stale.write_text("half" * 1000)
    other = tmp_path / f".other.md.{dead.pid}.tmp"  # another file's leftover is not ours to judge here
    other.write_text("x")
    alive = tmp_path / f".out.md.{os.getpid()}.tmp"  # a live process's file is never touched
    alive.write_text("busy")
    _clean(run_cli("bookmarks", "export", "-o", str(out), data_dir=data_dir))
    assert out.read_text().startswith("# Bookmarks")
    assert not stale.exists() and alive.exists() and other.exists()


def test_a_real_sigkill_during_an_export_is_cleaned_up(data_dir, tmp_path):
    from reader_app.core.storage.files import atomic_write

    out = tmp_path / "out.md"
    out.write_text("old")
    code = ("import sys, os, signal; from pathlib import Path; import reader_app.core.storage.files as f\n"
            "real = os.replace\n"
            "def stop(a, b): os.kill(os.getpid(), signal.SIGKILL)\n"
            "os.replace = stop\n"
            f"f.atomic_write(Path({str(out)!r}), 'x' * 100000)\n")
    p = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)
    assert p.returncode == -signal.SIGKILL
    assert [f.name for f in tmp_path.glob(".out.md.*.tmp")]
    time.sleep(0.1)
    atomic_write(out, "new")
    assert out.read_text() == "new" and not list(tmp_path.glob(".out.md.*.tmp"))


def test_an_orphan_finds_its_text_again_under_another_path(data_dir, tmp_path):
    one = make_articles(tmp_path / "one", 1)
    r = json.loads(run_cli("import", str(one), "--json", data_dir=data_dir).stdout)
    aid = r["added"][0]["id"]
    b = json.loads(run_cli("bookmarks", "add", aid, "--quote", "It ends with marker0", "--json",
                           data_dir=data_dir).stdout)
    assert run_cli("remove", aid, data_dir=data_dir).returncode == 0
    moved = tmp_path / "moved"
    (one / "a00000.txt").rename(tmp_path / "moved.txt")
    moved.mkdir()
    (tmp_path / "moved.txt").rename(moved / "renamed.txt")
    r = json.loads(_clean(run_cli("import", str(moved), "--json", data_dir=data_dir)).stdout)
    new = r["added"][0]["id"]
    assert new != aid
    back = json.loads(run_cli("bookmarks", "list", "--json", data_dir=data_dir).stdout)
    assert [(x["id"], x["article_id"], x["orphan"]) for x in back] == [(b["id"], new, False)]


@pytest.mark.usefixtures("root_only")
def test_an_export_onto_a_full_disk_says_the_disk_is_full_and_keeps_the_old_file(data_dir, tmp_path, bookmarked):
    from tests.faults.conftest import tiny_disk

    _setup(data_dir, bookmarked)
    with tiny_disk(tmp_path / "small", 16) as small:
        out = small / "out.md"
        out.write_text("old")
        big = "y" * 100_000  # the export (over 100 KB) cannot fit on the 16 KB disk
        r = _clean(run_cli("bookmarks", "edit", json.loads(run_cli("bookmarks", "list", "--json",
                           data_dir=data_dir).stdout)[0]["id"], "--note", big, data_dir=data_dir))
        assert r.returncode == 0, r.stderr
        r = _clean(run_cli("bookmarks", "export", "-o", str(out), data_dir=data_dir))
        assert r.returncode == 1 and "disk is full" in r.stderr and "nothing was written" in r.stderr, r.stderr
        assert out.read_text() == "old" and not list(small.glob(".out.md.*"))


@pytest.mark.parametrize("fmt", ["md", "json", "csl"])
def test_export_to_a_fifo_nobody_reads_is_refused_not_waited_on(data_dir, tmp_path, bookmarked, fmt):
    """A named pipe with no reader would take the export for ever: every format says so in one line and
    exits 1; a folder and a device are refused as well, and none of them is replaced."""
    _setup(data_dir, bookmarked)
    fifo = tmp_path / "nobody.fifo"
    os.mkfifo(fifo)
    for target, says in ((fifo, "no program is reading"), (tmp_path, "a folder"), (Path("/dev/zero"), "a device")):
        r = _clean(run_cli("bookmarks", "export", "--format", fmt, "-o", str(target), data_dir=data_dir,
                           timeout=60))
        assert r.returncode == 1 and says in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
        assert r.stdout == ""
    assert fifo.exists() and not fifo.is_file() and not list(tmp_path.glob(".*.tmp"))
