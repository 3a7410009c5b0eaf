"""The facet pane: People, Organisations and Places with how many articles name each, for the list on
screen (the whole library, or the current search); a click filters by the name, a second click clears it."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QMenu,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader_app.core.entities.table import FACET_LIMIT
from reader_app.core.wording import plural
from reader_app.ui.blank_rows import BlankRowsModel

KIND_TITLES = {"person": "People", "org": "Organisations", "place": "Places"}
KIND_NAMES = {"person": "person", "org": "organisation", "place": "place"}
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2
ACTIVE_ROLE = Qt.ItemDataRole.UserRole + 3


def _header(title: str, names: int, limit: int) -> str:
    """'People (12)'; at the limit of names the facets hold (more may be named, the rest still searchable)
    'People (top 50)', not a count that reads as all of them."""
    if not names:
        return title
    return f"{title} (top {names})" if names >= limit else f"{title} ({names})"


class FacetModel(BlankRowsModel):
    """One kind's names and article counts, most first; `active` names are the filters in force.

    Its rowCount is C++ (ui/blank_rows.py): a Python one was asked some 1,100 times per theme switch (the
    three lists laid out again), each call waiting for the interpreter while a worker ran."""

    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.rows: list[tuple[str, int]] = []
        self.active: set[str] = set()
        self.filtering = False  # some entity filter is in force: a click narrows the list further

    def set_rows(self, rows: list[tuple[str, int]], active: set[str]) -> None:
        self.rows, self.active = list(rows), set(active)
        self.setStringList([""] * len(self.rows))  # one reset; data() reads self.rows

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        name, count = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, NAME_ROLE):
            return name
        if role == COUNT_ROLE:
            return count
        if role == ACTIVE_ROLE:
            return name in self.active
        if role == Qt.ItemDataRole.ToolTipRole:
            what = ("Clear this filter" if name in self.active
                    else f"Narrow the list to the articles also naming {name}" if self.filtering
                    else "Show only the articles naming " + name)
            return f"{name}: {count} article{'s' if count != 1 else ''}\n{what}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{name}, {plural(count, 'article')}" + (", filter on" if name in self.active else "")
        return None


class FacetDelegate(QStyledItemDelegate):
    """A name on the left (bold when it is the filter in force), its count on the right, muted."""

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pal = opt.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = opt.rect.adjusted(8, 0, -8, 0)
        count = str(index.data(COUNT_ROLE))
        painter.save()
        font = QFont(opt.font)
        font.setBold(bool(index.data(ACTIVE_ROLE)))
        painter.setFont(font)
        width = painter.fontMetrics().horizontalAdvance(count) + 12
        painter.setPen(pal.color(text_role))
        active = bool(index.data(ACTIVE_ROLE))
        if active and not selected:  # the filter in force: marked, so that a second click to clear it is clear
            painter.fillRect(opt.rect, pal.color(QPalette.ColorRole.AlternateBase))
        label = ("✓ " if active else "") + index.data(NAME_ROLE)
        name = painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, rect.width() - width)
        painter.drawText(QRect(rect.left(), rect.top(), rect.width() - width, rect.height()),
                         int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), name)
        if not selected:
            painter.setPen(pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight), count)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(120, option.fontMetrics.height() + 8)


INDENT = 8  # the labels' room from the pane's left edge, as the rows' text has


class EntityPane(QWidget):
    """The three facet lists. Signals: `filter_clicked(kind, name)` (a click, or Enter: adds the name to the
    filters in force, or takes it away), `only_requested(kind, name)` (the menu's "Show only articles naming
    …": this name instead of the others), `page_requested(kind, name)` (the context menu's "About …")."""

    filter_clicked = Signal(str, str)
    only_requested = Signal(str, str)
    page_requested = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("entityPane")
        self.scope = QLabel("Opening your library…", self)
        self.scope.setObjectName("entityScope")
        self.scope.setWordWrap(True)
        # The labels' room from the pane's edge is their indent and the layout's spacing, not their contents
        # margins: the window's style sheet, set after the panes are built, reset those to 0 (a trial saw
        # these lines flush against the pane's left edge).
        self.scope.setIndent(INDENT)
        # its wrapped lines in full ("Most named in the 3 articles from The Moscow Times"): the lists give way
        self.scope.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.scope)
        self.models: dict[str, FacetModel] = {}
        self.views: dict[str, QListView] = {}
        self.headers: dict[str, QLabel] = {}
        self.empty_lines: dict[str, QLabel] = {}  # "No places named in these articles", for an empty section
        for kind, title in KIND_TITLES.items():
            header = QLabel(title, self)
            header.setObjectName(f"entityHeader_{kind}")
            header.setIndent(INDENT)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            model = FacetModel(kind, self)
            view = QListView(self)
            view.setObjectName(f"entityFacets_{kind}")
            view.setAccessibleName(title)
            view.setModel(model)
            view.setItemDelegate(FacetDelegate(view))
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setUniformItemSizes(True)
            view.setFrameShape(QListView.Shape.NoFrame)
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.clicked.connect(lambda index, k=kind: self.filter_clicked.emit(k, index.data(NAME_ROLE)))
            view.installEventFilter(self)  # Enter or Space filters too, from the keyboard
            view.customContextMenuRequested.connect(lambda pos, k=kind: self._menu(k, pos))
            empty = QLabel(f"No {title.lower()} named in these articles", self)
            empty.setObjectName(f"entityEmpty_{kind}")
            empty.setIndent(INDENT)
            empty.setWordWrap(True)
            empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # grey in either theme
            # Until counts come, "No …" would not be true, and three empty sections under "Opening your
            # library…" (for seconds on a relaunch) looked like a library naming nobody: that line alone shows.
            empty.hide()
            header.hide()
            view.hide()
            layout.addSpacing(6)
            layout.addWidget(header)
            layout.addWidget(empty)
            layout.addWidget(view, 1)
            self.models[kind], self.views[kind], self.headers[kind] = model, view, header
            self.empty_lines[kind] = empty
        layout.addStretch(0)  # the room the lists leave (all three empty) goes below them, not between the lines

    def set_facets(self, facets: dict[str, dict[str, int]], scope: str, active: set[tuple[str, str]],
                   limit: int = FACET_LIMIT) -> None:
        """Show `facets` ({kind: {name: count}}) for `scope` ("In the library", "In 12 results"); `limit`: the
        most names per kind they were cut to (a full section says "top")."""
        self.scope.setText(scope)
        for kind, model in self.models.items():
            rows = sorted((facets.get(kind) or {}).items(), key=lambda kv: (-kv[1], kv[0].casefold()))
            model.set_rows(rows, {n for k, n in active if k == kind})
            self.headers[kind].setText(_header(KIND_TITLES[kind], len(rows), limit))
            self.headers[kind].show()
            # An empty section says so in a grey line; its list gives its room to the others.
            self.empty_lines[kind].setVisible(not rows)
            self.views[kind].setVisible(bool(rows))

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter,
                                                                     Qt.Key.Key_Space):
            for kind, view in self.views.items():
                if watched is view and view.currentIndex().isValid():
                    self.filter_clicked.emit(kind, view.currentIndex().data(NAME_ROLE))
                    return True
        return super().eventFilter(watched, event)

    def _menu(self, kind: str, pos: QPoint) -> None:
        view = self.views[kind]
        index = view.indexAt(pos)
        if not index.isValid():
            return
        menu = QMenu(self)
        for action in self.menu_actions(kind, index.data(NAME_ROLE), menu):
            menu.addAction(action)
        menu.exec(view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def set_filtering(self, on: bool) -> None:
        """Whether some entity filter is in force (a click then narrows the list further, and says so)."""
        for model in self.models.values():
            model.filtering = on

    def menu_actions(self, kind: str, name: str, parent: QObject | None = None) -> list[QAction]:
        """A name's menu: with other names in force, "Show only" replaces them and "Also naming" narrows."""
        parent = parent if parent is not None else self
        model = self.models[kind]
        actions = []
        if name in model.active:
            actions.append(QAction("Clear this filter", parent))
            actions[-1].triggered.connect(lambda: self.filter_clicked.emit(kind, name))
        else:
            only = QAction(f"Show only articles naming {name}", parent)
            only.triggered.connect(lambda: self.only_requested.emit(kind, name))
            actions.append(only)
            if model.filtering:
                also = QAction(f"Also naming {name} (narrow the list)", parent)
                also.triggered.connect(lambda: self.filter_clicked.emit(kind, name))
                actions.append(also)
        about = QAction(f"About {name}…", parent)
        about.triggered.connect(lambda: self.page_requested.emit(kind, name))
        actions.append(about)
        return actions
