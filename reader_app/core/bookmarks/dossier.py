"""Bookmarks as evidence: a Markdown dossier grouped by story, entity or article, and CSL-JSON of its sources.

Each quote in the dossier carries its note, its tags and a citation line ending in `[@ID]`, where ID is the
source's entry in the CSL-JSON export (`csl_items`): the format Zotero, pandoc and citeproc read, one
`article-newspaper` entry per cited article with its outlet as `container-title`, its date as `issued`, its
byline as author and its URL. Articles without a date or an outlet give valid entries without those fields.
So that a source can be found again where its file gave no date or web address (a plain-text import), an
entry also says when the article was added to the library (`accessed`) and, without a URL, where its copy
in the library is (`archive_location`; the file it was imported from as `source`); the dossier's citation
line says the same.

Grouping is pluggable: a `Grouper` says under which headings a bookmark belongs. `by_article` and
`by_entity` are here; `by_story` takes whatever maps an article to its story thread (core/stories, when the
library has one), so grouping by story needs nothing more in this module.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from reader_app.core.bookmarks.markdown import blockquote as _blockquote
from reader_app.core.bookmarks.markdown import code_span, orphan_note
from reader_app.core.bookmarks.markdown import md as _md
from reader_app.core.bookmarks.model import Bookmark, now
from reader_app.core.storage.files import printable_path
from reader_app.core.wording import plural
from reader_app.paths import seeds_dir

Grouper = Callable[[Bookmark], list[str]]

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
UNDATED = "Undated"
NAMING_NOBODY = "Quotes naming no person, organisation or place"  # by entity: their own section, last


@dataclass(frozen=True)
class Grouping:
    """How a dossier is grouped: the grouper, and the word its headings stand for ("story", "entity", …)."""

    grouper: Grouper
    label: str
    note: str = ""  # said to the user when the grouping asked for could not be had


@dataclass(frozen=True)
class Holding:
    """Where the library keeps a cited article, for finding it again: when it was added (ISO 8601), its copy
    in the data folder and the file (or address) it was imported from. Unknown parts are None."""

    added: str | None = None
    copy: str | None = None
    origin: str | None = None
    shipped: str | None = None  # a seed shipped with the app: its name under seeds/ (its path is the install's)

    @property
    def kept(self) -> bool:
        """Whether the library keeps a copy of its own (not the file it was imported from, read in place)."""
        return bool(self.copy) and self.copy != self.origin


def holdings(bookmarks: Iterable[Bookmark], library) -> dict[str, Holding]:
    """The Holding of each cited article still in `library` (by article id); none for an article removed, nor
    when the library cannot tell (None, or its index damaged or closed)."""
    out: dict[str, Holding] = {}
    if library is None:
        return out
    try:
        for aid in dict.fromkeys(b.article_id for b in bookmarks):
            doc = library.index.document(aid)
            if doc is not None:
                copy, origin = doc.get("file") or None, doc.get("path") or None
                out[aid] = Holding(doc.get("added") or None, copy, origin, _shipped(copy or origin))
    except Exception:  # a damaged or closed index: the citations keep what the bookmarks remember
        return out
    return out


def _shipped(path: str | None) -> str | None:
    """`seeds/NAME` when `path` is one of the articles shipped with the app (read where the app is installed: a
    path inside a virtual environment means nothing to a reader of the dossier and changes on reinstall)."""
    if not path:
        return None
    try:
        seeds = seeds_dir().resolve()
        rel = Path(path).resolve().relative_to(seeds)
    except (OSError, ValueError):
        return None
    return f"seeds/{rel.as_posix()}"


def csl_id(b: Bookmark) -> str:
    """The CSL-JSON entry of a bookmark's article: one per article, stable across exports."""
    return "reader-app-" + b.article_id


def date_parts(date: str | None) -> list[int] | None:
    """[year, month?, day?] from an ISO 8601 date of any precision ("2021", "2021-04", "2021-04-14")."""
    m = _DATE.match(date or "")
    if not m:
        return None
    parts = [int(x) for x in m.groups() if x]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        parts = parts[:1]
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        parts = parts[:2]
    return parts


def long_date(date: str | None) -> str:
    """"14 April 2021", "April 2021", "2021"; "" when undated."""
    parts = date_parts(date)
    if not parts:
        return ""
    if len(parts) == 1:
        return str(parts[0])
    month = _MONTHS[parts[1] - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{parts[2]} {month} {parts[0]}"


def _author(byline: str) -> dict[str, str]:
    """A byline as a CSL name: "Jane Smith" is family Smith, given Jane; anything else (an agency, several
    names) is kept whole as a literal name."""
    words = byline.split()
    if 2 <= len(words) <= 3 and all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha()
                                    for w in words) and not byline.isupper():
        return {"family": words[-1], "given": " ".join(words[:-1])}
    return {"literal": byline}


def csl_item(b: Bookmark, held: Holding | None = None) -> dict:
    """The CSL-JSON entry for a bookmark's article (the details the bookmark remembers of it, and where the
    library holds it: `accessed` the day it was added; without a URL, its copy as `archive_location`)."""
    item: dict = {"id": csl_id(b), "type": "article-newspaper", "title": b.title or "Untitled article"}
    if b.outlet:
        item["container-title"] = b.outlet
    if b.byline:
        item["author"] = [_author(b.byline)]
    parts = date_parts(b.date)
    if parts:
        item["issued"] = {"date-parts": [parts]}
    if b.url:
        item["URL"] = b.url
    if held is not None:
        added = date_parts(held.added)
        if added:
            item["accessed"] = {"date-parts": [added]}
        if not b.url and held.shipped:
            item["archive"] = "reader-app (articles shipped with the app)"
            item["archive_location"] = held.shipped
        elif not b.url and (held.copy or held.origin):
            item["archive_location"] = held.copy or held.origin
            if held.kept:
                item["archive"] = "reader-app library"
                if held.origin:
                    item["source"] = held.origin
    return item


def csl_items(bookmarks: Iterable[Bookmark], held: dict[str, Holding] | None = None) -> list[dict]:
    """One CSL-JSON entry per cited article, in the order first cited (`held`: holdings, by article id)."""
    seen: dict[str, dict] = {}
    for b in bookmarks:
        if csl_id(b) not in seen:
            seen[csl_id(b)] = csl_item(b, (held or {}).get(b.article_id))
    return list(seen.values())


def citation_line(b: Bookmark, held: Holding | None = None) -> str:
    """Byline, “Headline”, Outlet, 14 April 2021, <URL> [@id] (the parts that are known); undated, the day it
    was added to the library; without a URL, where its copy is kept and the file it came from."""
    parts = [_md(b.byline)] if b.byline else []
    parts.append(f"“{_md(b.title or 'Untitled article')}”")
    if b.outlet:
        parts.append(f"*{_md(b.outlet)}*")
    if b.date:
        parts.append(long_date(b.date) or _md(b.date))
    elif held is not None and long_date(held.added):
        parts.append(f"added to the library {long_date(held.added)}")
    if b.url:
        parts.append(f"<{b.url}>")
    elif held is not None and held.shipped:  # a seed: named as shipped, not by where the app is installed
        parts.append(f"shipped with reader-app as {_path_span(held.shipped)}")
    elif held is not None and held.kept:
        parts.append(f"library copy {_path_span(held.copy or '')}")
        if held.origin:
            parts.append(f"imported from {_path_span(held.origin)}")
    elif held is not None and (held.copy or held.origin):  # read where it lies (the seeds)
        parts.append(f"file {_path_span(held.copy or held.origin or '')}")
    return ", ".join(parts) + f" [@{csl_id(b)}]"


def _path_span(path: str) -> str:
    """A file's path as a code span, its control characters escaped as the command line prints them (a newline
    as \\x0a): Markdown shows a newline in a code span as a space, so the cited path was another file's, and
    two newlines ended the paragraph. The CSL-JSON entry keeps the path exact."""
    return code_span(printable_path(path))


# --- grouping -------------------------------------------------------------------------------------

def by_article(b: Bookmark) -> list[str]:
    return [b.title or "Untitled article"]


def by_story(story_of: Callable[[str], str | None]) -> Grouper:
    """Group under each article's story thread (`story_of(article_id)` its name, None when it has none)."""
    def group(b: Bookmark) -> list[str]:
        return [story_of(b.article_id) or b.title or "Untitled article"]
    return group


def by_entity(entities_of: Callable[[str], list[dict]], aliases: dict[str, list[str]]) -> Grouper:
    """Group under the people, organisations and places a quote names (by any of their names); a quote that
    names none goes under NAMING_NOBODY (under its article's most named person it read as being about them)."""
    def group(b: Bookmark) -> list[str]:
        found = entities_of(b.article_id)
        text = " " + " ".join(b.quote.split()).casefold() + " "
        named = [e["name"] for e in found
                 if any(re.search(r"\b" + re.escape(n.casefold()) + r"\b", text) for n in
                        [e["name"], *aliases.get(e["name"], [])])]
        return named or [NAMING_NOBODY]
    return group


def render(chosen: list[Bookmark], fmt: str, group: str | None, library) -> tuple[str, str]:
    """An export's text (ending with a newline) and a note for the user ("" when none), for the command line
    and the window alike: `fmt` 'json' (W3C Web Annotations), 'csl' (the cited articles as CSL-JSON) or 'md'
    (Markdown by article; with `group` 'story', 'entity' or 'article', the cited dossier)."""
    import json

    from reader_app.core.bookmarks import export

    note = ""
    if fmt == "json":
        text = json.dumps(export.to_annotations(chosen), ensure_ascii=False, indent=1)
    elif fmt == "csl":
        text = json.dumps(csl_items(chosen, holdings(chosen, library)), ensure_ascii=False, indent=1)
    elif group:
        grouping = grouping_for(library, group)
        text = to_markdown(chosen, grouping, removed_articles(chosen, library), holdings(chosen, library))
        note = grouping.note
    else:
        text = export.to_markdown(chosen, removed_articles(chosen, library))
    return (text if text.endswith("\n") else text + "\n"), note


def removed_articles(bookmarks: Iterable[Bookmark], library) -> set[str]:
    """The articles of the orphans among `bookmarks` that are no longer in `library` (removed), as against
    those still there whose text changed; none when the library cannot tell (None, or being rebuilt)."""
    if library is None:
        return set()
    try:
        return {aid for aid in {b.article_id for b in bookmarks if b.orphan} if library.index.document(aid) is None}
    except Exception:  # a damaged or closed index: the orphans keep the plain "not found" words
        return set()


def grouping_for(library, group: str) -> Grouping:
    """The grouping `group` ("story", "entity" or "article") over a library (core/library.Library)."""
    if group == "entity":
        aliases = {e["name"]: e["aliases"] for e in library.entities()}
        cache: dict[str, list[dict]] = {}

        def entities_of(article_id: str) -> list[dict]:
            if article_id not in cache:
                try:
                    cache[article_id] = library.article_entities(article_id)
                except Exception:  # an orphan whose article is gone: no entities
                    cache[article_id] = []
            return cache[article_id]
        return Grouping(by_entity(entities_of, aliases), "entity")
    if group == "story":
        story_of = getattr(library, "story_of", None)  # core/stories, where the library offers it
        if callable(story_of):
            return Grouping(by_story(story_of), "story")
        return Grouping(by_article, "article", "story threads are not available here; grouped by article")
    return Grouping(by_article, "article")


def _date_order(date: str | None) -> list[int]:
    """A date's place among dates of any precision: a year or a month alone after the full dates within it
    ("2021" after "14 April 2021", before "2022"), as the story timelines place it (core.stories timeline_key)."""
    parts = date_parts(date) or []
    return parts + [99] * (3 - len(parts)) if parts else []


# --- Markdown --------------------------------------------------------------------------------------



def to_markdown(bookmarks: Iterable[Bookmark], grouping: Grouping | None = None,
                removed: Collection[str] = (), held: dict[str, Holding] | None = None) -> str:
    """The dossier: a section per group (largest first; quotes naming nobody last), its quotes by date (undated last), each with its
    note, tags and citation line; the sources' CSL ids tie each quote to its entry in `csl_items`. A passage
    that could not be placed says why: its article changed, or was removed (among `removed`, article ids).
    `held`: where the library holds each article (holdings), for citations of articles without date or URL."""
    held = held or {}
    grouping = grouping or Grouping(by_article, "article")
    items = list(bookmarks)
    groups: dict[str, list[Bookmark]] = defaultdict(list)
    for b in items:
        for name in dict.fromkeys(grouping.grouper(b)):
            groups[name].append(b)
    articles = len({b.article_id for b in items})
    out = ["# Dossier", "", f"Exported from reader-app on {now()[:10]}: {plural(len(items), 'quote')} from "
           f"{plural(articles, 'article')}, grouped by {grouping.label}, then by date.", ""]
    for name, members in sorted(groups.items(), key=lambda kv: (kv[0] == NAMING_NOBODY, -len(kv[1]),
                                                                kv[0].casefold())):
        out += [f"## {_md(name)}", ""]
        members.sort(key=lambda b: (date_parts(b.date) is None, _date_order(b.date), b.article_id, b.start))
        day = None
        for b in members:
            when = long_date(b.date) or UNDATED
            if when != day:
                out += [f"### {_md(when)}", ""]
                day = when
            out += [_blockquote(b.quote), ""]
            if b.orphan:
                out += [orphan_note(b.article_id in removed), ""]
            if b.note:
                out += ["Note: " + _md(b.note), ""]
            if b.tags:
                out += ["Tags: " + ", ".join(code_span(t) for t in b.tags), ""]
            out += ["— " + citation_line(b, held.get(b.article_id)), ""]
    return "\n".join(out)
