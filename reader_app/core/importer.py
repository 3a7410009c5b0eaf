"""Importing many article files fast: read, recognise duplicates, then parse, copy and index in worker processes.

This process walks the folders, reads each file once (never blocking on a FIFO or device) and hashes it, so
the same content is recognised before any work is spent on it. The files to import go, a few dozen at a
time, to worker processes (both cores), each of which parses them, copies them into the library and writes
whole index segments of a few thousand articles (core/segments.py). Nothing is visible until the end: the
manifest is written, then the new segments are committed in one step (while the index's write lock is held
throughout), so an interrupted import leaves the library as it was or, if only the commit was missed, lets
the next sync index the copies. Cancel stops the workers after their current file and keeps everything they
finished. Bad files are reported with a one-line reason and never stop the others. Small imports run the
same steps in this process.

Workers are started fresh ("spawn"), never forked: the window's process has threads and a large heap, and a
fresh worker shares neither (its memory is its own, about 60 MB plus the segment in progress).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import queue
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader_app.core.articles import ArticleReadError, article_from_bytes, content_hash, read_bytes, stable_id
from reader_app.core.encodings import replaced_warning
from reader_app.core.files import atomic_write
from reader_app.core.furniture import Cleaning
from reader_app.core.index import STOP_WORDS, ArticleIndex, ProgressCallback, SourceFile, document_for
from reader_app.core.missing import missing_reason
from reader_app.core.words import article_words

if TYPE_CHECKING:
    from reader_app.core.library import ImportReport, Library

log = logging.getLogger(__name__)

PARALLEL_FROM = 300  # files; fewer are imported in this process (starting workers costs about 0.3 s)
JOB_FILES = 24  # files per job sent to a worker
SEGMENT_POSTINGS = 600_000  # postings (a word in an article) per segment: about 3,000 news articles, ~60 MB
PROGRESS_EVERY = 0.1  # seconds between progress calls
PROGRESS_FILES = 8  # a worker reports progress after this many files
POLL = 0.2  # seconds between checks on the workers while waiting

CancelCheck = Callable[[], bool]


def index_procs() -> int:
    """Worker processes: both cores of a two-core machine, at most four."""
    return max(1, min(4, os.cpu_count() or 1))


@dataclass
class _Item:
    """A file to import, already read and found new."""

    origin: str
    aid: str
    name: str
    data: bytes
    digest: str
    existed: bool


@dataclass
class _Done:
    """Segments a worker finished, with their articles (manifest entries) and their words."""

    segments: list = field(default_factory=list)
    entries: list[tuple[str, str, dict, bool]] = field(default_factory=list)  # (origin, id, manifest entry, existed)
    words: Counter = field(default_factory=Counter)


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


# --- the work on each file: parse, copy into the library, add to a segment -------------------------------

class _SegmentWork:
    """Turns items into index segments (in a worker process or in this one), reporting through `emit`:
    ("progress", (files looked at, [(origin, reason) refused], [(origin, warning)])) and ("done", _Done)."""

    def __init__(self, index_folder: Path, library_folder: Path, emit: Callable[[str, object], None],
                 segment_postings: int = SEGMENT_POSTINGS):
        self.index = ArticleIndex(index_folder)
        self.library_folder = library_folder
        # The data folder holds what the library learnt about furniture (paths.py: data/articles is the library).
        self.cleaning = Cleaning.load(library_folder.parent)
        self.emit = emit
        self.limit = segment_postings
        self.builder = None
        self.done = _Done()
        self.files = 0
        self.failed: list[tuple[str, str]] = []
        self.warnings: list[tuple[str, str]] = []  # (origin, what) for files imported with a caveat

    def add(self, item: _Item) -> None:
        self.files += 1
        try:
            article = article_from_bytes(item.data, name=item.name, article_id=item.aid, path=item.origin,
                                         cleaning=self.cleaning)
        except ArticleReadError as exc:
            self.failed.append((item.origin, str(exc)))
            return
        except Exception as exc:  # a parser bug on one hostile file must not stop the import
            log.exception("cannot import %s", item.origin)
            self.failed.append((item.origin, missing_reason(exc) or f"cannot read it ({type(exc).__name__})"))
            return
        if replaced := article.extra.get("replaced_bytes"):
            self.warnings.append((item.origin, replaced_warning(replaced)))
        target = self.library_folder / f"{item.aid}{Path(item.name).suffix.lower()}"
        atomic_write(target, item.data)
        doc = document_for(article, SourceFile(target, item.aid, item.origin), os.stat(target))
        if self.builder is None:
            self.builder = self.index.segment_builder()
        self.builder.add_document(**doc)
        self.done.words.update(article_words(doc["title"], doc["body"], STOP_WORDS))
        entry = {"file": target.name, "origin": item.origin, "hash": item.digest, "imported": time.time()}
        self.done.entries.append((item.origin, item.aid, entry, item.existed))
        if self.builder.postings >= self.limit:
            self.flush()

    def progress(self) -> None:
        if self.files or self.failed or self.warnings:
            self.emit("progress", (self.files, self.failed, self.warnings))
            self.files, self.failed, self.warnings = 0, [], []

    def flush(self) -> None:
        """Finish the segment in progress and report it with its articles."""
        if self.builder is not None:
            self.progress()
            self.done.segments.append(self.builder.finish())
            self.builder = None
            self.emit("done", self.done)
            self.done = _Done()

    def abandon(self) -> None:
        if self.builder is not None:
            try:
                self.builder.discard()
            except Exception:
                pass
            self.builder = None


def _worker_main(index_folder: str, library_folder: str, jobs, results, stop, parent: int, limit: int,
                 number: int) -> None:
    """A worker process: items from `jobs` until a None, segments and counts to `results`."""
    # Parsing and postings make millions of small objects that live until the segment is written; the cycle
    # collector would walk them all again and again (a fifth of the time) and find nothing: it stays off.
    gc.disable()
    work = _SegmentWork(Path(index_folder), Path(library_folder), lambda kind, what: results.put((kind, what)),
                        limit)
    try:
        while True:
            try:
                job = jobs.get(timeout=1.0)
            except queue.Empty:
                if os.getppid() != parent:  # the importing process is gone: nothing will be committed
                    work.abandon()
                    return
                continue
            if job is None:
                break
            for item in job:
                if stop.is_set():
                    break
                work.add(item)
                if work.files >= PROGRESS_FILES:
                    work.progress()
            work.progress()
        work.flush()
        results.put(("exit", number))
    except BaseException as exc:  # disk full, read-only folder, …: the parent reports it
        work.abandon()
        results.put(("error", (number, exc)))


# --- the importing process -------------------------------------------------------------------------

class _Importer:
    def __init__(self, library: Library, report: ImportReport, progress: ProgressCallback | None,
                 cancel: CancelCheck | None, total: int):
        self.library, self.report, self.cancel = library, report, cancel
        self.manifest = library.manifest()
        self.known: dict[str, str] = {e["hash"]: aid for aid, e in self.manifest.items() if e.get("hash")}
        for src in library.sources():
            if src.article_id not in self.manifest:  # a shipped seed: its hash is in the index
                doc = library.index.document(src.article_id)
                if doc and doc.get("hash"):
                    self.known.setdefault(doc["hash"], src.article_id)
        self.sent: set[str] = set()
        self.files = 0  # looked at so far
        self.last = ""
        self.finished = _Done()
        self.tick = _Progress(progress, total)

    def cancelled(self) -> bool:
        if not self.report.cancelled and self.cancel is not None and self.cancel():
            self.report.cancelled = True
        return self.report.cancelled

    def take(self, f: Path) -> _Item | None:
        """The file read and hashed, or None when it is a duplicate or cannot be read (reported here)."""
        origin = str(f.absolute())
        aid = stable_id("import:" + origin)
        try:
            data = read_bytes(f)
        except ArticleReadError as exc:
            self.report.failed.append((origin, str(exc)))
            return self._looked_at(origin)
        digest = content_hash(data)
        existed = aid in self.manifest
        if known := self.known.get(digest):
            if known != aid or (existed and self.manifest[aid].get("hash") == digest) or aid in self.sent:
                self.report.duplicates.append((origin, known))
                return self._looked_at(origin)
        elif aid in self.sent:  # the same file named twice, its content changed in between
            self.report.duplicates.append((origin, aid))
            return self._looked_at(origin)
        self.known[digest] = aid
        self.sent.add(aid)
        self.last = origin
        return _Item(origin, aid, f.name, data, digest, existed)

    def _looked_at(self, origin: str) -> None:
        self.files += 1
        self.last = origin
        self.tick(self.files, origin)
        return None

    def receive(self, kind: str, what: object) -> None:
        """A report from the work on items: progress, or finished segments with their articles."""
        if kind == "progress":
            files, failed, warnings = what  # type: ignore[misc]
            self.files += files
            self.report.failed.extend(failed)
            self.report.warnings.extend(warnings)
        else:
            done: _Done = what  # type: ignore[assignment]
            self.finished.segments.extend(done.segments)
            self.finished.entries.extend(done.entries)
            self.finished.words.update(done.words)
        self.tick(self.files, self.last)

    def commit(self, bulk) -> None:
        """The manifest first (if the commit never happens, the next sync indexes these copies), then the index."""
        entries = self.finished.entries
        if not entries:
            return
        replaced = []
        for origin, aid, entry, existed in entries:
            self.manifest[aid] = entry
            (self.report.updated if existed else self.report.added).append((origin, aid))
            if existed:
                replaced.append(aid)
        self.library.save_manifest(self.manifest)
        bulk.commit(self.finished.segments, replaced, self.finished.words)

    # --- in this process ---

    def run_here(self, files: list[Path]) -> None:
        work = _SegmentWork(self.library.index.folder, self.library.paths.library, self.receive, SEGMENT_POSTINGS)
        try:
            for f in files:
                if self.cancelled():
                    break
                item = self.take(f)
                if item is not None:
                    work.add(item)
                    work.progress()
            work.flush()
        except BaseException:
            work.abandon()
            raise

    # --- in worker processes ---

    def run_workers(self, files: list[Path], procs: int) -> None:
        ctx = multiprocessing.get_context("spawn")
        jobs, results, stop = ctx.Queue(procs * 3), ctx.Queue(), ctx.Event()
        workers = [ctx.Process(target=_worker_main, daemon=True, name=f"reader-app import worker {k + 1}",
                               args=(str(self.library.index.folder), str(self.library.paths.library), jobs,
                                     results, stop, os.getpid(), SEGMENT_POSTINGS, k))
                   for k in range(procs)]
        for w in workers:
            w.start()
        live = set(range(procs))
        reported: set[int] = set()  # workers that said they were done (or failed)
        errors: list[BaseException] = []

        def drain(wait: float = 0.0) -> None:
            while True:
                try:
                    kind, what = results.get(timeout=wait) if wait else results.get_nowait()
                except queue.Empty:
                    break
                wait = 0.0
                if kind == "exit":
                    reported.add(what)  # type: ignore[arg-type]
                elif kind == "error":
                    reported.add(what[0])  # type: ignore[index]
                    errors.append(what[1])  # type: ignore[index]
                    stop.set()
                else:
                    self.receive(kind, what)
            for k in list(live):
                if workers[k].exitcode is not None and k not in reported:
                    drain_more = results.qsize() if hasattr(results, "qsize") else 0
                    if drain_more:
                        continue  # its last messages are still in the queue
                    live.discard(k)
                    if not errors:
                        errors.append(RuntimeError(f"an import worker stopped unexpectedly (exit {workers[k].exitcode})"))
                    stop.set()
                elif k in reported:
                    live.discard(k)

        def send(job: list[_Item] | None) -> bool:
            while live:
                try:
                    jobs.put(job, timeout=POLL)
                    return True
                except queue.Full:
                    drain()
                    if job is not None and (errors or self.cancelled()):
                        return False
            return False

        try:
            job: list[_Item] = []
            for f in files:
                if errors or self.cancelled():
                    break
                item = self.take(f)
                if item is not None:
                    job.append(item)
                    if len(job) >= JOB_FILES:
                        if not send(job):
                            break
                        job = []
                        drain()
            if job and not errors and not self.cancelled():
                send(job)
            if self.report.cancelled or errors:
                stop.set()
            for _ in workers:
                send(None)
            while live:
                drain(POLL)
            drain()
        finally:
            stop.set()
            for w in workers:
                w.join(timeout=5)
                if w.is_alive():
                    w.kill()
                    w.join()
            jobs.close()
            results.close()
        if errors:
            raise errors[0]


def run_import(library: Library, paths: Iterable[Path], report: ImportReport,
               progress: ProgressCallback | None = None, cancel: CancelCheck | None = None,
               procs: int | None = None) -> None:
    """Import `paths` (files and folders) into `library`, filling `report`. The caller holds the library lock."""
    files = library.candidates(paths, report)
    total = len(files)
    library.paths.library.mkdir(parents=True, exist_ok=True)
    job = _Importer(library, report, progress, cancel, total)
    procs = index_procs() if procs is None else procs
    with library.index.bulk() as bulk:
        failure: BaseException | None = None
        try:
            if procs > 1 and total >= PARALLEL_FROM:
                job.run_workers(files, procs)
            else:
                job.run_here(files)
        except BaseException as exc:
            failure = exc
        try:
            job.commit(bulk)  # what was finished is kept even when something went wrong later
        except BaseException:
            if failure is None:
                raise
            log.exception("could not keep what was imported before: %s", failure)
        if failure is not None:
            raise failure
    if report.cancelled:
        report.skipped = total - job.files
    if report.added or report.updated:
        library.after_index_change()
        library.learn_furniture()  # footers the new articles share with earlier ones of their outlet
