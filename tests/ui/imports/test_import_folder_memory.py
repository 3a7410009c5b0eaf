"""Import Folder starts where the last one was chosen, in this session and the next (the real file dialog)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog


def _choose_in_dialog(qtbot, action, folder: Path | None) -> str:
    """Trigger `action`, note where its file dialog starts, then pick `folder` (or cancel); the start folder."""
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, answer)
            return
        seen.append(dialog.directory().absolutePath())
        if folder is None:
            dialog.reject()
        else:
            dialog.setDirectory(str(folder))
            dialog.accept()

    QTimer.singleShot(50, answer)
    action.trigger()
    return seen[0]


def test_import_folder_remembers_the_last_folder(qtbot, make_window, app_paths, tmp_path):
    chosen = tmp_path / "news" / "2021"
    chosen.mkdir(parents=True)
    window = make_window()
    first = _choose_in_dialog(qtbot, window.imports.import_folder_action, chosen)
    assert Path(first) != chosen
    dialog = window.imports.outlet_dialog  # the import asks for an outlet next: not this test's business
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=5000)
    dialog.reject()
    assert Path(_choose_in_dialog(qtbot, window.imports.import_folder_action, None)) == chosen
    window.close()
    again = make_window(app_paths)
    assert Path(_choose_in_dialog(qtbot, again.imports.import_folder_action, None)) == chosen
