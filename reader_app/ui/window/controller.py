"""The window's link to the core: every Library call runs in a worker, and answers come back as signals.

Rows for the list are built in the worker with every file-derived string cleaned for display, so the GUI
thread only inserts them. Searches carry a generation number: an answer to anything but the newest
request is dropped, so a slow, stale search never overwrites a newer one.
"""

from __future__ import annotations

import json
import linecache
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from reader_app.core.articles.text import safe_label
from reader_app.core.search.query import highlight_terms
from reader_app.core.storage.files import atomic_write, open_regular, stamps
from reader_app.core.storage.heap import give_back
from reader_app.core.yielding import share_interpreter, with_pauses
from reader_app.paths import AppPaths
from reader_app.ui.articles.row import UNDATED, UNKNOWN_OUTLET, ArticleRow
from reader_app.ui.window.workers import Runner, bulk_load, safe_emit

if TYPE_CHECKING:
    from reader_app.core.articles.model import Article
    from reader_app.core.library import Library
    from reader_app.core.search.results import SearchResult

log = logging.getLogger(__name__)

ROWS_CACHE = "article-list.jsonl"  # in the cache folder: the list as last shown, for a quick first paint
ROWS_CACHE_VERSION = 5  # 2: a JSON array per line (one json call per row, never one long call holding the GIL);
# 3: with when each article was added and the copies a row stands for (without them the rows read back never
# equalled the index's: the cache was written again and the whole list listed twice at every start);
# 4: the first line names what the rows were made from (`source`: the index's state, the row filters' inputs);
# 5: exact copies fold from the index's own column (a v4 list could hold them unfolded under the same source)
SEARCH_LIMIT = 60
# From this many articles on, the table of names is made, and the files are checked before the first sync, in a
# process of its own (Library.elsewhere_from): seconds of Python at 100,000 articles that the GUI thread waited
# through for the interpreter; under it, a fraction of a second here costs less than starting a process.
ELSEWHERE_FROM = 5_000
RELATED_LIMIT = 5


@dataclass
class SearchAnswer:
    """A finished search: the core's result, the rows to show, and the words to mark in an opened article."""

    generation: int
    query: str
    outlet: str
    year: str
    result: SearchResult
    rows: list[ArticleRow]
    terms: list[str]
    outlets: dict[str, int] = field(default_factory=dict)
    years: dict[str, int] = field(default_factory=dict)


def summary_row(d: dict) -> ArticleRow:
    # safe_label is imported at the top: an import statement here, run per article, went through PySide's
    # import hook each time (0.2 s of Python per 100,000 rows in the worker)
    # Outlets, dates and the times articles were added repeat across a library: one string each (sys.intern)
    # instead of one per row (outlets and dates some 12 MB of 100,000 rows, the added times up to 7 MB).
    return ArticleRow(id=str(d["id"]), title=safe_label(d.get("title"), 300) or "Untitled article",
                      outlet=sys.intern(safe_label(d.get("outlet"), 80)),
                      date=sys.intern(safe_label(d.get("date"), 20)),
                      lede=safe_label(d.get("lede"), 300), words=int(d.get("words") or 0),
                      added=sys.intern(str(d.get("added") or "")[:40]))  # one per import's second, not per row


def hit_row(hit: Any) -> ArticleRow:
    from reader_app.core.search.results import split_marked

    return ArticleRow(id=str(hit.id), title=safe_label(hit.title, 300) or "Untitled article",
                      outlet=safe_label(hit.outlet, 80), date=safe_label(hit.date, 20), words=int(hit.words or 0),
                      snippet=tuple(split_marked(safe_label(hit.snippet, 600))),
                      copies=len(hit.copies), added=str(hit.added or "")[:40])  # added: the "Date added" order


def query_terms(query: str, hits: list[Any]) -> list[str]:
    """Words to mark in an opened result: the query's wanted words and phrases, and the forms the snippets
    marked (a phrase's occurrence is marked whole in a snippet, so it comes back as one term).

    Field names (`title:`), date filters, operators and excluded words (`-word`, `NOT word`) are left out.
    """
    from reader_app.core.search.results import split_marked

    words = wanted_terms(query)
    for hit in hits:
        words.update(text.strip() for text, is_match in split_marked(hit.snippet or "") if is_match)
    return sorted(w for w in words if w and len(w) <= 100)


def wanted_terms(query: str) -> set[str]:
    """The query's wanted words and phrases, as the core's one query parser reads them (see query_terms for
    what is left out); the window never parses the query language itself."""
    return set(highlight_terms(query))


def _count(values: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for v in values:
        if v:
            counts[v] = counts.get(v, 0) + 1
    return counts


class LibraryController(QObject):
    """Owns the Library and the worker that calls it.

    Signals:
      `progress(n, total, what)`       while the index builds or syncs
      `ready(library, report)`         the library is open (report: the core's IndexReport)
      `settled()`                      opening and syncing are over (whatever they found): progress ends
      `rows_ready(rows)`               the whole list, ready to show (after opening, syncing, importing)
      `open_failed(message)`           the library could not be opened
      `article_loaded(article, related)`, `article_failed(id, message)`
      `search_done(answer)`            the newest search finished (stale ones are dropped)
      `more_done(answer)`              the next page of the newest search (its new rows only)
      `search_failed(query, message)`
      `rebuilding(n, total)`, `rebuilt(report)`  a read found the index damaged: it is rebuilt before it answers
    """

    progress = Signal(int, int, str)
    ready = Signal(object, object)
    settled = Signal()
    rows_ready = Signal(object)  # not `list`: that converts the rows for each receiver (a copy, ~30 ms per 100,000)
    open_failed = Signal(str)
    article_loaded = Signal(object, list)
    article_failed = Signal(str, str)
    search_done = Signal(object)
    more_done = Signal(object)
    search_failed = Signal(str, str)
    outside_synced = Signal()  # a sync for another process's changes (outside_changes) ended
    # The library found its index damaged during a read (a search, an article) and rebuilds it before it
    # answers: rebuilding(n, total) as it goes, rebuilt(report) when done. Emitted on the worker's thread.
    rebuilding = Signal(int, int)
    rebuilt = Signal(object)

    def __init__(self, app_paths: AppPaths, parent: QObject | None = None):
        super().__init__(parent)
        share_interpreter()  # this process has a GUI thread: the core's long loops let it in (core/yielding)
        self.paths = app_paths
        self.library: Library | None = None
        self.tasks = Runner(threads=1, parent=self)
        self._generation = 0
        self._article_request = 0
        self._saved_rows: list[ArticleRow] = []  # what the list cache holds now
        self._saved_source: str | None = None  # what those rows were made from (see _rows_source)
        self._counted: tuple[list[ArticleRow], int | None] | None = None  # rows and their articles (_articles_in)
        # Applied in the worker to the library's rows before the list shows them, in order (features add
        # theirs: the stories fold copies of one text into one row).
        self.row_filters: list[Callable[[Library, list[ArticleRow]], list[ArticleRow]]] = []
        # What each filter reads besides the rows, as a value that changes when that does (a file's stamp):
        # rows cached from the same index state and the same inputs are the rows, and need not be listed again.
        self.row_sources: list[Callable[[Library], Any]] = []
        self._stamp: tuple | None = None  # the library's files as last read (see outside_changes)
        self._rows_generation: int | None = None  # the index generation the list was last read from

    # --- opening --------------------------------------------------------------------------------

    def start(self) -> None:
        """Open the index in the worker: show what is there at once, then sync with the files.

        The list as it was last shown comes first, from a small cache file written by this class, while
        Whoosh is not yet imported; the index is opened once that list is on screen, and its own list
        replaces the cached one a moment later.
        """
        self.tasks.submit(self._cached_rows, on_finished=self._cached, on_failed=lambda _m: self._open())

    def _open(self) -> None:
        self.tasks.submit(self._open_quick, on_finished=self._opened, on_failed=self.open_failed.emit,
                          on_progress=self.progress.emit)

    def _cached_rows(self) -> list[ArticleRow]:
        with bulk_load():  # 100,000 rows made: no full collection walking the window meanwhile
            rows = self._read_cached_rows()
        # counted now, before they are shown: counted when the index had opened, the list was being painted
        # and the GUI thread waited for the interpreter meanwhile (a Python loop over 100,000 rows, twice)
        self._articles_in(rows)
        return rows

    def _read_cached_rows(self) -> list[ArticleRow]:
        try:
            # Read and decoded a block at a time: read_text decoded the whole file in one call that held the
            # interpreter, and the GUI thread with it (105 ms for 100,565 rows).
            # Opened without waiting, and only when a regular file: a FIFO there would wait for a writer
            # for ever, and the window with it ("Opening your library…").
            fd = open_regular(self.paths.cache / ROWS_CACHE)
            if fd is None:
                return []
            with open(fd, encoding="utf-8", newline="\n") as fh:
                first = fh.readline()
                header = json.loads(first) if first else {}
                if not isinstance(header, dict) or header.get("version") != ROWS_CACHE_VERSION:
                    return []
                source = header.get("source")
                # Written by _save_rows from rows already cleaned for display; only the shape is checked here.
                # A line at a time: one json.loads of a whole big list keeps the GUI thread waiting (about
                # 60 ms for 20,950 rows); many short calls, with pauses that hand the interpreter over
                # (the file's next block is read every few rows: see core/yielding.with_pauses).
                self._saved_rows = [
                    ArticleRow(id=i[:64], title=t[:300], outlet=sys.intern(o[:80]), date=sys.intern(d[:20]),
                               lede=lede[:300], words=w, added=sys.intern(a[:40]), copies=c)
                    for i, t, o, d, lede, w, a, c in map(json.loads, with_pauses(fh))
                    if all(isinstance(x, str) for x in (i, t, o, d, lede, a)) and type(w) is type(c) is int]
            # trusted as the rows of that source only if every row written was read back
            whole = bool(self._saved_rows) and header.get("rows") == len(self._saved_rows)
            self._saved_source = source if isinstance(source, str) and whole else None
            return self._saved_rows
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return []  # no cache yet, or a damaged one: the index's list follows anyway

    def _cached(self, rows: list[ArticleRow]) -> None:
        if rows and self.library is None:
            self.rows_ready.emit(rows)
        # The index opens on the next turn of the event loop, after the cached list has been painted, so the
        # two do not compete for the interpreter.
        QTimer.singleShot(0, self._open)

    def _save_rows(self, rows: list[ArticleRow], source: str | None = None) -> None:
        """Keep the list for the next start, with what it was made from (in the worker; a cache, so failure
        only costs speed)."""
        if rows is self._saved_rows and source == self._saved_source:
            return  # unchanged: no need to write it again
        self._saved_rows, self._saved_source = rows, source
        self._counted = None
        path = self.paths.cache / ROWS_CACHE
        dumps = json.JSONEncoder(ensure_ascii=False).encode
        header = {"version": ROWS_CACHE_VERSION, "rows": len(rows), "source": source}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, "\n".join([dumps(header)] + [
                dumps([r.id, r.title, r.outlet, r.date, r.lede, r.words, r.added, r.copies])
                for r in rows]))
        except OSError as exc:
            log.info("list cache not saved: %s", exc)

    def _open_quick(self, progress) -> tuple[Library, Any, list[ArticleRow]]:
        from reader_app.core.library import Library

        with bulk_load():
            library = Library(self.paths)
            library.elsewhere_from = ELSEWHERE_FROM
            report = library.open(progress, sync=False)
            rows = self._rows(library)
            library.drop_caches()  # a rebuild read the manifest; the window keeps no copy of it
            return library, report, rows

    def _rows(self, library: Library) -> list[ArticleRow]:
        self._rows_generation = self._generation_of(library)
        source = self._rows_source(library)
        if source is not None and source == self._saved_source and self._counts_match(library):
            # The cached rows were made from this very index state and these inputs: they are the rows.
            # Listing them again read and decompressed every article's stored fields (about 2.5 s of the
            # worker's time at 100,000 articles, every start) only to find the same rows.
            return self._saved_rows
        rows = library.list_articles(lede=True, make=summary_row)  # a row per summary as it is read
        for change in self.row_filters:
            rows = change(library, rows)
        give_back()  # what decoding every stored document left free in the heap (see core/storage/heap.py)
        if rows == self._saved_rows:  # compared here, off the GUI thread (20,000 rows take it ~40 ms)
            rows = self._saved_rows  # the list shown from the cache: the window recognises it by identity
        self._save_rows(rows, source)
        return rows

    def _counts_match(self, library: Library) -> bool:
        """Whether the cached rows, with the copies each stands for, are as many articles as the index holds,
        each id once: a cache edited by hand (rows dropped or repeated, a copy count made up) is listed again
        (an adversarial trial kept such rows on screen at every start)."""
        try:
            held = library.index.count()
        except Exception:  # a damaged index: listed (and recovered) the long way
            return False
        return self._articles_in(self._saved_rows) == held

    def _articles_in(self, rows: list[ArticleRow]) -> int | None:
        """How many articles `rows` stand for, each with its copies; None when an id is there twice or a copy
        count is below zero. Remembered for the rows last counted (the cached rows, counted as they are read)."""
        if self._counted is not None and self._counted[0] is rows:
            return self._counted[1]
        articles = sum(1 + r.copies for r in rows) if all(r.copies >= 0 for r in rows) \
            and len({r.id for r in rows}) == len(rows) else None
        self._counted = (rows, articles)
        return articles

    def _rows_source(self, library: Library) -> str | None:
        """What the list's rows are made from, as one string that changes whenever any of it does: the index's
        state and each row filter's input. None when the index's state cannot be told (then the rows are
        always listed). Taken before the rows are listed, so a change while they are listed makes the next
        look list them again rather than trust them."""
        state = library.index.state()
        if state is None:
            return None
        try:
            return json.dumps([list(state), [source(library) for source in self.row_sources]])
        except (OSError, TypeError, ValueError):
            return None

    def _opened(self, answer: tuple[Library, Any, list[ArticleRow]]) -> None:
        self._stamp = self.disk_stamp()
        library, report, rows = answer
        self.library = library
        library.on_rebuild = lambda n, total, _what: safe_emit(self.rebuilding, n, total)
        library.on_rebuilt = partial(safe_emit, self.rebuilt)
        self.rows_ready.emit(rows)
        self.ready.emit(library, report)
        if report.action == "none":  # an existing index: now pick up files that changed meanwhile
            self.tasks.submit(self._sync, False, on_finished=self._synced, on_failed=self._sync_failed,
                              on_progress=self.progress.emit)
        else:
            self._settle()

    def _sync(self, outside: bool, progress=None) -> tuple[Any, list[ArticleRow] | None]:
        assert self.library is not None
        if outside:  # what another process wrote (a paragraph put back): the articles are parsed with it
            self.library.reload_cleaning()
        with bulk_load():
            # the first sync's files checked elsewhere: another process's changes (outside) are checked here
            report = self.library.open(progress, sync=True, check_elsewhere=not outside)
            changed = report.added or report.updated or report.removed or report.action in ("built", "rebuilt")
            # another process (the command line) may have written the index: its files and the index then
            # agree, so the sync finds nothing to do, yet the list was read from an earlier generation
            changed = changed or self._generation_of(self.library) != self._rows_generation
            rows = self._rows(self.library) if changed else None
            self.library.drop_caches()  # the manifest and the files' list: read again by the next sync
            return report, rows

    @staticmethod
    def _generation_of(library: Library) -> int | None:
        try:
            return library.index.ix.latest_generation()
        except Exception:  # a damaged or missing index: the sync reports it; the list is read again
            return None

    def disk_stamp(self) -> tuple:
        """What another process changes when it imports, removes or corrects articles (the command line while
        the window is open): the index folder (a new generation adds a file), the manifest, the corrections.
        A few stat calls: cheap enough for the GUI thread."""
        from reader_app.core.articles.details import DETAILS_FILE
        from reader_app.core.articles.furniture import RESTORED_FILE
        from reader_app.core.collection.manifest import MANIFEST

        # restored.json: `reader-app restore` puts a paragraph back (it also writes the index)
        return stamps((self.paths.index, self.paths.library / MANIFEST, self.paths.data / DETAILS_FILE,
                       self.paths.data / RESTORED_FILE))

    def outside_changes(self) -> bool:
        """Sync with the files if another process changed the library since it was last read (asked when the
        window is activated); say whether a sync was started. Never while a task runs (an import of our own)."""
        if self.library is None or self.tasks.busy():
            return False
        stamp = self.disk_stamp()
        if stamp == self._stamp:
            return False
        self._stamp = stamp
        self.tasks.submit(self._sync, True, on_finished=self._outside_synced, on_failed=self._sync_failed,
                          on_progress=self.progress.emit)
        return True

    def _outside_synced(self, answer: tuple[Any, list[ArticleRow] | None]) -> None:
        self._synced(answer)
        self.outside_synced.emit()

    def _synced(self, answer: tuple[Any, list[ArticleRow] | None]) -> None:
        self._stamp = self.disk_stamp()
        report, rows = answer
        if rows is not None:
            self.rows_ready.emit(rows)
        if report.notice or report.failed or rows is not None:
            self.ready.emit(self.library, report)
        self._settle()  # also when files were read again and found unchanged (nothing else says so)

    def _sync_failed(self, message: str) -> None:
        self.open_failed.emit(message)
        self._settle()

    def _settle(self) -> None:
        # PySide's import hook reads the source of every module imported after it (inspect.getsource, which
        # keeps the lines in linecache) to see whether it uses PySide: about 10 MB of source lines, most of them
        # read while the library opened. A traceback reads what it needs again.
        linecache.clearcache()
        self.settled.emit()

    def reload_rows(self) -> None:
        """Read the list again (after an import or a removal)."""
        if self.library is not None:
            self.tasks.submit(self._rows, self.library, on_finished=self.rows_ready.emit,
                              on_failed=self.open_failed.emit)

    # --- articles -------------------------------------------------------------------------------

    def load_article(self, article_id: str) -> None:
        if self.library is None:
            return
        self._article_request += 1
        request = self._article_request
        self.tasks.submit(self._load_article, article_id, request,
                          on_finished=self._article_ready,
                          on_failed=partial(self._article_failed, article_id))

    def _load_article(self, article_id: str, request: int) -> tuple[int, Article | None, list[dict]]:
        if request != self._article_request:
            return request, None, []
        assert self.library is not None
        article = self.library.article(article_id)
        _ = article.words  # counted here on the worker, not when the reader shows it
        related: list[dict] = []
        try:
            for hit in self.library.related(article.id)[:RELATED_LIMIT]:
                d = hit.to_dict()
                if d.get("id") and d["id"] != article.id:
                    related.append(d)
        except Exception:  # related articles are a nicety: the article shows without them
            log.exception("related articles failed for %s", article_id)
        return request, article, related

    def _article_failed(self, article_id: str, message: str) -> None:
        self.article_failed.emit(article_id, message)

    def _article_ready(self, answer: tuple[int, Article | None, list[dict]]) -> None:
        request, article, related = answer
        if request == self._article_request and article is not None:
            self.article_loaded.emit(article, related)

    # --- searching ------------------------------------------------------------------------------

    def search(self, query: str, outlet: str = "", year: str = "") -> int:
        """Ask for a search; returns its generation. Only the newest generation's answer is delivered."""
        self._generation += 1
        generation = self._generation
        if self.library is not None and query.strip():
            self.tasks.submit(self._search, generation, query, outlet, year, on_finished=self._searched,
                              on_failed=partial(self._search_failed, generation, query))
        return generation

    def cancel_search(self) -> None:
        self._generation += 1

    def _search(self, generation: int, query: str, outlet: str, year: str) -> SearchAnswer | None:
        if generation != self._generation:
            return None  # a newer search was asked for while this one waited
        assert self.library is not None
        unknown = outlet == UNKNOWN_OUTLET  # articles with no outlet: the index cannot filter for "none"
        undated = year == UNDATED  # nor for no date
        filter_here = unknown or undated
        limit = SEARCH_LIMIT * 5 if filter_here else SEARCH_LIMIT
        result = self.library.search(query, limit=limit, outlet=None if unknown else outlet or None,
                                     year=None if undated else year or None)
        hits = list(result.hits)
        all_hits = hits
        facets = result.facets or {}
        outlets = dict(facets.get("outlet") or _count([h.outlet or "" for h in all_hits]))
        matched = result.articles or result.total  # the facets count articles, copies each (total: texts)
        no_outlet = matched - sum(outlets.values()) if facets.get("outlet") is not None else 0
        if no_outlet > 0 and not (outlet and not unknown):
            outlets[UNKNOWN_OUTLET] = no_outlet
        years = dict(facets.get("year") or _count([(h.date or "")[:4] for h in all_hits]))
        no_date = matched - sum(years.values()) if facets.get("year") is not None else years.pop("", 0)
        years.pop("", None)
        if filter_here:
            wanted = "" if unknown else outlet
            wanted_year = "" if undated else year
            hits = [h for h in hits if (not outlet or (h.outlet or "") == wanted)
                    and (not year or (h.date or "")[:4] == wanted_year)]
            result.total = max(0, no_outlet) if unknown and not undated and facets.get("outlet") is not None \
                else max(0, no_date) if undated and not outlet and facets.get("year") is not None else len(hits)
            hits = hits[:SEARCH_LIMIT]
        if no_date > 0 and not (year and not undated):
            years[UNDATED] = no_date
        rows = [hit_row(h) for h in hits]
        terms = query_terms(result.corrected or query, hits)
        return SearchAnswer(generation, query, outlet, year, result, rows, terms, outlets, years)

    def search_more(self, query: str, outlet: str, year: str, shown: list[str], upto: int = 0) -> None:
        """Ask for the next page of the newest search: hits beyond the `shown` ids (more_done); with `upto`,
        every hit up to that many (the results put in another order than relevance need them all)."""
        if self.library is not None and query.strip():
            generation = self._generation
            self.tasks.submit(self._search_more, generation, query, outlet, year, list(shown), upto,
                              on_finished=self._more_searched,
                              on_failed=partial(self._search_failed, generation, query))

    def _search_more(self, generation: int, query: str, outlet: str, year: str,
                     shown: list[str], upto: int = 0) -> SearchAnswer | None:
        if generation != self._generation:
            return None
        assert self.library is not None
        # The search again with room for one more page; the nearness re-ranking may order the first page a
        # little differently, so whatever is already shown is left out by id rather than by position.
        result = self.library.search(query, limit=max(len(shown) + SEARCH_LIMIT, upto), outlet=outlet or None,
                                     year=year or None)
        seen = set(shown)
        hits = [h for h in result.hits if h.id not in seen]
        rows = [hit_row(h) for h in hits]
        return SearchAnswer(generation, query, outlet, year, result, rows, query_terms(result.corrected or query, hits))

    def _more_searched(self, answer: SearchAnswer | None) -> None:
        if answer is not None and answer.generation == self._generation:
            self.more_done.emit(answer)

    def _searched(self, answer: SearchAnswer | None) -> None:
        if answer is not None and answer.generation == self._generation:
            self.search_done.emit(answer)

    def _search_failed(self, generation: int, query: str, message: str) -> None:
        if generation == self._generation:
            self.search_failed.emit(query, message)

    # --- closing --------------------------------------------------------------------------------

    def shutdown(self) -> None:
        self.tasks.shutdown()
        if self.library is not None:
            self.library.close()
