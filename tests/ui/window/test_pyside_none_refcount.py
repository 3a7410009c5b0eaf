"""Regression guard: PySide6 6.12.0 on Python < 3.12 drops a reference to None on every void Qt call,
and the interpreter aborts after a few thousand calls (`Fatal Python error: none_dealloc`)."""

from __future__ import annotations

import os
import subprocess
import sys

CODE = """
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget()
for _ in range(20000):
    w.setEnabled(True)
print("survived")
"""


def test_many_void_qt_calls_do_not_abort_the_interpreter():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0 and "survived" in r.stdout, (r.returncode, r.stderr[-500:])
