"""Light and dark themes: the application palette, the stylesheet, and the reader's colours and fonts.

"system" follows QStyleHints.colorScheme() and changes with it; "light" and "dark" are manual choices.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QMenu, QWidget

from reader_app.paths import resources_dir

THEMES = ("system", "light", "dark")
SERIF_FAMILIES = ("Literata", "Source Serif 4", "Charter", "Georgia", "Noto Serif", "DejaVu Serif", "Liberation Serif")
SANS_FAMILIES = ("Inter", "Source Sans 3", "Noto Sans", "Segoe UI", "Helvetica Neue", "DejaVu Sans", "Liberation Sans")


@dataclass(frozen=True)
class Colours:
    """The colours one theme uses; the reader and the list read them from here."""

    dark: bool
    window: str
    base: str
    alt_base: str
    text: str
    muted: str
    accent: str
    link: str
    selection: str
    selection_text: str
    rule: str
    term_bg: str  # search terms in the article and in snippets
    term_text: str
    find_bg: str  # find-in-article matches
    find_current_bg: str
    field_border: str  # text fields: Fusion's own frame vanishes on a dark window


LIGHT = Colours(
    dark=False, window="#f3f1ec", base="#fcfbf8", alt_base="#efece5", text="#1f1d1a", muted="#6d685f",
    accent="#9a3b1b", link="#1d5fa8", selection="#2f5d8c", selection_text="#ffffff", rule="#e2ddd3",
    term_bg="#fde68a", term_text="#1f1d1a", find_bg="#c7e0f4", find_current_bg="#f59e0b",
    field_border="#c9c3b8",
)
DARK = Colours(
    dark=True, window="#1e1f22", base="#1a1b1e", alt_base="#26282c", text="#e6e3dc", muted="#9a968d",
    accent="#e3a27c", link="#7fb4ef", selection="#3d6a99", selection_text="#ffffff", rule="#34363b",
    term_bg="#6b5412", term_text="#fff6d8", find_bg="#2d4d6b", find_current_bg="#c27c0e",
    field_border="#4b4f57",
)


def system_is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def colours_for(theme: str) -> Colours:
    if theme == "dark" or (theme == "system" and system_is_dark()):
        return DARK
    return LIGHT


def palette_for(c: Colours) -> QPalette:
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: c.window, QPalette.ColorRole.WindowText: c.text,
        QPalette.ColorRole.Base: c.base, QPalette.ColorRole.AlternateBase: c.alt_base,
        QPalette.ColorRole.Text: c.text, QPalette.ColorRole.Button: c.window,
        QPalette.ColorRole.ButtonText: c.text, QPalette.ColorRole.Highlight: c.selection,
        QPalette.ColorRole.HighlightedText: c.selection_text, QPalette.ColorRole.Link: c.link,
        QPalette.ColorRole.LinkVisited: c.link, QPalette.ColorRole.PlaceholderText: c.muted,
        QPalette.ColorRole.ToolTipBase: c.alt_base, QPalette.ColorRole.ToolTipText: c.text,
        QPalette.ColorRole.Mid: c.rule, QPalette.ColorRole.Midlight: c.rule, QPalette.ColorRole.BrightText: c.accent,
        QPalette.ColorRole.Light: c.base, QPalette.ColorRole.Dark: c.rule, QPalette.ColorRole.Shadow: c.rule,
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(c.muted))
    return p


@lru_cache(maxsize=1)
def app_stylesheet() -> str:
    """resources/app.qss, if present (set once on the application)."""
    try:
        return (resources_dir() / "app.qss").read_text(encoding="utf-8")
    except OSError:
        return ""


FIELDS = "QLineEdit#searchBox, QLineEdit#findField"  # the window's own text fields (window_stylesheet)
VIEWS = "QListView#articleList, QTreeView#bookmarksList, QTextBrowser#readerView"  # their keyboard-focus frame
THEME_PROPERTY = "readerTheme"  # set on the window: "light" or "dark"; the sheet's coloured rules follow it


def _under(theme: str, selectors: str) -> str:
    """`selectors` (comma-separated) within a widget whose THEME_PROPERTY is `theme`."""
    return ", ".join(f'*[{THEME_PROPERTY}="{theme}"] {s.strip()}' for s in selectors.split(","))


@lru_cache(maxsize=8)
def field_stylesheet(c: Colours = LIGHT, fields: str = "QLineEdit") -> str:
    """For the search and find fields: a frame Fusion loses on a dark window, the theme's colours."""
    focused = ", ".join(f"{f.strip()}:focus" for f in fields.split(","))
    return (
        f"{fields} {{ border: 1px solid {c.field_border}; border-radius: 5px; padding: 4px 6px; "
        f"background: {c.base}; color: {c.text}; selection-background-color: {c.selection}; "
        f"selection-color: {c.selection_text}; }}\n"
        f"{focused} {{ border-color: {c.link}; }}\n"
    )


def _coloured_rules(c: Colours) -> str:
    """The rules that name one theme's colours, each under a window whose THEME_PROPERTY is that theme."""
    theme = "dark" if c.dark else "light"
    focused = ", ".join(f"{v.strip()}:focus" for v in VIEWS.split(","))
    return (
        f"{_under(theme, focused)} {{ border: 2px solid {c.link}; }}\n"
        f"{_under(theme, 'QMenu')} {{ background: {c.base}; color: {c.text}; border: 1px solid {c.field_border}; }}\n"
        f"{_under(theme, 'QMenu::item:selected')} {{ background: {c.selection}; color: {c.selection_text}; }}\n"
        f"{_under(theme, 'QMenu::item:disabled')} {{ color: {c.muted}; }}\n"
        f"{_under(theme, 'QMenu::separator')} {{ background: {c.rule}; }}\n"
        + field_stylesheet(c, _under(theme, FIELDS))
    )


@lru_cache(maxsize=1)
def window_stylesheet() -> str:
    """Set once on the main window (its menus and panes inherit it): a visible keyboard-focus frame on the list,
    the reader and the bookmarks, menus with a border and the theme's colours (Fusion's own menu frame
    vanishes on a dark window), and the search and find fields. The unfocused frame is transparent, so focus
    never shifts the layout. Both themes' colours are in it, each under `[readerTheme="…"]`: a theme switch
    sets that property on the window and re-polishes only the widgets these rules name (`set_window_theme`).
    Setting a new sheet on the window re-polished every one of its ~200 widgets: 30-150 ms of the GUI thread
    per switch depending on the machine's load, the largest part of a switch (`palette()` references would
    not follow a new palette: Qt resolves them when a widget is polished).
    """
    return (
        f"{VIEWS} {{ border: 2px solid transparent; }}\n"
        "QMenu { padding: 4px 0; }\n"
        "QMenu::item { padding: 4px 28px 4px 24px; background: transparent; }\n"
        "QMenu::separator { height: 1px; margin: 4px 8px; }\n"
        + _coloured_rules(LIGHT) + _coloured_rules(DARK)
    )


def _themed(root: QWidget) -> list[QWidget]:
    """The widgets under `root` that window_stylesheet's coloured rules can match."""
    names = (s.strip().split("#")[1] for s in f"{VIEWS}, {FIELDS}".split(","))
    return [w for name in names for w in root.findChildren(QWidget, name)] + root.findChildren(QMenu)


def set_window_theme(window: QWidget, c: Colours) -> None:
    """Give `window` the theme `c` through window_stylesheet: the sheet is set the first time (every widget
    polished once); after that only the property changes and the widgets the coloured rules name (the
    fields, the focus-framed views, the menus) are polished again, not the whole window."""
    theme = "dark" if c.dark else "light"
    if window.styleSheet() != window_stylesheet():
        # Without this, polishing a widget under a style sheet pins a copy of the whole palette it had then on
        # it, and the next application palette would reach only the widgets polished again. With it, a widget
        # keeps only the colours a rule gives it (the fields', the menus'); the rest follow the application's
        # palette. Read whenever a widget is polished; before the window's sheet is set, so that every widget
        # under it (those with sheets of their own too) is polished this way.
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_UseStyleSheetPropagationInWidgetStyles, True)
        window.setProperty(THEME_PROPERTY, theme)
        window.setStyleSheet(window_stylesheet())
        return
    if window.property(THEME_PROPERTY) == theme:
        return
    window.setProperty(THEME_PROPERTY, theme)
    for widget in _themed(window):
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
        widget.update()


def _first_installed(candidates: tuple[str, ...], fallback: str) -> str:
    installed = set(QFontDatabase.families())
    return next((f for f in candidates if f in installed), fallback)


@lru_cache(maxsize=1)
def reading_fonts() -> tuple[str, str]:
    """(body serif, heading sans) families for the reader, from what is installed."""
    return _first_installed(SERIF_FAMILIES, "serif"), _first_installed(SANS_FAMILIES, "sans-serif")
