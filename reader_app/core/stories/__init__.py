"""Story threads, events, copies, timelines and comparisons over the library (no Qt).

Articles about one ongoing story form a thread (TF-IDF vectors, a neighbour graph, average-link merging),
inside it articles reporting the same happening form events, and copies of one text are marked. See
service.py for what callers use; thresholds.py for every threshold.
"""

from reader_app.core.stories.compare import Comparison, Difference
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

__all__ = [
    "SETTINGS", "Comparison", "Difference", "Stories", "StoryArticle", "StoryError", "Thread", "Thresholds",
    "TimelineEntry", "by_event", "cached_stories", "compare_articles", "copy_groups", "count_texts", "find_thread", "fold_copies", "last_stories",
    "related_hits", "stories_for", "thread_of", "threads_for",
    "timeline",
]
