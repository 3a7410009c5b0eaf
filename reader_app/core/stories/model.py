"""What story grouping produces: threads of articles, their events and copies, as plain data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """The few facts of an article a thread needs (no text). Slots: a library holds 100,000 of them."""

    id: str
    title: str
    outlet: str | None
    date: str | None  # ISO 8601, possibly only a year or a month; None when the article carries none
    hash: str = ""  # the text's hash when the stories were computed


def timeline_key(a: StoryArticle) -> tuple:
    """Date order, undated articles last; ties by headline then id, so the order never varies. A date known
    to the year or month only comes after the full dates of that year or month ("2021" after "2021-12-31",
    before "2022"): what it tells is that the article was out by then."""
    date = a.date or ""
    return (a.date is None, date + "~" if 0 < len(date) < 10 else date, a.title, a.id)


@dataclass
class Thread:
    """Articles about one ongoing story (across outlets and months), in date order, with its events (articles
    reporting the same happening) and its groups of copies."""

    id: str
    title: str
    articles: list[str]
    outlets: list[str]
    first: str | None
    last: str | None
    events: list[list[str]] = field(default_factory=list)
    duplicates: list[list[str]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "articles": list(self.articles), "outlets": list(self.outlets),
                "first": self.first, "last": self.last, "events": [list(e) for e in self.events],
                "duplicates": [list(d) for d in self.duplicates]}

    @classmethod
    def from_dict(cls, d: dict) -> Thread:
        return cls(id=d["id"], title=d["title"], articles=list(d["articles"]), outlets=list(d["outlets"]),
                   first=d.get("first"), last=d.get("last"), events=[list(e) for e in d.get("events", [])],
                   duplicates=[list(x) for x in d.get("duplicates", [])])

    def event_of(self, article_id: str) -> int:
        """The number (0-based, in timeline order) of the event the article belongs to."""
        for n, event in enumerate(self.events):
            if article_id in event:
                return n
        return -1


@dataclass
class Stories:
    """One library's threads (of two or more articles, newest activity first), copies, and each article's
    nearest neighbours (for "related articles"), computed for one state of the library (`key`)."""

    key: str
    setting: str
    threads: list[Thread]
    articles: dict[str, StoryArticle]
    copies: list[list[str]] = field(default_factory=list)  # every group of copies in the library
    related: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    seconds: float = 0.0
    how: str = "build"  # "build" (from every text) or "update" (from the previous stories, incremental.py)
    _by_article: dict[str, Thread] | None = field(default=None, repr=False, compare=False)
    _group_of: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)

    def index(self) -> Stories:
        """Build the article → thread and article → group of copies lookups now, in the worker that loads the
        stories: built on first use they cost the window's thread 0.5 s at 100,000 articles. Each article
        maps to its group's one list (a list per article of its other copies was quadratic in the group)."""
        if self._by_article is None:
            self._by_article = {a: t for t in self.threads for a in t.articles}
        if self._group_of is None:
            self._group_of = {a: g for g in self.copies for a in g}
        return self

    @property
    def indexed(self) -> bool:
        """Whether the lookups are built (see index)."""
        return self._by_article is not None and self._group_of is not None

    def thread_of(self, article_id: str) -> Thread | None:
        """The thread an article belongs to (None when it stands alone)."""
        if self._by_article is None:
            self.index()
        assert self._by_article is not None
        return self._by_article.get(article_id)

    def thread(self, thread_or_article_id: str) -> Thread | None:
        """A thread by its id or by any of its articles' ids."""
        for t in self.threads:
            if t.id == thread_or_article_id:
                return t
        return self.thread_of(thread_or_article_id)

    def related_to(self, article_id: str, limit: int = 10) -> list[tuple[str, float]]:
        """The articles most like this one (by the same vectors as the threads), best first; a copy has its
        text's neighbours, and no copy of the article itself is among them."""
        own = {article_id, *self.copies_of(article_id)}
        near = self.related.get(article_id)
        if near is None:
            near = next((self.related[c] for c in self.copies_of(article_id) if c in self.related), [])
        return [(b, s) for b, s in near if b not in own][:limit]

    def count_texts(self, article_ids: Iterable[str]) -> int:
        """How many distinct texts these articles are: the copies of one text count once."""
        if self._group_of is None:
            self.index()
        group_of = self._group_of
        assert group_of is not None
        return len({g[0] if (g := group_of.get(a)) else a for a in article_ids})

    def copies_of(self, article_id: str) -> list[str]:
        """The other copies of an article (empty when it has none)."""
        if self._group_of is None:
            self.index()
        assert self._group_of is not None
        group = self._group_of.get(article_id)
        return [b for b in group if b != article_id] if group else []
