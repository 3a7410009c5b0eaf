"""The article model: an Article of Paragraphs with inline Marks, and the one summary shape every listing,
search hit and JSON output uses (SUMMARY_FIELDS)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from reader_app.core.articles import cjk

# What a listing shows of an article, in this order: `reader-app list --json`, search hits, the window's list.
SUMMARY_FIELDS = ("id", "title", "outlet", "byline", "date", "url", "path", "words", "added")

_WORDS = re.compile(r"\w+")
# Each Han or kana character, or a run of other word characters: how word_count counts a text holding Han or kana
_WORDS_CJK = re.compile(f"{cjk.CJK_CHAR}|{cjk.OTHER_CHAR}+")


@lru_cache(maxsize=4096)  # the same paragraph is measured by several rules in turn
def word_count(text: str) -> int:
    """The words of `text` (runs of word characters), each Han, Hiragana or Katakana character counted as one.

    Chinese and Japanese are written without spaces, so a whole paragraph was one word ("8 words" for a page of
    300 characters). Their readers measure a text's length in characters (字数, 文字数), and Word, LibreOffice and
    Google Docs count each of these characters as a word: so does this. It also keeps the shown count a measure of
    reading time: a Chinese reader reads about 255 characters a minute, an English one about 230 words (IReST,
    Trauzettel-Klosinski 2012; Japanese about 360 characters). A text with none of these characters (and
    Korean, written with spaces) is counted exactly as before."""
    if not cjk.has_cjk(text):
        return len(_WORDS.findall(text))
    return len(_WORDS_CJK.findall(text))


@dataclass
class Mark:
    """Inline emphasis or a link over text[start:end] of a paragraph."""

    start: int
    end: int
    kind: str  # "em", "strong", "link" or "code"
    href: str | None = None


@dataclass
class Paragraph:
    """One clean paragraph: plain text plus the inline marks kept for display."""

    text: str
    marks: list[Mark] = field(default_factory=list)
    kind: str = "p"  # "p" for story text, "h" for a subheading

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "kind": self.kind,
            "marks": [
                {"start": m.start, "end": m.end, "kind": m.kind, **({"href": m.href} if m.href else {})}
                for m in self.marks
            ],
        }


@dataclass
class Removed:
    """A block the cleanup took out: its text and the index of the story paragraph it stood before."""

    text: str
    before: int


class ArticleReadError(Exception):
    """A file that cannot become an article; str() is a one-line reason for the user."""


@dataclass
class Article:
    """One clean article. `text` is the story alone, paragraphs separated by blank lines."""

    id: str
    title: str
    outlet: str | None
    byline: str | None
    date: str | None
    url: str | None
    paragraphs: list[Paragraph]
    path: str
    title_derived: bool = False
    encoding: str = "utf-8"
    encoding_declared: bool = False  # named by the page itself (a <meta> charset), not guessed from its bytes
    content_hash: str = ""
    extra: dict = field(default_factory=dict)
    added: str | None = None  # when it entered the library (ISO 8601, UTC); set by the library
    edited: list[str] = field(default_factory=list)  # the details the person corrected (core/details.py)
    removed: list[Removed] = field(default_factory=list)  # what the cleanup took out, for "show removed text"

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)

    @functools.cached_property
    def words(self) -> int:
        # Counted once: the reader shows it on every render, and a huge article takes a second to count.
        # Paragraph by paragraph: the text joins them with blank lines, which no word spans, so the sum is the
        # whole text's count, and parsing has just counted most paragraphs (word_count's cache) on its way.
        return sum(word_count(p.text) for p in self.paragraphs)

    @property
    def lede(self) -> str:
        for p in self.paragraphs:
            if p.kind == "p":
                return p.text[:240]
        return ""

    def summary(self) -> dict:
        """The one summary shape (SUMMARY_FIELDS), as `reader-app list --json` and every listing show it."""
        return {name: getattr(self, name) for name in SUMMARY_FIELDS}

    def to_dict(self) -> dict:
        d = self.summary()
        d["edited"] = list(self.edited)
        d["title_derived"] = self.title_derived
        d["encoding"] = self.encoding
        d["text"] = self.text
        d["paragraphs"] = [p.to_dict() for p in self.paragraphs]
        d["removed"] = [r.text for r in self.removed]
        return d
