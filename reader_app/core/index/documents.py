"""What the index keeps per article and what its builds report: plain data, no Whoosh (see core/index.py)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader_app.core import entities
from reader_app.core.articles.details import apply as apply_details
from reader_app.core.articles.model import SUMMARY_FIELDS, Article
from reader_app.core.storage.files import shown_path

ProgressCallback = Callable[[int, int, str], None]


@dataclass(frozen=True)
class SourceFile:
    """A file the library holds: where to read it, its article id, the path shown to the user, the details the
    person corrected (core/details.py, as sorted (field, value) pairs) and when it was added (ISO 8601)."""

    file: Path
    article_id: str
    origin: str
    details: tuple[tuple[str, str], ...] = ()
    added: str = ""


@dataclass
class IndexReport:
    """What a build or sync did."""

    action: str = "none"  # "built", "rebuilt", "synced"
    reason: str = ""
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    total: int = 0
    seconds: float = 0.0
    notice: str = ""  # something the user should be told (read-only folder, another instance, …)

    def to_dict(self) -> dict:
        return {
            "action": self.action, "reason": self.reason, "added": self.added, "updated": self.updated,
            "removed": self.removed, "unchanged": self.unchanged, "total": self.total,
            "failed": [{"path": p, "reason": r} for p, r in self.failed], "seconds": round(self.seconds, 3),
            "notice": self.notice,
        }


def document_for(article: Article, source: SourceFile, st: os.stat_result) -> dict:
    """The index document (stored and indexed fields) for an article read from `source`, with the details
    the person corrected put in place of the file's."""
    corrected = dict(source.details)
    apply_details(article, corrected)
    doc = {
        "id": article.id,
        "title": article.title,
        "body": article.text,
        "outlet": article.outlet or "",
        "outlet_name": article.outlet or "",
        "byline": article.byline or "",
        "date": article.date or "",
        "path": shown_path(article.path),  # the index holds only valid Unicode
        "file": str(source.file),
        "url": article.url or "",
        "words": article.words,
        "lede": article.lede,
        "hash": article.content_hash,
        "shown": shown_hash(article),
        "size": st.st_size,
        "mtime": st.st_mtime_ns,
        "encoding": article.encoding,
        "title_derived": article.title_derived,
        "details": corrected,
        "added": source.added,
    }
    doc.update(entity_fields(article))
    return doc


def shown_hash(article: Article) -> str:
    """A hash of what the article shows (headline, outlet, date, cleaned text): unlike `hash` (the file's bytes)
    it changes when the text is cleaned again (furniture learnt later, a paragraph put back) or its details are
    corrected, which is what the story threads' cache must notice."""
    shown = "\x1f".join((article.title or "", article.outlet or "", article.date or "", article.text))
    return hashlib.blake2b(shown.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()


def entity_fields(article: Article) -> dict:
    """The people, organisations and places of an article (core/entities): the person/org/place fields
    searched by person:, org:, place:, and the `entities` column they are counted and shown from. Headings
    and the headline are left out (headline words are capitalised whether or not they are names)."""
    found = entities.entities_of(_named_part([p.text for p in article.paragraphs if p.kind == "p"]),
                                 article.extra.get("captions", ()))
    return {**entities.field_values(found), "entities": entities.encode(found)}


NAMES_CHARS = 1_000_000  # characters of an article's paragraphs its names are sought in


def _named_part(paragraphs: list[str]) -> list[str]:
    """The paragraphs the names are sought in: the first NAMES_CHARS characters' worth (a long report is a
    tenth of that). The names of a huge page (a trial's 20 MB page took 6 s for them) past that point are not
    found, so person:, org: and place: searches do not find it by them; a search by words still does."""
    total = 0
    for n, text in enumerate(paragraphs):
        total += len(text)
        if total > NAMES_CHARS:
            return paragraphs[:n + 1]
    return paragraphs


def lean(docs: Iterable[dict]) -> dict[str, dict]:
    """What planning a sync needs of each stored document (not its text), so memory stays small."""
    return {d["id"]: {k: d.get(k) for k in ("size", "mtime", "path", "hash", "details")} for d in docs}


def stored_summary(doc: dict) -> dict:
    """The public summary shape (articles/model.py SUMMARY_FIELDS, as in `reader-app list --json`) from stored
    fields: a detail stored empty is shown as null."""
    summary = {name: doc.get(name) or None for name in SUMMARY_FIELDS}
    summary.update(id=doc["id"], title=doc["title"], path=doc.get("path"), words=doc.get("words", 0))
    return summary
