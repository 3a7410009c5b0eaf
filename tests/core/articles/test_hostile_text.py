"""File-derived text is made safe before any label shows it."""

from __future__ import annotations

from reader_app.core.articles.reading import parse_article
from reader_app.core.articles.text import safe_label


def test_safe_label_strips_controls_bidi_and_zero_width_and_caps_length():
    nasty = "Evil\u202eTitle\u200b with\x07 bell\u2066 and\nnewline" + "x" * 1000
    label = safe_label(nasty, limit=80)
    assert "\u202e" not in label and "\u200b" not in label and "\x07" not in label and "\u2066" not in label
    assert "\n" not in label and len(label) <= 80 and label.endswith("…")
    assert label.startswith("EvilTitle with bell and newline")


def test_parser_never_lets_markup_or_controls_into_titles():
    raw = "# <script>alert(1)</script>Bad \u202eHeadline\u202c\x00\n\nA story paragraph that is long enough to count as one.\n"
    a = parse_article(raw, article_id="x", path="x.md")
    assert "<script>" not in a.title and "\u202e" not in a.title and "\x00" not in a.title
    assert "Headline" in a.title


def test_safe_label_gives_plain_text_back_as_full_normalising_would():
    from reader_app.core.articles.text import normalize_text
    from tests.core.stories.test_stories import BBC

    def normalised(text: str, limit: int) -> str:  # safe_label without its shortcut for plain text
        cleaned = normalize_text(text).replace("\n", " ").strip()
        return cleaned[: limit - 1].rstrip() + "…" if len(cleaned) > limit else cleaned

    samples = ["Plain headline", "[31mRed title", "]0;retitled", "left[1;31m over", "two  spaces", " lead",
               "tail ", "tab\there", "bell\x07", "a" * 301, "a" * 300, "ok: 4.75% (rates)", "[5m] aside",
               "\x1b[2Jclear", "Caf\u00e9 \u202eevil", "x\u200by", "line\nbreak"]
    if BBC.is_dir():
        for p in sorted((BBC / "business").iterdir())[:200]:
            text = p.read_text(encoding="utf-8", errors="replace")
            samples += [text.splitlines()[0], " ".join(text.split()[:60]), text[:400]]  # headline, ledes
    for text in samples:
        assert safe_label(text, 300) == normalised(text, 300), repr(text)
        assert safe_label(text, 20) == normalised(text, 20), repr(text)
