"""A child process for the crash test: saves bookmarks in a loop and confirms each one on stdout.

`python -m tests.faults.bookmark_writer DATA_DIR SEED` prints `A id` after each add and `U id note` after
each note change, only once the store call has returned (committed), flushed at once. It runs until killed.
"""

from __future__ import annotations

import random
import sys

from reader_app import paths
from reader_app.core.bookmarks import BookmarkStore

WORDS = ["river", "valley", "council", "budget", "minister", "election", "harbour", "storm", "museum", "treaty"]


class Story:
    """The few fields of an article the store reads."""

    id = "crash-test-article"
    title, outlet, date, url = "Crash Test Story", "The Outlet", "2024-01-01", None

    def __init__(self) -> None:
        rng = random.Random(7)
        self.text = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(60)) + f" end{n}." for n in range(50))


def main() -> None:
    data_dir, seed = sys.argv[1], int(sys.argv[2])
    rng = random.Random(seed)
    story = Story()
    store = BookmarkStore(paths.resolve(data_dir), backup_every=25)
    out = sys.stdout
    mine: list[str] = []
    n = 0
    while True:
        n += 1
        if mine and n % 4 == 0:
            bid = rng.choice(mine)
            note = f"note {seed}-{n}"
            store.update(bid, note=note, tags=[f"t{n % 5}"])
            out.write(f"U {bid} {note}\n")
        else:
            start = rng.randrange(0, len(story.text) - 200)
            b = store.add(story, start, start + rng.randrange(5, 200), note=f"n{seed}-{n}", tags=["crash"])
            mine.append(b.id)
            out.write(f"A {b.id}\n")
        out.flush()


if __name__ == "__main__":
    main()
