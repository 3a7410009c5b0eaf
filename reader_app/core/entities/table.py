"""The library's entities for one state of the index: counts, facets, search terms, per-article names.

Built from the index's `entities` column (one JSON value per article, core/entities/model.py) and the
article ids, once per index state (the search engine keeps it with its searcher). No Whoosh here.
"""

from __future__ import annotations

import gc
import heapq
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain

from reader_app.core.entities.aliases import Clusters
from reader_app.core.entities.model import KINDS, ArticleEntity, Row

FACET_LIMIT = 50  # entities per kind in a search's facets (most frequent first); the rest are still searchable


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while building many long-lived objects (a 20,000-article table takes
    a fifth of the time without it); collection resumes as it was."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class EntityTable:
    """Every article's entities (`per_doc`, by document number; `ids` "" for a deleted one) joined by name."""

    def __init__(self, ids: list[str], per_doc: Iterable[list[ArticleEntity] | list[Row]]):
        self.ids = ids
        self._docnums: dict[str, int] | None = None  # id -> document number, for facets_of
        self._all: Counter | None = None  # every name's articles in the library, for facets
        self.clusters = Clusters()
        docs = [self.clusters.add(ents) if ids[d] else () for d, ents in enumerate(per_doc)]
        self.clusters.finish(docs)
        named: dict[tuple[str, str], tuple[str, str]] = {}  # node -> (kind, library name), shared by all docs
        self.by_doc: list[tuple[tuple[str, str], ...]] = []
        for nodes in docs:
            names: dict[tuple[str, str], None] = {}  # in order, without repeats
            for node in nodes:
                lib = named.get(node)
                if lib is None:
                    lib = named[node] = self.clusters.library_key(node)
                names[lib] = None
            self.by_doc.append(tuple(names))

    def facets(self, docs: Iterable[int]) -> dict[str, dict[str, int]]:
        """{"person": {name: articles}, "org": …, "place": …} over these documents, most first."""
        n = len(self.by_doc)
        wanted = docs if isinstance(docs, (set, frozenset)) else set(docs)
        if wanted and (max(wanted) >= n or min(wanted) < 0):
            wanted = {d for d in wanted if 0 <= d < n}
        if 2 * len(wanted) > n:
            # most of the library (a broad or a gist query): the library's counts less those of the articles
            # left out, which are fewer to count; the same counts exactly
            counts = self._all_counts().copy()
            counts.subtract(self._count(frozenset(range(n)) - wanted))
        else:
            counts = self._count(wanted)
        return self._ranked(counts)

    def _count(self, docs: Iterable[int]) -> Counter:
        """(kind, name) -> articles among `docs`, counted in C (Counter over the chained per-article names)."""
        return Counter(chain.from_iterable(map(self.by_doc.__getitem__, docs)))

    def _all_counts(self) -> Counter:
        """Every name's articles in the whole library (once per index state)."""
        if self._all is None:
            self._all = self._count(range(len(self.by_doc)))
        return self._all

    @staticmethod
    def _ranked(counts: Counter) -> dict[str, dict[str, int]]:
        """Per kind, the FACET_LIMIT names in most articles (ties by name, case-blind), most first. Only the names
        that can make the cut are sorted: those at least as frequent as the FACET_LIMIT-th."""
        per_kind: dict[str, list[tuple[str, int]]] = {k: [] for k in KINDS}
        for (kind, name), c in counts.items():
            if c > 0:
                per_kind[kind].append((name, c))
        out: dict[str, dict[str, int]] = {}
        for kind, items in per_kind.items():
            if len(items) > FACET_LIMIT:
                floor = heapq.nlargest(FACET_LIMIT, (c for _, c in items))[-1]
                items = [nc for nc in items if nc[1] >= floor]
            out[kind] = dict(sorted(items, key=lambda nc: (-nc[1], nc[0].casefold(), nc[0]))[:FACET_LIMIT])
        return out

    def facets_of(self, article_ids: Iterable[str]) -> dict[str, dict[str, int]]:
        """facets() over the articles with these ids (a filtered list; ids not in the index are skipped)."""
        if self._docnums is None:  # built on first need: one dict per index state
            self._docnums = {aid: d for d, aid in enumerate(self.ids) if aid}
        docnums = self._docnums
        return self.facets(d for aid in article_ids if (d := docnums.get(aid)) is not None)

    def terms(self, kind: str, text: str) -> list[str]:
        """The indexed names (person/org/place field terms) of the entities `text` names."""
        return self.clusters.members(kind, text)

    def ranked(self, kind: str | None = None, limit: int | None = None) -> list[dict]:
        """Library entities, most articles first: {"name", "kind", "articles", "aliases"}."""
        out = [{"name": g["name"], "kind": g["kind"], "articles": g["articles"], "aliases": g["aliases"]}
               for g in self.clusters.ranked(kind)]
        return out[:limit] if limit is not None else out

    def profile(self, kind: str, name: str, limit: int = 12) -> dict | None:
        """One library entity (by any of its names): {"name", "kind", "aliases", "docnums": the documents
        naming it, "with": the entities named beside it most often, [{"name", "kind", "articles"}]}."""
        groups = self.clusters.lookup(kind, name)
        if not groups:
            return None
        g = groups[0]
        key = (g["kind"], g["name"])
        docnums = [d for d, names in enumerate(self.by_doc) if key in names]
        together: Counter = Counter()
        for d in docnums:
            together.update(n for n in self.by_doc[d] if n != key)
        ranked = sorted(together.items(), key=lambda kv: (-kv[1], kv[0][1].casefold()))[:limit]
        return {"name": g["name"], "kind": g["kind"], "aliases": g["aliases"], "docnums": docnums,
                "with": [{"name": n, "kind": k, "articles": c} for (k, n), c in ranked]}

    def of_doc(self, docnum: int) -> list[dict]:
        """One article's entities by their library names: [{"name", "kind"}], most mentioned first."""
        if docnum >= len(self.by_doc):
            return []
        return [{"name": name, "kind": kind} for kind, name in self.by_doc[docnum]]
