"""The facade the GUI and the CLI both use: the article collection, its index, search and imports."""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from reader_app.core.articles import ARTICLE_SUFFIXES, furniture
from reader_app.core.articles.details import FIELDS, DetailsError, DetailsStore, check_all
from reader_app.core.articles.details import apply as apply_details
from reader_app.core.articles.model import Article, ArticleReadError, Paragraph
from reader_app.core.articles.outlets import forget_segmenter
from reader_app.core.articles.reading import read_article
from reader_app.core.collection.manifest import Collection, ManifestTooNew, plain_name
from reader_app.core.collection.report import ImportReport
from reader_app.core.entities import gazetteer
from reader_app.core.errors import ArticleNotFound, IndexBusyError, LibraryError, describe_os_error
from reader_app.core.index.documents import IndexReport, ProgressCallback, SourceFile, stored_summary
from reader_app.core.index.store import ArticleIndex, is_damage
from reader_app.core.search.results import Hit, SearchResult
from reader_app.core.storage.locks import LockBusy, file_lock, lock_timeout
from reader_app.core.storage.timeline import mark
from reader_app.core.yielding import sort_in_pieces
from reader_app.paths import AppPaths, seeds_dir

# Imported where they are used, not here (each command's start pays for what it imports, and `reader-app list`
# needs none of them): the bookmark store and its SQLite, the importer and its worker processes, the
# furniture learning (SQLite too), the search engine and the story modules.
if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from reader_app.core.articles.learning import Counted
    from reader_app.core.bookmarks import Bookmark, BookmarkStore, ImportCounts
    from reader_app.core.search.engine import Engine

DAMAGED = "the index was damaged"  # the reason of a rebuild after damage found in a read
FOLD_SPARE = 5  # hits asked for beyond a search's limit, in case copies are folded away
log = logging.getLogger(__name__)
T = TypeVar("T")


class Library:
    """One user's articles: the shipped seeds plus imported copies, and the index over them."""

    def __init__(self, paths: AppPaths, seeds: Path | None = None):
        self.paths = paths
        gazetteer.keep_in(paths.cache)  # the places of the name finder, made once and read back (0.8 s → 20 ms)
        self.seeds = Path(seeds) if seeds is not None else seeds_dir()
        self.index = ArticleIndex(paths.index)
        self._engine: Engine | None = None
        self.index.cleaning = furniture.Cleaning.load(paths.data)
        self.read_only = False
        self.recovered = False  # a damaged index was rebuilt during this session
        self.last_report: IndexReport | None = None
        # Told of a rebuild the library starts by itself on damage found in a read (_recovering), on the
        # reading thread: on_rebuild(n, total, what) as it goes, from (0, total, DAMAGED) on, then
        # on_rebuilt(report) once the index is whole again. The window says so while its search waits.
        self.on_rebuild: ProgressCallback | None = None
        self.on_rebuilt: Callable[[IndexReport], None] | None = None
        self._tmp_index: str | None = None
        self._bookmarks: BookmarkStore | None = None
        self.details = DetailsStore(paths.data)
        self.collection = Collection(paths.library, paths.data, self.seeds, self.details)
        self.collection.entries_from_index = self._entries_from_index
        # From this many articles on, work of seconds of Python whose answer is small is done in a process of
        # its own: the table of names (core/search/table_child.py) and the check of the files before the first
        # sync (open's check_elsewhere); None: always in this one. The window sets it: its GUI thread must not
        # wait for the interpreter meanwhile. A command-line process has no such thread.
        self.elsewhere_from: int | None = None

    # --- sources --------------------------------------------------------------------------------

    def manifest(self) -> dict[str, dict]:
        """Imported articles by id (core/collection/manifest.py)."""
        return self.collection.manifest()

    def _entries_from_index(self) -> dict[str, dict]:
        """Manifest entries for the imported copies the index holds (its `file`, `path`, `hash` and `added`):
        what a damaged manifest is rebuilt from. Reads every stored article: seconds at 100,000, and rare."""
        if self.index.problem():
            return {}
        folder = os.path.realpath(self.collection.folder)
        seeds = os.path.realpath(self.seeds)
        found: dict[str, dict] = {}
        for doc in self.index.each_document():
            file = Path(doc.get("file") or "")
            parent = os.path.realpath(file.parent)
            # A data folder copied elsewhere (cp -a old new) keeps an index naming the copies in the old one:
            # a copy is named by its id, so the same name is taken inside this library's folder.
            if parent != folder and (parent == seeds or file.suffix.lower() not in ARTICLE_SUFFIXES
                                     or file.name != doc.get("id", "") + file.suffix.lower()):
                continue  # a seed
            entry: dict = {"file": file.name, "origin": doc.get("path") or str(file), "hash": doc.get("hash") or ""}
            with contextlib.suppress(TypeError, ValueError):
                added = dt.datetime.strptime(doc.get("added") or "", "%Y-%m-%dT%H:%M:%SZ")
                entry["imported"] = added.replace(tzinfo=dt.timezone.utc).timestamp()
            found[doc["id"]] = entry
        return found

    def sources(self) -> list[SourceFile]:
        """Every article file, with the details the person corrected and when it was added."""
        return self.collection.sources()

    def reload_cleaning(self) -> None:
        """Read the data folder's cleaning files again (the paragraphs put back, the furniture learnt): another
        process (`reader-app restore`, an import) may have written them since this one read them, and an
        article parsed with the old ones would lose a paragraph put back."""
        self.index.cleaning = furniture.Cleaning.load(self.paths.data)

    def drop_caches(self) -> None:
        """Let go of what opening or syncing read and later calls do not need (the manifest and the list of
        article files, read again by the next sync; the word counts that split domain names into outlets, read
        again by the next article parsed that needs them): for a process that keeps the library open (the
        window)."""
        self.collection.drop_caches()
        forget_segmenter()

    def is_seed(self, article_id: str) -> bool:
        """One of the articles shipped with the app (they cannot be removed)."""
        return self.collection.is_seed(article_id)

    # --- the index ------------------------------------------------------------------------------

    def open(self, progress: ProgressCallback | None = None, sync: bool = True, check_elsewhere: bool = False
             ) -> IndexReport:
        """Make the index usable (see _open_index); bookmarks of articles that changed are re-anchored.

        `check_elsewhere`: a library of `elsewhere_from` articles or more first has its files checked against the
        index in a process of its own (reading the manifest and the index's saved view of every article, a stat
        per file: a second or two of Python at 100,000 articles); when that finds nothing to do, nothing more is
        done here. Else, or when it could not tell, the sync runs here as without it."""
        if sync and check_elsewhere:
            unchanged = self._unchanged_elsewhere()
            if unchanged is not None:
                return unchanged
        report = self._open_index(progress, sync)
        if self.collection.notice:  # the manifest was found damaged and rebuilt
            report.notice = " ".join(n for n in (self.collection.notice, report.notice) if n)
            self.collection.notice = None
        if report.action in ("built", "rebuilt") or report.added or report.updated or report.removed:
            self.after_index_change()
            if sync and not self.read_only:
                self.learn_furniture()
        return report

    def _open_index(self, progress: ProgressCallback | None = None, sync: bool = True) -> IndexReport:
        """Make the index usable: build or rebuild it when missing, outdated or damaged; else sync it.

        Never fails for a fault the user can live with: when the data folder cannot be written (read-only,
        full) or another instance is writing, the index is used as it is, or built in a temporary folder
        for this session, and `report.notice` says so.
        """
        try:
            self.index.remove_leftovers()
        except OSError:
            pass
        problem = self.index.problem()
        if problem:
            # Under the library lock, as an import: a rebuild from the files listed now would otherwise drop
            # what an import in another process adds meanwhile.
            with self._library_lock():
                problem = self.index.problem()  # that import may have been what looked like a problem
                if problem:
                    try:
                        return self.index.rebuild(self.sources(), progress, reason=problem)
                    except IndexBusyError:
                        raise
                    except OSError as exc:
                        return self._rebuild_elsewhere(progress, problem, exc)
        if not sync:
            return IndexReport(action="none", total=self.index.count())
        try:
            return self.index.sync(self.sources(), progress)
        except IndexBusyError:
            notice = "Another reader-app is updating the index; showing it as it was."
        except ManifestTooNew as exc:  # what it lists is unknown: the index is shown as it was, nothing written
            self.read_only = True
            notice = (f"The library's manifest was made by a newer reader-app (format {exc.version}): showing "
                      "the index as it was; importing, removing and editing are refused.")
        except OSError as exc:
            self.read_only = True
            notice = f"Cannot update the index ({describe_os_error(exc)}); showing it as it was."
        log.warning(notice)
        self.index.refresh()
        return IndexReport(action="none", total=self.index.count(), notice=notice)

    def _rebuild_elsewhere(self, progress: ProgressCallback | None, problem: str, exc: OSError) -> IndexReport:
        """The data folder cannot hold an index: keep one in a temporary folder for this session."""
        self.read_only = True
        self.index.close()
        self._tmp_index = tempfile.mkdtemp(prefix="reader-app-index-")
        # The command line never calls close(): the folder goes when the process ends, whatever ends it.
        atexit.register(shutil.rmtree, self._tmp_index, ignore_errors=True)
        self.index = ArticleIndex(Path(self._tmp_index) / "index")
        self.index.cleaning = furniture.Cleaning.load(self.paths.data)
        if self._engine is not None:
            self.index.on_close = self._engine.reset
        try:
            report = self.index.rebuild(self.sources(), progress, reason=problem)
        except OSError as exc2:
            raise LibraryError(f"cannot build the index: {describe_os_error(exc2)}")
        report.notice = (f"Your data folder cannot be written ({describe_os_error(exc)}); the index is kept in a "
                         "temporary folder for this session.")
        log.warning(report.notice)
        return report

    def rebuild(self, progress: ProgressCallback | None = None, reason: str = "asked to rebuild") -> IndexReport:
        return self.index.rebuild(self.sources(), progress, reason=reason)

    def close(self) -> None:
        self.index.close()
        if self._bookmarks is not None:
            self._bookmarks.close()
            self._bookmarks = None
        if self._tmp_index:
            shutil.rmtree(self._tmp_index, ignore_errors=True)
            self._tmp_index = None

    @property
    def engine(self) -> Engine:
        """The search engine over the index (core/search/engine.py), its searcher cached; made on first use so
        that Whoosh's query modules stay off the start-up path."""
        if self._engine is None:
            from reader_app.core.entities.table_file import TABLE_FILE
            from reader_app.core.search.engine import Engine  # not at import: start-up (see above)

            self._engine = Engine(lambda: self.index.ix, words=lambda: self.index.word_counts(),
                                  table_file=self.paths.cache / TABLE_FILE, build_table=self._build_table)
            self.index.on_close = self._engine.reset
        return self._engine

    def _unchanged_elsewhere(self) -> IndexReport | None:
        """The report of a sync with nothing to do, when a process of its own found the files as the index has
        them; None when it found changes, a problem or a notice (then the sync runs here and finds them again)."""
        least = self.elsewhere_from
        if least is None or self.read_only or self._tmp_index:
            return None
        try:
            if self.index.count() < least:
                return None
        except Exception:  # a damaged index: the sync here recovers it
            return None
        from reader_app.core.storage.children import NoAnswer, ask  # not at import: the command line never needs it

        try:
            answer, notice = ask(_check_files, self.paths, self.seeds, name="reader-app check")
        except (NoAnswer, ValueError, TypeError) as exc:  # (or an answer not of two parts)
            log.info("the files were not checked elsewhere: %s", exc)
            return None
        if isinstance(notice, str) and notice:  # it rebuilt a damaged manifest: said when this sync reports
            self.collection.notice = notice
        return answer if isinstance(answer, IndexReport) else None

    def sync_plan(self) -> tuple[bool, IndexReport, str | None]:
        """Whether a sync would change anything, the report of one that finds nothing to do, and what the
        collection had to say (a damaged manifest rebuilt). Writes no article to the index."""
        pending, report = self.index.sync_plan(self.sources())
        return pending, report, self.collection.notice

    def _build_table(self, documents: int) -> bool:
        """Make the table of names of the index as it is now in a process of its own and keep it in the table
        file, when this library asks for that (elsewhere_from) and has that many `documents`; True when
        it did."""
        least = self.elsewhere_from
        if least is None or documents < least:
            return False
        from reader_app.core.entities.table_file import TABLE_FILE
        from reader_app.core.search.table_child import build_elsewhere

        return build_elsewhere(self.index.folder, self.paths.cache / TABLE_FILE)

    # --- reading --------------------------------------------------------------------------------

    def list_articles(self, *, lede: bool = False, make: Callable[[dict], Any] | None = None) -> list:
        """Every article's summary, newest first; with `lede`, each also carries its opening lines. `make`
        turns each summary into what the caller keeps (the window's list rows) as it is read, so that the
        summaries of a big library are never all in memory at once (100 MB at 100,000 articles)."""

        def read() -> list:
            keyed = []
            for d in self.index.each_summary(lede):
                summary = stored_summary(d)
                if lede:
                    summary["lede"] = d.get("lede") or ""
                keyed.append(((d.get("date") or "", d.get("title") or ""), make(summary) if make else summary))
            # in pieces: one sort of 100,000 keys held the interpreter for 60 ms, the window's thread with it
            keyed = sort_in_pieces(keyed, key=itemgetter(0), reverse=True)
            return [value for _key, value in keyed]

        return self._recovering(read)

    def resolve_id(self, article_id: str) -> str:
        article_id = article_id.strip()
        if article_id and self.index.document(article_id):
            return article_id
        matches = self.index.ids_with_prefix(article_id) if article_id else []
        matches = [m for m in matches if self.index.document(m)]  # a deleted id lingers in the term list
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise ArticleNotFound(f"'{article_id}' matches several articles: {', '.join(matches)}")
        raise ArticleNotFound(self._why_not_found(article_id))

    def _why_not_found(self, article_id: str) -> str:
        """ "no article with id …", or that the article was removed, when the removals noted since
        (collection/removed.py) or the bookmarks it left (orphans, for removals before that) know the id."""
        from reader_app.core.collection import removed

        gone = removed.find(self.paths.data, article_id) if article_id else None
        if gone is not None and self.index.document(gone["id"]) is None:
            title = f" ({gone['title']})" if gone.get("title") else ""
            when = f" on {gone['removed'][:10]}" if isinstance(gone.get("removed"), str) else ""
            return f"article '{gone['id']}'{title} was removed from the library{when}"
        if article_id and self.paths.bookmarks_db.exists():
            try:
                known = [a for a in self.bookmarks.article_ids() if a.startswith(article_id)]
            except Exception:  # an unreadable bookmark store only leaves the plain answer
                known = []
            if len(known) == 1 and self.index.document(known[0]) is None:
                return f"article '{known[0]}' was removed from the library (its bookmarks are kept)"
        return f"no article with id '{article_id}'"

    def article(self, article_id: str) -> Article:
        """The clean article, re-read from its file (for inline marks), else from the index."""
        aid = self.resolve_id(article_id)
        doc = self.index.document(aid)
        assert doc is not None
        try:
            article = read_article(Path(doc["file"]), article_id=aid, origin=doc["path"],
                                   known_outlet=doc.get("outlet") or "", cleaning=self.index.cleaning)
            apply_details(article, doc.get("details") or {})
        except ArticleReadError:
            article = Article(
                id=aid, title=doc["title"], outlet=doc.get("outlet") or None, byline=doc.get("byline") or None,
                date=doc.get("date") or None, url=doc.get("url") or None,
                paragraphs=[Paragraph(t) for t in doc["body"].split("\n\n") if t],
                path=doc["path"], title_derived=bool(doc.get("title_derived")),
                encoding=doc.get("encoding") or "utf-8", content_hash=doc.get("hash") or "",
            )
        article.added = doc.get("added") or None
        article.edited = sorted(doc.get("details") or {})
        return article

    def edit_details(self, article_id: str, changes: dict[str, str], reset: bool = False) -> Article:
        """Correct an article's details (title, outlet, byline, date, url; "" clears one) or, with `reset`,
        go back to what its file says. The corrections are kept beside the library (core/details.py), the
        article is indexed again with them, and its bookmarks' citations follow. The text is untouched, so
        bookmarks stay where they are."""
        aid = self.resolve_id(article_id)
        try:
            checked = check_all(changes)
        except DetailsError as exc:
            raise LibraryError(str(exc))
        doc = self.index.document(aid)
        assert doc is not None
        try:  # what the file itself says: a correction equal to it is dropped, so the file rules again
            own = read_article(Path(doc["file"]), article_id=aid, origin=doc["path"])
        except ArticleReadError:
            own = None
        edits: dict[str, str | None] = dict.fromkeys(FIELDS) if reset else {}
        for name, value in checked.items():
            same = own is not None and (getattr(own, name) or "") == value
            edits[name] = None if same else value
        if edits:
            self.collection.manifest()  # a manifest of a newer reader-app (ManifestTooNew): nothing is written
            try:
                self.details.change({aid: edits})
            except LockBusy:
                raise LibraryError("another reader-app is saving article details; try again")
            self.index.sync(self.sources())
            self.after_index_change()
        return self.article(aid)

    def search(self, query: str, limit: int = 20, outlet: str | None = None, year: str | None = None
               ) -> SearchResult:
        """Ranked hits for a query in the search language (core/query.py HELP_TEXT), optionally only one
        outlet's or one year's; odd input gives a result with a note, never an exception."""
        if not query.strip():
            raise LibraryError("empty query")
        # not at import: the story modules (~40 ms) wait for a search
        from reader_app.core.stories import copy_groups, fold_copies

        # A few hits more than asked for, so that copies of one text folded into one hit (core/stories)
        # still leave `limit` hits. When more copies than that fold away, asked once more with room for every
        # copy that could fold away (the matches less their texts): asked again doubling, a text with 10,000
        # copies took 11 searches, each with its snippets and folding (16 s; benchmarks/README.md).
        spare = FOLD_SPARE
        texts: int | None = None
        while True:
            asked = limit + spare
            result = self._recovering(partial(self.engine.search, query, limit=asked, outlet=outlet, year=year))
            fetched = len(result.hits)
            kept = fold_copies(self, result.hits, fetched)
            folded = fetched - len(kept)
            if texts is None:
                groups = copy_groups(self)
                texts = groups.count_texts(result.matched) if groups and result.matched else None
            if len(kept) >= limit or fetched < asked or fetched >= result.total \
                    or (texts is not None and len(kept) >= texts):  # every text matched is there
                break
            more = len(result.matched) - texts if texts is not None else 0
            spare = max(spare + max(folded, FOLD_SPARE), FOLD_SPARE + more)
        # A folded copy is not a result of its own: the count says what the list shows once every hit is
        # fetched ("12 results" of 12 hits, not 13), counted over every match, whatever the limit.
        if texts is not None and texts < len(result.matched):
            # people, organisations and places: in how many texts, as the count (a copy counted each time,
            # 2,000 copies of one article named her in "2000" of the 1 result)
            result.facets.update(self.entity_facets(result.matched))
            # outlets and years too: in how many texts (a text in two outlets counts in each), as a search
            # filtered to one of them would count its results
            where = result.matched_where() if result.matched_where is not None else []
            for n, name in enumerate(("outlet", "year")):
                if name in result.facets and len(where) == len(result.matched):
                    counts = groups.texts_by(result.matched, (w[n] for w in where))
                    result.facets[name] = {k: counts[k] for k in result.facets[name] if k in counts}
        result.matched_where = None
        result.total = max(len(kept), texts if texts is not None else result.total - folded)
        result.hits = kept[:limit]
        return result

    def related(self, article_id: str, limit: int = 8) -> list[Hit]:
        """Articles like this one ("more like this"), best first: by the story vectors once the stories are
        computed (they agree with the BBC's sections more often, benchmarks/README.md), else by the index."""
        aid = self.resolve_id(article_id)
        from reader_app.core.stories import related_hits  # not at import: as in search()

        found = related_hits(self, aid, limit)
        if found is not None:
            return found
        return self._recovering(lambda: self.engine.related(aid, limit=limit))

    def story_of(self, article_id: str, build: bool = True) -> str | None:
        """The title of the story thread an article belongs to (None when it is in none, or gone): the
        bookmarks dossier groups by it, entity pages list it. May build the stories (seconds on a large library
        the first time): call it off the GUI thread. `build=False` only reads the stories computed last (the
        window's pane, which must not hold its process for a build: the window builds them in a child)."""
        from reader_app.core.stories import thread_of  # not at import: as in search()

        thread = thread_of(self, article_id, build)
        return thread.title if thread is not None else None

    def entities(self, kind: str | None = None, limit: int | None = None) -> list[dict]:
        """People, organisations and places across the library, most articles first:
        [{"name", "kind", "articles", "aliases"}] (core/entities); copies of one text count once, as in a
        search's facets."""
        from reader_app.core.stories import copy_groups  # not at import: as in search()

        return self._recovering(lambda: self.engine.entities(kind, limit, copy_groups(self).groups))

    def entity_facets(self, article_ids: Iterable[str]) -> dict[str, dict[str, int]]:
        """The people, organisations and places most named among these articles (a filtered list):
        {"person": {name: articles}, "org": …, "place": …}, most first, as a search's facets: copies of one
        text count once, as the search's count does."""
        from reader_app.core.stories import copy_groups  # not at import: as in search()

        ids = list(article_ids)
        ids = self._recovering(lambda: copy_groups(self).one_each(ids))
        return self._recovering(lambda: self.engine.entity_facets(ids))

    def entity_profile(self, kind: str, name: str) -> dict | None:
        """One person, organisation or place: names, articles by date (copies of one text once, the earliest
        listed; "copies" counts the others, as the pane's and the search's counts leave them out), the
        entities named with it most; None when the library has no such entity."""
        from reader_app.core.stories import copy_groups  # not at import: as in search()

        profile = self._recovering(lambda: self.engine.entity_profile(kind, name))
        if profile is None:
            return None
        articles = profile["articles"]
        kept = set(self._recovering(lambda: copy_groups(self).one_each(a["id"] for a in articles)))
        profile["articles"] = [a for a in articles if a["id"] in kept]
        profile["copies"] = len(articles) - len(profile["articles"])
        return profile

    def article_entities(self, article_id: str) -> list[dict]:
        """The people, organisations and places of one article: [{"name", "kind"}]."""
        aid = self.resolve_id(article_id)
        return self._recovering(lambda: self.engine.entities_of(aid))

    def _recovering(self, read: Callable[[], T]) -> T:
        """Run a read; if the index turns out damaged (a segment, say), rebuild it once and read again.

        Only damage to the index files leads to a rebuild (index.store.is_damage): any other exception is a
        bug and goes up as it is, the index untouched. The rebuild holds the library lock, as an import does,
        so it never drops what an import in another process is adding; once the lock is ours the read is
        tried again first, as that import may have been what made it fail."""
        ok, value = _read_unless_damaged(read)
        if ok:
            return value
        log.error("index read failed", exc_info=value)
        if self.recovered:
            raise LibraryError(f"the index cannot be read ({type(value).__name__})")
        with self._library_lock():
            self.recovered = True
            self.index.close()
            ok, value = _read_unless_damaged(read)
            if ok:
                return value
            sources = self.sources()
            progress = self.on_rebuild
            if progress is not None:
                progress(0, len(sources), DAMAGED)
            try:
                self.last_report = self.index.rebuild(sources, progress, reason=DAMAGED)
            except OSError as exc2:
                self.last_report = self._rebuild_elsewhere(progress, DAMAGED, exc2)
        self.last_report.notice = self.last_report.notice or "The index was damaged and has been rebuilt."
        if self.on_rebuilt is not None:
            self.on_rebuilt(self.last_report)
        return read()

    # --- importing ------------------------------------------------------------------------------

    def import_paths(self, paths: Iterable[Path], progress: ProgressCallback | None = None,
                     cancel: Callable[[], bool] | None = None, procs: int | None = None,
                     outlet: str | None = None) -> ImportReport:
        """Copy article files into the library and index them (see core/importer.py). Bad files are reported,
        never fatal; `cancel()` returning True stops after the current file, keeping what was imported.
        `outlet` becomes the outlet of every article of the import, also of those already in the library.

        Imports hold the library lock, so two processes importing at once never lose each other's entries.
        """

        if outlet is not None:
            try:
                outlet = check_all({"outlet": outlet})["outlet"]
            except DetailsError as exc:
                raise LibraryError(str(exc))
            if not outlet:
                raise LibraryError("the outlet for the import cannot be empty")
        from reader_app.core.collection import importer

        report = ImportReport()
        with self._library_lock():
            counted = importer.run_import(self.collection, self.index, paths, report, progress, cancel, procs, outlet)
            mark("run_import done")
            if report.added or report.updated:
                self.after_index_change()
                mark("after_index_change")
                self.learn_furniture(counted)  # footers the new articles share with earlier ones of their outlet
                mark("learn_furniture")
            if outlet and report.duplicates:  # articles already here take the outlet too
                sync = self.index.sync(self.sources(), progress)
                if sync.updated:
                    self.after_index_change()
        if report.added:
            self.adopt_orphans(aid for _, aid in report.added)
        mark("adopt_orphans")
        return report

    @contextlib.contextmanager
    def _library_lock(self) -> Iterator[None]:
        waited = lock_timeout()
        lock = file_lock(self.paths.data / "library.lock", timeout=waited)
        try:
            lock.__enter__()
        except LockBusy:
            raise LibraryError(f"another reader-app is importing or removing articles (waited {waited:g} s); "
                               "try again when it is done")
        try:
            yield
        finally:
            lock.__exit__(None, None, None)

    def remove(self, article_id: str, learn: bool = True) -> None:
        """Take an imported article out (`remove_many` of one: LibraryError when it cannot be). With `learn`,
        the learnt furniture is brought up to date at once (a line learnt only from it is furniture no more,
        and the articles it was taken from show it again); a caller removing many passes False and calls
        relearn() once after them."""
        aid = self.resolve_id(article_id)  # ArticleNotFound as it is, for an unknown id
        removed, failed = self.remove_many([aid], learn)
        if not removed:
            raise LibraryError(failed[0][1] if failed else f"no article with id {aid!r}")

    def remove_many(self, article_ids: Iterable[str], learn: bool = True) -> tuple[list[str], list[tuple[str, str]]]:
        """Take imported articles out in one batch: one lock, one manifest write, one index commit, one
        re-anchoring and (with `learn`) one furniture update; the same result as removing them one by one
        (1,000 took a minute that way). Returns the ids removed, in order, and (id as given, reason) of each
        one that could not be (a seed, an unknown id), which keeps none of the others from going."""
        removed: list[str] = []
        failed: list[tuple[str, str]] = []
        with self._library_lock():
            manifest = self.collection.manifest()
            files: list[str] = []
            gone: set[str] = set()
            for given in article_ids:
                if given.strip() in gone:
                    continue  # named twice: removed with the first (no "no article with id" for it)
                try:
                    aid = self.resolve_id(given)
                except LibraryError as exc:
                    failed.append((given, str(exc)))
                    continue
                if aid in gone:  # named twice, once by a prefix
                    continue
                if aid not in manifest:
                    failed.append((given, "shipped seed articles cannot be removed"))
                    continue
                files.append(manifest.pop(aid)["file"])
                removed.append(aid)
                gone.add(aid)
            if not removed:
                return removed, failed
            titles = [(aid, (self.index.document(aid) or {}).get("title") or "") for aid in removed]
            self.collection.save_manifest(manifest)
            from reader_app.core.collection import removed as removals

            removals.note(self.paths.data, titles)
            corrected = self.details.load()
            if forget := [a for a in removed if a in corrected]:
                self.details.change({a: dict.fromkeys(FIELDS) for a in forget})
            for name in files:
                if plain_name(name):  # never a file outside the library, whatever the manifest says
                    with contextlib.suppress(FileNotFoundError):
                        os.remove(self.paths.library / name)
            self.index.sync(self.sources())
            self.after_index_change()
            if learn:
                self.learn_furniture()
        return removed, failed

    def relearn(self) -> set[str]:
        """learn_furniture under the library lock: after removals made with learn=False."""
        with self._library_lock():
            return self.learn_furniture()

    # --- furniture: learnt from the library, and paragraphs put back (core/furniture.py) ------------

    def learn_furniture(self, counted: Counted | None = None) -> set[str]:
        """Learn the lines that recur across an outlet's articles and clean that outlet's articles again with
        them (never stops the caller). Only the articles not counted yet are read (core/articles/learning.py),
        except those an import just worked out (`counted`); the ones cleaned again are parsed in one batch and
        replaced in one commit. The ids cleaned again."""
        import sqlite3

        from reader_app.core.articles import learning

        try:
            ids = learning.learn(self.paths.data, self.index.hashes_and_outlets(), self._blocks_of, counted)
            self.index.cleaning = furniture.Cleaning.load(self.paths.data)
            if ids and self.reclean(ids):
                self.after_index_change()
            return ids
        except (OSError, IndexBusyError, sqlite3.Error) as exc:
            log.warning("could not learn furniture: %s", exc)
            return set()

    def reclean(self, ids: Iterable[str], procs: int | None = None) -> list[str]:
        """Clean these articles again from their files (learnt furniture changed), in one batch: parsed as an
        import parses (in its worker processes when there are many) and replaced in the index in one commit.
        The ids replaced."""
        from reader_app.core.collection import importer

        wanted = set(ids)
        sources = [src for src in self.sources() if src.article_id in wanted]
        return importer.reclean(self.collection, self.index, sources, procs) if sources else []

    def _blocks_of(self, ids: list[str], learnt: set[str]) -> Iterator[tuple[str, str | None, list[str]]]:
        """(id, path, blocks) of these articles as the classifier left them, for learning: the story as indexed
        (no file read again), unless a group of the article has learnt furniture, which the index's text lacks:
        then its file is parsed again without it."""
        plain = furniture.Cleaning(furniture.LearntFurniture(), self.index.cleaning.restored
                                   if self.index.cleaning else furniture.Restored())
        for doc in self.index.documents(ids):
            body = doc.get("body")
            path = doc.get("path")
            if not isinstance(body, str):
                continue
            if learnt.intersection(furniture.groups_of(doc.get("outlet") or None, path)):
                try:
                    body = read_article(Path(doc["file"]), article_id=doc["id"], origin=path, cleaning=plain).text
                except (ArticleReadError, OSError):
                    pass  # the file is gone: the text as indexed is all there is
            yield doc["id"], path, body.split("\n\n")

    def restore_paragraph(self, article_id: str, number: int) -> str:
        """Put back removed block `number` (from 1, in `Article.removed` order); remembered in the data folder
        across re-imports and rebuilds. The text put back."""
        return self.restore_paragraphs(article_id, [number])[0]

    def restore_removed(self, article_id: str, text: str) -> str:
        """Put back the removed block reading `text`: what a click on one of them names, as its number changes
        when another is put back first (the window sends its put backs one after another, each found by its
        text as the article is then). A block already put back is left as it is."""
        article = self.article(article_id)
        numbers = [i for i, block in enumerate(article.removed, 1) if block.text == text][:1]
        if not numbers:
            if text in article.text:
                return text
            raise LibraryError("that paragraph is no longer among the removed text of this article")
        return self._restore(article, numbers)[0]

    def restore_paragraphs(self, article_id: str, numbers: list[int]) -> list[str]:
        """Put back removed blocks `numbers` (each from 1, all in `Article.removed` order as it is now, so that
        one list read once serves them all); nothing is put back when one number is out of range."""
        return self._restore(self.article(article_id), numbers)

    def _restore(self, article: Article, numbers: list[int]) -> list[str]:
        """restore_paragraphs for an article already read (restore_removed has just read it)."""
        for number in numbers:
            if not 1 <= number <= len(article.removed):
                raise LibraryError(f"no removed paragraph {number} in this article (it has {len(article.removed)})")
        texts = [article.removed[n - 1].text for n in dict.fromkeys(numbers)]
        restored = furniture.Restored.load(self.paths.data)
        added = [restored.add(article.id, text) for text in texts]  # each one, not only until one is new
        if any(added):
            try:
                restored.save(self.paths.data)
            except OSError as exc:
                raise LibraryError(f"cannot remember it in {furniture.RESTORED_FILE}: {describe_os_error(exc)}")
            self.index.cleaning = furniture.Cleaning.load(self.paths.data)
            if self.index.sync(self.sources(), force={article.id}).updated:
                self.after_index_change()
        return texts

    # --- bookmarks ------------------------------------------------------------------------------

    @property
    def bookmarks(self) -> BookmarkStore:
        """The bookmark store, opened on first use; its `notice` says when it was repaired or is read-only."""
        if self._bookmarks is None:
            from reader_app.core.bookmarks import BookmarkStore

            self._bookmarks = BookmarkStore(self.paths)
            # Put back from a backup: it may name articles removed since. (An index not usable yet is built
            # at open, which re-checks the bookmarks then: every article would look gone now.)
            if self._bookmarks.db.restored and self.index.problem() is None:
                self.after_index_change()
        return self._bookmarks

    def bookmarks_for(self, article: Article) -> list[Bookmark]:
        """The article's bookmarks, placed in its text as it is now (re-anchored if the text changed)."""
        details = {"title": article.title, "outlet": article.outlet, "date": article.date, "url": article.url,
                   "byline": article.byline}
        return self.bookmarks.reanchor_article(article.id, article.text, details)

    def refresh_bookmarks(self, article_ids: Iterable[str] | None = None) -> None:
        """Re-anchor the bookmarks of articles whose text changed; orphan those whose article is gone."""
        store = self.bookmarks
        for aid in (store.article_ids() if article_ids is None else article_ids):
            doc = self.index.document(aid)
            if doc is None:
                store.orphan_article(aid)
            else:
                store.reanchor_article(aid, doc["body"], {k: doc.get(k) or None for k in ("title", "outlet", "date", "url", "byline")})

    def after_index_change(self) -> None:
        """Re-anchor bookmarks after articles were added, changed or removed (never stops the caller)."""
        if self._bookmarks is None and not self.paths.bookmarks_db.exists():
            return
        try:
            self.refresh_bookmarks()
        except Exception:  # bookmarks must never stop the library from opening
            log.exception("re-anchoring bookmarks failed")

    def import_bookmarks(self, data: object) -> ImportCounts:
        """Import a JSON export (already parsed); annotations from elsewhere are matched to articles by URL."""
        from reader_app.core.bookmarks import ImportCounts
        from reader_app.core.bookmarks.export import from_annotations

        urls = {d.get("url"): d["id"] for d in self.index.all_documents() if d.get("url")}
        mended: list[str] = []
        bookmarks, failed = from_annotations(data, urls.get, mended)
        texts: dict[str, tuple[str, str] | None] = {}  # article id -> (text, hash), looked up once
        for b in bookmarks:
            self._check_anchor(b, texts)
        counts = self.bookmarks.import_bookmarks(bookmarks) if bookmarks else ImportCounts()
        counts.failed, counts.mended = failed, mended
        self.refresh_bookmarks({b.article_id for b in bookmarks})
        return counts

    def _check_anchor(self, b: Bookmark, texts: dict[str, tuple[str, str] | None]) -> None:
        """An imported anchor is trusted only where its offsets hold its quote in the article as it is now;
        otherwise it is placed again from the quote and its context (or kept as an orphan)."""
        from reader_app.core.bookmarks.anchoring import text_hash

        if b.article_id not in texts:
            doc = self.index.document(b.article_id)
            texts[b.article_id] = (doc["body"], text_hash(doc["body"])) if doc is not None else None
        known = texts[b.article_id]
        if known is None:
            return  # the article is not here: it stays as it came (an orphan when refreshed)
        text, digest = known
        if 0 <= b.start < b.end <= len(text) and text[b.start:b.end] == b.quote:
            b.text_hash = digest
        else:
            b.text_hash = ""  # refresh_bookmarks re-anchors it: a different hash means "place me again"

    def adopt_orphans(self, article_ids: Iterable[str]) -> int:
        """Orphans whose article is gone are attached to a newly added article holding their text (the
        same text hash, or their quote): the same story imported again from another path. Returns how many."""
        if self._bookmarks is None and not self.paths.bookmarks_db.exists():
            return 0
        adopted = 0
        try:
            # Most imports find no orphan waiting: then no article is read back (3 ms each from the index).
            if not self.bookmarks.has_orphans():
                return 0
            for aid in article_ids:
                doc = self.index.document(aid)
                if doc is not None:
                    details = {k: doc.get(k) or None for k in ("title", "outlet", "date", "url")}
                    adopted += self.bookmarks.adopt_orphans(aid, doc["body"], details,
                                                            lambda a: self.index.document(a) is None)
        except Exception:  # bookmarks must never stop an import
            log.exception("attaching orphaned bookmarks failed")
        return adopted

    def wipe_index(self) -> None:
        self.index.close()
        shutil.rmtree(self.paths.index, ignore_errors=True)


def _read_unless_damaged(read: Callable[[], T]) -> tuple[bool, Any]:
    """(True, what `read` returned), or (False, the exception) when it found the index damaged; a bug or a
    LibraryError goes up as it is."""
    try:
        return True, read()
    except LibraryError:
        raise
    except Exception as exc:
        if not is_damage(exc):
            raise
        return False, exc


def _check_files(conn: Connection, paths: AppPaths, seeds: Path) -> None:
    """A Child's work (by name): whether the library's files are as its index has them. Sends (the report of a
    sync with nothing to do when they are, else None, and the collection's notice): None for changes, a notice
    or a failure, and the caller syncs."""
    from reader_app.core.storage.children import background

    background()
    answer: IndexReport | None = None
    notice: str | None = None
    try:
        library = Library(paths, seeds)
        if not library.index.problem():  # else the sync rebuilds the index: not for this process to tell
            pending, report, notice = library.sync_plan()
            if not pending and not notice:
                answer = report
    except Exception:
        log.exception("the files could not be checked")
    conn.send((answer, notice))
