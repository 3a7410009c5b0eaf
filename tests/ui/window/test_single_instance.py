"""A second instance on the same data folder hands over to the first, or knows it is second."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

from reader_app.ui.window.single_instance import InstanceGuard
from tests.conftest import ROOT

SECOND = """
import sys
from PySide6.QtCore import QCoreApplication
from reader_app import paths
from reader_app.ui.window.single_instance import InstanceGuard
app = QCoreApplication([])
guard = InstanceGuard(paths.resolve(sys.argv[1]))
answer = "primary" if guard.claim() else guard.hand_over()
print({"ok": "handed-over"}.get(answer, answer or "no-answer"), flush=True)
if answer == "closing":
    print("opened" if guard.wait_for_first(30) else "read-only", flush=True)
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


def test_a_launch_while_the_first_is_closing_waits_for_it_and_opens_then(qtbot, app_paths):
    """A trial's relaunch while a quit import was still stopping raised the closing window, which ignored all
    input ("already open on this library; brought that window to the front"). It is told the first is
    closing, is not handed over to it, and opens once the first has gone."""
    first = InstanceGuard(app_paths)
    assert first.claim()
    first.closing()  # its window has closed; an import is stopping
    raised: list[bool] = []
    first.activation_requested.connect(lambda: raised.append(True))
    proc = _second(app_paths.data)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(line.strip() for line in proc.stdout), daemon=True)
    reader.start()  # (the first's event loop must go on to answer)
    qtbot.waitUntil(lambda: bool(lines), timeout=10000)
    assert lines == ["closing"] and not raised
    qtbot.wait(500)
    assert proc.poll() is None  # waiting for the first to end
    first.release()
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=10000)
    reader.join(5)
    assert lines == ["closing", "opened"]
