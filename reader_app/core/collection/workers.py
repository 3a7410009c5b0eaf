"""An import's worker processes, and starting them ahead of the import.

This module loads nothing of the parser, the index or the names: the command line imports it, counts the files
(folder_walk) and starts the workers before it loads any of those itself, so the workers start Python and
load them while this process does the same, instead of after it (core/collection/importer.py runs them).
"""

from __future__ import annotations

import atexit
import os
from multiprocessing.connection import Connection
from pathlib import Path

from reader_app.core.storage.children import Child

PARALLEL_FROM = 300  # files; fewer are imported in the importing process (starting workers costs about 0.3 s)
SEGMENT_POSTINGS = 600_000  # postings (a word in an article) per segment: about 3,000 news articles, ~60 MB


def index_procs() -> int:
    """Worker processes: both cores of a two-core machine, at most four."""
    return max(1, min(4, os.cpu_count() or 1))


def _run(conn: Connection, *args: object) -> None:
    """A worker's process (a core.children.Child): the importer is loaded there, not in the process starting it."""
    from reader_app.core.collection.importer import worker_main

    worker_main(conn, *args)  # type: ignore[arg-type]


def workers(key: tuple[str, str], procs: int, cache: Path | None, limit: int = SEGMENT_POSTINGS) -> list[Child]:
    """Import workers for (index folder, library folder), not started yet; `cache` holds the gazetteer, `limit`
    is the postings per segment."""
    return [Child(_run, key[0], key[1], limit, str(cache or ""), name=f"reader-app import worker {k + 1}")
            for k in range(procs)]


# Workers started ahead for an import into a library (index folder, library folder) -> its workers.
_ahead: dict[tuple[str, str], list[Child]] = {}


def start_workers(index_folder: Path, library_folder: Path, procs: int | None = None,
                  cache: Path | None = None) -> None:
    """Start the worker processes of an import about to come (the command line does this before it loads the
    importer and opens the library, which may build the seed index first): they start Python and load the
    parser meanwhile, and the next run_import into this library takes them. Never needed: without them,
    run_import starts its own."""
    key = (str(index_folder), str(library_folder))
    procs = index_procs() if procs is None else procs
    if procs < 2 or key in _ahead:
        return
    if cache is None:
        from reader_app.core.entities import gazetteer

        cache = gazetteer.kept_in()
    started = workers(key, procs, cache)
    try:
        for w in started:
            w.start()
    except OSError:
        for w in started:
            w.close()
        return
    _ahead[key] = started
    atexit.register(let_go, key)


def take_ahead(key: tuple[str, str]) -> list[Child]:
    """The workers started ahead for this library (none if there are none); they are the caller's now."""
    return _ahead.pop(key, [])


def let_go(key: tuple[str, str]) -> None:
    """Workers started ahead for an import that does not need them (or never came) end."""
    for w in _ahead.pop(key, []):
        w.close()
