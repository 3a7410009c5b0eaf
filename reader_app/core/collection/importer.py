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

Workers are started fresh, never forked: the window's process has threads and a large heap, and a fresh
worker shares neither (its memory is its own, about 60 MB plus the segment in progress). They are
core.children.Child processes, so they end with this process however it ends; what they wrote for a killed
import is cleaned away by the next one (`remove_leftovers`).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import queue
import re
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from multiprocessing import connection
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, cast

from reader_app.core.articles import ARTICLE_SUFFIXES
from reader_app.core.articles.details import iso_time
from reader_app.core.articles.encodings import replaced_warning
from reader_app.core.articles.furniture import Cleaning, candidate_keys, signature
from reader_app.core.articles.missing import missing_reason
from reader_app.core.articles.model import ArticleReadError
from reader_app.core.articles.reading import article_from_bytes, content_hash, read_bytes, stable_id
from reader_app.core.collection.manifest import MANIFEST, plain_name, read_manifest
from reader_app.core.collection.report import ImportReport
from reader_app.core.collection.workers import PARALLEL_FROM, SEGMENT_POSTINGS, index_procs, let_go, take_ahead, workers
from reader_app.core.entities import gazetteer
from reader_app.core.index.documents import ProgressCallback, SourceFile, document_for, entity_fields, lean
from reader_app.core.index.store import STOP_WORDS, ArticleIndex
from reader_app.core.index.words import article_words
from reader_app.core.storage.files import atomic_write, pid_alive, remove_stale
from reader_app.core.storage.timeline import mark, profile_save, profile_start

if TYPE_CHECKING:
    from reader_app.core.articles.learning import Counted
    from reader_app.core.collection.manifest import Collection
    from reader_app.core.index.segments import SegmentBuilder

log = logging.getLogger(__name__)

JOB_FILES = 24  # files per job sent to a worker (fewer towards the end: job_size)
JOBS_AHEAD = 3  # jobs a worker may have waiting, so it never waits for the next one
PROGRESS_EVERY = 0.1  # seconds between progress calls
PROGRESS_FILES = 8  # a worker reports progress after this many files
POLL = 0.2  # seconds between checks on the workers while waiting

CancelCheck = Callable[[], bool]
_COPY = re.compile(r"[0-9a-f]{12}(\.[a-z]+)")  # an article copy: its id and suffix
_TEMP = re.compile(r"\..+\.(\d+)\.tmp")  # core.files.atomic_write's temporary file, with the writer's pid


@dataclass
class _Item:
    """A file to import, already read and found new."""

    origin: str
    aid: str
    name: str
    data: bytes
    digest: str
    existed: bool
    imported: float = 0.0  # when the article was first added (kept when a file is imported again)
    details: tuple[tuple[str, str], ...] = ()  # the corrections to apply (core/details.py)
    file: str = ""  # an article already in the library, cleaned again: its file (not copied) and when it was
    added: str = ""  # added (ISO 8601), see `reclean`


@dataclass
class _Done:
    """Segments a worker finished, with their articles (manifest entries) and their words."""

    segments: list = field(default_factory=list)
    entries: list[tuple[str, str, dict, bool]] = field(default_factory=list)  # (origin, id, manifest entry, existed)
    words: Counter = field(default_factory=Counter)
    known: dict[str, dict] = field(default_factory=dict)  # id -> documents.lean entry (what a sync plans with)
    # id -> (path, candidate keys, signature) of the text as indexed: what learning furniture counts (Counted)
    counted: dict[str, tuple[str | None, list[str], list[str]]] = field(default_factory=dict)


def job_size(left: int, procs: int) -> int:
    """Files for the next job when `left` more files follow it: JOB_FILES, fewer towards the end, so that the
    jobs waiting for each worker when the last is sent are small and the workers finish together (with full
    jobs to the end one worker went on alone for up to JOBS_AHEAD jobs, 0.2-0.3 s of CPU, while the other,
    done, left a core idle)."""
    return max(1, min(JOB_FILES, left // (procs * (JOBS_AHEAD + 1))))


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

def _never() -> bool:
    return False


class _Dropped(Exception):
    """The file in hand is dropped: the import was cancelled (_SegmentWork.stop)."""


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
        self.builder: SegmentBuilder | None = None
        self.done = _Done()
        self.files = 0
        self.failed: list[tuple[str, str]] = []
        self.warnings: list[tuple[str, str]] = []  # (origin, what) for files imported with a caveat
        # Checked between the steps of one file (in the importing process): a cancelled import drops the file in
        # hand there (also between the steps of its parse, _step). A 20 MB page took 20-40 s to parse and index,
        # and Quit waited for all of it (a trial).
        self.stop: Callable[[], bool] = _never

    def _dropped(self) -> bool:
        """Whether the import was cancelled: the file in hand is dropped, not looked at (the report's skipped)."""
        if self.stop():
            self.files -= 1
            return True
        return False

    def _step(self) -> None:
        """Between the steps of parsing a file: a cancelled import drops it there."""
        if self.stop():
            raise _Dropped

    def add(self, item: _Item) -> None:
        self.files += 1
        try:
            article = article_from_bytes(item.data, name=item.name, article_id=item.aid, path=item.origin,
                                         cleaning=self.cleaning, step=self._step)
        except _Dropped:
            self.files -= 1
            return
        except ArticleReadError as exc:
            self.failed.append((item.origin, str(exc)))
            return
        except Exception as exc:  # a parser bug on one hostile file must not stop the import
            log.exception("cannot import %s", item.origin)
            self.failed.append((item.origin, missing_reason(exc) or f"cannot read it ({type(exc).__name__})"))
            return
        if self._dropped():  # before its copy is written: nothing of it is left
            return
        if replaced := article.extra.get("replaced_bytes"):
            self.warnings.append((item.origin, replaced_warning(replaced)))
        if item.file:  # cleaned again where it is (a seed, or a copy already in the library)
            target = Path(item.file)
        else:
            target = self.library_folder / f"{item.aid}{Path(item.name).suffix.lower()}"
            if item.existed:
                atomic_write(target, item.data, clean=False)  # run_import cleaned the folder once
            else:
                _write_new(target, item.data)
        try:
            added = item.added or iso_time(item.imported)
            doc = document_for(article, SourceFile(target, item.aid, item.origin, item.details, added), os.stat(target))
            if not item.existed and not item.file and self._dropped():  # (a new copy only: it is taken out below)
                raise _Dropped
            if self.builder is None:
                self.builder = self.index.segment_builder()
            builder = self.builder
            builder.add_document(**doc)
        except BaseException as exc:
            if not item.existed and not item.file:  # a copy with no manifest entry would lie in the library for ever
                target.unlink(missing_ok=True)
            if isinstance(exc, _Dropped):
                if self.warnings and self.warnings[-1][0] == item.origin:
                    self.warnings.pop()
                return
            raise
        self.done.words.update(article_words(doc["title"], doc["body"], STOP_WORDS))
        self.done.known.update(lean([doc]))
        # Worked out here, where the text is at hand: else the learning after the import reads every new text
        # back from the index to do it, in one process, after the workers are done.
        blocks = doc["body"].split("\n\n")
        self.done.counted[doc["id"]] = (doc["path"], candidate_keys(blocks), signature(blocks))
        entry = {"file": target.name, "origin": item.origin, "hash": item.digest, "imported": item.imported}
        self.done.entries.append((item.origin, item.aid, entry, item.existed))
        if builder.postings >= self.limit:
            self.flush()

    def progress(self) -> None:
        if self.files or self.failed or self.warnings:
            self.emit("progress", (self.files, self.failed, self.warnings))
            self.files, self.failed, self.warnings = 0, [], []

    def flush(self) -> None:
        """Finish the segment in progress and report it with its articles."""
        if self.builder is not None:
            self.progress()
            mark("segment finish")
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


def _write_new(target: Path, data: bytes) -> None:
    """An article's copy under a name the library does not list yet, written in place: until the commit lists
    it nothing reads it, and a copy half-written by a killed import is removed by the next (remove_leftovers),
    so the temporary file and rename of atomic_write (a third of the cost of copying) are not needed."""
    try:
        with open(target, "xb") as fh:
            fh.write(data)
    except FileExistsError:  # a leftover remove_leftovers could not take away
        atomic_write(target, data, clean=False)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def worker_main(conn: Connection, index_folder: str, library_folder: str, limit: int, cache: str = "") -> None:
    """A worker process (a core.children.Child, started by core/collection/workers.py): jobs (lists of items)
    from `conn` until a None, "stop" to stop after the current file; progress, segments, "ready" after each job and "exit" (or "error") back.
    `cache`: the app's cache folder, where the gazetteer of places is kept (core/entities/gazetteer.py)."""
    mark("worker main")
    prof = profile_start()
    gazetteer.keep_in(cache or None)
    # Parsing and postings make millions of small objects that live until the segment is written; the cycle
    # collector would walk them all again and again (a fifth of the time) and find nothing: it stays off.
    gc.disable()
    inbox: queue.SimpleQueue = queue.SimpleQueue()
    stop = threading.Event()
    gone = object()

    def receive() -> None:
        # Jobs are taken off the connection as they come, so the importing process never waits on a send
        # while this worker waits for it to read a finished segment.
        try:
            while True:
                message = conn.recv()
                if message == "stop":
                    stop.set()
                else:
                    inbox.put(message)
        except (EOFError, OSError):  # the importing process let go (or is gone: the lifeline ends us too)
            stop.set()
            inbox.put(gone)

    threading.Thread(target=receive, name="jobs", daemon=True).start()
    _warm_up()
    mark("worker warm")
    # Made at the first job: a worker started ahead (start_workers) reads the learnt furniture as it is then.
    work: _SegmentWork | None = None
    try:
        while True:
            job = inbox.get()
            if job is gone:
                if work is not None:
                    work.abandon()
                return
            if work is None:
                mark("worker first job")
                work = _SegmentWork(Path(index_folder), Path(library_folder),
                                    lambda kind, what: conn.send((kind, what)), limit)
            if job is None:
                mark("worker last job done")
                break
            for item in job:
                if stop.is_set():
                    break
                work.add(item)
                if work.files >= PROGRESS_FILES:
                    work.progress()
            work.progress()
            conn.send(("ready", None))
        work.flush()
        mark("worker flushed")
        profile_save(prof)
        conn.send(("exit", None))
        # All is sent and every segment file closed: the interpreter's teardown (freeing the many objects of
        # a worker that ran with the collector off) is left out, and the importing process waits less.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
    except BaseException as exc:  # disk full, read-only folder, …: the parent reports it
        if work is not None:
            work.abandon()
        try:
            conn.send(("error", exc))
        except Exception:  # an exception that cannot be pickled, or the parent is gone
            with contextlib.suppress(Exception):
                conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))


_WARM_TEXT = (b"Talks resume in Geneva\n\nDiplomats from France and Germany met in Geneva on Monday to resume "
              b"talks on trade, officials said.\n")


def _warm_up() -> None:
    """What parsing the first article loads (the parser's and the names' modules, the gazetteer of places),
    loaded before any job comes: a worker started ahead does it while the importing process gets ready."""
    try:
        article = article_from_bytes(_WARM_TEXT, name="warm.txt", article_id="warm", path="warm.txt")
        entity_fields(article)
    except Exception:  # only a head start: the first article does the same
        log.debug("warming up failed", exc_info=True)


# --- the importing process -------------------------------------------------------------------------

class _Importer:
    def __init__(self, collection: Collection, index: ArticleIndex, report: ImportReport,
                 progress: ProgressCallback | None, cancel: CancelCheck | None, total: int, outlet: str | None = None):
        self.collection, self.index, self.report, self.cancel = collection, index, report, cancel
        self.outlet = outlet
        self.corrected = collection.details.load()
        self.manifest = collection.manifest()
        self.known: dict[str, str] = {e["hash"]: aid for aid, e in self.manifest.items() if e.get("hash")}
        for src in collection.sources():
            if src.article_id not in self.manifest:  # a shipped seed: its hash is in the index
                doc = index.document(src.article_id)
                if doc and doc.get("hash"):
                    self.known.setdefault(doc["hash"], src.article_id)
        self.sent: set[str] = set()
        self.before = set(self.known.values())  # ids already in the library when the import began
        self.origin_of: dict[str, str] = {}  # id -> origin of the file sent under it by this import
        self.walked: dict[Path, Path] = {}  # files found in a folder: read without following links out of it
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
            data = read_bytes(f, within=self.walked.get(f))
        except ArticleReadError as exc:
            self.report.failed.append((origin, str(exc)))
            self._looked_at(origin)
            return None
        digest = content_hash(data)
        existed = aid in self.manifest
        known = self.known.get(digest)
        # its copy deleted by hand: written again from the original, not taken for "already in the library"
        missing = known == aid and existed and aid not in self.sent and not self._copy_there(aid)
        if known and not missing:
            if known != aid or (existed and self.manifest[aid].get("hash") == digest) or aid in self.sent:
                self.report.duplicates.append((origin, known))
                self._looked_at(origin)
            return None
        elif aid in self.sent:  # the same file named twice, its content changed in between
            self.report.duplicates.append((origin, aid))
            self._looked_at(origin)
            return None
        self.known[digest] = aid
        self.sent.add(aid)
        self.origin_of[aid] = origin
        self.last = origin
        imported = self.manifest[aid].get("imported") if existed else None
        details = dict(self.corrected.get(aid, {}), **({"outlet": self.outlet} if self.outlet else {}))
        return _Item(origin, aid, f.name, data, digest, existed,
                     imported if isinstance(imported, (int, float)) else time.time(), tuple(sorted(details.items())))

    def _copy_there(self, aid: str) -> bool:
        """Whether an article's copy is in the library: one deleted by hand is written again from its original
        (not taken for "already in the library")."""
        name = self.manifest[aid].get("file")
        return isinstance(name, str) and plain_name(name) and (self.collection.folder / name).is_file()

    def _looked_at(self, origin: str) -> None:
        self.files += 1
        self.last = origin
        self.tick(self.files, origin)

    def receive(self, kind: str, what: object) -> None:
        """A report from the work on items: progress, or finished segments with their articles."""
        if kind == "progress":
            files, failed, warnings = cast("tuple[int, list[tuple[str, str]], list[tuple[str, str]]]", what)
            self.files += files
            self.report.failed.extend(failed)
            self.report.warnings.extend(warnings)
        else:
            done: _Done = what  # type: ignore[assignment]
            self.finished.segments.extend(done.segments)
            self.finished.entries.extend(done.entries)
            self.finished.words.update(done.words)
            self.finished.known.update(done.known)
            self.finished.counted.update(done.counted)
        self.tick(self.files, self.last)

    def commit(self, bulk) -> None:
        """The import's outlet and the manifest first (if the commit never happens, the next sync indexes these
        copies with their outlet), then the index."""
        entries = self.finished.entries
        self._copies_of_rejected({aid for _, aid, _, _ in entries})
        if self.outlet:
            ids = [aid for _, aid, _, _ in entries] + [aid for _, aid in self.report.duplicates]
            if ids:
                before = self.collection.details.load()
                self.collection.details.change({aid: {"outlet": self.outlet} for aid in ids})
                self._outlet_changes(before)
        if not entries:
            return
        replaced = []
        for origin, aid, entry, existed in entries:
            self.manifest[aid] = entry
            (self.report.updated if existed else self.report.added).append((origin, aid))
            if existed:
                replaced.append(aid)
        self.collection.save_manifest(self.manifest)
        bulk.commit(self.finished.segments, replaced, self.finished.words, self.finished.known)

    def _outlet_changes(self, before: dict[str, dict[str, str]]) -> None:
        """An article already in the library whose outlet this import changed was updated, not merely found
        again: it moves from the report's duplicates to its updated (once, however many files named it)."""
        moved: set[str] = set()
        kept = []
        for origin, aid in self.report.duplicates:
            if aid in moved or before.get(aid, {}).get("outlet") == self.outlet:
                kept.append((origin, aid))
            else:
                moved.add(aid)
                self.report.updated.append((origin, aid))
        self.report.duplicates = kept

    def _copies_of_rejected(self, accepted: set[str]) -> None:
        """A byte-identical copy of a file this import rejected (binary, say) was taken for a duplicate of it:
        it is not in the library, so the copy fails for the same reason instead of pointing at an id that
        does not exist (and `--outlet` writing details for it)."""
        reasons = dict(self.report.failed)
        kept = []
        for origin, aid in self.report.duplicates:
            if aid in self.before or aid in accepted:
                kept.append((origin, aid))
            elif origin != self.origin_of.get(aid):
                first = self.origin_of.get(aid, "")
                self.report.failed.append((origin, reasons.get(first) or "the same bytes as a file that could not "
                                           "be imported"))
        self.report.duplicates[:] = kept

    # --- in this process ---

    def run_here(self, files: list[Path]) -> None:
        work = _SegmentWork(self.index.folder, self.collection.folder, self.receive, SEGMENT_POSTINGS)
        work.stop = self.cancelled
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
        key = (str(self.index.folder), str(self.collection.folder))
        started = take_ahead(key)
        if len(started) != procs or any(w.exitcode is not None for w in started):
            for w in started:
                w.close()
            started = workers(key, procs, gazetteer.kept_in(), SEGMENT_POSTINGS)
        conns: list[Connection] = []  # to each worker, once started
        ahead = [0] * procs  # jobs sent to each worker and not yet finished
        live: set[int] = set()  # workers that have not said they are done (or failed)
        errors: list[BaseException] = []

        def stop_all() -> None:
            for k in live:
                with contextlib.suppress(OSError):
                    conns[k].send("stop")

        def lost(k: int) -> None:
            live.discard(k)
            started[k].join(1.0)
            if not errors:
                errors.append(RuntimeError(f"an import worker stopped unexpectedly (exit {started[k].exitcode})"))
            stop_all()

        def drain(wait: float = 0.0) -> None:
            which = {conns[k]: k for k in live}
            for ready in connection.wait(list(which), timeout=wait):
                k = which[ready]  # type: ignore[index]
                try:
                    while k in live and conns[k].poll():
                        kind, what = conns[k].recv()
                        if kind == "ready":
                            ahead[k] -= 1
                        elif kind == "exit":
                            live.discard(k)
                        elif kind == "error":
                            live.discard(k)
                            errors.append(what)  # type: ignore[arg-type]
                            stop_all()
                        else:
                            self.receive(kind, what)
                except (EOFError, OSError):
                    lost(k)

        def send(job: list[_Item] | None) -> bool:
            while live:
                k = min(live, key=lambda k: ahead[k])
                if ahead[k] < JOBS_AHEAD:
                    try:
                        conns[k].send(job)
                        ahead[k] += 1
                        return True
                    except OSError:  # it died: drain() hears its end
                        pass
                drain(POLL)
                if job is not None and (errors or self.cancelled()):
                    return False
            return False

        try:
            for w in started:
                if w.conn is None:  # (started ahead: it is running already)
                    w.start()
                assert w.conn is not None
                conns.append(w.conn)
            live.update(range(procs))
            mark("run_workers started")
            job: list[_Item] = []
            for n, f in enumerate(files, 1):
                if errors or self.cancelled():
                    break
                item = self.take(f)
                if item is not None:
                    job.append(item)
                    if len(job) >= job_size(len(files) - n, procs):
                        if not send(job):
                            break
                        job = []
                        drain()
            if job and not errors and not self.cancelled():
                send(job)
            mark("all sent")
            if self.report.cancelled or errors:
                stop_all()
            for k in list(live):
                with contextlib.suppress(OSError):
                    conns[k].send(None)
            while live:
                drain(POLL)
            mark("workers done")
        finally:
            for w in started:  # normally already gone; after an error here they are let go and end at once
                w.close()
        if errors:
            raise errors[0]


class _Recleaner(_Importer):
    """Articles already in the library parsed again (their learnt furniture changed), by the import's own
    steps: in worker processes when there are many, into whole segments that replace them in one commit."""

    def __init__(self, collection: Collection, index: ArticleIndex, report: ImportReport, total: int):
        self.collection, self.index, self.report, self.cancel = collection, index, report, None
        self.files, self.last = 0, ""
        self.finished = _Done()
        self.tick = _Progress(None, total)

    def take(self, f: SourceFile) -> _Item | None:  # type: ignore[override]
        try:
            data = read_bytes(f.file)
        except ArticleReadError as exc:
            self.report.failed.append((f.origin, str(exc)))
            return None
        return _Item(f.origin, f.article_id, f.file.name, data, content_hash(data), True, details=f.details,
                     file=str(f.file), added=f.added)


def reclean(collection: Collection, index: ArticleIndex, sources: list[SourceFile], procs: int | None = None) -> list[str]:
    """Parse `sources` (articles in the library) again with the learnt furniture as it is now and replace them
    in the index in one commit; the ids replaced. Parsed in worker processes when there are PARALLEL_FROM or
    more (as an import), else here; the caller holds the library lock. The copies and the manifest are left
    as they are."""
    report = ImportReport()
    job = _Recleaner(collection, index, report, len(sources))
    procs = index_procs() if procs is None else procs
    with index.bulk() as bulk:
        if procs > 1 and len(sources) >= PARALLEL_FROM:
            job.run_workers(sources, procs)  # type: ignore[arg-type]
        else:
            job.run_here(sources)  # type: ignore[arg-type]
        ids = [aid for _, aid, _, _ in job.finished.entries]
        if ids:
            bulk.commit(job.finished.segments, ids, job.finished.words, job.finished.known)
    for origin, reason in report.failed:
        log.warning("could not clean %s again: %s", origin, reason)
    return ids


def remove_leftovers(folder: Path, manifest: dict[str, dict] | None = None) -> None:
    """Half-written temporary files of dead processes, and article copies a killed import wrote but never
    listed in the manifest. The caller holds the library lock, so no other import is writing; no copy is
    removed unless the manifest reads, as without it the copies are all there is (`manifest`: as just read)."""
    listed: set[str | None] | None
    try:
        entries = read_manifest(folder / MANIFEST) if manifest is None else manifest
        listed = {entry.get("file") for entry in entries.values()}
    except (OSError, ValueError, TypeError, AttributeError):
        listed = None
    for f in folder.iterdir():
        name = f.name
        m = _COPY.fullmatch(name)
        copy = m is not None and m.group(1) in ARTICLE_SUFFIXES and listed is not None and name not in listed
        temp = _TEMP.fullmatch(name)
        if copy or (temp and not pid_alive(int(temp.group(1)))):
            with contextlib.suppress(OSError):
                f.unlink()


def _remove_unlisted_copies(folder: Path, before: set[str]) -> None:
    """After a failed import: the article copies it wrote that the manifest on disk does not list."""
    try:
        listed = {entry.get("file") for entry in read_manifest(folder / MANIFEST).values()}
    except FileNotFoundError:  # the first import: none was written
        listed = set()
    except (OSError, ValueError, TypeError, AttributeError):
        return  # an unreadable manifest: the copies may be all there is
    for name in set(os.listdir(folder)) - before - listed:
        if _COPY.fullmatch(name):
            with contextlib.suppress(OSError):
                (folder / name).unlink()


def run_import(collection: Collection, index: ArticleIndex, paths: Iterable[Path], report: ImportReport,
               progress: ProgressCallback | None = None, cancel: CancelCheck | None = None,
               procs: int | None = None, outlet: str | None = None) -> Counted:
    """Import `paths` (files and folders) into `collection` and `index`, filling `report`; `outlet` (checked) is
    set for every article of the import. The caller holds the library lock and re-anchors bookmarks after.
    Returns what learning furniture counts of each article imported, worked out on the way (learning.learn)."""
    mark("run_import")
    walked: dict[Path, Path] = {}
    files = collection.candidates(paths, report, walked)
    mark("walked")
    total = len(files)
    collection.folder.mkdir(parents=True, exist_ok=True)
    remove_stale(collection.folder)  # copies half-written by an import that was killed
    listed = (collection.folder / MANIFEST).exists()  # (a missing manifest removes nothing: see remove_leftovers)
    remove_leftovers(collection.folder, collection.manifest() if listed else None)
    before = set(os.listdir(collection.folder))  # what a failed import must leave
    job = _Importer(collection, index, report, progress, cancel, total, outlet)
    job.walked = walked
    if total:  # the files are found: "Importing… 0 of 4" while the first is read (a 20 MB page takes seconds)
        job.tick(0, "")
    mark("importer made")
    procs = index_procs() if procs is None else procs
    with index.bulk() as bulk:
        failure: BaseException | None = None
        try:
            if procs > 1 and total >= PARALLEL_FROM:
                job.run_workers(files, procs)
            else:
                let_go((str(index.folder), str(collection.folder)))  # started ahead for nothing
                job.run_here(files)
        except BaseException as exc:
            failure = exc
        mark("commit")
        try:
            job.commit(bulk)  # what was finished is kept even when something went wrong later
        except BaseException as exc:
            if failure is None:
                failure = exc
            else:
                log.exception("could not keep what was imported before: %s", failure)
        if failure is not None:
            # The copies of articles that never reached the manifest (a full disk, say) are taken out at once:
            # they are in no library and hold the space that ran out. The manifest is written before the
            # index commit, so what it lists stays for the next sync to index.
            _remove_unlisted_copies(collection.folder, before)
            raise failure
    mark("committed")
    if report.cancelled:
        report.skipped = total - job.files
    return job.finished.counted
