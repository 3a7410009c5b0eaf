"""The library's entities for one state of the index: counts, facets, search terms, per-article names.

Built from the index's `entities` column (one JSON value per article, core/entities/model.py) and the
article ids, once per index state (the search engine keeps it with its searcher). No Whoosh here.
"""

from __future__ import annotations

import gc
import heapq
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain, islice

from reader_app.core.entities.aliases import Clusters
from reader_app.core.entities.model import KINDS, ArticleEntity, Row, decode_rows
from reader_app.core.yielding import let_others_run

COUNT_PIECE = 4096  # articles whose names one C call counts (a few milliseconds; see EntityTable._count)

FACET_LIMIT = 50  # entities per kind in a search's facets (most frequent first); the rest are still searchable


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while building many long-lived objects (a 20,000-article table takes
    a fifth of the time without it); collection resumes as it was, with what was built frozen (gc.freeze).

    Left in the youngest generation, the whole table would be walked by the first collection after the
    pause, then again by the next older one, each in one go while holding the interpreter: 20-25 ms each at
    20,000 articles, several times that at 100,000, and the window's thread waited that long. A build makes
    no reference cycles and the table holds none (tested), so freezing keeps nothing alive that reference
    counting would not free when the table is dropped."""
    was = gc.isenabled()
    if was:
        gc.collect(1)  # the young garbage of before the build (a small walk), so that it is not frozen with it
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


class EntityTable:
    """Every article's entities (`per_doc`, by document number; `ids` "" for a deleted one) joined by name.

    `from_column` builds one from the index's column values and can carry the counting over from the previous
    index state's table: only the articles added or changed since are decoded and counted, the removed or
    changed ones taken back out, then the names are joined again over the library (`Clusters.finish`, which
    is global: one new article can rename or join names of old ones). The result equals a join from scratch.
    """

    def __init__(self, ids: list[str], per_doc: Iterable[list[ArticleEntity] | list[Row]] = (),
                 clusters: Clusters | None = None, docs: list[tuple[tuple[str, str], ...]] | None = None,
                 base: EntityTable | None = None, earlier: list[tuple | None] | None = None):
        self.ids = ids
        self._docnums: dict[str, int] | None = None  # id -> document number, for facets_of
        # the over-counts of the last groups of copies asked about, with those groups: the window asks on every
        # article it opens (its names' aliases), and at 100k there are tens of thousands of copies to go over
        self._over_memo: tuple[object, Counter] | None = None
        self._order: dict[str, list[tuple[tuple[str, str], int]]] | None = None  # for facets, built on need
        # id -> (stamp, column value, its nodes): what the next index state's table carries over (from_column)
        self.carried: dict[str, tuple[Hashable, bytes, tuple[tuple[str, str], ...]]] | None = None
        self.decoded = 0  # articles decoded and counted for this table (the rest carried over)
        if clusters is None or docs is None:
            clusters = Clusters()
            docs = [clusters.add(ents) if ids[d] else () for d, ents in enumerate(per_doc)]
            self.decoded = sum(1 for d in docs if d)
        self.clusters = clusters
        self.clusters.finish(None)
        # an article carried over from `base` whose names all kept their library name keeps its names
        # (`earlier`: its names there, by document number here); the others are looked up
        renamed = clusters.renamed_since(base.clusters) if base is not None and earlier is not None else None
        named: dict[tuple[str, str], tuple[str, str]] = {}  # node -> (kind, library name), shared by all docs
        self.by_doc: list[tuple[tuple[str, str], ...]] = []
        for d, nodes in enumerate(docs):
            if renamed is not None and earlier is not None:
                kept = earlier[d]
                if kept is not None and renamed.isdisjoint(nodes):
                    self.by_doc.append(kept)
                    continue
            names: dict[tuple[str, str], None] = {}  # in order, without repeats
            for node in nodes:
                lib = named.get(node)
                if lib is None:
                    lib = named[node] = self.clusters.library_key(node)
                names[lib] = None
            self.by_doc.append(tuple(names))
        # articles per library name: an article naming two of its spellings counts once (by_doc has no repeats).
        # Counted a few thousand articles at a time: Counter counts in one C call that holds the interpreter,
        # 100-135 ms for 100,000 articles, and the window's thread waited as long.
        articles: Counter[tuple[str, str]] = Counter()
        for start in range(0, len(self.by_doc), 4096):
            articles.update(chain.from_iterable(self.by_doc[start:start + 4096]))
            let_others_run()
        self.clusters.set_articles(articles)

    @classmethod
    def from_column(cls, ids: list[str], value_of: Callable[[int], bytes | None], base: EntityTable | None = None,
                    stamps: Sequence[Hashable] | None = None) -> EntityTable:
        """The table of an index state from its `entities` column (`value_of(docnum)`), carrying over from
        `base`, the previous state's table, every article it had with the same value. `stamps` (by document
        number) say where a document is stored (its segment and number there, which Whoosh never rewrites):
        an article with the stamp it had is not even read again."""
        old = base.carried if base is not None else None
        carried: dict[str, tuple[Hashable, bytes, tuple[tuple[str, str], ...]]] = {}
        docs: list[tuple[tuple[str, str], ...]] = []
        decoded = live = 0
        earlier: list[tuple | None] = []
        if old is not None and base is not None:
            clusters = base.clusters.counts()
            was = {aid: d for d, aid in enumerate(base.ids) if aid}
            for d, aid in enumerate(ids):
                if not d % 256:
                    let_others_run()
                if not aid:
                    docs.append(())
                    earlier.append(None)
                    continue
                live += 1
                stamp = stamps[d] if stamps is not None else None
                prev = old.get(aid)
                if prev is not None and stamp is not None and prev[0] == stamp:
                    value, nodes = prev[1], prev[2]
                else:
                    value = value_of(d) or b""
                    if prev is not None and prev[1] == value:  # moved by a merge, the same value
                        nodes = prev[2]
                    else:  # new, or changed since: counted now (a changed one's old value is taken out below)
                        nodes = clusters.add(decode_rows(value))
                        decoded += 1
                        prev = None
                carried[aid] = (stamp, value, nodes)
                docs.append(nodes)
                earlier.append(base.by_doc[was[aid]] if prev is not None else None)
            for aid, (_stamp, value, _nodes) in old.items():
                now = carried.get(aid)
                if now is None or (now[1] is not value and now[1] != value):
                    clusters.remove(decode_rows(value))
        if old is None or base is None or len(carried) != live:  # nothing to carry (or an id twice): from scratch
            base = None
            clusters = Clusters()
            carried, docs, earlier = {}, [], []
            for d, aid in enumerate(ids):
                if not d % 256:
                    let_others_run()  # built in the window's worker while its GUI thread paints
                if not aid:
                    docs.append(())
                    continue
                value = value_of(d) or b""
                nodes = clusters.add(decode_rows(value))
                carried[aid] = (stamps[d] if stamps is not None else None, value, nodes)
                docs.append(nodes)
            decoded = len(carried)
        table = cls(ids, clusters=clusters, docs=docs, base=base, earlier=earlier if base is not None else None)
        table.carried = carried
        table.decoded = decoded
        return table

    def facets(self, docs: Iterable[int]) -> dict[str, dict[str, int]]:
        """{"person": {name: articles}, "org": …, "place": …} over these documents, most first."""
        n = len(self.by_doc)
        wanted = docs if isinstance(docs, (set, frozenset)) else set(docs)
        if wanted and (max(wanted) >= n or min(wanted) < 0):
            wanted = {d for d in wanted if 0 <= d < n}
        if 2 * len(wanted) > n:
            # most of the library (a broad or a gist query): the library's counts less those of the articles
            # left out, which are fewer to count
            left_out = self._count(frozenset(range(n)) - wanted)
            return self._walked(lambda key, total: total - left_out.get(key, 0))
        counts = self._count(wanted)
        if 4 * len(wanted) > n:  # a good part of the library: the 50th count is high enough for a short walk
            return self._walked(lambda key, total: counts.get(key, 0))
        return self._ranked(counts)

    def _walked(self, count: Callable[[tuple[str, str], int], int]) -> dict[str, dict[str, int]]:
        """The facets from `count` ((kind, name), its articles in the library -> its articles here), looking
        only at the library's most named: a name in fewer articles than the 50th best count so far cannot
        reach the list, nor can any after it. (For a search matching a good part of the library, where the 50th
        count is high: for a narrower one the walk would go far down the list.)"""
        out: dict[str, dict[str, int]] = {}
        for kind, library in self._library_order().items():
            best: list[tuple[str, int]] = []
            floor: list[int] = []  # the FACET_LIMIT best counts so far (a heap)
            for key, total in library:
                if len(floor) == FACET_LIMIT and total < floor[0]:
                    break
                c = count(key, total)
                if c <= 0:
                    continue
                best.append((key[1], c))
                if len(floor) < FACET_LIMIT:
                    heapq.heappush(floor, c)
                elif c > floor[0]:
                    heapq.heapreplace(floor, c)
            out[kind] = self._first(best)
        return out

    def _count(self, docs: Iterable[int]) -> Counter:
        """(kind, name) -> articles among `docs`, counted in C (a Counter over the chained per-article names),
        COUNT_PIECE articles per call: one call over most of 100,565 articles held the interpreter for 15-60 ms
        (the window's GUI thread waiting while a search's facets were counted in its worker)."""
        counts: Counter = Counter()
        pieces = iter(docs)
        while piece := list(islice(pieces, COUNT_PIECE)):
            counts.update(chain.from_iterable(map(self.by_doc.__getitem__, piece)))
        return counts

    def _library_order(self) -> dict[str, list[tuple[tuple[str, str], int]]]:
        """Per kind, every name ((kind, name), articles in the library), most articles first (once per index
        state)."""
        if self._order is None:
            order: dict[str, list[tuple[tuple[str, str], int]]] = {k: [] for k in KINDS}
            for key, c in self._count(range(len(self.by_doc))).items():
                order[key[0]].append((key, c))
            for ranked in order.values():
                ranked.sort(key=lambda kc: -kc[1])
            self._order = order
        return self._order

    @classmethod
    def _ranked(cls, counts: Counter) -> dict[str, dict[str, int]]:
        """Per kind, the FACET_LIMIT names in most articles, most first."""
        per_kind: dict[str, list[tuple[str, int]]] = {k: [] for k in KINDS}
        for (kind, name), c in counts.items():
            per_kind[kind].append((name, c))
        return {kind: cls._first(items) for kind, items in per_kind.items()}

    @staticmethod
    def _first(items: list[tuple[str, int]]) -> dict[str, int]:
        """The FACET_LIMIT (name, articles) most first, ties by name (case-blind, then as written). Only those
        that can make the cut are sorted: at least as frequent as the FACET_LIMIT-th."""
        if len(items) > FACET_LIMIT:
            floor = sorted([c for _, c in items], reverse=True)[FACET_LIMIT - 1]
            items = [nc for nc in items if nc[1] >= floor]
        return dict(sorted(items, key=lambda nc: (-nc[1], nc[0].casefold(), nc[0]))[:FACET_LIMIT])

    def facets_of(self, article_ids: Iterable[str]) -> dict[str, dict[str, int]]:
        """facets() over the articles with these ids (a filtered list; ids not in the index are skipped)."""
        if self._docnums is None:  # built on first need: one dict per index state
            self._docnums = {aid: d for d, aid in enumerate(self.ids) if aid}
        docnums = self._docnums
        return self.facets(d for aid in article_ids if (d := docnums.get(aid)) is not None)

    def terms(self, kind: str, text: str) -> list[str]:
        """The indexed names (person/org/place field terms) of the entities `text` names."""
        return self.clusters.members(kind, text)

    def ranked(self, kind: str | None = None, limit: int | None = None,
               copies: Iterable[Sequence[str]] = ()) -> list[dict]:
        """Library entities, most articles first: {"name", "kind", "articles", "aliases"}. `copies`: groups of
        ids that are copies of one text, counted once (a name in 2,000 copies of one article is in 1)."""
        over = self._over_counted(copies)
        out = [{"name": g["name"], "kind": g["kind"], "articles": g["articles"] - over.get((g["kind"], g["name"]), 0),
                "aliases": g["aliases"]} for g in self.clusters.ranked(kind)]
        if over:  # ranked again by the counts given, ties as Clusters.ranked
            out.sort(key=lambda g: (-g["articles"], g["name"].casefold(), g["kind"], g["name"]))
        return out[:limit] if limit is not None else out

    def _over_counted(self, copies: Iterable[Sequence[str]]) -> Counter:
        """(kind, name) -> how many more articles than texts name it, over these groups of copies: per group,
        the copies naming it less one (near-copies need not all name it)."""
        if not isinstance(copies, list | tuple):
            copies = list(copies)
        if not copies:  # no copies: nothing over-counted, and no id table made for nothing (10 MB at 100k)
            return Counter()
        memo = self._over_memo
        if memo is not None and memo[0] is copies:  # the same groups (copy_groups keeps them while unchanged)
            return memo[1]
        over: Counter = Counter()
        if self._docnums is None:
            self._docnums = {aid: d for d, aid in enumerate(self.ids) if aid}
        docnums = self._docnums
        for group in copies:
            named = self._count(d for aid in group if (d := docnums.get(aid)) is not None)
            over.update({key: c - 1 for key, c in named.items() if c > 1})
        self._over_memo = (copies, over)  # kept with the groups themselves, so their identity stays theirs
        return over

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
        ranked = sorted(together.items(), key=lambda kv: (-kv[1], kv[0][1].casefold(), kv[0]))[:limit]
        return {"name": g["name"], "kind": g["kind"], "aliases": g["aliases"], "docnums": docnums,
                "with": [{"name": n, "kind": k, "articles": c} for (k, n), c in ranked]}

    def of_doc(self, docnum: int) -> list[dict]:
        """One article's entities by their library names: [{"name", "kind"}], most mentioned first."""
        if docnum >= len(self.by_doc):
            return []
        return [{"name": name, "kind": kind} for kind, name in self.by_doc[docnum]]
