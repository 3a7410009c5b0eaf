"""Unexpected errors in the window: logged with the traceback, shown to the user as one plain sentence."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("reader_app.ui")


def plain_sentence(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        from reader_app.core.errors import describe_os_error

        return f"Something could not be saved or read: {describe_os_error(exc)}. Nothing you saved was lost."
    return "Something went wrong inside reader-app. Nothing you saved was lost; details are in the log file."


def install_excepthook(log_file: str) -> None:
    """Route uncaught exceptions (including those in Qt slots) to the log and a short message box."""
    showing = False

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        log.error("uncaught exception:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        app = QApplication.instance()
        if app is None or showing:
            return
        showing = True

        def show() -> None:
            nonlocal showing
            box = QMessageBox(QMessageBox.Icon.Warning, "reader-app", plain_sentence(exc))
            box.setInformativeText(f"Log file: {log_file}")
            box.setObjectName("errorDialog")
            box.exec()
            showing = False

        QTimer.singleShot(0, show)

    sys.excepthook = hook
