"""Stories in the window: wires the Stories pane, the story view and the "In story" line to core/stories.

Every core call runs in the window's worker, and building the stories runs in a child process (builder.py),
so the window never waits on either. Signals (mostly for tests): `stories_loaded()`, `timeline_shown(id)`,
`comparison_shown(a, b)`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from reader_app.core.wording import plural
from reader_app.ui.stories.banner import StoryBanner
from reader_app.ui.stories.builder import StoryBuilder
from reader_app.ui.stories.pane import StoriesPane
from reader_app.ui.stories.view import StoryView
from reader_app.ui.timer import timer

if TYPE_CHECKING:
    from reader_app.core.articles.model import Article
    from reader_app.core.stories import Stories, Thread
    from reader_app.ui.articles.listing import Listing
    from reader_app.ui.window.shell import Shell

log = logging.getLogger(__name__)


def _load(library, listing: Listing | None = None):
    """In the worker: the cached stories if current (None when they must be built), with their lookups built
    here (the reader's banner asks them on the GUI thread), and whether `listing` (the article list as it was
    when asked) already folds their copies: (stories, listing, folded)."""
    from reader_app.core.stories import cached_stories
    from reader_app.ui.window.workers import bulk_load

    with bulk_load():
        stories = cached_stories(library)
        if stories is None:
            return None
        stories.index()
        return stories, listing, listing is not None and list_folded(listing, stories.copies)


def list_folded(listing: Listing, copies: list[list[str]]) -> bool:
    """Whether the article list shows each group of copies as its first article's row (filtered out or not).
    One look-up per article in a group: 100,000 at 100,000 articles, so not on the GUI thread."""
    for group in copies:
        if sum(1 for a in group if listing.find(a) is not None) > 1:
            return False  # a copy still has a row of its own
        first = listing.find(group[0])
        if first is not None and first.copies != len(group) - 1:
            return False  # the first row does not (yet, or any more) say how many copies it stands for
    return True


def _build_here(library, stories: Stories | None, listing: Listing | None = None):
    """In the worker, when the child could not leave a cache (a read-only data folder): `stories` (those in
    memory) if still the library's, else built in memory; with why they are not saved.
    (stories, listing, folded, why)."""
    from reader_app.core.stories import cached_stories, stories_for
    from reader_app.core.stories.service import current_key
    from reader_app.core.stories.thresholds import named

    if stories is None or stories.key != current_key(library, named(None)):
        stories = stories_for(library).index()  # tries to save them again: the folder may be writable by now
    why = None if cached_stories(library) is not None else _why_unsaved(library)
    return stories, listing, listing is not None and list_folded(listing, stories.copies), why


def _why_unsaved(library) -> str:
    """Why the stories cache cannot be written, found by writing a scratch file beside it (a read-only mount
    refuses even root, which file permissions would not)."""
    import errno
    import tempfile

    from reader_app.core.stories import source

    folder = source.cache_path(library).parent
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        if exc.errno == errno.EROFS:
            return "the data folder is read-only"
        if exc.errno in (errno.EACCES, errno.EPERM):
            return "the data folder cannot be written to"
        if exc.errno == errno.ENOSPC:
            return "the disk is full"
        return exc.strerror or str(exc)
    return "saving them failed (details in the log)"


def _timeline(library, thread):
    from reader_app.core.stories import timeline

    return thread, timeline(library, thread)


def _html(shown: tuple, colours, unseen: set[str], picked: str | None, thread_id: str | None) -> tuple[str, str]:
    """In the worker: the story view's page for what is shown (building it can take tens of milliseconds)."""
    from reader_app.ui.stories.html import compare_html, timeline_html

    if shown[0] == "timeline":
        _, thread, entries = shown
        return "timeline", timeline_html(thread, entries, colours, unseen=unseen, picked=picked)
    _, c, a, b = shown
    return "compare", compare_html(c, a, b, colours, thread_id)


def _compare(library, a: str, b: str):
    from reader_app.core.stories import compare_articles

    c = compare_articles(library, a, b)
    details = []
    for aid in (c.a, c.b):
        doc = library.index.document(aid) or {}
        details.append({"title": doc.get("title"), "outlet": doc.get("outlet"), "date": doc.get("date")})
    return c, details[0], details[1]


class StoriesFeature(QObject):
    """Everything the window does with stories (see the module docstring)."""

    stories_loaded = Signal()
    timeline_shown = Signal(str)
    comparison_shown = Signal(str, str)

    def __init__(self, window: Shell):
        super().__init__(window.widget)
        self.window = window
        self.stories: Stories | None = None
        self.timeline_thread: Thread | None = None  # the thread whose timeline is (or was last) shown
        self.picked: str | None = None  # the first article chosen for a comparison
        self._pick_message = ""  # what the status line says about it ("Comparing … with…")
        self._shown: tuple = ()  # what the story view shows, to redraw it in another theme
        self._timeline: tuple = ()  # the timeline last shown: a comparison's Esc goes back to it as it was
        self._unseen: set[str] = set()
        self._unsaved: str | None = None  # why the stories are kept in memory only (no cache can be written)
        self._retries = 0  # builds in a row that ended with the library already changed again
        self._banner_copy: str | None = None  # the banner opens this copy (an article in no thread)
        self.builder = StoryBuilder(window.paths, self)
        self.builder.finished.connect(self._on_built)
        self.pane = StoriesPane(window.widget)
        self.dock = window.add_pane(self.pane, "Stories", "Ctrl+Shift+S", area=Qt.DockWidgetArea.LeftDockWidgetArea)
        self.dock.hide()  # until the user opens it (the saved window state may show it again)
        self.dock.toggleViewAction().triggered.connect(lambda shown: self.pane.setFocus() if shown else None)
        self.view = StoryView(window.widget)
        self.view.hide()
        self.banner = StoryBanner(window.widget)
        self.banner.setObjectName("storyBanner")
        self.banner.setFlat(True)
        self.banner.setCursor(Qt.CursorShape.PointingHandCursor)
        self.banner.setStyleSheet("QPushButton#storyBanner { text-align: left; padding: 6px 12px; }")
        self.banner.hide()
        window.add_to_reader_pane(self.banner, 0)
        window.add_to_reader_pane(self.view, 1, stretch=1)
        self.story_action = QAction("Story of This &Article", window.widget)
        self.story_action.setObjectName("storyOfArticle")
        self.story_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.story_action.triggered.connect(self.open_article_story)
        window.add_action(self.story_action, "go")
        self._refresh_timer = timer(self, 400, self.refresh)
        self._connect()
        window.closing.connect(self.builder.stop)  # a closing window ends a build still running
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.builder.stop)

    def _connect(self) -> None:
        w = self.window
        w.library_ready.connect(lambda _lib: self._refresh_timer.start())
        w.list_reloaded.connect(lambda _rows: self._refresh_timer.start() if w.library else None)
        w.article_opened.connect(self._on_article)
        # the line goes with the article at once (a removal), not when the stories are next loaded
        w.reader.article_closed.connect(lambda: self._update_banner(None))
        w.theme_changed.connect(lambda _t: self._redraw())
        self.pane.thread_activated.connect(self.open_thread)
        self.banner.clicked.connect(self._on_banner)
        self.view.article_requested.connect(self._open_article)
        self.view.compare_picked.connect(self._on_pick)
        self.view.back_requested.connect(self.back_to_timeline)
        self.view.closed.connect(self._on_escape)

    # --- computing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the stories of the library as it is now: from the cache, else built in the background."""
        if self.window.library is None:
            return
        if self._unsaved is not None:  # no cache to read: the stories in memory, built again if out of date
            self.window.run_task(_build_here, self.window.library, self.stories,
                                 self.window.list_pane.library_model.listing,
                                 on_finished=self._apply_unsaved, on_failed=self._on_failed)
            return
        if self.stories is None:
            self.pane.set_status("Finding stories…")
        self.window.run_task(_load, self.window.library, self.window.list_pane.library_model.listing,
                             on_finished=self._on_loaded, on_failed=self._on_failed)

    def _on_loaded(self, loaded: tuple[Stories, Listing, bool] | None) -> None:
        if loaded is not None:
            self._apply(*loaded)
        elif not self.builder.running:
            self.pane.set_status("Finding stories…" if self.stories is None else "Updating stories…")
            self.builder.start()

    def _on_built(self, ok: bool) -> None:
        self.window.run_task(_load, self.window.library, self.window.list_pane.library_model.listing,
                             on_finished=self._after_build, on_failed=self._on_failed)

    def _after_build(self, loaded: tuple[Stories, Listing, bool] | None) -> None:
        if loaded is not None:
            self._retries = 0
            self._apply(*loaded)
            return
        from reader_app.core.stories import source

        if self.window.library is not None and source.cache_path(self.window.library).exists() \
                and self._retries < 2:
            self._retries += 1  # the library changed while the stories were built: build them again
            self.builder.start()
        elif self.window.library is not None:  # no cache could be written (a read-only folder): build here
            self.window.run_task(_build_here, self.window.library, None,
                                 self.window.list_pane.library_model.listing,
                                 on_finished=self._apply_unsaved, on_failed=self._on_failed)

    def _apply_unsaved(self, built: tuple[Stories, Listing, bool, str | None]) -> None:
        stories, listing, folded, why = built
        self._unsaved = why
        self._apply(stories, listing, folded)

    def _on_failed(self, message: str) -> None:
        log.warning("stories: %s", message)
        self.pane.set_status(f"Stories are not available: {message}")

    def _apply(self, stories: Stories, checked: Listing | None = None, folded: bool = False) -> None:
        """Show `stories`; `folded`: whether the list `checked` (in the worker) folds their copies."""
        self.stories = stories
        self.pane.model.set_threads(stories.threads, self.window.read_ids)
        n = len(stories.threads)
        # short, so that it fits the pane on one line (a trial's wrapped); what a story is goes in the tooltip
        status = plural(n, "story", "stories") if n else "No stories yet: no two articles tell one story."
        self.pane.status.setToolTip("Stories: threads of two or more articles, newest activity first."
                                    if n else "")
        if self._unsaved is not None:
            status = status.rstrip(".") + f". They could not be saved ({self._unsaved}): shown from memory, worked out again next time."
        self.pane.set_status(status)
        # Copies of one text are one row of the article list ("+1 other copy"): the rows are built again (in
        # the worker, ui/stories/rows.py) only when the list shows them otherwise (showing 20,000 rows again
        # costs the GUI thread about 100 ms).
        listing = self.window.list_pane.library_model.listing
        if checked is not listing:  # the list changed since (or stories built here): checked now
            folded = list_folded(listing, stories.copies)
        if not folded:
            self.window.refresh_list()
        if not self.view.isVisible():  # over a timeline the banner stays hidden (close_view brings it back)
            self._update_banner(self.window.reader.article)
        self._follow_reader()
        self.stories_loaded.emit()

    # --- the reader -----------------------------------------------------------------------------

    def _on_article(self, article: Article) -> None:
        self.close_view(focus=False)
        self._update_banner(article)
        self.pane.model.set_read(self.window.read_ids)
        self._follow_reader()

    def _follow_reader(self) -> None:
        """The pane's highlighted row is the thread the reader shows: the timeline's (or the comparison's), else
        the open article's; none when the article is in no thread. Stories loaded again may have renumbered a
        thread: it is found again by its articles."""
        if self.stories is None:
            return
        thread = None
        if self.view.isVisible() and self.timeline_thread is not None:
            thread = self.stories.thread(self.timeline_thread.id) or next(
                (t for a in self.timeline_thread.articles if (t := self.stories.thread_of(a)) is not None), None)
        elif self.window.reader.article is not None:
            thread = self.stories.thread_of(self.window.reader.article.id)
        self.pane.select_thread(thread.id if thread is not None else None)

    def _update_banner(self, article: Article | None) -> None:
        from reader_app.ui.text import label

        thread = self.stories.thread_of(article.id) if (self.stories and article) else None
        copies = self.stories.copies_of(article.id) if (self.stories and article) else []
        self._banner_copy = None
        if thread is not None:
            outlets = len(thread.outlets)
            extra = f" · +{len(copies)} other cop{'y' if len(copies) == 1 else 'ies'}" if copies else ""
            counted = f"{len(thread.articles)} articles" + (f", {outlets} outlet{'s' if outlets != 1 else ''}"
                                                             if outlets else "")
            keep = f" ({counted}){extra}  ›"
            self.banner.set_line(f"In story: {label(thread.title, 100)}{keep}", "Open the story's timeline (Ctrl+Shift+T)",
                                 keep=keep)
        elif copies and self.stories is not None:
            self._banner_copy = copies[0]
            other = self.stories.articles.get(copies[0])
            self.banner.set_line(f"+{len(copies)} other cop{'y' if len(copies) == 1 else 'ies'} of this text: "
                                 f"“{label(other.title if other else copies[0], 100)}”  ›", "Open the other copy")
        else:
            self.banner.hide()
            return
        self.banner.show()

    def _on_banner(self) -> None:
        if self._banner_copy:
            self.window.open_article(self._banner_copy)
        else:
            self.open_article_story()

    def open_article_story(self) -> None:
        article = self.window.reader.article
        thread = self.stories.thread_of(article.id) if (self.stories and article) else None
        if thread is not None:
            self.open_thread(thread.id)
        else:
            self.window.show_status("This article is not part of a story thread.")

    def _open_article(self, article_id: str) -> None:
        self.window.open_article(article_id)

    # --- the story view -------------------------------------------------------------------------

    def open_thread(self, thread_id: str) -> None:
        thread = self.stories.thread(thread_id) if self.stories else None
        if thread is None or self.window.library is None:
            return
        self._unpick()
        seen = dict(self.window.settings.get("stories_seen"))
        before = seen.get(thread.id)
        self._unseen = set(thread.articles) - set(before) if isinstance(before, list) else set()
        seen[thread.id] = list(thread.articles)
        self.window.settings.set("stories_seen", seen)
        self.window.run_task(_timeline, self.window.library, thread, on_finished=self._show_timeline,
                             on_failed=lambda m: self.window.show_status(f"The story cannot be shown: {m}"))

    def _show_timeline(self, answer) -> None:
        thread, entries = answer
        self.timeline_thread = thread
        self._shown = self._timeline = ("timeline", thread, entries)
        self.pane.select_thread(thread.id)

        def shown() -> None:
            self._show_view()
            self.timeline_shown.emit(thread.id)

        self._redraw(shown)

    def _on_pick(self, article_id: str) -> None:
        if self.picked is None or self.picked == article_id:
            self.picked = article_id
            from reader_app.ui.text import label

            entries = self._timeline[2] if self._timeline else []
            title = next((e.title for e in entries if e.id == article_id), article_id)
            self._pick_message = f"Comparing “{label(title, 80)}” with… pick another article’s “compare”."
            self.window.show_status(self._pick_message)
            self._redraw()
            return
        first = self.picked
        self._unpick()
        self.compare(first, article_id)

    def _unpick(self) -> None:
        """The pick is used or given up: the status line stops asking for a second article (a trial's still
        asked for one beside the comparison it had opened)."""
        self.picked = None
        if self._pick_message:
            self.window.clear_status(self._pick_message)
            self._pick_message = ""

    def compare(self, a: str, b: str) -> None:
        if self.window.library is None:
            return
        self.window.run_task(_compare, self.window.library, a, b, on_finished=self._show_comparison,
                             on_failed=lambda m: self.window.show_status(f"Cannot compare: {m}"))

    def back_to_timeline(self, thread_id: str | None = None) -> None:
        """The timeline a comparison was opened from, as it was (its "new since your last visit" marks kept);
        another thread's is opened afresh."""
        if not self._timeline or (thread_id and self._timeline[1].id != thread_id):
            if thread_id:
                self.open_thread(thread_id)
            return
        self._unpick()
        self._shown = timeline = self._timeline

        def shown() -> None:
            self._show_view()
            self.timeline_shown.emit(timeline[1].id)

        self._redraw(shown)

    def _on_escape(self) -> None:
        """Esc goes back where the person came from: from a comparison to its timeline, from a timeline to
        the article (or, with none open, to the Stories pane or the list rather than an empty page)."""
        if self.view.kind == "compare" and self._timeline:
            self.back_to_timeline()
            return
        self.close_view(focus=self.window.reader.article is not None)
        if self.window.reader.article is None:
            (self.pane if self.dock.isVisible() else self.window.list_pane.view).setFocus()

    def _show_comparison(self, answer) -> None:
        c, a, b = answer
        self._shown = ("compare", c, a, b)

        def shown() -> None:
            self._show_view()
            self.comparison_shown.emit(c.a, c.b)

        self._redraw(shown)

    def _redraw(self, then=None) -> None:
        """Render what is shown again (another theme, a picked article), the page built in the worker."""
        colours = self.window.reader.colours
        self.view.set_colours(colours)
        if not self._shown:
            return
        shown = self._shown

        def done(page: tuple[str, str]) -> None:
            if shown is self._shown:  # nothing newer was asked for meanwhile
                self.view.show_html(page[1], page[0])
                if then is not None:
                    then()

        self.window.run_task(_html, shown, colours, set(self._unseen), self.picked,
                             self.timeline_thread.id if self.timeline_thread else None, on_finished=done,
                             on_failed=lambda m: self.window.show_status(f"The story cannot be shown: {m}"))

    def _show_view(self) -> None:
        self.window.reader.hide()
        self.banner.hide()
        self.view.show()
        self.view.setFocus()

    def close_view(self, focus: bool = True) -> None:
        """Back to the article in the reader pane."""
        if not self.view.isVisible():
            return
        self._unpick()
        self.view.hide()
        self.window.reader.show()
        self._update_banner(self.window.reader.article)
        if focus:
            self.window.reader.setFocus()
