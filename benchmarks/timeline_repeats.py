"""How many of the sentences a timeline lists as new an earlier article of the same timeline already gave.

    python benchmarks/timeline_repeats.py DATA_DIR [--list]

DATA_DIR is a library whose stories are computed (`reader-app --data-dir DATA_DIR stories` once); it is only
read. Every thread's timeline is taken as the window and `reader-app story` show it (grouped by event), and
each sentence listed as new is looked for among the sentences of the articles shown before it: word for word
(white space aside), and alike at the `new_sentence` similarity or more (what the timeline means by "said").
`--list` prints each repeat. `PYTHONPATH=/other/checkout` measures another version of the code.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reader_app import paths
from reader_app.core.library import Library
from reader_app.core.stories import by_event, stories_for, timeline
from reader_app.core.stories.sentences import Sentence, sentences_of, similarity
from reader_app.core.stories.source import record
from reader_app.core.stories.thresholds import named


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path)
    ap.add_argument("--list", action="store_true")
    a = ap.parse_args()
    lib = Library(paths.resolve(a.data))
    lib.open(sync=False)
    threshold = named(None).new_sentence
    threads = stories_for(lib).threads
    new = exact = near = 0
    for thread in threads:
        shown = [e for group in by_event(timeline(lib, thread)) for e in group]
        before: list[Sentence] = []
        texts: dict[str, str] = {}  # a sentence's text, white space tidied -> the headline that gave it
        for e in shown:
            for s in e.new:
                new += 1
                key = " ".join(s.split())
                if key in texts:
                    exact += 1
                    if a.list:
                        print(f"{thread.id} word for word: {e.title!r} lists {s!r}, given by {texts[key]!r}")
                else:
                    mine = Sentence(s)
                    if any(similarity(mine, b) >= threshold for b in before):
                        near += 1
                        if a.list:
                            print(f"{thread.id} alike: {e.title!r} lists {s!r}")
            for s in sentences_of(record(lib, e.id).body):
                texts.setdefault(" ".join(s.text.split()), e.title)
                before.append(s)
    print(f"{len(threads)} threads, {new} sentences listed as new: {exact} given word for word by an earlier "
          f"article of the timeline, {near} more alike at {threshold} or more")


if __name__ == "__main__":
    main()
