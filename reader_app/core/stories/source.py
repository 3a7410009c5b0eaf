"""The one place story grouping reaches into the rest of the core: the library's articles as `Record`s,
the key of the library's current state, and where the cache file lives.

Kept small on purpose so that the package tree can be regrouped without touching the algorithms.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from reader_app.core.yielding import with_pauses

if TYPE_CHECKING:
    from reader_app.core.library import Library
    from reader_app.core.search.results import Hit
    from reader_app.core.stories.build import Record

CACHE_FILE = "stories.json"


def cache_path(library: Library) -> Path:
    """The stories cache, kept in the data folder beside the index."""
    return library.paths.data / CACHE_FILE


def _column(reader, fieldname: str) -> list[str]:
    return [v.decode("utf-8", "replace") if isinstance(v, bytes) else (v or "")
            for v in with_pauses(reader.column_reader(fieldname))]  # a file read every few values


def id_hashes(library: Library) -> list[tuple[str, str]]:
    """(id, hash of what it shows) of every article, read from the index's columns (no stored text is read):
    the hash changes when the file does, and also when its text is cleaned again or its details corrected."""
    with library.index.searcher() as s:
        reader = s.reader()
        ids, hashes = _column(reader, "id"), _column(reader, "shown")
        return [(ids[n], hashes[n]) for n in reader.all_doc_ids()]


def records(library: Library) -> Iterator[Record]:
    """Every article as a Record, in id order, one at a time."""
    from reader_app.core.stories.build import Record  # here, not at import: cache_path and id_hashes need no build

    with library.index.searcher() as s:
        reader = s.reader()
        ids = _column(reader, "id")
        for n in sorted(reader.all_doc_ids(), key=lambda n: ids[n]):
            yield _record(s.stored_fields(n), Record)


@contextmanager
def reading(library: Library) -> Iterator[Callable[[Iterable[str]], Iterator[Record]]]:
    """read(ids): the articles with these ids (those in the library) as Records in id order, one at a time,
    from one view of the index, for as long as the block lasts."""
    from reader_app.core.stories.build import Record

    with library.index.searcher() as s:
        reader = s.reader()
        ids = _column(reader, "id")
        docnum = {ids[n]: n for n in reader.all_doc_ids()}

        def read(wanted: Iterable[str]) -> Iterator[Record]:
            for aid in sorted(a for a in set(wanted) if a in docnum):
                yield _record(s.stored_fields(docnum[aid]), Record)

        yield read


def record(library: Library, article_id: str) -> Record:
    """One article (its id already resolved) as a Record."""
    from reader_app.core.stories.build import Record

    doc = library.index.document(article_id)
    if doc is None:
        from reader_app.core.errors import ArticleNotFound

        raise ArticleNotFound(f"no article with id '{article_id}'")
    return _record(doc, Record)


def _record(doc: dict, make: type[Record]) -> Record:
    return make(id=doc["id"], title=doc.get("title") or "", outlet=doc.get("outlet") or None,
                date=doc.get("date") or None, hash=doc.get("shown") or "", body=doc.get("body") or "")


def hit(library: Library, article_id: str, score: float) -> Hit | None:
    """A related-article hit (summary and opening lines) for an article still in the library."""
    from reader_app.core.search.hits import make_hit
    from reader_app.core.search.snippets import best_passage

    doc = library.index.document(article_id)
    if doc is None:
        return None
    return make_hit(doc, score, best_passage(doc.get("lede") or "", lambda w: None))
