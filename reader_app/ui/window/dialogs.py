"""The window's small message boxes: About, search syntax (help.py), and the files an index build had to skip.

Every text here is plain (file-derived strings pass through `label`), never rich text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMessageBox, QWidget

from reader_app import APP_NAME, __version__
from reader_app.ui.text import label
from reader_app.ui.window.help import show_help

FALLBACK_HELP = ("Type words to find articles containing all of them. Use \"quotes\" for a phrase, "
                 "OR between alternatives and -word to leave a word out.")


def about(parent: QWidget, icon: QIcon) -> None:
    box = QMessageBox(parent)
    box.setObjectName("aboutDialog")
    box.setWindowTitle(f"About {APP_NAME}")
    box.setIconPixmap(icon.pixmap(64, 64))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"{APP_NAME} {__version__}")
    box.setInformativeText("A reader for a local collection of news articles: clean reading, ranked search, "
                           "bookmarked passages.\n\nBuilt with PySide6 (Qt 6), Whoosh and platformdirs.")
    box.exec()


def search_help(parent: QWidget) -> QWidget:
    """F1: the search syntax and the keys, as aligned tables (help.py)."""
    try:
        from reader_app.core.search.query import HELP_TEXT
    except ImportError:
        HELP_TEXT = FALLBACK_HELP

    return show_help(parent, str(HELP_TEXT))


def skipped_files(parent: QWidget, skipped: list[tuple[str, str]]) -> None:
    """The files that could not be read, with one-line reasons (the first 50)."""
    lines = [f"{label(origin, 200)}: {label(reason, 200)}" for origin, reason in skipped[:50]]
    more = len(skipped) - len(lines)
    box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, "These files could not be read and were skipped.",
                      parent=parent)
    box.setObjectName("skippedDialog")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDetailedText("\n".join(lines) + (f"\n…and {more} more" if more > 0 else ""))
    box.exec()
