"""The scripts written without spaces between words (Han, Hiragana, Katakana), and how a text's words are
split with them in mind. No Whoosh here, no Qt.

A pattern of word characters (`\\w+`) makes a whole Chinese or Japanese sentence one word. The index (like
Lucene's CJKAnalyzer) keeps such a run of characters as its overlapping pairs ("北京大学" as 北京, 京大,
大学; a run of one character as that character), so any word of two or more characters inside it is found
as the phrase of its pairs. Every other script is split as before: for a text with none of these
characters, WORD finds exactly the words `\\w+(?:\\.?\\w+)*` finds. Hangul is written with spaces and is
left as it is.
"""

from __future__ import annotations

import re

# Han (with its iteration and closing marks 々 〆 〇 〻 〼, extensions A to H, the compatibility ideographs),
# Hiragana, Katakana (with its phonetic extensions, the half-width forms and the historic kana): code point
# ranges, of which only the word characters count (・ and the spacing voicing marks are punctuation).
_RANGES = ((0x3005, 0x3007), (0x3031, 0x3035), (0x303B, 0x303C), (0x3041, 0x30FF), (0x31F0, 0x31FF),
           (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF66, 0xFF9F), (0x1B000, 0x1B16F),
           (0x20000, 0x3FFFF))


def _span(a: int, b: int) -> str:
    return re.escape(chr(a)) + "-" + re.escape(chr(b))


def _complement() -> str:
    out, start = [], 0
    for a, b in _RANGES:
        if a > start:
            out.append(_span(start, a - 1))
        start = b + 1
    out.append(_span(start, 0x10FFFF))
    return "".join(out)


_IN_RANGES = "".join(_span(a, b) for a, b in _RANGES)
CJK_CHAR = "[^\\W" + _complement() + "]"  # a word character of these scripts
OTHER_CHAR = "[^\\W" + _IN_RANGES + "]"  # any other word character
# A run of these scripts' characters, or a word of other word characters (a "." may join two: "u.s.a")
WORD = re.compile(f"{CJK_CHAR}+|{OTHER_CHAR}+(?:\\.?{OTHER_CHAR}+)*")
_ANY = re.compile(f"[{_IN_RANGES}]")  # (a character of the ranges, word character or not: a quick look)
_HIGH = re.compile("[^\\x00-\\u3004]")  # (a character from the first of them on: quicker still to look for)
_RUN = re.compile(f"{CJK_CHAR}+")


def has_cjk(text: str) -> bool:
    """Whether `text` may hold a character of these scripts (False: WORD splits it as `\\w+` would)."""
    high = _HIGH.search(text)  # most texts of most libraries have none: one quick look, about 5 ns a character
    return high is not None and _ANY.search(text, high.start()) is not None


def is_cjk(word: str) -> bool:
    """Whether a word WORD found is a run of these scripts' characters (its first character says)."""
    return bool(word) and word[0] >= "\u3005" and _RUN.match(word, 0, 1) is not None


def bigrams(run: str) -> list[str]:
    """A run's overlapping pairs of characters (a run of one character: that character)."""
    if len(run) < 2:
        return [run]
    return [run[i:i + 2] for i in range(len(run) - 1)]


def indexed_words(words: list[str]) -> list[str]:
    """WORD's words as the index keeps them: each run of these scripts as its pairs, in order."""
    out: list[str] = []
    for w in words:
        if is_cjk(w):
            out.extend(bigrams(w))
        else:
            out.append(w)
    return out


def pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of `text[start:end]` (one word of WORD) as the index keeps it: a run of these scripts as its
    pairs (each two characters, overlapping), any other word whole."""
    if end - start < 2 or not is_cjk(text[start]):
        return [(start, end)]
    return [(i, i + 2) for i in range(start, end - 1)]


_SPACE_BETWEEN = re.compile(f"(?<={CJK_CHAR})\\s+(?={CJK_CHAR})")


def closed_up(text: str) -> str:
    """A phrase as Chinese and Japanese are written: no space between two characters of these scripts
    ("北京大学 校长" is 北京大学校长), so a quoted phrase typed in words finds the words written together."""
    return _SPACE_BETWEEN.sub("", text) if has_cjk(text) else text


# --- line breaks between these characters -----------------------------------------------------------------
#
# Chinese and Japanese put no space between words, so a line break inside a sentence is no space either: a
# browser drops a line break between two such characters (CSS Text, segment break transformation), where a
# line break between two English words shows as a space. The characters that close up: the ranges above,
# CJK symbols and punctuation (、。「」 and the ideographic space's neighbours), the vertical and small forms,
# the full-width forms (！？（）Ａ１) and the half-width katakana and punctuation. (Hangul is written with
# spaces: a break there stays a space. Emoji are wide too, but "😀" then a new line is no part of a word.)
_WIDE_RANGES = _RANGES + ((0x3000, 0x303F), (0xFE10, 0xFE1F), (0xFE30, 0xFE4F), (0xFF01, 0xFF60), (0xFF61, 0xFF65),
                          (0xFFE0, 0xFFE6))
WIDE_CHAR = "[" + "".join(_span(a, b) for a, b in _WIDE_RANGES) + "]"
_WIDE = re.compile(WIDE_CHAR)
SENTENCE_ENDS = "。！？｡」』"  # what ends a sentence (or a quotation, which ends a paragraph as often)


def is_wide(ch: str) -> bool:
    """Whether `ch` (one character) is one between which and another such a line break is no space."""
    return ch >= "\u3000" and _WIDE.match(ch) is not None


def closes_up(before: str, after: str) -> bool:
    """Whether a line break between the text `before` and the text `after` is no space (both sides wide)."""
    return bool(before) and bool(after) and is_wide(before[-1]) and is_wide(after[0])


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as one: with a space between them, as ever, but none where both sides are
    Chinese or Japanese characters ("東" and "京" make "東京")."""
    if len(lines) < 2:
        return " ".join(lines)
    out = [lines[0]]
    for prev, line in zip(lines, lines[1:]):
        if not closes_up(prev, line):
            out.append(" ")
        out.append(line)
    return "".join(out)


def width(line: str) -> int:
    """A line's width in columns as a terminal or a fixed-width editor shows it (these characters take two)."""
    return len(line) + len(_WIDE.findall(line))
