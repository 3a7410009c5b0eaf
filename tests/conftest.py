"""Shared fixtures: every test gets its own data folder; nothing touches the real per-user folders."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Unit GUI tests draw offscreen; end-to-end tests start their own Xvfb and set DISPLAY for the app.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
# The BBC corpus lives in the shared folder beside the checkout (or beside the folder of worktrees).
BBC = next((p / "shared" / "corpora" / "bbc-news" for p in ROOT.parents[:2]
            if (p / "shared" / "corpora" / "bbc-news").is_dir()), Path("/nonexistent"))
BBC_SECTIONS = ("business", "tech", "entertainment")  # 1,198 texts: enough for stories to update, not rebuild
BBC_HELD_OUT = "business-yukos-heading-back-to-us-courts.txt"  # left out of the template, for tests to add
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Point HOME and the XDG folders at a temporary place so platformdirs never reaches the real ones."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.delenv("READER_APP_DATA_DIR", raising=False)


@contextlib.contextmanager
def own_home(root: Path):
    """HOME and the XDG folders under `root`, for data made once per module or session (a fixture of that
    scope is made before the per-test HOME above is set)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(root / "home"))
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            mp.setenv(var, str(root / "home" / var.lower()))
        mp.delenv("READER_APP_DATA_DIR", raising=False)
        yield


@contextlib.contextmanager
def template_library(root: Path):
    """A Library opened on `root`/"data" under its own HOME (own_home), for a data folder a module's tests each
    copy (made once, before the per-test HOME is set); closed after the block."""
    from reader_app import paths
    from reader_app.core.library import Library

    with own_home(root):
        library = Library(paths.resolve(root / "data"))
        library.open()
        try:
            yield library
        finally:
            library.close()


@pytest.fixture
def data_dir(tmp_path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture(scope="session")
def seeds_index_template(tmp_path_factory) -> Path:
    """A data folder as `reader-app index` leaves it on a first run (the seeds' index built), made once per
    session; tests copy it with `indexed_data_dir`, never change it."""
    root = tmp_path_factory.mktemp("seeds-index")
    with own_home(root):
        r = run_cli("index", data_dir=root / "data")
    assert r.returncode == 0, r.stderr
    return root / "data"


@pytest.fixture
def indexed_data_dir(data_dir, seeds_index_template) -> Path:
    """The test's data folder holding its own copy of the seeds' built index: the state after a first
    `reader-app index`, for tests about what comes after (a data folder holds no path of its own)."""
    shutil.copytree(seeds_index_template, data_dir, dirs_exist_ok=True)
    return data_dir


@pytest.fixture
def app_paths(data_dir):
    from reader_app import paths

    return paths.resolve(data_dir)


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A writable copy of the seeds, for tests that change source files."""
    d = tmp_path / "seeds"
    shutil.copytree(SEEDS, d)
    return d


@pytest.fixture
def library(app_paths):
    from reader_app.core.library import Library

    lib = Library(app_paths)
    lib.open()
    yield lib
    lib.close()


def ctrl_c_default() -> None:
    """`preexec_fn` for a child that a test interrupts: Ctrl+C (SIGINT) back to its default. A shell starts a
    background job with SIGINT ignored, and an ignored signal stays ignored in every child, so a suite run in the
    background (nohup … &) would see no Ctrl+C reach the app at all."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_cli(*args: str, data_dir: Path | None = None, input: str | None = None, cwd: Path | None = None,
            env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `python -m reader_app` as a real process."""
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    full_env.pop("READER_APP_DATA_DIR", None)
    if env:
        full_env.update(env)
    cmd = [sys.executable, "-m", "reader_app"]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    cmd += list(args)
    return subprocess.run(cmd, capture_output=True, text=True, input=input, cwd=cwd or ROOT, env=full_env,
                          timeout=timeout)


@pytest.fixture(scope="session")
def bbc_stories_template(tmp_path_factory) -> Path:
    """A data folder of three BBC sections and the seeds (one article held out: BBC_HELD_OUT) with its
    stories built, made once per session; tests copy its `data` folder, never change it."""
    if not BBC.is_dir():
        pytest.skip("the BBC corpus is not beside this checkout")
    from reader_app import paths
    from reader_app.core.library import Library
    from reader_app.core.stories import stories_for

    root = tmp_path_factory.mktemp("bbc-stories")
    src = root / "src"
    src.mkdir()
    for section in BBC_SECTIONS:
        for p in sorted((BBC / section).glob("*.txt")):
            if f"{section}-{p.name}" != BBC_HELD_OUT:
                shutil.copy(p, src / f"{section}-{p.name}")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(root / "home"))
        lib = Library(paths.resolve(root / "data"))
        lib.open()
        lib.import_paths([src])
        stories_for(lib)
        lib.close()
    return root / "data"
