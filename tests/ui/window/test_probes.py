"""The start-up probe the benchmark relies on: the real app notes its first paint and its first filled list,
then closes by itself."""

from __future__ import annotations

import json

from tests.conftest import run_cli


def test_startup_probe_records_both_marks_and_closes_the_window(tmp_path, data_dir):
    probe = tmp_path / "probe.json"
    env = {"QT_QPA_PLATFORM": "offscreen", "READER_APP_STARTUP_PROBE": str(probe)}
    first = run_cli(data_dir=data_dir, env=env, timeout=120)  # no command: the window
    assert first.returncode == 0, first.stderr[-800:]
    marks = json.loads(probe.read_text(encoding="utf-8"))
    assert marks["rows"] == 5 and marks["shown"] <= marks["populated"]
    probe.unlink()
    again = run_cli(data_dir=data_dir, env=env, timeout=120)  # warm: the list comes from the cache first
    assert again.returncode == 0, again.stderr[-800:]
    assert json.loads(probe.read_text(encoding="utf-8"))["rows"] == 5
