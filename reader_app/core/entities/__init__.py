"""People, organisations and places: found in each article at index time, joined into one name each
across the library, searched with person:/org:/place:, counted as facets.

No Qt here. `extractor()` picks spaCy when it and an English model are installed, else the built-in
extractor; `entities_of(article)` is what the index stores for one article (core/index_docs.py);
`Clusters` (aliases.py) joins every article's names into the library's.

aliases.py (with rapidfuzz) and builtin.py are imported when first asked for, not with the package: a command
that only reads the index (`reader-app list`) imports the package for the gazetteer and `version()` only.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from reader_app.core.entities.model import KINDS, ArticleEntity, ArticleText, Extractor, decode, encode, field_values

if TYPE_CHECKING:
    from reader_app.core.entities.aliases import Clusters, resolve_article

__all__ = ["KINDS", "ArticleEntity", "ArticleText", "Clusters", "Extractor", "decode", "encode", "entities_of",
           "extractor", "field_values", "resolve_article"]

# READER_APP_ENTITIES=builtin keeps the built-in extractor even with spaCy installed (tests, benchmarks);
# READER_APP_ENTITIES=PACKAGE uses that installed spaCy pipeline (see spacy_extractor.available_model).
CHOICE_ENV = "READER_APP_ENTITIES"


@lru_cache(maxsize=1)
def extractor() -> Extractor:
    """The extractor this install uses: spaCy with an English model if present, else the built-in one."""
    if os.environ.get(CHOICE_ENV, "").lower() != "builtin":
        from reader_app.core.entities.spacy_extractor import SpacyExtractor, available_model

        model = available_model()
        if model is not None:
            try:
                return SpacyExtractor(model)
            except Exception:  # a broken spaCy install: the built-in extractor still gives facets
                pass
    from reader_app.core.entities.builtin import BuiltinExtractor

    return BuiltinExtractor()


def version() -> str:
    """The extractor's version, recorded with the index: a different one means extracting again."""
    return extractor().version


def entities_of(paragraphs: list[str], captions: list[str] | tuple[str, ...] = (),
                using: Extractor | None = None) -> list[ArticleEntity]:
    """One article's entities, from its story paragraphs (not headings: headlines are never entities)
    and the photo captions the cleaner took out."""
    from reader_app.core.entities.aliases import resolve_article

    text = ArticleText(tuple(paragraphs), tuple(captions))
    ex = using or extractor()
    return resolve_article(ex.extract(text), text)


def __getattr__(name: str) -> Any:
    """The names of aliases.py and builtin.py the package offers, imported on first use (PEP 562)."""
    if name in ("Clusters", "resolve_article"):
        from reader_app.core.entities import aliases

        return getattr(aliases, name)
    if name == "BuiltinExtractor":
        from reader_app.core.entities import builtin

        return builtin.BuiltinExtractor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
