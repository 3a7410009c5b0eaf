"""Story threads, events, copies, timelines and comparisons over the library (no Qt).

Articles about one ongoing story form a thread (TF-IDF vectors, a neighbour graph, average-link merging),
inside it articles reporting the same happening form events, and copies of one text are marked. See
service.py for what callers use; thresholds.py for every threshold.

The grouping, updating and comparing modules are imported when first used, not with the package: a search
needs only the copies of each text (`copy_groups`), read from the cache.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reader_app.core.stories.model import Stories, StoryArticle, Thread
from reader_app.core.stories.service import (
    StoryError,
    TimelineEntry,
    by_event,
    cached_stories,
    compare_articles,
    copy_groups,
    count_texts,
    find_thread,
    fold_copies,
    last_stories,
    related_hits,
    stories_for,
    thread_of,
    threads_for,
    timeline,
)
from reader_app.core.stories.thresholds import SETTINGS, Thresholds

if TYPE_CHECKING:
    from reader_app.core.stories.compare import Comparison, Difference

__all__ = [
    "SETTINGS", "Comparison", "Difference", "Stories", "StoryArticle", "StoryError", "Thread", "Thresholds",
    "TimelineEntry", "by_event", "cached_stories", "compare_articles", "copy_groups", "count_texts", "find_thread", "fold_copies", "last_stories",
    "related_hits", "stories_for", "thread_of", "threads_for",
    "timeline",
]


def __getattr__(name: str) -> Any:
    """Comparison and Difference (compare.py), imported on first use (PEP 562)."""
    if name in ("Comparison", "Difference"):
        from reader_app.core.stories import compare

        return getattr(compare, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
