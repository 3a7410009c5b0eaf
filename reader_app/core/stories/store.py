"""The stories cache: a library's threads, copies and neighbours, with the key of the library state (article
ids and text hashes, and the setting) they were computed for.

One JSON value per line (a header, then one line per article, thread, group of copies and neighbour list,
then an end line with the count of lines before it, so a file cut at a line boundary is known to be cut),
read a line at a time: one json call over the whole file of a 20,000-article library holds the interpreter
for tens of milliseconds, which the window's thread would feel while its worker reads the cache.
"""

from __future__ import annotations

import json
import logging
import sys
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from reader_app.core.storage.files import atomic_write, loads, read_data_bytes
from reader_app.core.stories.model import Stories, StoryArticle, Thread

if TYPE_CHECKING:  # imported by load_state: reading the stories (a search folding copies) needs neither
    from reader_app.core.stories.build import State
    from reader_app.core.stories.vectors import TermCounts

# 2: each article's text hash (for updates after removals); 3: one value per line; 4: an end line with the count
FORMAT = 6  # 5: a year-only date placed after its year's full dates (timeline_key); 6: vague dates join no event of full dates
STATE_FORMAT = 1
# Sketches are hashes of tuples of ints, which another Python version may compute differently.
PYTHON = list(sys.version_info[:2])
log = logging.getLogger(__name__)


def save(path: Path, stories: Stories) -> None:
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    lines = [dumps({"format": FORMAT, "key": stories.key, "setting": stories.setting, "seconds": stories.seconds,
                    "how": stories.how})]
    lines += [dumps(["a", a.id, a.title, a.outlet, a.date, a.hash]) for a in stories.articles.values()]
    lines += [dumps(["t", t.to_dict()]) for t in stories.threads]
    lines += [dumps(["c", g]) for g in stories.copies]
    lines += [dumps(["r", aid, [[b, s] for b, s in near]]) for aid, near in stories.related.items()]
    lines.append(dumps(["end", len(lines)]))
    atomic_write(path, "\n".join(lines) + "\n")


def _lines(data: bytes) -> Iterator[str]:
    """The lines of `data`, each decoded on its own: decoding and splitting the whole file are one call each,
    which at 100,000 articles (15-17 MB) hold the interpreter 10-20 ms each, and the window's thread waits."""
    start, size = 0, len(data)
    while start < size:
        end = data.find(b"\n", start)
        if end < 0:
            end = size
        yield data[start:end].decode("utf-8")
        start = end + 1


def load(path: Path, key: str | None = None) -> Stories | None:
    """The cached stories (only if computed for `key`, when given); None when missing, stale or damaged."""
    try:
        lines = _lines(read_data_bytes(path))  # a regular file only, with a size cap
        header = loads(next(lines, ""))
        if header.get("format") != FORMAT or (key is not None and header.get("key") != key):
            return None
        stories = Stories(key=header["key"], setting=header["setting"],
                          seconds=header.get("seconds", 0.0), how=header.get("how", "build"), threads=[],
                          articles={})
        count, ended = 1, False
        for line in lines:
            if not line:
                continue
            if ended:
                raise ValueError("the stories cache goes on after its end line")
            kind, *rest = loads(line)
            if kind == "end":
                if rest != [count]:
                    raise ValueError("the stories cache has lines missing")
                ended = True
                continue
            count += 1
            if kind == "a":
                aid, title, outlet, date, text_hash = rest
                stories.articles[aid] = StoryArticle(aid, title, outlet, date, text_hash)
            elif kind == "t":
                stories.threads.append(Thread.from_dict(rest[0]))
            elif kind == "c":
                stories.copies.append(list(rest[0]))
            elif kind == "r":
                stories.related[rest[0]] = [(b, float(s)) for b, s in rest[1]]
        if not ended:  # cut at a line boundary: every line read is whole, but some are missing
            raise ValueError("the stories cache has no end line")
        return stories
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        log.warning("the stories cache %s cannot be read; it will be computed again", path)
        return None


def state_path(path: Path) -> Path:
    """Where the update state of the stories cached at `path` lives."""
    return path.with_name(path.stem + "-state.bin")


def save_state(path: Path, state: State) -> None:
    """The per-article data an update reads instead of the texts: a JSON header line (ids, sizes), then
    flat arrays (sketch lengths, sketch values, term ids, 16-bit term counts), compact enough for 100,000 articles."""
    ids = sorted(state.sketches)
    reps = sorted(state.counts)
    header = {"format": STATE_FORMAT, "python": PYTHON, "key": state.key, "ids": ids, "reps": reps,
              "sizes": [len(state.counts[r].ids) for r in reps]}
    lengths = array("B", [len(state.sketches[a]) for a in ids])
    values = array("q", [v for a in ids for v in state.sketches[a]])
    term_ids, term_counts = array("I"), array("H")
    for r in reps:
        term_ids.extend(state.counts[r].ids)
        term_counts.extend(state.counts[r].counts)
    blob = json.dumps(header, separators=(",", ":")).encode() + b"\n"
    atomic_write(path, b"".join([blob, lengths.tobytes(), values.tobytes(), term_ids.tobytes(),
                                 term_counts.tobytes()]))


def load_state(path: Path, key: str) -> State | None:
    """The update state saved with the stories of `key`; None when missing, of another state, or damaged."""
    from reader_app.core.stories.build import State
    from reader_app.core.stories.vectors import TermCounts

    try:
        data = read_data_bytes(path)  # a regular file only, with a size cap
        end = data.index(b"\n")
        header = json.loads(data[:end])
        if not isinstance(header, dict):
            raise ValueError("the stories state's header is not an object")
        if header.get("format") != STATE_FORMAT or header.get("python") != PYTHON or header.get("key") != key:
            return None
        ids, reps, sizes = header["ids"], header["reps"], header["sizes"]
        at = end + 1

        def take(code: str, count: int) -> array:
            nonlocal at
            a = array(code)
            size = a.itemsize * count
            if at + size > len(data):
                raise ValueError("the stories state is cut short")
            a.frombytes(data[at:at + size])
            at += size
            return a

        lengths = take("B", len(ids))
        values = take("q", sum(lengths))
        total = sum(sizes)
        term_ids, term_counts = take("I", total), take("H", total)
        if at != len(data):
            raise ValueError("the stories state has trailing data")
        sketches: dict[str, tuple[int, ...]] = {}
        v = 0
        for aid, n in zip(ids, lengths):
            sketches[aid] = tuple(values[v:v + n])
            v += n
        counts: dict[str, TermCounts] = {}
        t = 0
        for rep, n in zip(reps, sizes):
            counts[rep] = TermCounts(term_ids[t:t + n], term_counts[t:t + n])
            t += n
        return State(key, sketches, counts)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, OverflowError, RecursionError):
        # Whatever the damage, the state is only a shortcut: without it the stories are built in full.
        log.warning("the stories state %s cannot be read; the stories will be computed in full", path)
        return None
