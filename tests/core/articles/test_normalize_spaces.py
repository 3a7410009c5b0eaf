"""normalize_text makes runs of spaces one in a single pass over the text: the same result as line by line."""

from __future__ import annotations

import random
import unicodedata

from reader_app.core.articles.text import _SPACES, normalize_text, strip_escapes

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"), None)

# Horizontal spaces of every kind, line and paragraph separators, controls and other whitespace str.strip takes
_CHARS = (" \t\n\r\u00a0\u2003\u202f\u3000\u2028\u2029\x0b\x0c\x85\u200b\u200f\u1680\x1c\x1f\x1b[ab"
          "\u2000\u200a\u205f\u200c\u200d\u2060\ufeff\u00ad\u202a\u202e\u2066\u2069\u200e")


def _line_by_line(raw: str) -> str:
    """normalize_text as it was: zero-widths and bidi controls dropped in passes of their own, then the
    other controls, then the spaces of each line made one, line by line."""
    raw = strip_escapes(raw)
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.translate(_ZERO_WIDTH).translate(_BIDI)
    drop = [ord(ch) for ch in set(text) if ch not in "\n\t" and unicodedata.category(ch)[0] == "C"]
    if drop:
        text = text.translate(dict.fromkeys(drop))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def test_spaces_made_one_over_the_whole_text_as_line_by_line():
    rnd = random.Random(18)
    for _ in range(20_000):
        text = "".join(rnd.choice(_CHARS) for _ in range(rnd.randint(0, 40)))
        assert normalize_text(text) == _line_by_line(text), repr(text)
    clipping = "Headline \u00a0 here\t\n\n  By  A. Writer \u3000\n\u2028Body\u2003 text .  \r\n"
    assert normalize_text(clipping) == _line_by_line(clipping)
    assert normalize_text(clipping).startswith("Headline here\n\nBy A. Writer\n")


def test_texts_with_single_spaces_only_left_as_they_are():
    """The space pass is skipped when there is nothing for it to change; the result is the same as with it."""
    rnd = random.Random(19)
    words = ["word", "Word.", "a", "\u200b", "\u00ad", "x\u200fy", "\x07", "\u2060"]
    for _ in range(5_000):
        text = " ".join(rnd.choice(words) for _ in range(rnd.randint(0, 12)))
        text += rnd.choice(["", "\n", " \n", "\n\n "])
        assert normalize_text(text) == _line_by_line(text), repr(text)
