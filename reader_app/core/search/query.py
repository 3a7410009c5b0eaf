"""The search box's query language, parsed into a small syntax tree. No Whoosh here, no Qt.

`parse(text)` never raises: whatever is typed (unbalanced quotes or parentheses, lone operators, control
characters, lone surrogates, a huge paste, a thousand nested parentheses) comes back as a tree (or None
when nothing searchable is left) plus one-line notes saying what was left out. The index turns the tree
into an engine query (core/search.py); HELP_TEXT is what the GUI's "?" button and the README show.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from whoosh.analysis import STOP_WORDS  # the words the index drops (core/index/fields.py)

from reader_app.core.articles.cjk import WORD as CJK_WORD
from reader_app.core.articles.cjk import closed_up, has_cjk, is_cjk

MAX_QUERY_CHARS = 4000
MAX_TERMS = 32
MAX_PHRASE = 12
MAX_DEPTH = 16
MAX_FUZZ = 2

TEXT_FIELDS = ("title", "outlet", "byline")
DATE_FIELDS = ("date", "before", "after")
ENTITY_FIELDS = ("person", "org", "place")  # a name or any of its aliases (core/entities); filters, never relaxed

HELP_TEXT = """\
Words: all must appear (in any form: troops finds troop). Headlines count most.
"border guards"  the exact phrase
russia OR turkey  either word
-moscow or NOT moscow  leave out articles with the word
(armenia OR azerbaijan) border  group with parentheses
deploy*  words starting with deploy
pashinyan~  similar spellings too (~2 for looser)
title:ceasefire  outlet:"moscow times"  byline:smith  look in one field
person:peskov  org:csto  place:gyumri  people, organisations, places by any of their names
person:blai*  person:*shinyan  person:bl?ir  names with wildcards: * any letters, ? one letter
date:2021  date:2021-04  date:2021-04..2021-11  before:2022  after:2021-06  by date
Misspelt words are corrected when the query finds little ("goverment" in quotes is searched as typed);
"Did you mean" offers the collection's own words."""


# --- the tree ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Word:
    """One word as typed; `field` None means title and body; `prefix` for deploy*, `fuzzy` for word~N;
    `exact` for a word in quotes, which is never corrected."""

    text: str
    field: str | None = None
    prefix: bool = False
    fuzzy: int = 0
    exact: bool = False


@dataclass(frozen=True)
class Phrase:
    """Words that must appear together, in order."""

    words: tuple[str, ...]
    field: str | None = None


@dataclass(frozen=True)
class DateRange:
    """Articles whose date falls in a range. Dates are "YYYY", "YYYY-MM" or "YYYY-MM-DD" and compare by
    prefix: an inclusive `end` of "2021-11" takes every day of that month; `*_open` bounds exclude it."""

    start: str | None = None
    end: str | None = None
    start_open: bool = False
    end_open: bool = False


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node


Node = Word | Phrase | DateRange | And | Or | Not


@dataclass
class ParsedQuery:
    """A parsed query: the tree (None when nothing is left to search for), the cleaned text, and notes."""

    text: str
    node: Node | None
    notes: list[str] = field(default_factory=list)


# --- cleaning and tokens ---------------------------------------------------------------------------

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})
_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?$")
_FIELD = re.compile(r"^([A-Za-z]+):(.*)$", re.S)
_FUZZ = re.compile(r"~([0-9]*)$")
_SPECIAL = re.compile(r'^-|[\s()":*~]')


def clean(text: str) -> tuple[str, list[str]]:
    """The text with control characters, format characters and lone surrogates turned into spaces,
    normalised (NFC), and cut to MAX_QUERY_CHARS; notes say what was cut."""
    notes: list[str] = []
    if len(text) > MAX_QUERY_CHARS * 4:
        text = text[: MAX_QUERY_CHARS * 4]
    chars = []
    for ch in text:
        cat = unicodedata.category(ch)
        chars.append(" " if cat in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") else ch)
    text = unicodedata.normalize("NFC", "".join(chars)).translate(_QUOTES)
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_CHARS:
        cut = text.rfind(" ", 0, MAX_QUERY_CHARS + 1)
        text = text[: cut if cut > MAX_QUERY_CHARS // 2 else MAX_QUERY_CHARS]
        notes.append(f"The query was shortened to its first {MAX_QUERY_CHARS:,} characters.")
    return text, notes


@dataclass
class _Tok:
    kind: str  # "(", ")", "word", "phrase", "op", "-", "field"
    text: str = ""


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == " ":
            i += 1
        elif ch in "()":
            out.append(_Tok(ch))
            i += 1
        elif ch == '"':
            j = text.find('"', i + 1)
            j = n if j < 0 else j
            out.append(_Tok("phrase", text[i + 1:j]))
            i = j + 1
        elif ch == "-" and i + 1 < n and text[i + 1] not in " -" and (not out or text[i - 1] in " ("):
            out.append(_Tok("-"))
            i += 1
        else:
            j = i
            while j < n and text[j] not in ' ()"':
                j += 1
            word = text[i:j]
            i = j
            if word in ("AND", "OR", "NOT"):
                out.append(_Tok("op", word))
                continue
            m = _FIELD.match(word)
            if m and m.group(1).lower() in TEXT_FIELDS + DATE_FIELDS + ENTITY_FIELDS:
                out.append(_Tok("field", m.group(1).lower()))
                if m.group(2):
                    out.append(_Tok("word", m.group(2)))
                continue
            out.append(_Tok("word", word))
    return _balance(out)


def _balance(tokens: list[_Tok]) -> list[_Tok]:
    """Drop unmatched ')' and parentheses nested deeper than MAX_DEPTH; unclosed '(' close at the end."""
    out: list[_Tok] = []
    depth = 0
    skipped: list[bool] = []  # per open '(' whether it was dropped
    for t in tokens:
        if t.kind == "(":
            keep = depth < MAX_DEPTH
            skipped.append(not keep)
            if keep:
                depth += 1
                out.append(t)
        elif t.kind == ")":
            if not skipped:
                continue
            if not skipped.pop():
                depth -= 1
                out.append(t)
        else:
            out.append(t)
    out.extend(_Tok(")") for _ in range(depth))
    return out


# --- parsing -----------------------------------------------------------------------------------------

class _Parser:
    def __init__(self, tokens: list[_Tok], notes: list[str]):
        self.toks = tokens
        self.pos = 0
        self.notes = notes
        self.leaves = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def starts_atom(self) -> bool:
        t = self.peek()
        return t is not None and (t.kind in ("(", "word", "phrase", "-", "field") or
                                  (t.kind == "op" and t.text == "NOT"))

    def parse_or(self, fld: str | None) -> Node | None:
        items = [self.parse_and(fld)]
        while (t := self.peek()) is not None and t.kind == "op" and t.text == "OR":
            self.pos += 1
            items.append(self.parse_and(fld))
        return _make(Or, [i for i in items if i is not None])

    def parse_and(self, fld: str | None) -> Node | None:
        items: list[Node] = []
        while (t := self.peek()) is not None and t.kind != ")" and not (t.kind == "op" and t.text == "OR"):
            if t.kind == "op" and t.text == "AND":
                self.pos += 1
                continue
            node = self.parse_unary(fld)
            if node is not None:
                items.append(node)
        return _make(And, items)

    def parse_unary(self, fld: str | None) -> Node | None:
        negate = False
        while (t := self.peek()) is not None and (t.kind == "-" or (t.kind == "op" and t.text == "NOT")):
            self.pos += 1
            negate = not negate
        if not self.starts_atom():
            return None  # a lone NOT or - (at the end, or before OR or ')') is left out
        node = self.parse_atom(fld)
        return Not(node) if negate and node is not None else node

    def parse_atom(self, fld: str | None) -> Node | None:
        t = self.peek()
        assert t is not None
        self.pos += 1
        if t.kind == "(":
            node = self.parse_or(fld)
            if (c := self.peek()) is not None and c.kind == ")":
                self.pos += 1
            return node
        if t.kind == ")":  # only reached inside a group's end handling
            return None
        if t.kind == "field":
            nxt = self.peek()
            if t.text in DATE_FIELDS:
                if nxt is not None and nxt.kind in ("word", "phrase"):
                    self.pos += 1
                    return self.date(t.text, nxt.text)
                self.notes.append(f"{t.text}: needs a date, like {t.text}:2021-04")
                return None
            if nxt is None or nxt.kind not in ("(", "word", "phrase"):
                return None
            return self.parse_atom(t.text)
        if t.kind == "phrase":
            return self.leaf(self.phrase(t.text, fld))
        if t.kind == "word":
            return self.leaf(self.word(t.text, fld))
        return None  # a stray operator

    def leaf(self, node: Node | None) -> Node | None:
        if node is None:
            return None
        self.leaves += 1
        if self.leaves > MAX_TERMS:
            if self.leaves == MAX_TERMS + 1:
                self.notes.append(f"Only the first {MAX_TERMS} words of the query were used.")
            return None
        return node

    def phrase(self, text: str, fld: str | None) -> Node | None:
        words = tuple(w for w in re.split(r"[\s*~]+", text) if re.search(r"\w", w))
        if len(words) > MAX_PHRASE:
            words = words[:MAX_PHRASE]
            self.notes.append(f"Only the first {MAX_PHRASE} words of a phrase were used.")
        if not words:
            return None
        return Word(words[0], fld, exact=True) if len(words) == 1 else Phrase(words, fld)

    def word(self, text: str, fld: str | None) -> Node | None:
        if fld in ENTITY_FIELDS and ("?" in text or "*" in text.rstrip("*")):
            # person:*shinyan, person:bl?ir: kept as typed, a pattern for the names (core/entities/aliases.py)
            return Word(text, fld) if re.search(r"\w", text) else None
        fuzzy = 0
        if m := _FUZZ.search(text):
            fuzzy = min(int(m.group(1)) if m.group(1) else 1, MAX_FUZZ)
            if m.group(1) and int(m.group(1)[:3]) > MAX_FUZZ:
                self.notes.append(f"Similar spellings are limited to {MAX_FUZZ} changes.")
            text = text[:m.start()]
        prefix = text.endswith("*")
        text = text.strip("*~")
        if prefix and len(text) < 2:
            self.notes.append("A prefix needs at least two letters before the *.")
            prefix = False
        if not re.search(r"\w", text):
            return None
        return Word(text, fld, prefix=prefix, fuzzy=0 if prefix else fuzzy)

    def date(self, kind: str, value: str) -> Node | None:
        value = value.strip()
        if kind == "date" and ".." in value:
            lo, _, hi = value.partition("..")
            start, end = _date(lo) if lo else None, _date(hi) if hi else None
            if (lo and start is None) or (hi and end is None) or (start is None and end is None):
                self.notes.append(f"Ignored date:{value}: use date:2021, date:2021-04 or date:2021-04..2021-11.")
                return None
            return DateRange(start, end)
        d = _date(value)
        if d is None:
            self.notes.append(f"Ignored {kind}:{value}: use a date like 2021, 2021-04 or 2021-04-14.")
            return None
        if kind == "before":
            return DateRange(None, d, end_open=True)
        if kind == "after":
            return DateRange(d, None, start_open=True)
        return DateRange(d, d)


def _date(text: str) -> str | None:
    m = _DATE.match(text.strip())
    if not m:
        return None
    year, month, day = m.groups()
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return None
    if day is None:
        return f"{year}-{int(month):02d}"
    if not 1 <= int(day) <= 31:
        return None
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _make(kind: type[And] | type[Or], items: list[Node]) -> Node | None:
    flat: list[Node] = []
    for item in items:
        for one in (item.items if isinstance(item, kind) else (item,)):
            if one not in flat:  # a word twice asks nothing more, and would cost twice
                flat.append(one)
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else kind(tuple(flat))


def parse(text: str) -> ParsedQuery:
    """The query as a tree; never raises. `node` is None when nothing searchable is left."""
    cleaned, notes = clean(text)
    parser = _Parser(_tokens(cleaned), notes)
    node = parser.parse_or(None)
    while parser.pos < len(parser.toks):  # a stray ')' from a dropped group: carry on after it
        parser.pos += 1
        more = parser.parse_or(None)
        if more is not None:
            node = _make(And, [n for n in (node, more) if n is not None])
    return ParsedQuery(cleaned, node, list(dict.fromkeys(notes)))  # each note once ("a* a* a* …" said it 1,333 times)


# --- reading the tree --------------------------------------------------------------------------------

def to_text(node: Node | None) -> str:
    """The tree written back in the query language (for "Showing results for …")."""
    if node is None:
        return ""
    if isinstance(node, Word):
        pre = f"{node.field}:" if node.field else ""
        if node.exact or (not (node.prefix or node.fuzzy) and (_SPECIAL.search(node.text)
                                                               or node.text in ("AND", "OR", "NOT"))):
            return f'{pre}"{node.text}"'
        return pre + node.text + ("*" if node.prefix else "") + ("~" * bool(node.fuzzy)) + (
            str(node.fuzzy) if node.fuzzy > 1 else "")
    if isinstance(node, Phrase):
        return (f"{node.field}:" if node.field else "") + '"' + " ".join(node.words) + '"'
    if isinstance(node, DateRange):
        if node.start_open:
            return f"after:{node.start}"
        if node.end_open:
            return f"before:{node.end}"
        if node.start == node.end:
            return f"date:{node.start}"
        return f"date:{node.start or ''}..{node.end or ''}"
    if isinstance(node, Not):
        return "-" + to_text(node.item)
    if isinstance(node, And):
        return " ".join(f"({to_text(i)})" if isinstance(i, Or) else to_text(i) for i in node.items)
    return " OR ".join(f"({to_text(i)})" if isinstance(i, And) else to_text(i) for i in node.items)


def is_entity_filter(node: Node) -> bool:
    """person:, org: or place: — a filter on who or where, kept whole when a query is relaxed."""
    return isinstance(node, (Word, Phrase)) and node.field in ENTITY_FIELDS


def typed_words(node: Node | None) -> list[str]:
    """The text of every word and phrase of the query, wanted or excluded, in order."""
    out: list[str] = []

    def walk(n: Node) -> None:
        if isinstance(n, Word):
            out.append(n.text)
        elif isinstance(n, Phrase):
            out.extend(n.words)
        elif isinstance(n, Not):
            walk(n.item)
        elif isinstance(n, (And, Or)):
            for i in n.items:
                walk(i)
    if node is not None:
        walk(node)
    return out


def positive_words(node: Node | None) -> list[Word]:
    """The plain words the query wants (not excluded ones), in order, for spelling and relaxing."""
    out: list[Word] = []

    def walk(n: Node) -> None:
        if isinstance(n, Word):
            out.append(n)
        elif isinstance(n, (And, Or)):
            for i in n.items:
                walk(i)
    if node is not None:
        walk(node)
    return out


_TERM_WORD = re.compile(r"\w[\w'’]*")


def _term_words(text: str) -> list[str]:
    """The words of `text` to mark; Han and kana apart from other words, as the index has them ("Tokyo東京":
    Tokyo, 東京)."""
    words = _TERM_WORD.findall(text)
    if not has_cjk(text):
        return words
    return [piece for w in words for piece in (CJK_WORD.findall(w) if has_cjk(w) else (w,))]


def _markable(word: str) -> bool:
    """A word worth marking alone: not a single letter (but a single Han or kana character: the index keeps
    it), not a stop word (the index keeps none, so none matched)."""
    return (len(word) > 1 or is_cjk(word)) and word.lower() not in STOP_WORDS


def highlight_terms(text: str) -> list[str]:
    """What an opened result should mark for a query, as this parser reads it (the window asks here rather
    than parse queries itself): the wanted words of any field and the phrases whole; not excluded words
    (`-word`, `NOT word`), not date filters, not single letters, not stop words alone ("in": a phrase holding
    one is marked whole). Sorted, each at most 100 characters."""
    terms: set[str] = set()

    def walk(n: Node) -> None:
        if isinstance(n, Word):
            terms.update(w for w in _term_words(n.text) if _markable(w))
        elif isinstance(n, Phrase):
            words = [w for part in n.words for w in _term_words(part)]
            if len(words) > 1:
                terms.add(" ".join(words))  # a phrase is marked where the phrase is, not word by word
                terms.add(closed_up(" ".join(words)))  # (Han and kana: written together, too)
            else:
                terms.update(w for w in words if _markable(w))
        elif isinstance(n, (And, Or)):
            for item in n.items:
                walk(item)
        # Not and DateRange: nothing to mark

    node = parse(text).node
    if node is not None:
        walk(node)
    return sorted(t for t in terms if len(t) <= 100)


def exact_query(text: str) -> str:
    """The query with every plain word in quotes, so it runs as typed, uncorrected ("Search instead for")."""
    node = parse(text).node
    if node is None:
        return text
    return to_text(replace_words(node, {w: Word(w.text, w.field, exact=True) for w in positive_words(node)
                                        if not (w.prefix or w.fuzzy)}))


def replace_words(node: Node, mapping: dict[Word, Node]) -> Node:
    """A copy of the tree with some words replaced (by corrections, or by word-or-variants groups)."""
    if isinstance(node, Word):
        return mapping.get(node, node)
    if isinstance(node, And):
        return And(tuple(replace_words(i, mapping) for i in node.items))
    if isinstance(node, Or):
        return Or(tuple(replace_words(i, mapping) for i in node.items))
    if isinstance(node, Not):
        return node
    return node
