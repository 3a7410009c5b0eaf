"""The Whoosh index: schema, build/sync/rebuild, stored-article lookups.

Whoosh is imported here and in its companions only: core/search.py (queries), core/index_fields.py (the
text fields' one-pass analysis) and core/segments.py (writing and committing whole segments for imports).

The index lives in one folder with a small `reader-meta.json` beside Whoosh's files recording the schema
version. A missing, outdated or damaged index is rebuilt from the source files into a fresh folder and
swapped in whole, so an interrupted build leaves either the old index or the complete new one.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import struct
import time
import traceback
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import whoosh
import whoosh.filedb.filestore
import whoosh.index
from whoosh import fields
from whoosh.analysis import STOP_WORDS
from whoosh.writing import LockError

from reader_app.core import entities
from reader_app.core.articles.furniture import Cleaning
from reader_app.core.articles.model import SUMMARY_FIELDS, ArticleReadError
from reader_app.core.articles.reading import content_hash, read_article, read_bytes
from reader_app.core.errors import IndexBusyError
from reader_app.core.index import words
from reader_app.core.index.documents import IndexReport, ProgressCallback, SourceFile, document_for, lean
from reader_app.core.index.fields import FastText
from reader_app.core.storage.files import atomic_write, loads, pid_alive, read_data_text, read_regular, shown_path
from reader_app.core.storage.json_pieces import head_and_lines, loads_lines
from reader_app.core.yielding import release_in_pieces, with_pauses

# segments.py (Whoosh's codec and multiprocessing writers, the worker processes' plumbing) is imported by what
# writes: a command that only reads the index does not pay for it at its start.
if TYPE_CHECKING:
    from reader_app.core.index.segments import SegmentBuilder

SCHEMA_VERSION = 13  # 2: outlet and id columns for search (core/search.py); 3: words in core/words.py, not spelling fields
# 4: a text-hash column (identical texts show as one search hit); 5: text fields analysed in one pass (index_fields.py)
# 6: the details the person corrected and the date each article was added (core/details.py)
# 7: person/org/place fields and an entities column (core/entities)
# 8: texts cleaned of furniture recognised by form and place (core/furniture.py)
# 9: a page's edges (before the first sentence, after the last) judged by form alone (core/furniture.py)
# 10: a hash of what each article shows (the stories' key); furniture forms of round 5 (core/furniture.py)
# 11: Turkish İ and ı lowered to a plain i in the text fields (core/index/fields.py FoldingLowercase)
# 12: runs of Han, Hiragana and Katakana indexed as overlapping pairs of characters (core/articles/cjk.py,
#     core/index/fields.py CJKPairs): "北京" is found inside "北京大学", not only as a whole sentence
# 13: a line break between two Chinese or Japanese characters is no space in a page, and a hard wrap of them no
#     break in a text file (core/articles/cjk.py join_lines): "東\n京" is stored, shown and found as 東京
#     a zero-width joiner between emoji kept (core/articles/text.py): 👨‍👩‍👧‍👦 is one picture; a Chinese or
#     Japanese headline over a long line kept, a derived title cut at 。！？ (core/articles/reading.py)
META_FILE = "reader-meta.json"
# What planning a sync needs of each article (size, mtime, path, hash, details), for one generation of the
# index: reading it back from every stored article took 3.9 s at 100,000 articles, on every open and import.
KNOWN_FILE = "reader-known.json"
_LEAN = ("size", "mtime", "path", "hash", "details")
KNOWN_FORMAT = 2  # the saved view's header says so: an article per line (1: one JSON object)
INDEX_NAME = "articles"

PARALLEL_FROM = 300  # from this many documents on, analysing them in two worker processes pays off


def make_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True, sortable=True),
        title=FastText(stem=True, stored=True, field_boost=2.5),
        body=FastText(stem=True, stored=True),
        outlet=FastText(stored=True),
        outlet_name=fields.ID(sortable=True),  # the whole name, for facets and the outlet filter
        byline=FastText(stored=True),
        date=fields.ID(stored=True, sortable=True),
        path=fields.ID(stored=True),
        file=fields.STORED(),
        url=fields.STORED(),
        words=fields.STORED(),
        lede=fields.STORED(),
        hash=fields.ID(stored=True, sortable=True),  # identical texts show as one search hit
        shown=fields.ID(stored=True, sortable=True),  # what the article shows (documents.shown_hash): stories' key
        size=fields.STORED(),
        mtime=fields.STORED(),
        encoding=fields.STORED(),
        title_derived=fields.STORED(),
        details=fields.STORED(),  # the corrections applied (core/details.py): a sync redoes what no longer matches
        added=fields.STORED(),
        # --- entities (core/entities): added with schema 6; the extractor's version is in the meta file
        person=fields.KEYWORD(commas=True, lowercase=True),
        org=fields.KEYWORD(commas=True, lowercase=True),
        place=fields.KEYWORD(commas=True, lowercase=True),
        entities=fields.COLUMN(),  # the article's entities with their aliases (entities.encode)
    )


def _open(folder: Path) -> whoosh.index.Index:
    """The index in `folder`, read with plain file reads. Whoosh maps its files into memory by default, and
    every page of the stored texts that listing or syncing touches then counts in the process's memory: with
    20,950 articles the window peaked at 330-360 MB, against 140 MB read this way."""
    return whoosh.filedb.filestore.FileStorage(str(folder), supports_mmap=False).open_index(INDEX_NAME)


def open_for_reading(folder: Path) -> whoosh.index.Index:
    """The index in `folder`, opened to be read only (another process's searches; see _open)."""
    return _open(folder)


# What a damaged index file raises when read: Whoosh's own index errors, and the struct, EOF, zlib, pickle and
# decoding errors of bytes that are not what Whoosh wrote. Raised from inside Whoosh only: the same types
# raised by our own code, and TypeError, AttributeError and the like anywhere, are bugs, not damage.
_DAMAGE_TYPES: tuple[type[BaseException], ...] = (
    whoosh.index.IndexError, OSError, EOFError, struct.error, zlib.error, pickle.UnpicklingError,
    UnicodeDecodeError, ValueError, KeyError, IndexError, OverflowError,
)
# What Whoosh's bare Exceptions say when a file it reads is not what it wrote: a posting block whose tag is
# wrong or cut short ("Block tag error b''" after a truncated segment), a hash table of an unknown kind.
_DAMAGE_MESSAGES = ("Block tag error", "No next block", "Unknown index type")
_WHOOSH_DIR = os.path.dirname(whoosh.__file__) + os.sep


def is_damage(exc: BaseException) -> bool:
    """Whether `exc`, raised by a read of the index, says its files are damaged (and a rebuild can help)."""
    if isinstance(exc, whoosh.index.IndexError):  # "does not exist", "different architecture", versions
        return True
    if type(exc) is Exception:  # Whoosh's own reading checks raise a bare Exception; its misuse checks too
        if not str(exc).startswith(_DAMAGE_MESSAGES):
            return False
    elif not isinstance(exc, _DAMAGE_TYPES):
        return False
    frames = traceback.extract_tb(exc.__traceback__)
    return bool(frames) and frames[-1].filename.startswith(_WHOOSH_DIR)


def _load_known(folder: Path, generation: int) -> dict[str, dict] | None:
    """The sync's view of every article saved for this generation of the index (None when there is none).

    A header line, then one [id, size, mtime, path, hash, details] per line, parsed a few hundred lines at a
    time (one json.loads of the whole file held the interpreter, and the window, for 70 ms at 20,000
    articles). The first format, one JSON object, is still read, and written again as lines."""
    try:
        data = read_regular(folder / KNOWN_FILE)  # a FIFO or a device there is no saved view
        if data is None:
            return None
        first, lines = head_and_lines(data)  # a block at a time: one decode of it all held the interpreter
        head = json.loads(first)
        if not isinstance(head, dict) or head.get("generation") != generation:
            return None
        if isinstance(head.get("docs"), dict):  # the first format
            known = {aid: dict(zip(_LEAN, values)) for aid, values in head["docs"].items()}
            _save_known(folder, generation, known)
            return known
        if head.get("format") != KNOWN_FORMAT:
            return None
        return {line[0]: dict(zip(_LEAN, line[1:])) for line in loads_lines(lines)}
    except (OSError, ValueError, TypeError, IndexError):
        return None


def _save_known(folder: Path, generation: int, known: dict[str, dict]) -> None:
    dumps = json.JSONEncoder(separators=(",", ":")).encode
    lines = [dumps({"generation": generation, "format": KNOWN_FORMAT})]
    lines += [dumps([aid, *(d.get(k) for k in _LEAN)]) for aid, d in known.items()]
    try:
        atomic_write(folder / KNOWN_FILE, "\n".join(lines))
    except OSError:
        pass  # a read-only folder: the stored fields are read next time


def _columns(reader, *names: str) -> Iterator[tuple[int, tuple]]:
    """(document number, the values of these columns) for every live document; each column is read whole
    (a lookup per document costs twice as much)."""
    for leaf, offset in reader.leaf_readers():
        columns = [list(with_pauses(leaf.column_reader(name))) for name in names]
        rows = zip(*columns)
        if leaf.has_deletions():
            live = set(leaf.all_doc_ids())
            yield from ((offset + n, row) for n, row in enumerate(rows) if n in live)
        else:
            yield from ((offset + n, row) for n, row in enumerate(rows))


def _id_numbers(reader) -> dict[str, int]:
    """Article id -> document number, from the id column (no stored article read)."""
    return {row[0]: n for n, row in _columns(reader, "id")}


def _write_meta(folder: Path, count: int) -> None:
    tmp = folder / (META_FILE + ".tmp")
    tmp.write_text(json.dumps({"schema": SCHEMA_VERSION, "whoosh": whoosh.versionstring(), "count": count,
                               "entities": entities.version()}))
    os.replace(tmp, folder / META_FILE)


def _abandon(writer) -> None:
    """segments.abandon: drop a writer's pending changes and its lock (imported here, see above)."""
    from reader_app.core.index.segments import abandon

    abandon(writer)


class ArticleIndex:
    """A Whoosh index of articles in one folder."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._ix: whoosh.index.Index | None = None
        # Called first on close(): the search engine (owned by core/library.py) lets go of its searcher.
        self.on_close: Callable[[], None] | None = None
        self.cleaning: Cleaning | None = None  # learnt furniture and restored paragraphs (core/articles/furniture.py)

    # --- opening --------------------------------------------------------------------------------

    def problem(self) -> str | None:
        """Why the index cannot be used as it is (None when it can)."""
        if not self.folder.exists():
            return "no index yet"
        if not self.folder.is_dir():
            return "the index folder is not a folder"
        meta_path = self.folder / META_FILE
        try:
            meta = loads(read_data_text(meta_path, 1 << 20))
            if not isinstance(meta, dict):
                raise ValueError("not a record")
        except FileNotFoundError:
            return "the index is incomplete"
        except (OSError, ValueError):
            return "the index's version record is damaged"
        if meta.get("schema") != SCHEMA_VERSION or meta.get("whoosh") != whoosh.versionstring():
            return "the index was made by another version"
        if meta.get("entities") != entities.version():
            return "the names of people, organisations and places are found another way now"
        try:
            ix = _open(self.folder)
            with ix.searcher() as s:
                s.doc_count()
                for _ in zip(range(1), s.all_stored_fields()):
                    pass
        except Exception as exc:  # whoosh raises many kinds on damaged files
            return f"the index is damaged ({type(exc).__name__})"
        self._ix = ix
        return None

    @property
    def ix(self) -> whoosh.index.Index:
        if self._ix is None:
            self._ix = _open(self.folder)
        return self._ix

    def refresh(self) -> None:
        """Forget the open index so the next read sees the latest commit (ours or another process's)."""
        self.close()

    def remove_leftovers(self) -> None:
        """Folders left by a build that was killed (`.index.new-PID`, `.index.old-PID`) of dead processes."""
        parent = self.folder.parent
        if not parent.is_dir():
            return
        for p in parent.glob(f".{self.folder.name}.*-*"):
            try:
                pid = int(p.name.rsplit("-", 1)[1])
            except ValueError:
                continue
            if pid != os.getpid() and not pid_alive(pid):
                shutil.rmtree(p, ignore_errors=True)
        self._remove_unlisted_files()

    def _remove_unlisted_files(self) -> None:
        """Segment files and temporary files of a writer that was killed (an import's workers write segments
        that only its commit lists). Whoosh cleans them at its next commit only; here it is done at once, when
        the write lock is free: then no writer is at work and nothing outside the table of contents is in use."""
        if not self.folder.is_dir() or not any(self.folder.glob(f"_{INDEX_NAME}_*.toc")):
            return
        storage = whoosh.filedb.filestore.FileStorage(str(self.folder), supports_mmap=False)
        lock = storage.lock(f"{INDEX_NAME}_WRITELOCK")
        if not lock.acquire(blocking=False):
            return
        try:
            toc = whoosh.index.TOC.read(storage, INDEX_NAME)
            whoosh.index.clean_files(storage, INDEX_NAME, toc.generation, toc.segments)
            shutil.rmtree(self.folder / f"{INDEX_NAME}.tmp", ignore_errors=True)
        except Exception:  # a damaged table of contents is problem()'s to report and rebuild
            pass
        finally:
            lock.release()

    def close(self) -> None:
        if self.on_close is not None:
            self.on_close()
        if self._ix is not None:
            self._ix.close()
            self._ix = None

    @contextmanager
    def searcher(self) -> Iterator:
        with self.ix.searcher() as s:
            yield s

    @contextmanager
    def writer(self, timeout: float = 10.0) -> Iterator:
        try:
            w = self.ix.writer(timeout=timeout)
        except LockError:
            raise IndexBusyError("another reader-app is updating the index; try again when it is done")
        try:
            yield w
            w.commit(mergetype=merge_small_segments)
        except BaseException:
            _abandon(w)
            raise

    # --- building -------------------------------------------------------------------------------

    def rebuild(self, sources: list[SourceFile], progress: ProgressCallback | None = None,
                reason: str = "") -> IndexReport:
        """Build a complete new index beside the old one, then swap it in."""
        from reader_app.core.index.segments import BoundMpWriter

        started = time.monotonic()
        self.close()
        parent = self.folder.parent
        parent.mkdir(parents=True, exist_ok=True)
        fresh = parent / f".{self.folder.name}.new-{os.getpid()}"
        shutil.rmtree(fresh, ignore_errors=True)
        report = IndexReport(action="rebuilt" if self.folder.exists() else "built", reason=reason)
        try:
            fresh.mkdir()
            ix = whoosh.index.create_in(str(fresh), make_schema(), indexname=INDEX_NAME)
            procs = min(2, os.cpu_count() or 1) if len(sources) >= PARALLEL_FROM else 1
            writer = BoundMpWriter(ix, procs=procs, multisegment=True, limitmb=64) if procs > 1 else ix.writer()
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        counts = words.WordCounts(STOP_WORDS)
        known: dict[str, dict] = {}
        try:
            total = len(sources)
            for n, source in enumerate(sources, 1):
                doc = self._read(source, report)
                if doc is not None:
                    writer.add_document(**doc)
                    known.update(lean([doc]))
                    counts.add(doc)
                    report.added += 1
                if progress:
                    progress(n, total, source.origin)
            writer.commit()
        except BaseException:
            _abandon(writer)
            ix.close()
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        generation = ix.latest_generation()
        ix.close()
        try:
            _save_known(fresh, generation, known)
            counts.apply(fresh, fresh=True)
            _write_meta(fresh, report.added)
            self._swap_in(fresh)
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        report.total = report.added
        report.seconds = time.monotonic() - started
        return report

    def _swap_in(self, fresh: Path, timeout: float = 60.0) -> None:
        """Replace the index folder with `fresh`. A writer busy in the old folder (another process syncing)
        finishes first: the old folder's write lock is held across the swap, so no one's segment files vanish
        under them; a writer that was waiting then gets the new folder's lock and re-plans there."""
        old = self.folder.parent / f".{self.folder.name}.old-{os.getpid()}"
        lock = None
        if self.folder.is_dir() and not self.folder.is_symlink():
            lock = whoosh.filedb.filestore.FileStorage(str(self.folder)).lock(f"{INDEX_NAME}_WRITELOCK")
            deadline = time.monotonic() + timeout
            while not lock.acquire(blocking=False):
                if time.monotonic() > deadline:
                    raise IndexBusyError("another reader-app is updating the index; try again when it is done")
                time.sleep(0.05)
        try:
            if self.folder.exists() or self.folder.is_symlink():
                if self.folder.is_dir() and not self.folder.is_symlink():
                    os.replace(self.folder, old)
                else:
                    self.folder.unlink()
            os.replace(fresh, self.folder)
        finally:
            if lock is not None:
                lock.release()
        shutil.rmtree(old, ignore_errors=True)

    def _read(self, source: SourceFile, report: IndexReport) -> dict | None:
        try:
            st = os.stat(source.file)
            article = read_article(source.file, article_id=source.article_id, origin=source.origin,
                                   cleaning=self.cleaning)
        except ArticleReadError as exc:
            report.failed.append((source.origin, str(exc)))
            return None
        except FileNotFoundError as exc:
            if str(source.file) == source.origin:  # a seed: the file is the article
                report.failed.append((source.origin, exc.strerror or str(exc)))
            else:  # the library's copy went (deleted by hand): named, not the original, which may well be there
                report.failed.append((str(source.file), f"the library's copy of {source.origin} is missing; "
                                      "import that file again to restore it"))
            return None
        except OSError as exc:
            report.failed.append((source.origin, exc.strerror or str(exc)))
            return None
        return document_for(article, source, st)

    @staticmethod
    def _plan(known: dict[str, dict], sources: list[SourceFile], report: IndexReport, force: frozenset[str] = frozenset()
              ) -> tuple[list[tuple[SourceFile, bool]], list[str]]:
        """(files to (re)index with whether they were known, ids to delete). Unchanged files are counted;
        `force` names articles to clean again though their files did not change."""
        wanted = {src.article_id: src for src in sources}
        todo: list[tuple[SourceFile, bool]] = []
        for aid, src in with_pauses(wanted.items()):  # a stat per file: see yielding.with_pauses
            doc = known.get(aid)
            if doc is None or aid in force:
                todo.append((src, doc is not None))
                continue
            try:
                st = os.stat(src.file)
            except OSError:
                todo.append((src, True))
                continue
            if (doc.get("details") or {}) != dict(src.details):  # the person corrected a detail
                todo.append((src, True))
                continue
            if doc.get("size") == st.st_size and doc.get("mtime") == st.st_mtime_ns and doc.get("path") == shown_path(src.origin):
                report.unchanged += 1
                continue
            try:
                same = content_hash(read_bytes(src.file)) == doc.get("hash") and doc.get("path") == shown_path(src.origin)
            except ArticleReadError:
                same = False
            if same:
                report.unchanged += 1  # same text: only the recorded size/mtime are refreshed
            todo.append((src, True))
        return todo, [aid for aid in known if aid not in wanted]

    def sync_plan(self, sources: list[SourceFile]) -> tuple[bool, IndexReport]:
        """Whether sync(sources) would change anything, and the report of a sync that finds nothing to do
        (what it counted unchanged). Writes nothing but the saved view of the index, when it is missing."""
        report = IndexReport(action="synced")
        with self.searcher() as s:
            known = self._known(s.reader())
        todo, stale = self._plan(known, sources, report)
        report.total = len(known)
        return bool(todo or stale), report

    def sync(self, sources: list[SourceFile], progress: ProgressCallback | None = None,
             force: Iterable[str] = ()) -> IndexReport:
        """Bring the index in line with the source files: new, changed (size/mtime, then hash), removed.

        The plan is made again under the write lock, and every write replaces by id, so two processes
        syncing at once never leave duplicate documents.
        """
        started = time.monotonic()
        report = IndexReport(action="synced")
        with self.searcher() as s:
            known = self._known(s.reader())
        force = frozenset(force)
        todo, stale = self._plan(known, sources, report, force)
        if not todo and not stale:
            report.total = len(known)
            # emptied a piece at a time: 100,000 entries freed at once, on return, held the interpreter (and the
            # window's GUI thread, whose worker syncs as the library opens) for tens of milliseconds
            release_in_pieces(known)
            report.seconds = time.monotonic() - started
            return report
        with self.writer() as w:
            report = IndexReport(action="synced")
            reader = w.reader()
            known = self._known(reader, w.generation - 1)  # (the writer's reader is labelled with the next one)
            todo, stale = self._plan(known, sources, report, force)
            counts = words.WordCounts(STOP_WORDS)
            stored = _id_numbers(reader) if (stale or todo) else {}
            after = dict(known)
            for aid in stale:
                if aid in stored:
                    counts.remove(reader.stored_fields(stored[aid]))
                w.delete_by_term("id", aid)
                after.pop(aid, None)
                report.removed += 1
            total = len(todo)
            for n, (src, existed) in enumerate(todo, 1):
                doc = self._read(src, report)
                if existed and src.article_id in stored:
                    counts.remove(reader.stored_fields(stored[src.article_id]))
                if doc is None:
                    if existed:
                        w.delete_by_term("id", src.article_id)
                        after.pop(src.article_id, None)
                        report.removed += 1
                else:
                    w.update_document(**doc)
                    after.update(lean([doc]))
                    counts.add(doc)
                    if not existed:
                        report.added += 1
                    elif doc["hash"] != known[src.article_id].get("hash") or \
                            doc["details"] != (known[src.article_id].get("details") or {}) or src.article_id in force:
                        report.updated += 1  # a text cleaned again counts: its bookmarks are re-anchored
                if progress:
                    progress(n, total, src.origin)
            counts.apply(self.folder)  # under the write lock, before the commit
        _save_known(self.folder, w.generation, after)
        for big in (known, after, stored):
            release_in_pieces(big)  # as above
        self.refresh()
        with self.searcher() as s:
            report.total = s.doc_count()
        _write_meta(self.folder, report.total)
        report.seconds = time.monotonic() - started
        return report

    def _known(self, reader, generation: int | None = None) -> dict[str, dict]:
        """What planning a sync needs of every article (documents.lean) as of `reader`'s generation: saved
        beside the index by the last sync or import that made it, else read from the stored articles."""
        generation = reader.generation() if generation is None else generation
        known = _load_known(self.folder, generation)
        if known is None or len(known) != reader.doc_count():  # none, or not this index's (edited, damaged)
            known = lean(reader.all_stored_fields())
            _save_known(self.folder, generation, known)
        return known

    def segment_builder(self) -> SegmentBuilder:
        """A new segment for many documents at once (core/segments.py); only under `bulk()`'s lock."""
        from reader_app.core.index.segments import SegmentBuilder

        return SegmentBuilder(self.ix)

    @contextmanager
    def bulk(self, timeout: float = 10.0) -> Iterator[BulkCommit]:
        """Hold the index's write lock while segment builders (here or in worker processes) write new
        segments, and commit them together with `BulkCommit.commit`; without a commit nothing changes."""
        try:
            w = self.ix.writer(timeout=timeout)
        except LockError:
            raise IndexBusyError("another reader-app is updating the index; try again when it is done")
        bulk = BulkCommit(self, w)
        try:
            yield bulk
        finally:  # also when the import then stops with an error: what was committed is seen at once
            if not bulk.committed:
                _abandon(w)
                # Segments the builders began and never committed (a full disk leaves them half-written, some
                # of zero bytes) are removed now, not at the next open: they hold the space that ran out.
                try:
                    self._remove_unlisted_files()
                except OSError:  # never hides the error that stopped the import; the next open tries again
                    pass
            else:
                self.refresh()
                _write_meta(self.folder, self.count())

    # --- reading --------------------------------------------------------------------------------

    def count(self) -> int:
        with self.searcher() as s:
            return s.doc_count()

    def all_documents(self) -> list[dict]:
        with self.searcher() as s:
            return list(s.all_stored_fields())

    def each_document(self) -> Iterator[dict]:
        """Every stored article, one at a time (memory stays small for a large library)."""
        with self.searcher() as s:
            yield from s.all_stored_fields()

    def hashes_and_outlets(self) -> dict[str, tuple[str, str]]:
        """Every article's id -> (content hash, outlet or ""), from the index's columns: no stored text is read
        (what learning furniture compares its counts with, core/articles/learning.py)."""
        with self.searcher() as s:
            return {aid: (digest, outlet) for _, (aid, digest, outlet) in _columns(s.reader(), "id", "hash",
                                                                                  "outlet_name")}

    def documents(self, ids: Iterable[str]) -> Iterator[dict]:
        """The stored fields of the articles named (those in the index), read under one searcher."""
        wanted = list(ids)
        with self.searcher() as s:
            if len(wanted) <= 64:  # a term lookup each
                numbers = [s.document_number(id=aid) for aid in wanted]
            else:  # many: the id column read once (a term lookup costs ~0.5 ms)
                where = _id_numbers(s.reader())
                numbers = [where.get(aid) for aid in wanted]
            for n in numbers:
                if n is not None:
                    yield s.stored_fields(n)

    def word_counts(self) -> dict[str, int]:
        """The collection's words with how many articles use each (core/words.py), counted again if lost."""
        counts = words.load(self.folder)
        if counts is None:
            with self.searcher() as s:
                counts = words.count_all(s.all_stored_fields(), STOP_WORDS)
            try:
                words.save(self.folder, counts)
            except OSError:
                pass  # a read-only folder: counted again next time
        return counts

    def summaries(self, lede: bool = False) -> list[dict]:
        """Every article's summary fields (no text), read one document at a time so memory stays small."""
        return list(self.each_summary(lede))

    def each_summary(self, lede: bool = False) -> Iterator[dict]:
        """summaries() one at a time (the searcher stays open until the last is taken)."""
        keep = SUMMARY_FIELDS + (("lede",) if lede else ())
        with self.searcher() as s:
            for doc in s.all_stored_fields():
                yield {k: doc[k] for k in keep if k in doc}

    def document(self, article_id: str) -> dict | None:
        with self.searcher() as s:
            return s.document(id=article_id)

    def state(self) -> tuple[int, int, int] | None:
        """What the index holds now, as a value that changes whenever it does: its generation and its table of
        contents file's modification time and size (a restored older copy of the same generation differs).
        None when it cannot be told. A few system calls, no searcher."""
        try:
            generation = self.ix.latest_generation()
            st = os.stat(self.folder / f"_{INDEX_NAME}_{generation}.toc")
        except Exception:  # no index yet, a damaged one, a folder that cannot be read
            return None
        return generation, st.st_mtime_ns, st.st_size

    def present(self, article_ids: Iterable[str]) -> set[str]:
        """Those of these articles the index holds, looked up with one searcher (a searcher per article cost
        a second per 100 copies of a text when search results were folded)."""
        with self.searcher() as s:
            return {aid for aid in article_ids if s.document_number(id=aid) is not None}

    def ids_with_prefix(self, prefix: str, limit: int = 3) -> list[str]:
        with self.searcher() as s:
            return [t.decode() if isinstance(t, bytes) else t
                    for t in s.reader().expand_prefix("id", prefix)][:limit]


class BulkCommit:
    """Commits segments written by SegmentBuilders, replacing the documents they supersede."""

    def __init__(self, index: ArticleIndex, writer):
        self.index, self.writer, self.committed = index, writer, False

    def commit(self, segments: list, replaced: Iterable[str], word_delta: Counter,
               known: dict[str, dict] | None = None) -> None:
        """`known`: the new documents' documents.lean entries, to keep the sync's saved view current."""
        w = self.writer
        replaced = list(replaced)
        counts = words.WordCounts(STOP_WORDS)
        counts.delta.update(word_delta)
        try:
            for aid in replaced:
                counts.remove(self.index.document(aid))
                w.delete_by_term("id", aid)
            counts.apply(self.index.folder)  # under the write lock, before the commit
            # Once earlier small imports have left IMPORT_MERGE_FROM small segments they are merged (one-file imports,
            # e.g. a watched folder, left a segment each: 200 imports, 201 segments, searches twice as slow); the new
            # segments and every big one are added as they are.
            small = sum(1 for seg in w.segments if seg.doc_count_all() < SMALL_SEGMENT)
            kept = w._merge_segments(merge_small_segments if small >= IMPORT_MERGE_FROM else None, None, False)
            if w._added:
                kept.append(w._finalize_segment())
            else:
                w._close_segment()
            w._commit_toc(kept + list(segments))
            w._finish()
        except BaseException:
            _abandon(w)
            raise
        self.committed = True
        before = _load_known(self.index.folder, w.generation - 1) if known is not None else None
        if before is not None and known is not None:
            for aid in replaced:
                before.pop(aid, None)
            before.update(known)
            _save_known(self.index.folder, w.generation, before)


SMALL_SEGMENT = 1000  # documents: segments under this are merged into one by the writes that follow ...
TINY_SEGMENT = 100  # ... those under this at each small write, the others once IMPORT_MERGE_FROM have piled up
IMPORT_MERGE_FROM = 8  # small segments an import's commit (or a small write) merges once there are this many


def merge_small_segments(writer, segments: list) -> list:
    """The merge policy of every write (a sync, a removal, an edit, a put back, an import's commit): the tiny
    segments (under TINY_SEGMENT documents) small writes and one-file imports leave are merged into the writer's
    new one; segments of a small import (TINY_SEGMENT to SMALL_SEGMENT) only once IMPORT_MERGE_FROM of them have
    piled up, so that one of 996 documents (a 2,095-file import's second half) is not rewritten by every put
    back or edit after it (8 s each); the big segments an import writes (about 3,000 articles each) are left as
    they are. Whoosh's default merges by a Fibonacci rule that, after an import of 100,000 articles in 34
    segments, took 22 of them (about 66,000 articles) into one on the next small write: minutes of rewriting,
    the write lock held, for a sync of one changed seed."""
    from whoosh.reading import SegmentReader

    tiny = [seg for seg in segments if seg.doc_count_all() < min(TINY_SEGMENT, SMALL_SEGMENT)]
    middling = [seg for seg in segments if min(TINY_SEGMENT, SMALL_SEGMENT) <= seg.doc_count_all() < SMALL_SEGMENT]
    merged = tiny + (middling if len(middling) >= IMPORT_MERGE_FROM else [])
    if len(merged) < 2 and not (merged and writer._added):  # nothing to gain: no two small ones to join
        return list(segments)
    for seg in merged:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    gone = {id(seg) for seg in merged}
    return [seg for seg in segments if id(seg) not in gone]


def all_ids(docs: Iterable[dict]) -> set[str]:
    return {d["id"] for d in docs}
