"""The bookmarks pane: a filter box, tag, story-thread and name filters and a flat/grouped switch (by
article, story thread or name) over a view of every bookmark.

The pane only says what the user asked for; the BookmarksFeature (ui/bookmarks.py) does it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QActionGroup, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader_app.ui.articles.header import CountCombo
from reader_app.ui.bookmarks.delegate import BookmarkDelegate
from reader_app.ui.bookmarks.model import (
    BOOKMARK_ROLE,
    GROUPINGS,
    KIND_ROLE,
    NO_NAMES,
    NO_STORY,
    BookmarkRow,
    BookmarksModel,
    BookmarksProxy,
)
from reader_app.ui.row_painting import paint_placeholder
from reader_app.ui.timer import timer

if TYPE_CHECKING:
    from reader_app.core.bookmarks import Bookmark

EMPTY = "No bookmarks yet.\n\nSelect a passage in an article and press Ctrl+D (or right-click › Bookmark Passage) to keep it here."
NO_MATCH = "No bookmarks match the filter."
ALL_TAGS = "All tags"
ALL_STORIES = "All story threads"
ALL_NAMES = "All names"
FLAT = "Newest first"  # the group button's choice of no groups
FILTER_DELAY_MS = 150

Index = QModelIndex | QPersistentModelIndex


class FilterCombo(CountCombo):
    """A filter that, when narrow, elides its choice's name and keeps its count ("Yukos sues fo… (3)"), where
    Qt cut the text off ("All story threa"); its tooltip says what it filters."""

    def refresh_tip(self) -> None:
        pass  # the tooltip set by the pane stays


class BookmarksView(QTreeView):
    """The list of bookmarks. Enter or a click opens one; Delete deletes; F2 edits.

    Signals: `activated_bookmark(bookmark)`, `delete_pressed(bookmark)`, `edit_pressed(bookmark)`,
    `menu_requested(bookmark, global_pos)`.
    """

    activated_bookmark = Signal(object)
    delete_pressed = Signal(object)
    edit_pressed = Signal(object)
    menu_requested = Signal(object, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("bookmarksList")
        self.setAccessibleName("bookmarksList")
        self.setAccessibleDescription("Bookmarked passages; Enter opens one, Delete removes it")
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setIndentation(14)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setMouseTracking(True)
        self.setFrameShape(QTreeView.Shape.NoFrame)
        self.setExpandsOnDoubleClick(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.delegate = BookmarkDelegate(self)
        self.setItemDelegate(self.delegate)
        self.placeholder = EMPTY
        self.by_mouse = False  # how the last bookmark was opened: a click keeps the keyboard here, Enter moves on
        self.clicked.connect(self._clicked)

    def current_bookmark(self) -> Bookmark | None:
        return self.currentIndex().data(BOOKMARK_ROLE) if self.currentIndex().isValid() else None

    def selected_bookmarks(self) -> list[Bookmark]:
        out = [i.data(BOOKMARK_ROLE) for i in self.selectionModel().selectedIndexes()] if self.selectionModel() else []
        return [b for b in out if b is not None]

    def _clicked(self, index: QModelIndex) -> None:
        self.by_mouse = True
        self._open_index(index)
        self.by_mouse = False

    def _open_index(self, index: QModelIndex) -> None:
        b = index.data(BOOKMARK_ROLE)
        if b is not None:
            self.activated_bookmark.emit(b)
        elif index.data(KIND_ROLE) == "group":
            self.setExpanded(index, not self.isExpanded(index))

    def _menu(self, pos) -> None:
        b = self.indexAt(pos).data(BOOKMARK_ROLE)
        if b is not None:
            self.menu_requested.emit(b, self.viewport().mapToGlobal(pos))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        plain = not (mods & ~Qt.KeyboardModifier.KeypadModifier)
        b = self.current_bookmark()
        if plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open_index(self.currentIndex())
        elif plain and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and b is not None:
            self.delete_pressed.emit(b)
        elif plain and key == Qt.Key.Key_F2 and b is not None:
            self.edit_pressed.emit(b)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # row heights follow the width (wrapped quotes)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        paint_placeholder(self, self.placeholder)


class BookmarksPane(QWidget):
    """Every bookmark, newest first, with filters. objectName `bookmarksPane`.

    Signals: `bookmark_activated(bookmark)`, `edit_requested(bookmark)`, `delete_requested(list)`,
    `cite_requested(bookmark)`, `export_requested(list)` (the bookmarks to export).
    """

    bookmark_activated = Signal(object)
    edit_requested = Signal(object)
    delete_requested = Signal(list)
    cite_requested = Signal(object)
    export_requested = Signal(list)
    grouping_changed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("bookmarksPane")
        self.setAccessibleName("bookmarksPane")
        self.model = BookmarksModel(self)
        self.proxy = BookmarksProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter_box = QLineEdit(self)
        self.filter_box.setObjectName("bookmarksFilter")
        self.filter_box.setAccessibleName("bookmarksFilter")
        self.filter_box.setPlaceholderText("Filter…")
        self.filter_box.setToolTip("Show only bookmarks whose quote or note contains these words")
        self.filter_box.setClearButtonEnabled(True)
        self.tag_box = FilterCombo(self)
        self.tag_box.setObjectName("bookmarksTagFilter")
        self.tag_box.setAccessibleName("bookmarksTagFilter")
        # elided in a narrow pane rather than pushing the row past its edge; the popup shows the tags whole
        self.tag_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.tag_box.setMinimumContentsLength(6)
        self.tag_box.setMaximumWidth(160)
        self.tag_box.addItem(ALL_TAGS, "")
        self.group_button = QToolButton(self)
        self.group_button.setObjectName("bookmarksGroup")
        self.group_button.setToolTip("List the bookmarks newest first, or grouped by article, story thread or name")
        self.group_button.setAutoRaise(True)
        # one menu of exclusive choices, the one in force checked and named on the button: a checkable button
        # with a side arrow hid the flat list behind "By article" (a user trial)
        self.group_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # its arrow beside the text, in room of its own, as a combo box has it: in the corner it sat on the
        # text's last letter at the pane's edge, and a trial read "Newest first" as cut off
        self.group_button.setStyleSheet(
            "QToolButton#bookmarksGroup { padding: 2px 18px 2px 6px; }"
            "QToolButton#bookmarksGroup::menu-indicator { subcontrol-origin: padding;"
            " subcontrol-position: center right; right: 4px; }")
        self.group_kind = ""
        self._last_group_kind = "article"  # what set_grouped(True) groups by
        group_menu = QMenu(self.group_button)
        group_menu.setObjectName("bookmarksGroupMenu")
        self._group_actions = QActionGroup(group_menu)
        for kind, label in {"": FLAT, **GROUPINGS}.items():
            action = group_menu.addAction(label, lambda k=kind: self.set_grouping(k))
            action.setObjectName(f"bookmarksGroup_{kind or 'none'}")
            action.setCheckable(True)
            action.setData(kind)
            self._group_actions.addAction(action)
            if not kind:
                group_menu.addSeparator()
        self.group_button.setMenu(group_menu)
        self._show_grouping()
        self.story_box = self._filter_combo("bookmarksStoryFilter", ALL_STORIES,
                                            "Show only bookmarks from articles in this story thread")
        self.name_box = self._filter_combo("bookmarksNameFilter", ALL_NAMES,
                                           "Show only bookmarks about this person, organisation or place")
        self.view = BookmarksView(self)
        self.view.setModel(self.proxy)

        top = QHBoxLayout()
        top.setContentsMargins(8, 6, 8, 6)
        top.setSpacing(6)
        top.addWidget(self.filter_box, 2)
        top.addWidget(self.tag_box, 1)
        top.addWidget(self.group_button)
        second = QHBoxLayout()
        second.setContentsMargins(8, 0, 8, 6)
        second.setSpacing(6)
        second.addWidget(self.story_box, 1)
        second.addWidget(self.name_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.view, 1)
        self.setMinimumWidth(260)

        self._filter_timer = timer(self, FILTER_DELAY_MS, self._apply_filters)
        self.filter_box.textChanged.connect(lambda _text: self._filter_timer.start())  # debounced while typing
        self.tag_box.currentIndexChanged.connect(self._apply_filters)
        self.story_box.currentIndexChanged.connect(self._apply_filters)
        self.name_box.currentIndexChanged.connect(self._apply_filters)
        self.view.activated_bookmark.connect(self.bookmark_activated)
        self.view.edit_pressed.connect(self.edit_requested)
        self.view.delete_pressed.connect(lambda b: self.delete_requested.emit(self._chosen(b)))
        self.view.menu_requested.connect(self._menu)

    def _filter_combo(self, name: str, everything: str, tip: str) -> QComboBox:
        box = FilterCombo(self)
        box.setObjectName(name)
        box.setAccessibleName(name)
        box.setToolTip(tip)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        # long thread titles are elided (the list shows them whole): two of these side by side fit a pane of
        # DOCK_MIN pixels (ui/window/pane_sizes.py)
        box.setMinimumContentsLength(5)
        box.addItem(everything, "")
        return box

    # --- filling --------------------------------------------------------------------------------

    def set_rows(self, rows: list[BookmarkRow], tags: list[tuple[str, int]]) -> None:
        """Show `rows` (newest first) and offer `tags` (name, count); the current bookmark stays current."""
        keep = self.view.current_bookmark()
        if self.view.delegate.cache_size() > 50_000:
            self.view.delegate.clear_cache()
        self.model.set_rows(rows)
        self._set_tags(tags)
        self._set_choices(self.story_box, ALL_STORIES, [r.story or NO_STORY for r in rows])
        self._set_choices(self.name_box, ALL_NAMES, [n for r in rows for n in (r.names or (NO_NAMES,))])
        self._after_change()
        if keep is not None:
            self.select_id(keep.id)

    def _set_tags(self, tags: list[tuple[str, int]]) -> None:
        current = self.tag_box.currentData() or ""
        self.tag_box.blockSignals(True)
        self.tag_box.clear()
        self.tag_box.addItem(ALL_TAGS, "")
        for tag, n in tags:
            self.tag_box.addItem(f"#{tag} ({n})", tag)
        found = self.tag_box.findData(current)
        self.tag_box.setCurrentIndex(found if found >= 0 else 0)
        self.tag_box.blockSignals(False)
        if found < 0 and current:
            self._apply_filters()

    def _set_choices(self, box: QComboBox, everything: str, values: list[str]) -> None:
        """Offer each value with its count, most first (the catch-all last); keep the current choice."""
        counts: dict[str, int] = {}
        for v in values:
            counts[v] = counts.get(v, 0) + 1
        spare = {NO_STORY, NO_NAMES}
        current = box.currentData() or ""
        box.blockSignals(True)
        box.clear()
        box.addItem(everything, "")
        for value, n in sorted(counts.items(), key=lambda vn: (vn[0] in spare, -vn[1], vn[0].casefold())):
            box.addItem(f"{value} ({n})", value)
            box.setItemData(box.count() - 1, value, Qt.ItemDataRole.ToolTipRole)
        found = box.findData(current)
        box.setCurrentIndex(found if found >= 0 else 0)
        box.blockSignals(False)
        if found < 0 and current:
            self._apply_filters()

    def set_grouping(self, kind: str) -> None:
        """Group by `kind` ("article", "story" or "entity"), or "" for the flat list (newest first)."""
        kind = kind if kind in GROUPINGS else ""
        changed = kind != self.group_kind
        self._apply_grouping(kind)
        if changed:
            self.grouping_changed.emit(kind)

    def set_story_filter(self, story: str) -> None:
        self.story_box.setCurrentIndex(max(self.story_box.findData(story), 0))

    def set_name_filter(self, name: str) -> None:
        self.name_box.setCurrentIndex(max(self.name_box.findData(name), 0))

    def set_grouped(self, grouped: bool) -> None:
        """Group as last grouped (by article at first), or list flat."""
        self.set_grouping(self._last_group_kind if grouped else "")

    def _apply_grouping(self, kind: str) -> None:
        keep = self.view.current_bookmark()
        self.group_kind = kind
        if kind:
            self._last_group_kind = kind
        self._show_grouping()
        self.model.set_grouping(kind)
        self.view.delegate.grouped = bool(kind)
        self.view.delegate.by_article = kind == "article"
        self.view.delegate.clear_cache()
        self.view.setRootIsDecorated(bool(kind))
        self._after_change()
        if keep is not None:
            self.select_id(keep.id)

    def _show_grouping(self) -> None:
        self.group_button.setText(GROUPINGS.get(self.group_kind, FLAT))
        for action in self._group_actions.actions():
            action.setChecked(action.data() == self.group_kind)

    def set_accent(self, colour: str) -> None:
        self.view.delegate.accent = QColor(colour)
        self.view.viewport().update()

    def set_tag_filter(self, tag: str) -> None:
        found = self.tag_box.findData(tag)
        self.tag_box.setCurrentIndex(max(found, 0))

    def _apply_filters(self, *_args) -> None:
        self._filter_timer.stop()
        self.proxy.set_filters(self.filter_box.text(), self.tag_box.currentData() or "",
                               self.story_box.currentData() or "", self.name_box.currentData() or "")
        self._after_change()

    def _after_change(self) -> None:
        if self.model.grouped:
            self.view.expandAll()
        has_rows = self.model.bookmark_count() > 0
        for control in (self.filter_box, self.tag_box, self.story_box, self.name_box, self.group_button):
            control.setEnabled(has_rows or self.proxy.filtering())
        self.view.placeholder = NO_MATCH if self.model.bookmark_count() else EMPTY
        self.view.viewport().update()

    # --- finding --------------------------------------------------------------------------------

    def select_id(self, bookmark_id: str) -> bool:
        source = self.model.index_of(bookmark_id)
        index = self.proxy.mapFromSource(source) if source.isValid() else QModelIndex()
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def visible_bookmarks(self) -> list[Bookmark]:
        """The bookmarks the filters let through, top to bottom (once each, though grouped by name a
        bookmark is under every name it carries)."""
        out: list[Bookmark] = []
        seen: set[str] = set()

        def walk(parent: QModelIndex) -> None:
            for r in range(self.proxy.rowCount(parent)):
                idx = self.proxy.index(r, 0, parent)
                b = idx.data(BOOKMARK_ROLE)
                if b is not None and b.id not in seen:
                    seen.add(b.id)
                    out.append(b)
                walk(idx)

        walk(QModelIndex())
        return out

    def _chosen(self, b: Bookmark) -> list[Bookmark]:
        """The selection when `b` is part of it, else `b` alone."""
        selected = self.view.selected_bookmarks()
        return selected if any(x.id == b.id for x in selected) else [b]

    def _menu(self, b: Bookmark, global_pos) -> None:
        chosen = self._chosen(b)
        menu = QMenu(self)
        menu.setObjectName("bookmarkMenu")
        menu.addAction("Open", lambda: self.bookmark_activated.emit(b))
        menu.addAction("Edit Note and Tags…", lambda: self.edit_requested.emit(b))
        menu.addAction("Copy Citation", lambda: self.cite_requested.emit(b))
        menu.addSeparator()
        n = len(chosen)
        menu.addAction(f"Export {n} Selected…" if n > 1 else "Export This Bookmark…",
                       lambda: self.export_requested.emit(chosen))
        menu.addSeparator()
        menu.addAction(f"Delete {n} Bookmarks" if n > 1 else "Delete", lambda: self.delete_requested.emit(chosen))
        menu.popup(global_pos)
        self.last_menu = menu
