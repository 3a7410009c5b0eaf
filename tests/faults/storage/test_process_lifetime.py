"""No process outlives the app: `reader-app import` and a full rebuild are killed with SIGKILL at several
moments; within 5 s no process of that run is left, the next run cleans away what the killed one wrote, and
the next import completes the library."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import whoosh.filedb.filestore
import whoosh.index

from reader_app.core.collection.manifest import read_manifest
from tests.conftest import ROOT, own_home, run_cli
from tests.faults.lifetime import describe, make_corpus, marked, new_mark, wait_for

GONE_WITHIN = 5.0  # seconds
ARTICLES = 2000  # in four folders: an import of all of them runs for several seconds


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus"), ARTICLES)


@pytest.fixture(scope="module")
def part0_library(tmp_path_factory, corpus) -> Path:
    """A data folder with the corpus's first folder imported (a manifest and an index already), made once; each
    test copies it (the data folder holds no path of its own)."""
    root = tmp_path_factory.mktemp("part0")
    with own_home(root):
        r = run_cli("import", str(corpus / "part0"), data_dir=root / "data")
    assert r.returncode == 0, r.stderr
    return root / "data"


def start(data_dir: Path, env: dict[str, str], *args: str) -> subprocess.Popen:
    full_env = dict(os.environ, PYTHONPATH=str(ROOT), **env)
    return subprocess.Popen([sys.executable, "-m", "reader_app", "--data-dir", str(data_dir), *args], cwd=ROOT,
                            env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def copies(data_dir: Path) -> int:
    folder = data_dir / "articles"
    return sum(1 for _ in folder.iterdir()) if folder.is_dir() else 0


def kill_when(proc: subprocess.Popen, moment, what: str) -> None:
    """SIGKILL `proc` once `moment()` is true (while it still runs)."""
    assert wait_for(lambda: moment() or proc.poll() is not None, 120, step=0.01)
    assert proc.poll() is None, f"the run ended before {what}"
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def assert_nothing_left(env: dict[str, str]) -> None:
    left = wait_for(lambda: not marked(env), GONE_WITHIN)
    assert left, f"still running {GONE_WITHIN} s after the kill: {describe(marked(env))}"


def index_leftovers(index: Path) -> list[str]:
    """Files in the index folder that its table of contents does not list."""
    storage = whoosh.filedb.filestore.FileStorage(str(index))
    toc = whoosh.index.TOC.read(storage, "articles")
    live = {s.segment_id() for s in toc.segments}
    out = []
    for p in index.iterdir():
        name = p.name
        if name.endswith(".toc"):
            if name != f"_articles_{toc.generation}.toc":
                out.append(name)
        elif name.startswith("articles_") and name != "articles_WRITELOCK":
            if name.split(".")[0] not in live:
                out.append(name)
        elif p.is_dir():
            out.append(name)
    return sorted(out)


MOMENTS = {
    "as the workers start": lambda data, env: len(marked(env)) >= 2,
    "a few hundred files in": lambda data, env: copies(data) >= 300,
    "most of the way": lambda data, env: copies(data) >= 1300,
}


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_a_killed_import_leaves_no_process_and_the_next_run_completes_the_library(tmp_path, corpus, part0_library,
                                                                                 moment):
    data, env = tmp_path / "data", new_mark()
    shutil.copytree(part0_library, data)  # a library with a manifest and an index already
    proc = start(data, env, "import", str(corpus))
    kill_when(proc, lambda: MOMENTS[moment](data, env), moment)
    assert_nothing_left(env)

    r = run_cli("list", data_dir=data)  # the next run cleans what the killed writer left in the index
    assert r.returncode == 0, r.stderr
    assert index_leftovers(data / "index") == []

    r = run_cli("import", str(corpus), "--json", data_dir=data)
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert not report["failed"]
    manifest = read_manifest(data / "articles" / "manifest.json")
    listed = {e["file"] for e in manifest.values()}
    assert {p.name for p in (data / "articles").iterdir()} - listed == {"manifest.json"}  # no stray copies
    assert len({e["origin"] for e in manifest.values()}) == ARTICLES
    shown = json.loads(run_cli("list", "--json", data_dir=data).stdout)
    assert set(manifest) <= {a["id"] for a in shown}
    again = json.loads(run_cli("import", str(corpus), "--json", data_dir=data).stdout)
    assert not again["added"] and not again["updated"]  # it was complete


def test_a_killed_rebuild_leaves_no_process_and_the_old_index_serves(tmp_path, corpus):
    data, env = tmp_path / "data", new_mark()
    r = run_cli("import", str(corpus / "part0"), str(corpus / "part1"), "--json", data_dir=data)
    assert r.returncode == 0, r.stderr
    before = len(json.loads(run_cli("list", "--json", data_dir=data).stdout))
    assert before >= 300  # enough for the rebuild to use Whoosh's worker processes

    proc = start(data, env, "index", "--rebuild")
    kill_when(proc, lambda: len(marked(env)) >= 3, "its writer processes started")  # itself and two workers
    assert_nothing_left(env)

    r = run_cli("index", "--json", data_dir=data)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["total"] == before
    assert not [p.name for p in data.iterdir() if p.name.startswith(".index.")]


def children_of(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                out.append(int(entry))
    return out


@pytest.mark.parametrize("cancelled", [False, True])
def test_an_import_in_worker_processes_leaves_no_child_when_it_returns(tmp_path, library, corpus, cancelled):
    """What the window's import (and its Cancel) runs: the workers, and no helper process, are gone when the
    call returns, with what they finished in the library."""
    before = set(children_of(os.getpid()))
    seen: list[int] = []
    report = library.import_paths([corpus / "part0", corpus / "part1"], procs=2,
                                  progress=lambda n, _t, _w: seen.append(n),
                                  cancel=lambda: cancelled and bool(seen) and seen[-1] >= 200)
    assert set(children_of(os.getpid())) - before == set()
    assert report.cancelled == cancelled
    assert len(report.added) == (ARTICLES // 2 - report.skipped if cancelled else ARTICLES // 2)
    assert {aid for _, aid in report.added} <= {a["id"] for a in library.list_articles()}
