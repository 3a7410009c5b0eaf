"""An entity's page: its names, its articles on a timeline (and listed by date), the story threads it
appears in, and the people, organisations and places named with it most.

Signals: `article_requested(id)`, `entity_requested(kind, name)` (another entity's page),
`filter_requested(kind, name)` ("Show these articles").
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reader_app.ui.entities.facets import KIND_NAMES

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
NO_STORIES = "Story threads are not available in this library yet."


def timeline_buckets(dates: list[str | None]) -> tuple[list[tuple[str, int]], int]:
    """(label, count) per year, or per month when the dated articles span three years or less; and how many
    are undated. Every bucket between the first and the last is there, so gaps show as gaps."""
    dated = [d for d in dates if d]
    undated = len(dates) - len(dated)
    if not dated:
        return [], undated
    years = sorted({int(d[:4]) for d in dated})
    monthly = years[-1] - years[0] < 3 and all(len(d) >= 7 for d in dated)
    if not monthly:
        counts = Counter(int(d[:4]) for d in dated)
        return [(str(y), counts.get(y, 0)) for y in range(years[0], years[-1] + 1)], undated
    months = Counter(d[:7] for d in dated)
    first, last = min(months), max(months)
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append((f"{y:04d}-{m:02d}", months.get(f"{y:04d}-{m:02d}", 0)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out, undated


class Timeline(QWidget):
    """Bars of articles per year (or month), labelled at both ends; the undated ones counted aside."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("entityTimeline")
        self.buckets: list[tuple[str, int]] = []
        self.undated = 0
        self.setMinimumHeight(84)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_dates(self, dates: list[str | None]) -> None:
        self.buckets, self.undated = timeline_buckets(dates)
        tip = ", ".join(f"{label}: {n}" for label, n in self.buckets if n)
        self.setToolTip((tip + (f"; undated: {self.undated}" if self.undated else "")) or "No dated articles")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 84)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        muted = pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        bar = QColor(pal.color(QPalette.ColorRole.Highlight))
        fm = p.fontMetrics()
        label_h = fm.height()
        rect = self.rect().adjusted(4, 4, -4, -label_h - 6)
        if not self.buckets:
            p.setPen(muted)
            p.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter),
                       f"No dated articles ({self.undated} undated)" if self.undated else "No articles")
            return
        peak = max(n for _l, n in self.buckets) or 1
        width = rect.width() / len(self.buckets)
        for i, (_label, n) in enumerate(self.buckets):
            h = rect.height() * n / peak
            x = rect.left() + i * width
            if n:
                p.fillRect(QRectF(x + width * 0.15, rect.bottom() - h, max(2.0, width * 0.7), h), bar)
            else:
                p.fillRect(QRectF(x + width * 0.15, rect.bottom() - 1, max(2.0, width * 0.7), 1), muted)
        p.setPen(muted)
        y = self.height() - 4
        p.drawText(rect.left(), y, self.buckets[0][0])
        last = self.buckets[-1][0] + (f"   · {self.undated} undated" if self.undated else "")
        p.drawText(int(rect.right() - fm.horizontalAdvance(last)), y, last)


class EntityPage(QDialog):
    """One entity, shown from `show_profile` (a dict from Library.entity_profile)."""

    article_requested = Signal(str)
    entity_requested = Signal(str, str)
    filter_requested = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("entityPage")
        self.setWindowTitle("About")
        self.kind, self.name = "", ""
        self.title = QLabel(self)
        self.title.setObjectName("entityTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("entitySubtitle")
        self.subtitle.setWordWrap(True)
        self.timeline = Timeline(self)
        self.articles_model = QStandardItemModel(self)
        self.articles = QListView(self)
        self.articles.setObjectName("entityArticles")
        self.articles.setModel(self.articles_model)
        self.articles.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.articles.activated.connect(self._open_article)
        self.articles.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.articles.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.stories = QLabel(NO_STORIES, self)
        self.stories.setObjectName("entityStories")
        self.stories.setWordWrap(True)
        self.stories.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # A name in many threads (Tony Blair in a big library) made the label, and so the page, taller than the
        # screen, its Close button out of reach: the threads scroll in a box of their own instead.
        self.stories_box = QScrollArea(self)
        self.stories_box.setObjectName("entityStoriesBox")
        self.stories_box.setWidget(self.stories)
        self.stories_box.setWidgetResizable(True)
        self.stories_box.setFrameShape(QScrollArea.Shape.NoFrame)
        self.stories_box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stories_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.together_model = QStandardItemModel(self)
        self.together = QListView(self)
        self.together.setObjectName("entityTogether")
        self.together.setModel(self.together_model)
        self.together.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.together.activated.connect(self._open_entity)
        self.together.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.together.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.filter_button = QPushButton("Show these articles in the list", self)
        self.filter_button.clicked.connect(lambda: self.filter_requested.emit(self.kind, self.name))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        buttons.addButton(self.filter_button, QDialogButtonBox.ButtonRole.ActionRole)

        def heading(text: str) -> QLabel:
            label = QLabel(text, self)
            f = label.font()
            f.setBold(True)
            label.setFont(f)
            return label
        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(heading("Articles, oldest first"))
        left.addWidget(self.articles, 1)
        right.addWidget(heading("Story threads"))
        right.addWidget(self.stories_box)
        right.addWidget(heading("Named most often with"))
        right.addWidget(self.together, 1)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.timeline)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)
        self.resize(760, 520)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_screen()

    def _fit_screen(self) -> None:
        """Keep the page, frame and all, inside the screen's available area (above a taskbar, say)."""
        screen = self.screen()
        if screen is None:
            return
        area = screen.availableGeometry()
        frame = self.frameGeometry()
        extra_w, extra_h = frame.width() - self.width(), frame.height() - self.height()
        width = min(self.width(), area.width() - extra_w)
        height = min(self.height(), area.height() - extra_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        frame = self.frameGeometry()
        x = min(max(frame.left(), area.left()), area.right() + 1 - frame.width())
        y = min(max(frame.top(), area.top()), area.bottom() + 1 - frame.height())
        if (x, y) != (frame.left(), frame.top()):
            self.move(x, y)

    def show_profile(self, profile: dict, stories: list[str] | None = None) -> None:
        self.kind, self.name = profile["kind"], profile["name"]
        self.setWindowTitle(f"{self.name} — reader-app")
        self.title.setText(self.name)
        n, copies = len(profile["articles"]), profile.get("copies", 0)
        also = f" (+{copies} cop{'ies' if copies != 1 else 'y'})" if copies else ""  # as the list's header counts
        parts = [f"{KIND_NAMES[self.kind].capitalize()} named in {n:,} article{'s' if n != 1 else ''}{also}"]
        if profile["aliases"]:
            parts.append("also written " + ", ".join(profile["aliases"][:8]))
        self.subtitle.setText("; ".join(parts) + ".")
        self.timeline.set_dates([a["date"] for a in profile["articles"]])
        self.articles_model.clear()
        for a in profile["articles"]:
            meta = " · ".join(x for x in (a["date"] or "undated", a["outlet"]) if x)
            item = QStandardItem(f"{meta} — {a['title'] or 'Untitled article'}")
            item.setData(a["id"], ID_ROLE)
            item.setToolTip(a["title"])
            self.articles_model.appendRow(item)
        self.stories.setText("\n".join(stories) if stories else NO_STORIES)
        self.together_model.clear()
        for w in profile["with"]:
            item = QStandardItem(f"{w['name']} ({KIND_NAMES[w['kind']]}) — {w['articles']}")
            item.setData(w["name"], ID_ROLE)
            item.setData(w["kind"], KIND_ROLE)
            self.together_model.appendRow(item)

    def _open_article(self, index: QModelIndex) -> None:
        self.article_requested.emit(index.data(ID_ROLE))

    def _open_entity(self, index: QModelIndex) -> None:
        self.entity_requested.emit(index.data(KIND_ROLE), index.data(ID_ROLE))
