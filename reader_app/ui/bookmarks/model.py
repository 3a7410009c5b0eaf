"""The bookmarks pane's model: every bookmark newest first, flat or grouped under its article, its story
thread or the people, organisations and places its quote names (issue #16), and a proxy that filters by text
(quote and note), by tag, by story thread and by name.

Rows are built in a worker (`bookmark_rows`) with every stored string cleaned for display, so the GUI
thread only inserts them. `BOOKMARK_ROLE` returns the domain `Bookmark`; `KIND_ROLE` says whether an index
is an article group or a bookmark.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from reader_app.core.bookmarks.dossier import NAMING_NOBODY
from reader_app.core.wording import plural

if TYPE_CHECKING:
    from reader_app.core.bookmarks import Bookmark


ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the BookmarkRow or ArticleGroup
BOOKMARK_ROLE = Qt.ItemDataRole.UserRole + 2  # the Bookmark (None for a group)
KIND_ROLE = Qt.ItemDataRole.UserRole + 3  # "bookmark" or "group"
ID_ROLE = Qt.ItemDataRole.UserRole + 4  # the bookmark id, or the article id of a group

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a default argument
_NO_PARENT = 0  # internalId of top-level items; a child's internalId is its group's row + 1


@dataclass(frozen=True)
class BookmarkRow:
    """One bookmark as the pane shows it: display-safe text plus the domain object."""

    bookmark: Bookmark
    quote: str
    note: str
    tags: tuple[str, ...]
    headline: str
    meta: str  # outlet · byline · date · web site of the article
    saved: str  # the day it was saved, YYYY-MM-DD
    story: str = ""  # the title of its article's story thread ("" when in none, or not computed yet)
    names: tuple[str, ...] = ()  # the people, organisations and places it is about (core/bookmarks/dossier)
    removed: bool = False  # an orphan whose article was removed from the library (not one whose text changed)

    @property
    def id(self) -> str:
        return self.bookmark.id

    @property
    def orphan(self) -> bool:
        return self.bookmark.orphan

    def search_text(self) -> str:
        return f"{self.bookmark.quote}\n{self.bookmark.note}".casefold()


NO_STORY = "In no story thread"
NO_NAMES = NAMING_NOBODY  # the dossier's heading for quotes that name nobody, here too
GROUPINGS = {"article": "By article", "story": "By story thread", "entity": "By name"}


@dataclass
class ArticleGroup:
    """The bookmarks of one article (or story thread, or name: `article_id` is then that key and `meta` is
    empty), for the grouped view (newest bookmark first, groups likewise)."""

    article_id: str
    headline: str
    meta: str
    rows: list[BookmarkRow] = field(default_factory=list)


def bookmark_rows(bookmarks: list[Bookmark], story_of: Callable[[str], str | None] | None = None,
                  names_of: Callable[[Bookmark], list[str]] | None = None,
                  removed: Collection[str] = ()) -> list[BookmarkRow]:
    """Display rows for the pane (call off the GUI thread: cleaning text compiles many patterns), with each
    one's story thread (`story_of(article_id)`) and names (`names_of(bookmark)`) when given; orphans of the
    articles in `removed` (ids: core/bookmarks/dossier.removed_articles) say their article was removed."""
    from reader_app.core.articles.text import safe_label

    stories: dict[str, str] = {}

    rows = []
    for b in bookmarks:
        host = (b.url or "").split("://", 1)[-1].split("/", 1)[0].removeprefix("www.")
        # the source, as a citation gives it: outlet, byline, date and where it was found
        meta = " · ".join(x for x in (safe_label(b.outlet, 80), b.byline and "by " + safe_label(b.byline, 60),
                                     safe_label(b.date, 20), safe_label(host, 60)) if x)
        rows.append(BookmarkRow(
            bookmark=b, quote=safe_label(" ".join(b.quote.split()), 1200), note=safe_label(b.note, 1200),
            tags=tuple(safe_label(t, 60) for t in b.tags), headline=safe_label(b.title, 300) or "Untitled article",
            meta=meta, saved=b.created[:10],
            story=safe_label(_story(stories, story_of, b.article_id), 300),
            names=tuple(safe_label(n, 120) for n in (names_of(b) if names_of else [])),
            removed=b.orphan and b.article_id in removed))
    return rows


def _story(memo: dict[str, str], story_of: Callable[[str], str | None] | None, article_id: str) -> str:
    if story_of is None:
        return ""
    if article_id not in memo:
        try:
            memo[article_id] = story_of(article_id) or ""
        except Exception:  # an orphan whose article is gone, or a library being rebuilt: no thread
            memo[article_id] = ""
    return memo[article_id]


class BookmarksModel(QAbstractItemModel):
    """Bookmarks as a flat list or a two-level tree (article, then its bookmarks); one column."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[BookmarkRow] = []
        self._groups: list[ArticleGroup] = []
        self.grouping = ""  # "" (flat) or a key of GROUPINGS

    @property
    def grouped(self) -> bool:
        return bool(self.grouping)

    # --- filling --------------------------------------------------------------------------------

    def set_rows(self, rows: list[BookmarkRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._regroup()
        self.endResetModel()

    def set_grouped(self, grouped: bool) -> None:
        self.set_grouping("article" if grouped else "")

    def set_grouping(self, grouping: str) -> None:
        """"" for a flat list, else "article", "story" or "entity"."""
        if grouping == self.grouping:
            return
        self.beginResetModel()
        self.grouping = grouping
        self._regroup()
        self.endResetModel()

    def _regroup(self) -> None:
        if self.grouping in ("story", "entity"):
            self._groups = self._groups_by_key()
            return
        groups: dict[str, ArticleGroup] = {}
        named: set[str] = set()  # groups headed by a bookmark that knows the article's title
        for r in self._rows:  # newest first, so each group starts with its newest bookmark
            aid = r.bookmark.article_id
            g = groups.get(aid)
            if g is None:
                g = groups[aid] = ArticleGroup(aid, r.headline, r.meta)
            if aid not in named and r.bookmark.title:
                g.headline, g.meta = r.headline, r.meta
                named.add(aid)
            g.rows.append(r)
        self._groups = list(groups.values())

    def _groups_by_key(self) -> list[ArticleGroup]:
        """Under story threads or names; a bookmark naming two people is under both; the catch-all last."""
        groups: dict[str, ArticleGroup] = {}
        spare = NO_STORY if self.grouping == "story" else NO_NAMES
        for r in self._rows:
            keys = [r.story] if self.grouping == "story" else list(r.names)
            for key in [k for k in keys if k] or [spare]:
                groups.setdefault(key, ArticleGroup(key, key, "")).rows.append(r)
        last = groups.pop(spare, None)
        return list(groups.values()) + ([last] if last is not None else [])

    def rows(self) -> list[BookmarkRow]:
        return list(self._rows)

    def bookmark_count(self) -> int:
        return len(self._rows)

    def index_of(self, bookmark_id: str) -> QModelIndex:
        """The index of a bookmark (in either layout), or an invalid index."""
        if not self.grouped:
            for n, r in enumerate(self._rows):
                if r.id == bookmark_id:
                    return self.index(n, 0)
            return QModelIndex()
        for g_row, g in enumerate(self._groups):
            for n, r in enumerate(g.rows):
                if r.id == bookmark_id:
                    return self.index(n, 0, self.index(g_row, 0))
        return QModelIndex()

    # --- QAbstractItemModel ---------------------------------------------------------------------

    def index(self, row: int, column: int = 0, parent: Index = _ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            count = len(self._groups) if self.grouped else len(self._rows)
            return self.createIndex(row, 0, _NO_PARENT) if row < count else QModelIndex()
        if self.grouped and parent.internalId() == _NO_PARENT and parent.row() < len(self._groups) \
                and row < len(self._groups[parent.row()].rows):
            return self.createIndex(row, 0, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _NO_PARENT)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if parent.column() > 0:
            return 0
        if not parent.isValid():
            return len(self._groups) if self.grouped else len(self._rows)
        if self.grouped and parent.internalId() == _NO_PARENT and parent.row() < len(self._groups):
            return len(self._groups[parent.row()].rows)
        return 0

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 1

    def _item(self, index: Index) -> BookmarkRow | ArticleGroup | None:
        if not index.isValid():
            return None
        if not self.grouped:
            return self._rows[index.row()] if index.row() < len(self._rows) else None
        if index.internalId() == _NO_PARENT:
            return self._groups[index.row()] if index.row() < len(self._groups) else None
        group = self._groups[index.internalId() - 1]
        return group.rows[index.row()] if index.row() < len(group.rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        item = self._item(index)
        if item is None:
            return None
        if isinstance(item, ArticleGroup):
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{item.headline} ({len(item.rows)})"
            if role == KIND_ROLE:
                return "group"
            if role == ID_ROLE:
                return item.article_id
            if role == ROW_ROLE:
                return item
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{item.headline}, {plural(len(item.rows), 'bookmark')}"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return item.quote
        if role == Qt.ItemDataRole.ToolTipRole:
            return None  # the delegate shows everything; a tooltip would repeat it
        if role == Qt.ItemDataRole.AccessibleTextRole:
            mark = (" (article removed from the library)" if item.removed
                    else " (not found in the article)" if item.orphan else "")
            return f"{item.quote}{mark}. {item.note}. {item.headline}"
        if role == KIND_ROLE:
            return "bookmark"
        if role == ID_ROLE:
            return item.id
        if role == ROW_ROLE:
            return item
        if role == BOOKMARK_ROLE:
            return item.bookmark
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class BookmarksProxy(QSortFilterProxyModel):
    """Keeps bookmarks whose quote or note holds the filter text and that carry the chosen tag.

    A group is shown when one of its bookmarks is (decided here from the group's rows: Qt's recursive
    filtering would ask the Python model for parents hundreds of thousands of times).
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = ""
        self.tag = ""
        self.story = ""  # a story thread's title, or NO_STORY
        self.name = ""  # a person's, organisation's or place's name, or NO_NAMES
        self.setDynamicSortFilter(False)

    def set_filters(self, text: str, tag: str, story: str = "", name: str = "") -> None:
        text, tag = text.strip().casefold(), tag.strip().casefold()
        if (text, tag, story, name) != (self.text, self.tag, self.story, self.name):
            self.text, self.tag, self.story, self.name = text, tag, story, name
            # Start over rather than update row by row: an incremental filter change on a tree makes Qt ask the
            # Python model for parents hundreds of thousands of times (seconds for 2,000 bookmarks, not 0.3 s).
            self.invalidate()

    def filtering(self) -> bool:
        return bool(self.text or self.tag or self.story or self.name)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        row = index.data(ROW_ROLE)
        if isinstance(row, ArticleGroup):
            grouping = getattr(model, "grouping", "")
            if (grouping == "entity" and self.name and row.article_id != self.name) \
                    or (grouping == "story" and self.story and row.article_id != self.story):
                return False  # filtered by a name: not the other names the same bookmarks carry
            return not self.filtering() or any(self.accepts(r) for r in row.rows)
        return isinstance(row, BookmarkRow) and self.accepts(row)

    def accepts(self, row: BookmarkRow) -> bool:
        if self.text and self.text not in row.search_text():
            return False
        if self.story and (row.story or NO_STORY) != self.story:
            return False
        if self.name and self.name not in (row.names or (NO_NAMES,)):
            return False
        return not self.tag or any(t.casefold() == self.tag for t in row.bookmark.tags)
