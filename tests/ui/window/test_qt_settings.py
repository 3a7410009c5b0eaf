"""Qt's own settings (the file dialog's last folder and view) stay in the app's config folder (new-user
trial: ~/.config/QtProject.conf was written even with --data-dir)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT

DIALOG = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from reader_app import paths
from reader_app.ui.app import build_window, make_app

app = make_app([])
window = build_window(paths.resolve(Path(sys.argv[1])))
window.show()
shown = []

def close():
    dialog = QApplication.activeModalWidget()
    if dialog is None:
        QTimer.singleShot(50, close)
        return
    shown.append(type(dialog).__name__)
    dialog.reject()

QTimer.singleShot(100, close)
window.bookmarks.ask_export()  # File > Export Bookmarks: Qt's file dialog, closed by the timer
print(shown)
"""


def test_the_file_dialog_keeps_its_settings_in_the_apps_config_folder(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    data = tmp_path / "data"
    r = subprocess.run([sys.executable, "-c", DIALOG, str(data)], env=env, capture_output=True, text=True,
                       timeout=120, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "QFileDialog" in r.stdout  # the dialog did open (and was closed)
    assert not (home / ".config" / "QtProject.conf").exists()
    assert [p.name for p in home.rglob("*") if p.is_file()] == []  # nothing at all in the home folder
    assert (data / "config" / "QtProject.conf").is_file()
