"""F1 help: the search syntax and the keyboard, each as an aligned two-column table.

The syntax rows come from core.query.HELP_TEXT (one rule a line, the example and its meaning parted by two
spaces); the keys come from the window's own actions, so the table never disagrees with the menus.
Every cell is escaped: the text is ours, but the table is rich text.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMainWindow, QMenu, QTextBrowser, QVBoxLayout, QWidget

# Keys the widgets handle themselves (no QAction to read them from): those of the search box and the list come
# first, with Search; the bookmarks pane's last.
WIDGET_KEYS_FIRST = (
    ("Down (in the search box)", "Move into the results"),
    ("Esc (in the search box)", "Clear the search and show every article"),
    ("Up/Down or J/K", "Move through the list"),
    ("Enter", "Open the selected article or bookmark"),
    ("Tab or Shift+Tab", "Move to the next or previous pane"),
    ("Ctrl+Tab (in the article)", "Move through its links (Enter follows one)"),
)
WIDGET_KEYS_LAST = (
    ("Delete (in Bookmarks)", "Delete the selected bookmarks (Undo brings them back)"),
    ("F2 (in Bookmarks)", "Edit the bookmark's note and tags"),
)
# Dynamic properties an action may set to be listed otherwise than by its shortcuts and text.
HELP_KEYS = "helpKeys"
HELP_TEXT = "helpText"
FIRST_ACTION = "focusSearch"  # the table starts with searching, then moving around (the Go menu)
FIRST_MENU = "Go"


def syntax_rows(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """(paragraphs, (example, meaning) rows) from HELP_TEXT-style lines."""
    paragraphs: list[str] = []
    rows: list[tuple[str, str]] = []
    last_was_paragraph = False
    for line in text.splitlines():
        parts = [p for p in re.split(r"\s{2,}", line.strip()) if p]
        if len(parts) >= 2:
            rows.append(("\n".join(parts[:-1]), parts[-1]))  # several examples: one a line
            last_was_paragraph = False
        elif parts:
            if last_was_paragraph and paragraphs[-1].endswith((";", ",")):  # a sentence carried on a line
                paragraphs[-1] += " " + parts[0]
            else:
                paragraphs.append(parts[0])
            last_was_paragraph = True
    return paragraphs, rows


def _on_keyboard(key: str) -> bool:
    """Leave out the media-keyboard keys Qt's standard bindings add ("Find", "Zoom In", "Help"), and F13 and
    above, which no ordinary keyboard has (X11's Undo key is "F14": a trial's table read "Ctrl+Z or F14")."""
    return "+" in key or len(key) == 1 or \
        re.fullmatch(r"F([1-9]|1[0-2])|Backspace|Del|Delete|Esc|Enter|Return", key) is not None


def _ordered_actions(window: QWidget) -> list[QAction]:
    """The window's actions as a reader meets them: Search, the Go menu, the other menus as the menu bar
    orders them (each menu's own order), then any action in no menu (a trial's table started with Ctrl+Shift+O,
    the order in which the features happened to be added)."""
    menus: list[tuple[str, list[QAction]]] = []
    bar = window.menuBar() if isinstance(window, QMainWindow) else None
    for top in bar.actions() if bar is not None else []:
        menu = top.menu()
        if isinstance(menu, QMenu):
            menus.append((top.text().replace("&", ""), _menu_actions(menu)))
    menus.sort(key=lambda m: m[0] != FIRST_MENU)  # stable: the others keep the menu bar's order
    own = [a for a in window.actions() if isinstance(a, QAction)]
    ordered = [a for a in own if a.objectName() == FIRST_ACTION]
    for _title, actions in menus:
        ordered += [a for a in actions if a not in ordered]
    return ordered + [a for a in own if a not in ordered]


def _menu_actions(menu: QMenu) -> list[QAction]:
    found: list[QAction] = []
    for action in menu.actions():
        sub = action.menu()
        found += _menu_actions(sub) if isinstance(sub, QMenu) else [action]
    return found


def _row(action: QAction) -> tuple[str, str] | None:
    """(keys, what they do): an action may say both itself (HELP_KEYS, HELP_TEXT), as Undo does, whose text
    is the live "Undo Bookmark …" and whose standard keys differ from one desktop to another."""
    keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
    keys = [k for k in keys if _on_keyboard(k)]
    name = action.text().replace("&&", "\x00").replace("&", "").replace("\x00", "&").rstrip("…. ")
    told_keys, told_name = action.property(HELP_KEYS), action.property(HELP_TEXT)
    shown = str(told_keys) if told_keys else " or ".join(keys[:2])
    name = str(told_name) if told_name else name
    return (shown, name) if shown and name else None


def key_rows(window: QWidget) -> list[tuple[str, str]]:
    """(keys, action) for every action of `window` that has a shortcut, and the keys widgets handle: Search
    and the list's keys first, then the Go menu, the other menus, the bookmarks pane's keys last."""
    actions = _ordered_actions(window)
    rows = [row for action in actions if (row := _row(action)) is not None]
    first = 1 if actions and actions[0].objectName() == FIRST_ACTION and _row(actions[0]) else 0
    return rows[:first] + list(WIDGET_KEYS_FIRST) + rows[first:] + list(WIDGET_KEYS_LAST)


def _table(head: tuple[str, str], rows: list[tuple[str, str]], code: bool) -> str:
    def e(text: str) -> str:
        return html.escape(text, quote=False).replace("\n", "<br>")

    first = ("<code>", "</code>") if code else ("<b>", "</b>")
    cells = "".join(f"<tr><td style='padding: 3px 18px 3px 0;'>{first[0]}{e(a)}{first[1]}</td>"
                    f"<td style='padding: 3px 0;'>{e(b)}</td></tr>" for a, b in rows)
    return (f"<table width='100%' cellspacing='0'><tr><th align='left' width='42%'>{e(head[0])}</th>"
            f"<th align='left'>{e(head[1])}</th></tr>{cells}</table>")


def help_html(help_text: str, keys: list[tuple[str, str]]) -> str:
    paragraphs, rows = syntax_rows(help_text)
    e = lambda s: html.escape(s, quote=False)  # noqa: E731
    return ("<h3>Search</h3>" + "".join(f"<p>{e(p)}</p>" for p in paragraphs[:1])
            + _table(("Type", "To find"), rows, code=True)
            + "".join(f"<p>{e(p)}</p>" for p in paragraphs[1:])
            + "<h3>Keyboard</h3>" + _table(("Keys", "Action"), keys, code=False))


def help_size(screen_width: int, screen_height: int) -> QSize:
    """720 x 620 where the screen has room; on a small screen (800 x 600) the help leaves room for the
    window's frame and the panel, so its Close button stays on screen (the text scrolls)."""
    return QSize(min(720, screen_width - 40), min(620, screen_height - 80))


def show_help(parent: QWidget, help_text: str) -> QDialog:
    """Open the help (not blocking: it can stay open beside the window while a query is tried)."""
    dialog = QDialog(parent)
    dialog.setObjectName("searchHelpDialog")
    dialog.setWindowTitle("Help — search syntax and keys")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    view = QTextBrowser(dialog)
    view.setObjectName("helpText")
    view.setOpenLinks(False)
    view.setHtml(help_html(help_text, key_rows(parent)))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    dialog.finished.connect(lambda _result: parent.window().activateWindow())  # the keyboard goes back
    layout = QVBoxLayout(dialog)
    layout.addWidget(view, 1)
    layout.addWidget(buttons)
    screen = (parent.screen() if parent is not None else dialog.screen()).availableGeometry()
    dialog.resize(help_size(screen.width(), screen.height()))
    dialog.show()
    # take the keyboard: a dialog shown beside the window is not always made active, and Esc (or Up/Down)
    # then went to the window behind it
    dialog.raise_()
    dialog.activateWindow()
    view.setFocus()
    return dialog
