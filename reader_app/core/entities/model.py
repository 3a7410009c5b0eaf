"""The shapes entities travel in: what an extractor finds in one article, and how the index keeps it.

An extractor reads an article's paragraphs (and photo captions, which often name the people pictured) and
returns `Mention`s: a kind, the name as written, and how sure its cues made it. `resolve_article`
(core/entities/aliases.py) turns those into `ArticleEntity`s, one per person, organisation or place, with the
other spellings used in the article as aliases; `encode`/`decode` keep them in one index column.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Protocol

KINDS = ("person", "org", "place")
# The cue of a person's shape that counts only when the name's last word is also seen alone as a name in the
# article ("Baros" beside "Milan Baros"; not "Heathrow" beside "London Heathrow", which is a place there)
ALONE = "alone"


@dataclass
class Mention:
    """One name found in a text. `votes` weighs the cues for each kind (a title before it, a gazetteer
    entry, "Ministry" at its end, …); the kind with most votes wins when the article is resolved."""

    name: str
    votes: dict[str, float] = field(default_factory=dict)
    aliases: set[str] = field(default_factory=set)  # other names the text gives it: "(CSTO)", "Pashinian"
    count: int = 0  # times found
    titled: bool = False  # seen after a title ("Mr", "President"): a person, even as one word
    first_named: bool = False  # after "Sir" or "Dame", which go with a first name ("Sir Menzies")

    # weak cues, by (kind, cue): each counts once however often it is seen ("the Kremlin" ten times is
    # still one hint), but different cues add up ("in Gyumri" and Gyumri in the gazetteer)
    hints: dict[tuple[str, str], float] = field(default_factory=dict)

    def vote(self, kind: str, weight: float) -> None:
        self.votes[kind] = self.votes.get(kind, 0.0) + weight

    def hint(self, kind: str, weight: float, cue: str = "") -> None:
        self.hints[(kind, cue)] = max(self.hints.get((kind, cue), 0.0), weight)


@dataclass
class ArticleEntity:
    """One entity of one article: its fullest name there, its kind, the other names used for it, mentions."""

    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    count: int = 1

    def to_row(self) -> list:
        return [self.kind, self.name, self.aliases, self.count]


@dataclass(frozen=True)
class ArticleText:
    """What an extractor reads: the story's paragraphs (headings and furniture already left out) and the
    captions the cleaner took out of the story."""

    paragraphs: tuple[str, ...]
    captions: tuple[str, ...] = ()


class Extractor(Protocol):
    """Finds the people, organisations and places of one article. `version` changes whenever its output
    could: the index records it and extracts again when it differs."""

    name: str
    version: str

    def extract(self, text: ArticleText) -> list[Mention]: ...


def encode(entities: list[ArticleEntity]) -> bytes:
    """The index column value for one article's entities."""
    return json.dumps([e.to_row() for e in entities], ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(value: bytes | str | None) -> list[ArticleEntity]:
    """The entities of one article from its column value; an empty or damaged value gives none."""
    if not value:
        return []
    try:
        rows = json.loads(value)
        return [ArticleEntity(name=str(r[1]), kind=str(r[0]), aliases=[str(a) for a in r[2]], count=int(r[3]))
                for r in rows if r[0] in KINDS]
    except (ValueError, TypeError, IndexError, KeyError):
        return []


Row = tuple  # (kind, name, aliases, mentions): an ArticleEntity as the library table reads it, made faster


def decode_rows(value: bytes | str | None) -> list[Row]:
    """As `decode`, as plain tuples: the library table reads tens of thousands of these at once."""
    if not value:
        return []
    try:
        return [(str(r[0]), str(r[1]), r[2], int(r[3])) for r in json.loads(value) if r[0] in KINDS]
    except (ValueError, TypeError, IndexError, KeyError):
        return []


def as_rows(entities: list[ArticleEntity] | list[Row]) -> list[Row]:
    return [(e.kind, e.name, e.aliases, e.count) if isinstance(e, ArticleEntity) else e for e in entities]


def field_values(entities: list[ArticleEntity]) -> dict[str, str]:
    """The indexed fields: for each kind, the article's names (folded) separated by commas, one term each."""
    from reader_app.core.entities.gazetteer import fold

    out: dict[str, list[str]] = {k: [] for k in KINDS}
    for e in entities:
        out[e.kind].append(fold(e.name).replace(",", " "))
    return {k: ",".join(v) for k, v in out.items()}
