"""What the CLI and the window ask of story grouping: a library's stories (from the cache when it is
current, else built and cached), a thread's timeline with each article's new sentences, and comparisons.

Building takes seconds on a large library: the window calls `stories_for` in a worker, never on its own
thread; `cached_stories` only reads the cache and is cheap enough for anywhere.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader_app.core.stories import source, store
from reader_app.core.stories.copies import CopyGroups, joined
from reader_app.core.stories.model import Stories, Thread
from reader_app.core.stories.thresholds import Thresholds, named

# Building, updating, comparing and the sentences are imported by the functions that use them: a search only
# folds copies (copy_groups), and each command's start would pay for modules it does not run.
if TYPE_CHECKING:
    from reader_app.core.library import Library
    from reader_app.core.search.results import Hit
    from reader_app.core.stories.build import ProgressCallback
    from reader_app.core.stories.compare import Comparison

log = logging.getLogger(__name__)


class StoryError(Exception):
    """A story request that cannot be answered; str() is a one-line reason."""


def current_key(library: Library, setting: Thresholds) -> str:
    from reader_app.core.stories.build import library_key

    return library_key(source.id_hashes(library), setting.name)


def cached_stories(library: Library, setting: str | None = None) -> Stories | None:
    """The cached stories if they are those of the library as it is now; None otherwise. The same object
    as last_stories gives for that version of the cache (one copy in memory, its lookups built once: at
    100,000 articles a copy is over 100 MB and seconds of reading)."""
    t = named(setting)
    found = last_stories(library)
    return found if found is not None and found.key == current_key(library, t) else None


def stories_for(library: Library, setting: str | None = None, progress: ProgressCallback | None = None) -> Stories:
    """The library's stories: from the cache when current, else brought up to date from it when it can be
    (incremental.py: only the new and changed texts are read; the same result as a build), else built now
    (seconds to a minute: off the GUI thread); cached either way."""
    from reader_app.core.stories.build import build_with_state, library_key
    from reader_app.core.stories.incremental import update

    t = named(setting)
    pairs = source.id_hashes(library)
    key = library_key(pairs, t.name)
    path = source.cache_path(library)
    found = store.load(path)
    if found is not None and found.key == key:
        return found
    result = None
    with source.reading(library) as read:
        state = store.load_state(store.state_path(path), found.key) if found is not None else None
        if found is not None and state is not None:
            result = update(found, state, pairs, key, t, read)
        if result is None:
            result = build_with_state(read(a for a, _ in pairs), t, key=key, progress=progress, total=len(pairs),
                                      read=read)
    stories, state = result
    try:
        # The state first: saved stories whose state is missing are only ever rebuilt, never misread.
        store.save_state(store.state_path(path), state)
        store.save(path, stories)
    except OSError as exc:  # a read-only or full data folder: the stories still serve this session
        log.warning("cannot save the stories cache: %s", exc)
    return stories


def threads_for(library: Library, setting: str | None = None) -> list[Thread]:
    """The library's threads of two or more articles, newest activity first."""
    return stories_for(library, setting).threads


@dataclass
class TimelineEntry:
    """One article of a thread's timeline."""

    id: str
    title: str
    outlet: str | None
    date: str | None
    event: int  # the number of its event in the thread (0-based, timeline order)
    new: list[str] = field(default_factory=list)  # sentences no earlier article of the thread said

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "outlet": self.outlet, "date": self.date,
                "event": self.event, "new": list(self.new)}


def find_thread(library: Library, stories: Stories, ident: str) -> Thread:
    """A thread by its id, or the thread of an article (by id or unique id prefix)."""
    ident = ident.strip()
    found = stories.thread(ident)
    if found is None and ident:
        from reader_app.core.errors import ArticleNotFound

        try:
            aid = library.resolve_id(ident)
        except ArticleNotFound:
            if any(library.index.document(m) for m in library.index.ids_with_prefix(ident)):
                raise  # a prefix of several articles: its message lists them
            # Neither a thread nor an article: a mistyped thread id is not only "no article".
            raise StoryError(f"no story thread or article with id '{ident}'") from None
        found = stories.thread_of(aid)
        if found is None:
            raise StoryError(f"article '{aid}' is not part of any story thread")
    if found is None:
        raise StoryError(f"no story thread or article with id '{ident}'")
    return found


def timeline(library: Library, thread: Thread, setting: str | None = None) -> list[TimelineEntry]:
    """The thread's articles in date order (undated last) with their event and new sentences: those no article
    shown before it said. Shown means grouped by event (by_event, as the window and `story` show a timeline),
    so the sentences are worked out in that order: in date order, an undated article whose headline sorts
    first claimed sentences that an article shown above it had already given word for word."""
    from reader_app.core.stories.sentences import new_sentences, sentences_of

    t = named(setting)
    records = {aid: source.record(library, aid) for aid in thread.articles}
    entries = [TimelineEntry(r.id, r.title, r.outlet, r.date, thread.event_of(r.id)) for r in records.values()]
    shown = [e for group in by_event(entries) for e in group]
    fresh = new_sentences([sentences_of(records[e.id].body) for e in shown], t.new_sentence)
    for e, new in zip(shown, fresh):
        e.new = new
    return entries


def compare_articles(library: Library, a: str, b: str, setting: str | None = None) -> Comparison:
    """Article `a` against article `b` (ids or unique prefixes); StoryError when there is nothing to compare."""
    from reader_app.core.stories.compare import compare
    from reader_app.core.stories.sentences import sentences_of

    a_id, b_id = library.resolve_id(a), library.resolve_id(b)
    if a_id == b_id:
        raise StoryError(f"cannot compare article '{a_id}' with itself")
    sents = []
    for aid in (a_id, b_id):
        s = sentences_of(source.record(library, aid).body)
        if not s:
            raise StoryError(f"article '{aid}' has no sentences to compare")
        sents.append(s)
    return compare(a_id, sents[0], b_id, sents[1], named(setting).align)


_last: dict[Path, tuple[tuple[int, int], Stories]] = {}


def last_stories(library: Library) -> Stories | None:
    """The stories last computed for this library, even if articles came or went since (the window
    recomputes them in the background); read once per version of the cache file, so cheap to call often."""
    path = source.cache_path(library)
    try:
        st = path.stat()
    except OSError:
        return None
    stamp = (st.st_mtime_ns, st.st_size)
    memo = _last.get(path)
    if memo is not None and memo[0] == stamp:
        return memo[1]
    stories = store.load(path)
    if stories is not None:
        _last[path] = (stamp, stories)
    return stories


def thread_of(library: Library, article_id: str, build: bool = True) -> Thread | None:
    """The thread an article belongs to (None when it stands alone or is not in the library): from the last
    stories computed when they know the article, else from stories built now and cached (seconds on a large
    library the first time: off the GUI thread). `build=False`: the last stories only (None without them)."""
    stories = last_stories(library)
    if stories is None or article_id not in stories.articles:
        if not build:
            return stories.thread_of(article_id) if stories is not None else None
        stories = stories_for(library)
    return stories.thread_of(article_id)


def by_event(entries: Iterable[TimelineEntry]) -> list[list[TimelineEntry]]:
    """A timeline's entries grouped by event, events in the order they first appear, entries in timeline
    order within each: an undated or year-only article sorts after the full dates, so its event's entries
    need not be next to each other in the timeline (printed as they came, an event's heading came twice)."""
    groups: dict[int, list[TimelineEntry]] = {}
    for e in entries:
        groups.setdefault(e.event, []).append(e)
    return list(groups.values())


_joined: list = []  # [stories, exact groups, their CopyGroups]: the last join, kept while neither changes


def copy_groups(library: Library) -> CopyGroups:
    """The copies of each text as far as known now: the last stories' groups joined with the exact copies the
    index knows from the import on (core/stories/copies.py), so exact copies fold before `stories` too."""
    stories = last_stories(library)
    exact = library.engine.exact_copies()
    if _joined and _joined[0] is stories and _joined[1] is exact:
        return _joined[2]
    groups = joined(stories.copies if stories is not None else [], exact)
    _joined[:] = [stories, exact, groups]
    return groups


def fold_copies(library: Library, hits: list[Hit], limit: int) -> list[Hit]:
    """Hits with copies of one text folded into its first hit (its `copies`, ids still in the library)."""
    groups = copy_groups(library)
    if not groups:
        return hits[:limit]
    kept: list[tuple[Hit, list[str]]] = []
    folded: set[str] = set()
    for h in hits:
        if h.id in folded:
            continue
        copies = groups.copies_of(h.id)
        folded.update(copies)
        kept.append((h, copies))
    kept = kept[:limit]
    alive = library.engine.present({c for _, copies in kept for c in copies})  # one set of ids for them all
    for h, copies in kept:
        h.copies = [c for c in copies if c in alive]
    return [h for h, _ in kept]


def count_texts(library: Library, ids: Iterable[str]) -> int | None:
    """How many distinct texts these articles are, copies of one text counted once (None: no copies known)."""
    groups = copy_groups(library)
    if not groups:
        return None
    return groups.count_texts(ids)


def related_hits(library: Library, article_id: str, limit: int) -> list[Hit] | None:
    """Articles most like this one by the story vectors (None when no stories know the article yet)."""
    stories = last_stories(library)
    if stories is None or article_id not in stories.articles:
        return None
    hits = []
    for other, score in stories.related_to(article_id, limit=limit + 5):
        h = source.hit(library, other, score)
        if h is not None:
            hits.append(h)
    return hits[:limit]
