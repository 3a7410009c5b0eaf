"""Importing many article files fast: read, recognise duplicates, parse, copy and index in batches.

Each file is read once (never blocking on a FIFO or device), hashed, parsed, copied into the library and
handed to the index, which analyses documents in worker processes while this process parses the next
ones. Batches are committed as they fill, the manifest first, so a cancelled or interrupted import keeps
everything up to the last batch and the next sync picks up the rest of a half-written one. Bad files
are reported with a one-line reason and never stop the others.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from reader_app.core.articles import ArticleReadError, article_from_bytes, content_hash, read_bytes, stable_id
from reader_app.core.files import atomic_write
from reader_app.core.index import PARALLEL_FROM, ProgressCallback, SourceFile, document_for

if TYPE_CHECKING:
    from reader_app.core.library import ImportReport, Library

log = logging.getLogger(__name__)

BATCH = 4000  # documents per commit: what a cancel keeps, and how often the list can catch up
PROGRESS_EVERY = 0.1  # seconds between progress calls

CancelCheck = Callable[[], bool]


def index_procs() -> int:
    """Worker processes for the index: both cores of a two-core machine, at most four."""
    return max(1, min(4, os.cpu_count() or 1))  # below PARALLEL_FROM files, one writer is quicker


class _Progress:
    """Calls the callback at most every PROGRESS_EVERY seconds (and always for the last file)."""

    def __init__(self, callback: ProgressCallback | None, total: int):
        self.callback, self.total, self._last = callback, total, 0.0

    def __call__(self, n: int, what: str) -> None:
        if self.callback is None:
            return
        now = time.monotonic()
        if n >= self.total or now - self._last >= PROGRESS_EVERY:
            self._last = now
            self.callback(n, self.total, what)


def run_import(library: Library, paths: Iterable[Path], report: ImportReport,
               progress: ProgressCallback | None = None, cancel: CancelCheck | None = None,
               procs: int | None = None) -> None:
    """Import `paths` (files and folders) into `library`, filling `report`. The caller holds the library lock."""
    from reader_app.core.library import MANIFEST, _atomic_write_json

    files = library._candidates(paths, report)
    total = len(files)
    tick = _Progress(progress, total)
    library.paths.library.mkdir(parents=True, exist_ok=True)
    manifest = library._manifest()
    known: dict[str, str] = {e["hash"]: aid for aid, e in manifest.items() if e.get("hash")}
    for src in library.sources():
        if src.article_id not in manifest:  # a shipped seed: its hash is in the index
            doc = library.index.document(src.article_id)
            if doc and doc.get("hash"):
                known.setdefault(doc["hash"], src.article_id)
    procs = index_procs() if procs is None else procs
    done = 0
    changed = False

    def batch(chunk: list[Path]) -> Iterator[tuple[dict, bool]]:
        nonlocal done, changed
        before = len(report.added) + len(report.updated)
        try:
            for f in chunk:
                if cancel is not None and cancel():
                    report.cancelled = True
                    return
                done += 1
                origin = str(f.absolute())
                item = _prepare(library, f, origin, manifest, known, report)
                tick(done, origin)
                if item is not None:
                    yield item
        finally:
            # The manifest goes first: if the commit never happens, the next sync indexes these copies.
            if len(report.added) + len(report.updated) > before:
                _atomic_write_json(library.paths.library / MANIFEST, manifest)
                changed = True

    pos = 0
    while pos < total and not report.cancelled:
        chunk = files[pos:pos + BATCH]
        pos += len(chunk)
        library.index.add_documents(batch(chunk), procs=procs if len(chunk) >= PARALLEL_FROM else 1)
    if report.cancelled:
        report.skipped = total - done
    if changed:
        library._after_index_change()


def _prepare(library: Library, f: Path, origin: str, manifest: dict[str, dict], known: dict[str, str],
             report: ImportReport) -> tuple[dict, bool] | None:
    """The index document for one file (and whether it replaces one), after copying it into the library."""
    aid = stable_id("import:" + origin)
    try:
        data = read_bytes(f)
        digest = content_hash(data)
        if known.get(digest) not in (None, aid):
            report.duplicates.append((origin, known[digest]))
            return None
        existed = aid in manifest
        if existed and manifest[aid].get("hash") == digest:
            report.duplicates.append((origin, aid))
            return None
        article = article_from_bytes(data, name=f.name, article_id=aid, path=origin)
    except ArticleReadError as exc:
        report.failed.append((origin, str(exc)))
        return None
    except Exception as exc:  # a parser bug on one hostile file must not stop the import
        log.exception("cannot import %s", origin)
        report.failed.append((origin, f"cannot read it ({type(exc).__name__})"))
        return None
    target = library.paths.library / f"{aid}{f.suffix.lower()}"
    atomic_write(target, data)
    manifest[aid] = {"file": target.name, "origin": origin, "hash": digest, "imported": time.time()}
    known[digest] = aid
    (report.updated if existed else report.added).append((origin, aid))
    return document_for(article, SourceFile(target, aid, origin), os.stat(target)), existed
