"""Close spellings within one article are looked for among the names that can match, not every pair
(core/entities/aliases.py): a clipping of thousands of name-like words imports in work near its size."""

from __future__ import annotations

from reader_app import paths
from reader_app.core.entities import aliases
from reader_app.core.library import Library

STORY = ("Nikol Pashinyan met President Vladimir Putin in Moscow on Monday. Mr Pashinian said the talks in "
         "Moscow went well, and Pashinyan thanked Putin.")


def _counting(monkeypatch) -> list[int]:
    calls = [0]
    real = aliases._similar_folded

    def counted(a: str, b: str) -> bool:
        calls[0] += 1
        return real(a, b)

    monkeypatch.setattr(aliases, "_similar_folded", counted)
    return calls


def test_a_clipping_of_thousands_of_name_like_words_compares_few_pairs_and_still_finds_names(tmp_path, monkeypatch):
    """5,000 paragraphs like "P123 x." made 12.5 million comparisons (35 s, holding the library lock)."""
    calls = _counting(monkeypatch)
    clip = tmp_path / "clip.txt"
    codes = "\n\n".join(f"P{i} x. Kaltenbrunner{i} y." for i in range(5000))
    clip.write_text(f"Talks in Moscow\n\n{STORY}\n\n{codes}\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    lib = Library(paths.resolve(tmp_path / "data"))
    lib.open()
    try:
        report = lib.import_paths([clip])
        assert len(report.added) == 1
        people = {e["name"]: e for e in lib.entities(kind="person")}
    finally:
        lib.close()
    assert calls[0] < 20_000, calls[0]  # about one per name at most, not one per pair (12.5 million)
    assert "Nikol Pashinyan" in people and "Pashinian" in people["Nikol Pashinyan"]["aliases"], people
    assert "Vladimir Putin" in people



def test_single_names_look_only_at_full_names_that_can_take_them():
    """Each surname alone looked at every full name of the article for its last word: thousands of people in
    one clipping made that millions of steps. Counted as calls into C (str.split and the like) while resolving."""
    import sys

    from reader_app.core.entities import ArticleText, BuiltinExtractor

    paragraphs = [STORY] + [f"Mr Hal{i}ward Kern{i}stone met Kern{i}stone and Tobin{i}ley in Moscow." for i in range(600)]
    text = ArticleText(tuple(paragraphs), ())
    mentions = BuiltinExtractor().extract(text)
    calls = [0]

    def count(_frame, event, _arg):
        if event == "c_call":
            calls[0] += 1

    sys.setprofile(count)
    try:
        found = aliases.resolve_article(mentions, text)
    finally:
        sys.setprofile(None)
    assert calls[0] < 200_000, calls[0]  # linear in the names; it was about one per (name, full name) pair
    names = {e.name for e in found}
    assert "Nikol Pashinyan" in names and "Vladimir Putin" in names
