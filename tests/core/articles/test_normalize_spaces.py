"""normalize_text makes runs of spaces one in a single pass over the text: the same result as line by line."""

from __future__ import annotations

import random
import unicodedata

from reader_app.core.articles.text import _BIDI, _SPACES, _ZERO_WIDTH, normalize_text, strip_escapes

# Horizontal spaces of every kind, line and paragraph separators, controls and other whitespace str.strip takes
_CHARS = " \t\n\r\u00a0\u2003\u202f\u3000\u2028\u2029\x0b\x0c\x85\u200b\u200f\u1680\x1c\x1f\x1b[ab"


def _line_by_line(raw: str) -> str:
    """normalize_text as it was: the spaces of each line made one, line by line."""
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
