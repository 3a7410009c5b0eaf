"""The window during a big import: killed with SIGKILL, or quit with Ctrl+Q, it leaves no process behind
within 5 s, and the next import completes the library. The import is the watched folder's scan at start."""

from __future__ import annotations

import json
import signal

import pytest

from reader_app.core.collection.manifest import read_manifest
from tests.conftest import run_cli
from tests.faults.lifetime import describe, make_corpus, marked, new_mark, wait_for
from tools.xdriver import RunningApp, app_env

ARTICLES = 2000
GONE_WITHIN = 5.0  # seconds


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("corpus"), ARTICLES)


def start_importing(reader_app_command, display, tmp_path, corpus) -> tuple[RunningApp, dict, object]:
    """The window on a data folder that watches `corpus`: it starts importing as soon as it is up; returned
    once its workers have copied a few hundred files."""
    data = tmp_path / "data"
    (data / "config").mkdir(parents=True)
    (data / "config" / "settings.json").write_text(json.dumps({"watched_folder": str(corpus)}))
    env = new_mark()
    app = RunningApp([reader_app_command, "--data-dir", str(data)], {**app_env(display), **env},
                     tmp_path / "shown.json", cwd=tmp_path)
    app.wait_for_window()
    copies = data / "articles"
    assert wait_for(lambda: len(marked(env)) >= 3, 60), "the import workers never started"  # window + 2
    assert wait_for(lambda: copies.is_dir() and sum(1 for _ in copies.iterdir()) >= 300, 60)
    assert app.proc.poll() is None
    return app, env, data


def assert_complete_after_the_next_import(data, corpus) -> None:
    r = run_cli("import", str(corpus), "--json", data_dir=data)
    assert r.returncode == 0, r.stderr
    assert not json.loads(r.stdout)["failed"]
    manifest = read_manifest(data / "articles" / "manifest.json")
    assert len({e["origin"] for e in manifest.values()}) == ARTICLES
    listed = {e["file"] for e in manifest.values()}
    assert {p.name for p in (data / "articles").iterdir()} - listed == {"manifest.json"}
    shown = {a["id"] for a in json.loads(run_cli("list", "--json", data_dir=data).stdout)}
    assert set(manifest) <= shown


def test_killing_the_window_during_an_import_leaves_no_process(reader_app_command, display, tmp_path, corpus):
    app, env, data = start_importing(reader_app_command, display, tmp_path, corpus)
    app.proc.send_signal(signal.SIGKILL)
    app.proc.wait()
    assert wait_for(lambda: not marked(env), GONE_WITHIN), describe(marked(env))
    assert_complete_after_the_next_import(data, corpus)


def test_quitting_the_window_during_an_import_keeps_what_was_done_and_leaves_no_process(
        reader_app_command, display, tmp_path, corpus):
    """Ctrl+Q asks first while an import runs (Keep Importing is the default); Quit stops it."""
    app, env, data = start_importing(reader_app_command, display, tmp_path, corpus)
    app.key("ctrl+q")

    def question() -> list[str]:
        return app.xdotool("search", "--onlyvisible", "--name", "^Quit While Importing\\?$").split()

    assert wait_for(question, 20), "no question before quitting during the import"
    assert app.proc.poll() is None  # asked, not quit
    app.xdotool("windowfocus", "--sync", question()[0])  # no window manager on Xvfb gives it the keyboard
    app.key("alt+q")
    app.proc.wait(timeout=60)  # the import stops after the current files and commits them first
    assert wait_for(lambda: not marked(env), GONE_WITHIN), describe(marked(env))
    kept = read_manifest(data / "articles" / "manifest.json")
    assert 0 < len(kept) < ARTICLES
    shown = {a["id"] for a in json.loads(run_cli("list", "--json", data_dir=data).stdout)}
    assert set(kept) <= shown  # what the workers finished was committed
    assert_complete_after_the_next_import(data, corpus)
