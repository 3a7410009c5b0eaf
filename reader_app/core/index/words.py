"""The collection's words as written, with how many articles use each: the vocabulary for typo tolerance.

Kept as a small JSON file beside the index and updated by every write to it (core/index.py), instead of
Whoosh "spelling" fields: those indexed every word of every article a second time, which made building
the index about 2.5 times slower. Counting words here is a regular expression and a set per article.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from reader_app.core.articles import cjk
from reader_app.core.articles.text import lower_folded
from reader_app.core.index.fields import recent_words
from reader_app.core.storage.files import atomic_write_json

WORDS_FILE = "reader-words.json"
MIN_WORD = 3
_TOKEN = re.compile(r"\w+(?:\.?\w+)*")  # as Whoosh's tokenizer splits text, so the words match the index's
_FOREIGN_WORD_CHAR = re.compile(r"(?![\x00-\x7f])\w")  # a word character beyond ASCII ("é", "İ", "Σ", "日")


def article_words(title: str, body: str, stops: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """The distinct lower-cased words of an article that typo tolerance may suggest (letters only, 3+)."""
    if not (_FOREIGN_WORD_CHAR.search(title) or _FOREIGN_WORD_CHAR.search(body)):
        # Just indexed (an import): its tokens, lowered one by one, are the lowered text's tokens when every
        # letter is ASCII ("£", "—" and "’" lower to themselves; a test checks every character of Unicode), and
        # the two texts' tokens are the joined text's
        tw, bw = recent_words(title), recent_words(body)
        if tw is not None and bw is not None:
            return {w for w in {*tw, *bw} if len(w) >= MIN_WORD and w.isalpha() and w not in stops}
    # Each distinct word judged once (an article repeats most of its words). Han and kana are split from the
    # other words, as the index splits them, and left out: a run of them is a phrase or a sentence, not a
    # word, and typo tolerance has nothing to offer for them (core/search/engine.py skips them)
    text = lower_folded(f"{title}\n{body}")
    if cjk.has_cjk(text):
        return {w for w in set(cjk.WORD.findall(text))
                if len(w) >= MIN_WORD and w.isalpha() and w not in stops and not cjk.is_cjk(w)}
    return {w for w in set(_TOKEN.findall(text)) if len(w) >= MIN_WORD and w.isalpha() and w not in stops}


class WordCounts:
    """Changes to the word counts, gathered while documents are written and applied to the file at the end."""

    def __init__(self, stops: frozenset[str] | set[str] = frozenset()):
        self.stops = stops
        self.delta: Counter[str] = Counter()

    def add(self, doc: dict) -> None:
        self.delta.update(article_words(doc.get("title") or "", doc.get("body") or "", self.stops))

    def remove(self, doc: dict | None) -> None:
        if doc:
            self.delta.subtract(article_words(doc.get("title") or "", doc.get("body") or "", self.stops))

    def apply(self, folder: Path, fresh: bool = False) -> None:
        """Write the counts into `folder`'s file (`fresh`: the delta is the whole collection)."""
        counts = Counter() if fresh else Counter(load(folder) or {})
        counts.update(self.delta)
        save(folder, {w: n for w, n in counts.items() if n > 0})
        self.delta.clear()


def count_all(docs: Iterable[dict], stops: frozenset[str] | set[str] = frozenset()) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for doc in docs:
        counts.update(article_words(doc.get("title") or "", doc.get("body") or "", stops))
    return dict(counts)


def load(folder: Path) -> dict[str, int] | None:
    """The counts, or None when the file is missing or damaged (the caller counts again)."""
    try:
        data = json.loads((folder / WORDS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def save(folder: Path, counts: dict[str, int]) -> None:
    atomic_write_json(folder / WORDS_FILE, counts, indent=None)
