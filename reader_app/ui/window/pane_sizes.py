"""Keeps the reader readable in a small window: the side panes give way first.

The reader needs READER_MIN pixels for a column of text. When the window (or a pane being opened) leaves it
less, the article list shrinks to LIST_MIN and the docked panes (bookmarks, stories, names) to DOCK_MIN; then
the extra panes close, the newest first, sparing the one the user opened last; then the list shrinks to its
floor and folds away (its splitter handle brings it back); the last pane closes only if even that is not enough.
When the window grows again, the list unfolds and gets back the width it had, and the panes this class closed
open again, the last closed first, as long as the reader keeps READER_MIN beside them (a pane the user closed
stays closed). A pane that shares its column with an open one (Stories under the names pane) takes no width:
it comes back as soon as the window grows, with its share of the column's height. The window's layout does not
impose the sum of every pane's minimum on the window (that made a window with three panes open 860 pixels
wide at the least, and a smaller one drew panes off its edge): the panes close instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QLayout, QMainWindow, QSplitter, QWidget

from reader_app.ui.timer import timer

READER_MIN = 360  # about 45 characters of body text at the default size
LIST_MIN = 220
LIST_WANTED = 380  # the list's width until the user drags the handle
DOCK_MIN = 220  # a pane whose own controls need more keeps that much (they are never cut off)
DOCK_MIN_HEIGHT = 140  # a title and three or four rows: a pane stacked under another is never one row tall
REOPEN_MARGIN = 40  # a closed pane comes back only with this much to spare: no open/close flicker at one size
# Hard minimums, which Qt enforces (they add up to the window's own minimum, under 640 pixels with a pane
# open); the ones above are what this class keeps when it can.
READER_FLOOR, LIST_FLOOR = 240, 160
WINDOW_MIN = (READER_FLOOR + 160, 300)  # the window's own minimum, now that its layout no longer sets one
WINDOW_FIRST = (1200, 780)  # the window's size at the first launch, where the screen has room
FRAME_ROOM = (20, 60)  # the window manager's frame and title bar, which the available area does not count


def first_size(screen_width: int, screen_height: int) -> tuple[int, int]:
    """The window's size at the first launch: WINDOW_FIRST, or the screen's available area less room for the
    frame on a smaller screen (at 800x600 it opened 1200x780, its status bar and reader off the screen)."""
    return (max(WINDOW_MIN[0], min(WINDOW_FIRST[0], screen_width - FRAME_ROOM[0])),
            max(WINDOW_MIN[1], min(WINDOW_FIRST[1], screen_height - FRAME_ROOM[1])))


class PaneSizes(QObject):
    """Watches `window` and its docks, and moves the splitter and the docks' edges as the module says."""

    def __init__(self, window: QMainWindow, splitter: QSplitter, list_pane: QWidget, reader_pane: QWidget):
        super().__init__(window)
        self.window, self.splitter, self.list_pane, self.reader_pane = window, splitter, list_pane, reader_pane
        self.list_wanted = LIST_WANTED
        self.user_folded = False
        self._docks_in_order: list[QDockWidget] = []  # as the features added them: the last is the newest
        self._opened_last: QDockWidget | None = None  # the pane the user opened last is the one that stays
        self._closed_for_room: list[tuple[QDockWidget, int, int]] = []  # closed by fit(): width, height, in order
        self._closing: QDockWidget | None = None
        list_pane.setMinimumWidth(LIST_FLOOR)
        reader_pane.setMinimumWidth(READER_FLOOR)
        splitter.setChildrenCollapsible(False)
        splitter.setCollapsible(0, True)  # the list may fold away (its handle brings it back); the reader never
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        self._timer = timer(self, 0, self.fit)
        self._layout: QLayout = window.layout()  # type: ignore[assignment]  # a QMainWindow always has one
        self._layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        window.setMinimumSize(*WINDOW_MIN)
        window.installEventFilter(self)
        splitter.splitterMoved.connect(lambda *_: self._user_moved())
        QApplication.instance().focusChanged.connect(self._on_focus)  # type: ignore[union-attr]

    def watch_dock(self, dock: QDockWidget) -> None:
        """A pane docked beside the reader: shrink it before the reader, and re-fit when it opens."""
        pane = dock.widget()
        if pane is not None:
            hint = pane.minimumSizeHint()
            pane.setMinimumSize(max(DOCK_MIN, hint.width()), max(DOCK_MIN_HEIGHT, hint.height()))
        self._docks_in_order.append(dock)
        dock.visibilityChanged.connect(lambda shown: self._on_dock_shown(dock, shown))

    def _on_dock_shown(self, dock: QDockWidget, shown: bool) -> None:
        if shown and not dock.isFloating() and not any(d is dock for d, *_ in self._closed_for_room):
            self._opened_last = dock
        if dock is not self._closing:  # opened or closed by the user (or reopened here): not ours to bring back
            self._closed_for_room = [c for c in self._closed_for_room if c[0] is not dock]
        self._timer.start()

    def unfold(self) -> None:
        """A list saved folded comes back at its width (on the next launch, say)."""
        sizes = self.splitter.sizes()
        if len(sizes) == 2 and sizes[0] == 0:
            self._set_list_floor(LIST_FLOOR)
            self.user_folded = False
            width = min(self.list_wanted, max(LIST_MIN, sizes[1] // 3))
            self.splitter.setSizes([width, max(0, sizes[1] - width)])

    def _set_list_floor(self, floor: int) -> None:
        # a folded list must not keep its floor: the window's minimum would still count it (1, not 0: with 0
        # Qt falls back on the list's own size hint)
        self.list_pane.setMinimumWidth(max(1, floor))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._timer.start()  # after the layout has placed everything at the new size
        return False

    def _user_moved(self) -> None:
        list_w = self.splitter.sizes()[0]
        self.user_folded = list_w == 0  # folded by hand: it stays folded until unfolded by hand
        if list_w:
            self._set_list_floor(LIST_FLOOR)
            self.list_wanted = list_w  # the width the user chose is the one given back when there is room

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """The folded list asked for (Ctrl+1, Tab): it unfolds; the reader keeps its floor."""
        sizes = self.splitter.sizes()
        if new is not None and self.list_pane.isAncestorOf(new) and len(sizes) == 2 and sizes[0] == 0:
            self.user_folded = False
            self._set_list_floor(LIST_FLOOR)
            self.splitter.setSizes([LIST_MIN, max(0, sizes[1] - LIST_MIN)])

    def picked_from_list(self) -> None:
        """An article was opened from a list unfolded in a window too narrow for both (Ctrl+1, or the reader's
        "Articles" button): the list folds again so the article is read in a readable column."""
        sizes = self.splitter.sizes()
        if len(sizes) == 2 and sizes[0] > 0 and sizes[1] < READER_MIN and not self._overflow() \
                and sum(sizes) < READER_MIN + LIST_FLOOR:
            self._set_list_floor(0)
            self.splitter.setSizes([0, sum(sizes)])

    def _docks(self) -> list[QDockWidget]:
        return [d for d in self._docks_in_order
                if d.isVisible() and not d.isFloating() and d.parent() is self.window]

    def _overflow(self) -> bool:
        """The panes' minimums add up to more than the window has (they would be drawn off its edge)."""
        need = self._layout.minimumSize()
        return need.width() > self.window.width() or need.height() > self.window.height()

    def _close_one(self, docks: list[QDockWidget], spare_last_opened: bool) -> bool:
        """Close the newest pane (sparing the one opened last when asked); say whether one closed."""
        for dock in reversed(docks):
            if spare_last_opened and dock is self._opened_last:
                continue
            self._closed_for_room.append((dock, dock.width(), dock.height()))
            self._closing = dock
            try:
                dock.hide()  # its visibilityChanged fits again once the layout has taken the room back
            finally:
                self._closing = None
            return True
        return False

    def _reopen(self, list_w: int, reader_w: int) -> bool:
        """The window has room again: the pane closed last for room opens again if the reader keeps READER_MIN
        beside it once the list and the open panes have given what fit() would take from them (with a margin,
        so that a pane is not opened and closed again at one size). Say whether one opened."""
        if not self._closed_for_room:
            return False
        dock, width, height = self._closed_for_room[-1]
        column = self._column_of(dock)
        if not column:  # a column of its own: the reader must keep READER_MIN beside it
            spare = max(0, list_w - LIST_MIN) + sum(max(0, d.width() - _floor(d)) for d in self._docks())
            if reader_w + spare - max(width, _floor(dock)) < READER_MIN + REOPEN_MARGIN:
                return False
        self._closed_for_room.pop()
        dock.show()  # its visibilityChanged fits again, which may reopen the next one
        if column:  # stacked with the open ones: an even share of the column's height, not its minimum
            column.append(dock)
            total = sum(d.height() for d in column[:-1])
            share = max(DOCK_MIN_HEIGHT, min(height, total // len(column)))
            rest = (total - share) // max(1, len(column) - 1)
            self.window.resizeDocks(column, [rest] * (len(column) - 1) + [share], Qt.Orientation.Vertical)
        return True

    def _column_of(self, dock: QDockWidget) -> list[QDockWidget]:
        """The open panes docked in the same area as `dock` (it would stack with them, taking no width)."""
        area = self.window.dockWidgetArea(dock)
        return [d for d in self._docks() if d is not dock and self.window.dockWidgetArea(d) == area]

    def fit(self) -> None:
        """Give the reader READER_MIN if the panes can spare it (see the module docstring)."""
        sizes = self.splitter.sizes()
        if len(sizes) != 2:
            return
        list_w, reader_w = sizes
        need = READER_MIN - reader_w
        roomy = int(READER_MIN * 1.5)
        overflow = self._overflow()
        if not overflow:
            if list_w == 0 and not self.user_folded and reader_w >= READER_MIN + LIST_FLOOR:  # room again: unfold
                width = min(self.list_wanted, max(min(LIST_MIN, reader_w - READER_MIN), reader_w - roomy))
                self._set_list_floor(LIST_FLOOR)
                self.splitter.setSizes([width, reader_w - width])
                self._timer.start()  # then look again: a pane closed for room may come back
                return
            if 0 < list_w < self.list_wanted and reader_w > roomy:  # the window grew: the list gets its width back
                give = min(self.list_wanted - list_w, reader_w - roomy)
                self.splitter.setSizes([list_w + give, reader_w - give])
                self._timer.start()  # (each of these two steps ends with its condition false: no loop)
                return
        if not overflow and list_w > 0 and self._reopen(list_w, reader_w):
            return
        if need <= 0 and not overflow:
            return
        give = min(max(need, 0), max(0, list_w - LIST_MIN))
        if give:
            list_w, reader_w, need = list_w - give, reader_w + give, need - give
            self.splitter.setSizes([list_w, reader_w])
        docks = self._docks()
        for dock in docks:
            if need <= 0:
                break
            spare = min(need, max(0, dock.width() - _floor(dock)))
            if spare:
                self.window.resizeDocks([dock], [dock.width() - spare], self.splitter.orientation())
                need -= spare
        if (need > 0 or overflow) and self._close_one(docks, spare_last_opened=True):
            return
        give = min(max(need, 0), max(0, list_w - LIST_FLOOR))
        if give:  # the list gives its last spare pixels before it folds
            list_w, reader_w, need = list_w - give, reader_w + give, need - give
            self.splitter.setSizes([list_w, reader_w])
        if (need > 0 or overflow) and list_w > 0:  # still short: the list folds away, the pane opened last stays
            self._set_list_floor(0)
            self.splitter.setSizes([0, list_w + reader_w])
            self._timer.start()  # and look again once the reader has the room: is it enough?
            return
        if need > 0 or overflow:  # even the reader alone beside that pane is too narrow: the pane closes too
            self._close_one(docks, spare_last_opened=False)


def _floor(dock: QDockWidget) -> int:
    """The narrowest the pane may be: DOCK_MIN, or more where its controls need it."""
    pane = dock.widget()
    return pane.minimumWidth() if pane is not None else DOCK_MIN
