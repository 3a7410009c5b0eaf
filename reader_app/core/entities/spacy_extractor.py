"""The spaCy extractor: its English model's named entities, mapped to our three kinds.

Used when spaCy and an English model (en_core_web_sm or larger) are installed: `pip install
'reader-app[entities]'` then `python -m spacy download en_core_web_sm`; `READER_APP_ENTITIES=PACKAGE` picks
another installed pipeline package. PERSON is a person; ORG an
organisation; GPE, LOC and FAC places; NORP (nationalities) and the rest are left out. Titles the model
sometimes keeps at the front ("Mr", "President") are cut off, and the same alias resolution as the built-in
extractor's follows (core/entities/aliases.py).
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

from reader_app.core.entities.model import ArticleText, Mention

MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg")
_LABELS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}
_LEADING = frozenset({"the", "mr", "mrs", "ms", "dr", "sir", "president", "prime", "minister", "lord", "lady"})


def available_model() -> str | None:
    """The pipeline to use: the package READER_APP_ENTITIES names when it is installed (another English pipeline
    than the three official ones), else the first official English model installed beside spaCy, else None
    (spaCy missing, or no model)."""
    if importlib.util.find_spec("spacy") is None:
        return None
    named = os.environ.get("READER_APP_ENTITIES", "").strip()
    for name in ((named,) if named.isidentifier() and named.lower() not in ("builtin", "spacy") else ()) + MODELS:
        try:
            if importlib.util.find_spec(name) is not None:
                return name
        except (ImportError, ValueError):  # a name that is no importable module
            continue
    return None


@lru_cache(maxsize=2)
def _load(model: str):
    import spacy

    # only what named entities need: the parser and lemmatiser cost most of the time
    return spacy.load(model, exclude=["parser", "lemmatizer", "textcat"])


class SpacyExtractor:
    """spaCy's named entities (see the module docstring). Loading the model takes a second or two, so
    it happens on first use, in the index worker, never on the GUI thread."""

    name = "spaCy"

    def __init__(self, model: str, nlp=None):
        """`model`: an installed pipeline's package name; `nlp`: a pipeline already built (tests, tools)."""
        from importlib.metadata import PackageNotFoundError, version

        self.model = model
        self._nlp = nlp
        try:
            model_version = version(model)
        except PackageNotFoundError:  # a pipeline built in this process, not an installed package
            model_version = "0"
        # from the installed metadata: importing spaCy just to ask would cost a second on every start
        self.version = f"spacy-{version('spacy')}-{model}-{model_version}-2"

    def extract(self, text: ArticleText) -> list[Mention]:
        nlp = self._nlp or _load(self.model)
        self._nlp = nlp
        found: dict[str, Mention] = {}
        for doc in nlp.pipe(list(text.paragraphs) + list(text.captions)):
            for ent in doc.ents:
                kind = _LABELS.get(ent.label_)
                if kind is None:
                    continue
                words = ent.text.replace("’s", "").replace("'s", "").split()
                titled = False
                while len(words) > 1 and words[0].lower().strip(".") in _LEADING:
                    titled = titled or words[0].lower() != "the"
                    words = words[1:]
                if not words or "/" in ent.text or ent.text.isupper() and " " in ent.text:
                    continue  # a photo credit or shouting
                name = " ".join(words)
                m = found.setdefault(name.casefold(), Mention(name))
                m.count += 1
                m.titled = m.titled or (titled and kind == "person")
                m.vote(kind, 2.0)
        return list(found.values())
