"""Every threshold of story grouping in one place, with a tight and a loose setting beside the normal one.

Tight makes fewer, purer threads (and calls fewer things duplicates); loose gathers more. The figures were
chosen on the seeds and on a labelled set of BBC stories (benchmarks/stories_bench.py reports how each does).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Thresholds:
    """How similar articles must be to share a thread, an event or to count as copies."""

    name: str
    thread: float  # average-link cosine for two groups to become one thread
    event: float  # average-link cosine for two articles' groups to become one event (inside a thread)
    event_days: int  # dated articles of one event lie at most this many days apart
    duplicate: float  # word-shingle Jaccard from which two texts are copies of each other
    neighbours: int = 12  # nearest neighbours kept per article (the graph threads are merged over)
    floor: float = 0.08  # cosine under which two articles are not neighbours at all
    new_sentence: float = 0.5  # a sentence said before (at this similarity or more) is not new
    # Sentence similarity from which two sentences are aligned in a comparison: at 0.30-0.35 about half the
    # pairs read as unrelated, at 0.35-0.40 one in five (benchmarks/compare_floor.py; benchmarks/README.md).
    align: float = 0.35
    # A text of fewer distinct words (headline and body, after stop words) joins no thread: one or two
    # sentences say too little to tell which story they belong to, and two of them sharing three words looked
    # like one story ("a council budget" and "a prime minister on schools"; the seeds' shortest has 190).
    min_terms: int = 25


NORMAL = Thresholds("normal", thread=0.16, event=0.5, event_days=4, duplicate=0.8)
TIGHT = Thresholds("tight", thread=0.2, event=0.6, event_days=2, duplicate=0.9)
LOOSE = Thresholds("loose", thread=0.12, event=0.4, event_days=7, duplicate=0.7)
SETTINGS = {t.name: t for t in (NORMAL, TIGHT, LOOSE)}


def named(name: str | None) -> Thresholds:
    """The setting called `name` (normal when None); ValueError for an unknown name."""
    if not name:
        return NORMAL
    try:
        return SETTINGS[name]
    except KeyError:
        raise ValueError(f"unknown story setting '{name}' (use {', '.join(SETTINGS)})") from None
