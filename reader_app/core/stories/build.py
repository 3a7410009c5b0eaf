"""Building a library's story threads from its articles: vectors, the neighbour graph, copies, threads by
average-link merging, and events inside each thread (a higher similarity and a date window).

The input is a stream of `Record`s in id order (source.py reads them from the index); only each article's
term counts and word ids are kept while the stream is read, so memory grows with the collection's words,
not its texts. `assemble` is the part over the whole library that incremental.py repeats after an update
from cached per-article data, so that an update and a build from scratch give the same stories.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from reader_app.core.stories.clustering import Edges, average_link
from reader_app.core.stories.duplicates import duplicate_groups, sketch
from reader_app.core.stories.model import Stories, StoryArticle, Thread, timeline_key
from reader_app.core.stories.neighbours import neighbour_graph
from reader_app.core.stories.text import words as split_words
from reader_app.core.stories.thresholds import Thresholds
from reader_app.core.stories.vectors import (
    TermCounts,
    Vector,
    Vocabulary,
    cosine,
    count_terms,
    idf_weights,
    stable_id,
    vector,
)

RELATED = 10  # neighbours kept per article for "related articles"
COUNT_LATER_FROM = 20_000  # libraries of this many articles make term counts in a second pass (see build_with_state)
EXACT_EVENTS_UP_TO = 300  # threads up to this size compare all their pairs for events; larger use the graph

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class Record:
    """One article as story grouping reads it."""

    id: str
    title: str
    outlet: str | None
    date: str | None
    hash: str
    body: str


def library_key(pairs: Iterable[tuple[str, str]], setting: str) -> str:
    """What a set of (article id, text hash) pairs and a setting are known by in the cache.

    The same in any order, without sorting: sorting 100,000 pairs is one call that holds the interpreter
    about 65 ms (the window's thread waits that long while its worker checks the cache). Each pair's own
    hash is summed instead (pairs are distinct: one per article id), a short call per pair."""
    total, count = 0, 0
    for aid, text_hash in pairs:
        total += int.from_bytes(hashlib.sha1(f"{aid}:{text_hash}".encode()).digest(), "big")
        count += 1
    mixed = total % (1 << 192)
    return hashlib.sha1(f"{setting}\n{count}\n{mixed:x}".encode()).hexdigest()


def day_range(date: str | None) -> tuple[int, int] | None:
    """The first and last day (ordinals) a possibly partial ISO date can mean; None when undated."""
    if not date:
        return None
    try:
        parts = [int(p) for p in date[:10].split("-")]
        if len(parts) == 3:
            d = dt.date(*parts).toordinal()
            return d, d
        if len(parts) == 2:
            y, m = parts
            first = dt.date(y, m, 1)
            last = dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
            return first.toordinal(), last.toordinal()
        return dt.date(parts[0], 1, 1).toordinal(), dt.date(parts[0], 12, 31).toordinal()
    except (ValueError, TypeError):
        return None


def within(ranges: Iterable[tuple[int, int] | None], days: int) -> bool:
    """Whether the dated articles are surely within `days` of each other (undated ones say nothing): an event
    is one happening. A date known to the year or month only is its whole range, so it agrees with the same
    vague date but not with a full date it could be months away from (a user trial: an article dated "2021"
    joined the event of 14 April 2021 by its text alone)."""
    known = {r for r in ranges if r is not None}
    if len(known) <= 1:
        return True
    return max(r[1] for r in known) - min(r[0] for r in known) <= days


def thread_id(member_ids: Iterable[str]) -> str:
    """A thread is named after its smallest article id ('t' is not a hex digit, so it never reads as one)."""
    return "t" + min(member_ids)


@dataclass
class State:
    """What a build keeps for the next update (state.py stores it beside the stories): each article's copy
    sketch (by article id) and the term counts of each distinct text."""

    key: str
    sketches: dict[str, tuple[int, ...]]
    counts: dict[str, TermCounts]


def analyse(record: Record, vocabulary: Vocabulary, word_ids: dict[str, int]) -> tuple[TermCounts, array]:
    """An article's term counts and its words as stable ids (what copies are checked on)."""
    body_words = split_words(record.body)
    return count_terms(vocabulary, record.title, body_words), stable_words(body_words, word_ids)


def stable_words(body_words: list[str], word_ids: dict[str, int]) -> array:
    """Words as stable 16-bit ids (`word_ids` caches them for the build), half the memory of 32-bit ones.
    Only copies are found with them: two different words share an id once in 65,536 pairs, which at most
    lets a shingle differing in that one word count as shared, a negligible rise in a Jaccard similarity."""
    get = word_ids.get
    ids = array("H", [0]) * len(body_words)
    for n, w in enumerate(body_words):
        i = get(w)
        if i is None:
            i = word_ids[w] = stable_id(w) & 0xFFFF
        ids[n] = i
    return ids


def build(records: Iterable[Record], setting: Thresholds, key: str = "",
          progress: ProgressCallback | None = None, total: int = 0) -> Stories:
    """The threads, copies and neighbours of the articles in `records` (read in id order)."""
    return build_with_state(records, setting, key, progress, total)[0]


def build_with_state(records: Iterable[Record], setting: Thresholds, key: str = "",
                     progress: ProgressCallback | None = None, total: int = 0,
                     read: Callable[[Iterable[str]], Iterable[Record]] | None = None,
                     counts_later: bool | None = None) -> tuple[Stories, State]:
    """`build`, with the State an update needs next time.

    Copies are found first and each group of them stands for one text from then on (its first article):
    ten copies of one report are one voice in the neighbour graph, not ten that crowd out every other
    neighbour, and they join a thread together.

    With `read` (ids -> their Records, as source.reading gives) and `counts_later` (by default from
    COUNT_LATER_FROM articles), term counts are made in a second pass over the distinct texts only, instead
    of kept for every article while copies are looked for: a library made mostly of copies needs a fraction
    of the memory, and of the time. The stories are the same either way.
    """
    started = time.perf_counter()
    if counts_later is None:
        counts_later = total >= COUNT_LATER_FROM
    later = counts_later and read is not None
    vocabulary = Vocabulary()
    word_ids: dict[str, int] = {}
    articles: list[StoryArticle] = []
    counts: list[TermCounts | None] = []
    words: list[array] = []
    sketches: list[tuple[int, ...]] = []
    hashes: list[str] = []
    for n, r in enumerate(records):
        articles.append(StoryArticle(r.id, r.title, r.outlet or None, r.date or None, r.hash))
        if later:
            w = stable_words(split_words(r.body), word_ids)
            counts.append(None)
        else:
            c, w = analyse(r, vocabulary, word_ids)
            counts.append(c)
        words.append(w)
        sketches.append(sketch(w))
        hashes.append(r.hash)
        if progress and n % 200 == 0:
            progress(n, total)

    def words_of(_members: list[int]) -> list[array]:
        return words

    copies = duplicate_groups(sketches, hashes, setting.duplicate, words_of)
    words.clear()  # the texts' words are not needed from here on
    if later and read is not None:
        in_copy = {i for g in copies for i in g[1:]}
        number = {a.id: i for i, a in enumerate(articles)}
        for r in read(a.id for i, a in enumerate(articles) if i not in in_copy):
            counts[number[r.id]] = analyse(r, vocabulary, word_ids)[0]
    del word_ids, hashes

    def counts_of(i: int) -> TermCounts:
        c = counts[i]
        if c is None:
            raise ValueError(f"article {articles[i].id} could not be read again")
        return c

    stories, reps = assemble(articles, copies, counts_of, setting, key, started, vocabulary)
    state = State(key, {a.id: s for a, s in zip(articles, sketches)}, {articles[i].id: counts_of(i) for i in reps})
    return stories, state


def assemble(articles: list[StoryArticle], copies: list[list[int]], counts_of: Callable[[int], TermCounts],
             setting: Thresholds, key: str, started: float,
             vocabulary: Vocabulary | None = None) -> tuple[Stories, list[int]]:
    """The stories of `articles` (in id order) given their groups of copies and each distinct text's term
    counts: the steps over the whole library that a build and an update share. Also the numbers of the
    articles that stand for a distinct text (whose counts the next update needs)."""
    copies_of = {g[0]: g for g in copies}
    in_copy = {i for g in copies for i in g[1:]}
    reps = [i for i in range(len(articles)) if i not in in_copy]  # one article per distinct text
    rep_counts = [counts_of(i) for i in reps]
    idf = idf_weights(rep_counts, vocabulary)
    vectors = [vector(c, idf) if len(c.ids) >= setting.min_terms else {} for c in rep_counts]
    del rep_counts, idf
    edges, nearest = neighbour_graph(vectors, setting.neighbours, setting.floor)
    groups = average_link(len(reps), edges, setting.thread)
    rep_articles = [articles[i] for i in reps]
    threads = [_thread(g, rep_articles, [copies_of.get(reps[x], [reps[x]]) for x in g], articles, vectors,
                       edges, setting) for g in groups if len(g) > 1]
    # Newest activity first; undated threads after dated ones, larger before smaller.
    threads.sort(key=lambda t: (t.last is None, _neg_date(t.last), -len(t.articles), t.id))
    related = {rep_articles[x].id: [(rep_articles[c].id, round(s, 4)) for c, s in near[:RELATED]]
               for x, near in enumerate(nearest) if near}
    stories = Stories(key=key, setting=setting.name, threads=threads,
                      articles={a.id: a for a in articles},
                      copies=[[articles[i].id for i in g] for g in copies], related=related,
                      seconds=round(time.perf_counter() - started, 3))
    return stories, reps


def _neg_date(date: str | None) -> tuple:
    """A key sorting ISO dates newest first."""
    return tuple(-ord(ch) for ch in (date or ""))


def _thread(group: list[int], reps: list[StoryArticle], copy_groups: list[list[int]],
            articles: list[StoryArticle], vectors: list[Vector], edges: Edges, setting: Thresholds) -> Thread:
    """A thread from a group of distinct texts (`group` indexes `reps`), each with its copies (`copy_groups`,
    indexes of `articles`, the text's own first)."""
    order = sorted(range(len(group)), key=lambda x: timeline_key(reps[group[x]]))
    members = [group[x] for x in order]
    copy_groups = [copy_groups[x] for x in order]
    ranges = [day_range(reps[i].date) for i in members]
    sims: Edges = {}
    if len(members) <= EXACT_EVENTS_UP_TO:
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                sims[(x, y)] = cosine(vectors[members[x]], vectors[members[y]])
    else:
        pos = {i: n for n, i in enumerate(members)}
        for (i, j), s in edges.items():
            if i in pos and j in pos:
                x, y = sorted((pos[i], pos[j]))
                sims[(x, y)] = s
    # The headline of the article most like the others names the thread.
    centrality = [0.0] * len(members)
    for (x, y), s in sims.items():
        centrality[x] += s
        centrality[y] += s
    centre = max(range(len(members)), key=lambda x: (centrality[x], -x))
    event_edges = {(x, y): s for (x, y), s in sims.items()
                   if s >= setting.event and within((ranges[x], ranges[y]), setting.event_days)}
    events = average_link(len(members), event_edges, setting.event,
                          allowed=lambda p, q: within((ranges[x] for x in p + q), setting.event_days))
    # Copies stand beside their text: in its event, and in the timeline by their own dates.
    every = sorted((i for g in copy_groups for i in g), key=lambda i: timeline_key(articles[i]))
    ids = [articles[i].id for i in every]
    dated: list[str] = [d for d in (articles[i].date for i in every) if d]
    outlets: list[str] = []
    for i in every:
        outlet = articles[i].outlet
        if outlet and outlet not in outlets:
            outlets.append(outlet)
    position = {aid: n for n, aid in enumerate(ids)}
    event_ids = [sorted((articles[i].id for x in e for i in copy_groups[x]), key=position.__getitem__)
                 for e in events]
    event_ids.sort(key=lambda e: position[e[0]])
    duplicates = [sorted((articles[i].id for i in g), key=position.__getitem__) for g in copy_groups if len(g) > 1]
    duplicates.sort(key=lambda d: position[d[0]])
    return Thread(id=thread_id(ids), title=reps[members[centre]].title, articles=ids, outlets=outlets,
                  first=min(dated) if dated else None, last=max(dated) if dated else None,
                  events=event_ids, duplicates=duplicates)
