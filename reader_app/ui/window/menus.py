"""The main window's menus: File, Edit, View, Go and Help, as QActions on the window's public slots.

Shortcuts come from QKeySequence standard keys where one exists (Quit, Find, Zoom, Back…), plus the few
the app adds (Ctrl+K/Ctrl+L for search, Ctrl+= for zoom, j/k-style Alt+J/Alt+K). Every action is also added
to the window itself, so its shortcut works while the menu bar is hidden (full screen).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

if TYPE_CHECKING:
    from reader_app.ui.articles.pane import ListPane
    from reader_app.ui.reader.view import ReaderView

MENUS = (("file", "&File"), ("edit", "&Edit"), ("view", "&View"), ("go", "&Go"), ("help", "&Help"))
THEME_LABELS = (("system", "Follow &System"), ("light", "&Light"), ("dark", "&Dark"))


def key_sequences(shortcuts: list[Any]) -> list[QKeySequence]:
    """Standard keys expanded to the platform's bindings, then the extra ones, without duplicates."""
    keys: list[QKeySequence] = []
    for s in shortcuts:
        for k in (QKeySequence.keyBindings(s) if isinstance(s, QKeySequence.StandardKey) else [QKeySequence(s)]):
            if not k.isEmpty() and k not in keys:
                keys.append(k)
    return keys


class WindowSlots(Protocol):
    """What the menus trigger: the window's public slots and the two panes they act on."""

    reader: ReaderView
    list_pane: ListPane
    theme: str

    def open_original(self) -> None: ...
    def close(self) -> bool: ...
    def find_in_article(self) -> None: ...
    def focus_search(self) -> None: ...
    def set_theme(self, theme: str) -> None: ...
    def toggle_dark(self) -> None: ...
    def toggle_full_screen(self) -> None: ...
    def go_back(self) -> None: ...
    def go_forward(self) -> None: ...
    def step_article(self, delta: int) -> None: ...
    def mark_unread(self) -> None: ...
    def show_search_help(self) -> None: ...
    def show_about(self) -> None: ...


@dataclass
class Menus:
    """The built menus. `menus` by key (file, edit, view, go, help); `actions` by objectName; `themes` the
    checkable theme choices; `panes_separator` marks where pane toggles go in View."""

    menus: dict[str, QMenu] = field(default_factory=dict)
    actions: dict[str, QAction] = field(default_factory=dict)
    themes: dict[str, QAction] = field(default_factory=dict)
    panes_separator: QAction | None = None


def build_menus(owner: QMainWindow, window: WindowSlots) -> Menus:
    """Create `owner`'s menu bar menus and actions, wired to `window`'s slots (the same window, seen as the
    slots the menus call)."""
    m = Menus()
    bar = owner.menuBar()
    for key, title in MENUS:
        m.menus[key] = bar.addMenu(title)
        m.menus[key].setObjectName(f"{key}Menu")

    def add(menu: str, text: str, slot: Callable[..., Any], shortcuts: list[Any], name: str) -> QAction:
        action = QAction(text, owner)
        action.setObjectName(name)
        if shortcuts:
            action.setShortcuts(key_sequences(shortcuts))
        action.triggered.connect(slot)
        m.menus[menu].addAction(action)
        owner.addAction(action)
        m.actions[name] = action
        return action

    K = QKeySequence.StandardKey
    reader, pane = window.reader, window.list_pane
    add("file", "Open &Original in Browser", window.open_original, ["Ctrl+Shift+O"], "openOriginal")
    m.menus["file"].addSeparator()
    add("file", "&Quit", window.close, [K.Quit, "Ctrl+Q"], "quit").setMenuRole(QAction.MenuRole.QuitRole)

    add("edit", "&Copy", reader.copy, [K.Copy], "copy")
    add("edit", "Select &All", reader.selectAll, [K.SelectAll], "selectAll")
    m.menus["edit"].addSeparator()
    add("edit", "&Find in Article…", window.find_in_article, [K.Find], "find")
    add("edit", "Find &Next", reader.find_next, [K.FindNext], "findNext")
    add("edit", "Find Pre&vious", reader.find_previous, [K.FindPrevious], "findPrevious")
    m.menus["edit"].addSeparator()
    add("edit", "&Search Articles", window.focus_search, ["Ctrl+K", "Ctrl+L"], "focusSearch")

    add("view", "Zoom &In", reader.zoom_in, [K.ZoomIn, "Ctrl+="], "zoomIn")
    add("view", "Zoom &Out", reader.zoom_out, [K.ZoomOut, "Ctrl+-"], "zoomOut")
    add("view", "&Actual Size", reader.zoom_reset, ["Ctrl+0"], "zoomReset")
    m.menus["view"].addSeparator()
    theme_menu = m.menus["view"].addMenu("&Theme")
    theme_menu.setObjectName("themeMenu")
    group = QActionGroup(owner)
    for key, label in THEME_LABELS:
        a = QAction(label, owner, checkable=True)
        a.setObjectName(f"theme_{key}")
        a.setChecked(key == window.theme)
        a.triggered.connect(lambda _c=False, k=key: window.set_theme(k))
        group.addAction(a)
        theme_menu.addAction(a)
        m.themes[key] = a
    add("view", "Toggle &Dark Theme", window.toggle_dark, ["Ctrl+Shift+D"], "toggleDark")
    m.menus["view"].addSeparator()
    m.panes_separator = m.menus["view"].addSeparator()
    add("view", "&Full Screen", window.toggle_full_screen, [K.FullScreen], "fullScreen")

    add("go", "&Back", window.go_back, [K.Back], "back")
    add("go", "&Forward", window.go_forward, [K.Forward], "forward")
    m.menus["go"].addSeparator()
    add("go", "&Next Article", lambda: window.step_article(1), ["Ctrl+Down", "Alt+J"], "nextArticle")
    add("go", "&Previous Article", lambda: window.step_article(-1), ["Ctrl+Up", "Alt+K"], "previousArticle")
    m.menus["go"].addSeparator()
    add("go", "Article &List", pane.enter_list, ["Ctrl+1"], "focusList")
    add("go", "&Reader", lambda: reader.setFocus(), ["Ctrl+2"], "focusReader")
    add("go", "Mark as &Unread", window.mark_unread, ["Ctrl+U"], "markUnread")

    add("help", "&Search Syntax", window.show_search_help, [K.HelpContents], "searchSyntax")
    add("help", "&About reader-app", window.show_about, [], "about").setMenuRole(QAction.MenuRole.AboutRole)
    return m
