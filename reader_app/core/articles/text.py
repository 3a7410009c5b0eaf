"""Text from files made safe: normalised (zero-widths, bidi overrides, odd spaces), terminal escapes and script
blocks dropped, and one-line labels (`safe_label`) for anything a file names."""

from __future__ import annotations

import re
import unicodedata

# --- text normalisation -------------------------------------------------------------------------

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_LIGATURES = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st"}
_ODD_SPACES = frozenset("\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000")


# Terminal escape sequences: CSI ("ESC [ 41 m"), OSC up to its BEL or ESC \\ ("ESC ] 0 ; title BEL"), string
# commands, and other two-byte escapes. A file could otherwise recolour or retitle the terminal that
# `reader-app show` prints to. An unterminated OSC loses only its introducer, never the text after it.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)|\x1b\]\d*;?"
                      r"|\x1b[PX^_][^\x1b\n]*\x1b\\|\x1b[@-Z\\-_]|\x1b")
# What is left of them once something (an HTML parser, a copy and paste) dropped the ESC and BEL bytes:
# "]0;" before a title and colour codes like "[41m" or "[1;31m", glued to words as they were (but not a
# bracketed aside such as "[5m]").
_ESCAPE_LEFTOVERS = re.compile(r"(?<!\[)\[(?:\d{1,3}(?:;\d{1,3}){0,4})?m(?![\]\d_])|(?<!\[)\[[0-2]?J(?![\]\w])"
                               r"|(?<![\w\]])\][012];(?=\S)")
_ESCAPE_HINTS = ("\x1b", "\x9b", "[", "]")
_SCRIPT_BLOCKS = re.compile(r"<(script|style|noscript|template)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.I | re.S)


def strip_escapes(text: str) -> str:
    """Text without terminal escape sequences, or the leftovers of one whose ESC byte was already dropped."""
    if not any(h in text for h in _ESCAPE_HINTS):
        return text
    return _ESCAPE_LEFTOVERS.sub("", _ESCAPES.sub("", text))


def drop_script_blocks(markup: str) -> str:
    """HTML or Markdown without <script>, <style>, <noscript> and <template> elements, content and all:
    their text is code or alternatives, never what the page shows as the story. An unclosed one runs to the end."""
    return _SCRIPT_BLOCKS.sub("", markup) if "<" in markup else markup


def fold_ligatures(text: str) -> str:
    """`text` with its Latin ligatures (ﬁ, ﬂ, ﬃ…) as their letters, as normalize_text gives an article's text:
    for what is searched and what names an article outside its text (a query, a page's byline)."""
    if not any("\ufb00" <= ch <= "\ufb06" for ch in text):
        return text
    return text.translate(_LIGATURES)


TURKISH_I = str.maketrans("\u0130\u0131", "Ii")  # İ and ı: the dotted capital, the dotless small


def lower_folded(s: str) -> str:
    """`s` lower-cased for comparing words, with the Turkish dotted capital I and dotless small ı as a plain i
    ("İzmir" -> "izmir", "Işık" and "ışık" -> "işık", as people type them): str.lower makes İ an i and a
    combining dot, two characters, which no typed word matches and which split the word in two for a pattern of
    word characters, and keeps ı, which "I" never lowers to. Every character of `s` stays one character
    (offsets into `s` hold in the result)."""
    if "\u0130" in s or "\u0131" in s:
        s = s.translate(TURKISH_I)
    return s.lower()


def composed(s: str) -> str:
    """`s` with letters written as a base and combining marks composed (Unicode NFC), as keyboards type them."""
    return s if s.isascii() or unicodedata.is_normalized("NFC", s) else unicodedata.normalize("NFC", s)


_ZWJ = "\u200d"
_STRAY_ZWJ = re.compile(_ZWJ)


def _joiner_kept(m: re.Match[str]) -> str:
    """A zero-width joiner kept where it joins: between two emoji (👨‍👩‍👧, 🏳️‍🌈: the one before may end in
    a variation selector or a skin tone), or after a virama before a letter (an Indic half form, क्‍ष)."""
    text, at = m.string, m.start()
    if at == 0 or m.end() == len(text):
        return ""
    before, after = text[at - 1], text[m.end()]
    if unicodedata.category(after) == "So" and (
            unicodedata.category(before) == "So" or before in "\ufe0f\u20e3" or "\U0001f3fb" <= before <= "\U0001f3ff"):
        return _ZWJ
    return _ZWJ if unicodedata.combining(before) == 9 and after.isalpha() else ""


def normalize_text(raw: str) -> str:
    """Unify newlines and spaces, drop terminal escapes, zero-width (but a joiner that joins emoji), bidi-control
    and control characters, and compose letters written with combining marks (NFC)."""
    raw = strip_escapes(raw)
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    # Judge each distinct character once (a text has few), then drop the control ones in one pass. Zero-widths
    # (U+200B-U+200D, U+2060, U+FEFF, soft hyphen) and bidi controls are format characters (category Cf), so
    # this one pass drops them too: no pass of its own for them. A zero-width joiner is kept where it joins
    # (the emoji of a family, a rainbow flag: 👨‍👩‍👧‍👦 is not four people) and dropped elsewhere, as a stray
    # one inside a word would cut it in two for search ("Lon‍don" is not found as London).
    chars = set(text)
    drop = [ord(ch) for ch in chars if ch not in "\n\t\u200d" and unicodedata.category(ch)[0] == "C"]
    # Latin ligatures a PDF or a typesetter left in ("ﬁgures") become their letters in the same pass: a search
    # for "figures" finds the word, and it reads the same.
    ligatures = [ord(ch) for ch in chars if "\ufb00" <= ch <= "\ufb06"]
    if drop or ligatures:
        table: dict[int, str | None] = dict.fromkeys(drop)
        table.update((c, _LIGATURES[c]) for c in ligatures)
        text = text.translate(table)
    if _ZWJ in chars:
        text = _STRAY_ZWJ.sub(_joiner_kept, text)
    # Runs of spaces made one in a single pass over the whole text (the pattern never spans a newline), only
    # when there is one to change: most texts have single plain spaces only, which the pattern leaves as they are.
    if "  " in text or not _ODD_SPACES.isdisjoint(chars):
        text = _SPACES.sub(" ", text)
    # Letters written as a base and a combining mark ("I" + dot above, "e" + acute, as macOS and some PDFs
    # write them) composed, as typed queries have them: "izmir" then finds "İzmir" and "café" "café".
    text = composed(text)
    return "\n".join(line.strip() for line in text.split("\n"))


def _plain(text: str) -> bool:
    """Whether safe_label would return `text` as it is: printable (str.isprintable is False for every control,
    format character such as zero-widths and bidi marks, and space other than ' '), no brackets (what escape
    leftovers are made of), single spaces, none at the ends. Most headlines, outlets and ledes
    are; the window labels 100,000 rows at a time, and these checks cost a fraction of normalising."""
    return text.isprintable() and "  " not in text and "[" not in text \
        and "]" not in text and text[0] != " " and text[-1] != " "


def safe_label(text: str | None, limit: int = 300) -> str:
    """File-derived text made safe for a one-line label: no controls, bidi overrides or zero-widths; capped."""
    if not text:
        return ""
    cleaned = text if _plain(text) else normalize_text(text).replace("\n", " ").strip()
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1].rstrip() + "…"
    return cleaned
