"""A second instance on the same data folder hands over to the first, or knows it is second."""

from __future__ import annotations

import os
import subprocess
import sys

from reader_app.ui.window.single_instance import InstanceGuard
from tests.conftest import ROOT

SECOND = """
import sys
from PySide6.QtCore import QCoreApplication
from reader_app import paths
from reader_app.ui.window.single_instance import InstanceGuard
app = QCoreApplication([])
guard = InstanceGuard(paths.resolve(sys.argv[1]))
print("primary" if guard.claim() else ("handed-over" if guard.hand_over() else "no-answer"), flush=True)
"""


def _second(data_dir):
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen([sys.executable, "-c", SECOND, str(data_dir)], stdout=subprocess.PIPE, text=True,
                            env=env)


def test_second_instance_hands_over_to_the_first(qtbot, app_paths):
    first = InstanceGuard(app_paths)
    assert first.claim()
    with qtbot.waitSignal(first.activation_requested, timeout=10000):
        proc = _second(app_paths.data)
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=10000)
    assert proc.stdout.read().strip() == "handed-over"
    first.release()


def test_lock_is_freed_when_the_first_goes_away(qtbot, app_paths):
    first = InstanceGuard(app_paths)
    assert first.claim()
    second = InstanceGuard(app_paths)
    assert not second.claim()
    first.release()
    third = InstanceGuard(app_paths)
    assert third.claim()
    third.release()


def test_killed_first_instance_leaves_no_stale_lock(qtbot, app_paths):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys,time\nfrom reader_app.core.storage.locks import InstanceLock\n"
         "l=InstanceLock(__import__('pathlib').Path(sys.argv[1])); print(l.acquire(), flush=True); time.sleep(60)",
         str(app_paths.lock_file)],
        stdout=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert holder.stdout.readline().strip() == "True"
    assert not InstanceGuard(app_paths).claim()
    holder.kill()
    holder.wait()
    guard = InstanceGuard(app_paths)
    assert guard.claim()
    guard.release()
