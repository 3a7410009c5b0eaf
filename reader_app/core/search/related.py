"""Related articles ("more like this") by the index: the key words of one article's text, searched for."""

from __future__ import annotations

from typing import Any

from reader_app.core.search.hits import make_hit
from reader_app.core.search.results import Hit
from reader_app.core.search.snippets import best_passage


def related_hits(searcher: Any, article_id: str, limit: int) -> list[Hit]:
    """Articles most like this one (by the key words of its text), best first, with their opening lines."""
    docnum = searcher.document_number(id=article_id)
    if docnum is None:
        return []
    hits = []
    for hit in searcher.more_like(docnum, "body", top=limit, numterms=12):
        doc = hit.fields()
        hits.append(make_hit(doc, hit.score or 0.0, best_passage(doc.get("lede") or "", lambda w: None)))
    return hits
