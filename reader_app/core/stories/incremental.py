"""Bringing the stories up to date after articles were added, changed or removed, without reading every
text again, and with exactly the result a build from scratch would give.

A build leaves a State (each article's copy sketch, each distinct text's term counts). An update reads
only the new and changed texts, and those of the articles sharing a sketch value with them or with a removed
one, with the rest of their earlier groups of copies (duplicates.Known): about 50 texts for a new article
with 48 near-copies. Every other group of copies is kept as it was. The steps over the whole library
(document frequencies, vectors, neighbours, average-link merging) then run again from the cached counts:
they are cheap beside reading and splitting 100,000 texts, and any addition shifts every word's weight, so
nothing less gives the same threads as a full build.

Like the cache's key, an update knows an article by its id and the hash of what it shows (the index's
`shown` column: headline, outlet, date and cleaned text), so a text cleaned again in place (furniture learnt
later, a paragraph put back) or given another headline is read again, as a changed file is.

Libraries of fewer distinct texts than vectors.BACKGROUND_UP_TO are built in full: their word weights lean
on English word frequencies looked up by words the cache does not keep, and a build takes a second or two.
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Callable, Iterable, Iterator

from reader_app.core.stories.build import Record, State, analyse, assemble, stable_words
from reader_app.core.stories.duplicates import Known, duplicate_groups, near_keys, sketch
from reader_app.core.stories.model import Stories, StoryArticle
from reader_app.core.stories.text import words as split_words
from reader_app.core.stories.thresholds import Thresholds
from reader_app.core.stories.vectors import BACKGROUND_UP_TO, TermCounts, Vocabulary

Reader = Callable[[Iterable[str]], Iterator[Record]]  # ids -> those articles' Records (source.reading)


def update(old: Stories, state: State, pairs: Iterable[tuple[str, str]], key: str, setting: Thresholds,
           read: Reader) -> tuple[Stories, State] | None:
    """The stories of the library whose articles are `pairs` (id, text hash), from `old` (with its
    `state`) and the texts `read` gives; None when an update cannot give a build's result (another
    setting, a state of other stories, a small library, a text that changed while it was read)."""
    started = time.perf_counter()
    if old.setting != setting.name or state.key != old.key:
        return None
    current = dict(pairs)
    ids = sorted(current)
    added = {a for a in ids if (o := old.articles.get(a)) is None or o.hash != current[a]}
    removed = {a for a, o in old.articles.items() if current.get(a) != o.hash}
    if not added and not removed:
        return Stories(key=key, setting=old.setting, threads=old.threads, articles=old.articles,
                       copies=old.copies, related=old.related, seconds=old.seconds, how=old.how), state
    vocabulary = Vocabulary()
    word_ids: dict[str, int] = {}
    fresh: dict[str, StoryArticle] = {}
    counts: dict[str, TermCounts] = {}
    fresh_words: dict[str, array] = {}
    sketches: dict[str, tuple[int, ...]] = {}
    for r in read(added):
        if r.hash != current[r.id]:
            return None  # changed again since the ids and hashes were read
        fresh[r.id] = StoryArticle(r.id, r.title, r.outlet or None, r.date or None, r.hash)
        counts[r.id], fresh_words[r.id] = analyse(r, vocabulary, word_ids)
        sketches[r.id] = sketch(fresh_words[r.id])
    if len(fresh) != len(added):
        return None  # removed since
    try:
        every_sketch = [sketches[a] if a in added else state.sketches[a] for a in ids]
    except KeyError:
        return None
    index = {a: i for i, a in enumerate(ids)}
    changed = [sketches[a] for a in added] + [state.sketches.get(a, ()) for a in removed]
    dirty = {v for s in changed for v in s}
    near = {k for s in changed for k in near_keys(s)}
    group_of = {index[a]: g for g, group in enumerate(old.copies) for a in group if a in index and a not in added}

    def words_of(members: list[int]) -> dict[int, array]:
        out = {d: fresh_words[ids[d]] for d in members if ids[d] in fresh_words}
        for r in read(ids[d] for d in members if d not in out):
            out[index[r.id]] = stable_words(split_words(r.body), word_ids)
        return out

    copies = duplicate_groups(every_sketch, [current[a] for a in ids], setting.duplicate, words_of,
                              Known(dirty, near, group_of, {index[a] for a in added}))
    in_copy = {i for g in copies for i in g[1:]}
    reps = [ids[i] for i in range(len(ids)) if i not in in_copy]
    if len(reps) < BACKGROUND_UP_TO:
        return None
    # A text that stood as a copy until a removal (or a new group's first) needs its counts now.
    missing = [a for a in reps if a not in counts and a not in state.counts]
    for r in read(missing):
        counts[r.id] = analyse(r, vocabulary, word_ids)[0]
    if any(a not in counts and a not in state.counts for a in reps):
        return None
    articles = [fresh.get(a) or old.articles[a] for a in ids]

    def counts_of(i: int) -> TermCounts:
        c = counts.get(ids[i])
        return c if c is not None else state.counts[ids[i]]

    stories, rep_numbers = assemble(articles, copies, counts_of, setting, key, started)
    stories.how = "update"
    new_state = State(key, {a: s for a, s in zip(ids, every_sketch)},
                      {ids[i]: counts_of(i) for i in rep_numbers})
    return stories, new_state

