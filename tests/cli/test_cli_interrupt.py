"""Ctrl+C on the command line: one line saying what became of the work, exit 130, the library as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import BBC, ROOT, ctrl_c_default, run_cli


def test_an_import_interrupted_says_so_and_adds_nothing(tmp_path):
    if not BBC.is_dir():
        pytest.skip("the BBC corpus is not beside this checkout")
    data = tmp_path / "data"
    assert run_cli("index", data_dir=data).returncode == 0  # the seeds' library, before the import
    before = run_cli("list", "--json", data_dir=data).stdout
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("READER_APP_DATA_DIR", None)
    proc = subprocess.Popen([sys.executable, "-m", "reader_app", "--data-dir", str(data), "import", str(BBC)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
                            start_new_session=True, preexec_fn=ctrl_c_default)
    copies = data / "articles"
    deadline = time.monotonic() + 60
    # interrupt once the import is under way: its first copies are in the library folder (not yet listed)
    while time.monotonic() < deadline and proc.poll() is None and \
            sum(1 for _ in copies.glob("*")) < 50:
        time.sleep(0.05)
    assert proc.poll() is None, proc.communicate()
    os.killpg(proc.pid, signal.SIGINT)  # as Ctrl+C in a terminal: the whole foreground group
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "reader-app: import interrupted: nothing of it was added" in err
    assert "Traceback" not in err
    assert run_cli("list", "--json", data_dir=data).stdout == before
