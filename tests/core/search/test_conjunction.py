"""The check before the strict search (core/search/conjunction.py): it says "no article has every word" only
when the strict search would indeed find nothing, and a query that skips the strict search on it gets the
same answer as one that runs it."""

from __future__ import annotations

import time
from itertools import combinations
from pathlib import Path

from reader_app.core.search import conjunction
from reader_app.core.search import query as q
from reader_app.core.search.engine import Compiler, Engine

ARTICLES = [
    ("troops", "Armenia wants more Russian troops",
     "The government in Yerevan asked Moscow to station more soldiers at the base in Gyumri.",
     "Officials said the border guards would stay."),
    ("rates", "Bank keeps interest rates on hold",
     "The central bank kept interest rates unchanged for a sixth month.",
     "Economists expect rates to stay where they are until the summer."),
    ("lira", "Turkey knocks six zeros off the lira",
     "New banknotes went into circulation as the old currency was withdrawn.",
     "Shops in Istanbul priced goods in both currencies for a year."),
    ("border", "Border talks resume in Moscow",
     "Diplomats from both countries met to discuss the border and the guards stationed along it."),
]
WORDS = ["armenia", "troops", "moscow", "soldiers", "border", "guards", "bank", "rates", "unchanged", "turkey",
         "banknotes", "currency", "istanbul", "diplomats", "summer", "yerevan", "lira"]


def _library_with(library, tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    files = []
    for name, headline, *paragraphs in ARTICLES:
        f = folder / f"{name}.txt"
        f.write_text(headline + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        files.append(f)
    library.import_paths(files)
    return library


def _strict(engine: Engine, text: str) -> tuple[bool, set[int]]:
    """(the check's answer, the documents the strict search finds) for one query."""
    gen = engine.generation()
    node = q.parse(text).node
    compiler = Compiler(gen.searcher)
    wquery = compiler.compile(node)
    found = engine.run(gen, wquery, 60, time.monotonic() + 10).docs if wquery is not None else set()
    return compiler.could_match(node), found


def test_words_no_article_holds_together_are_found_impossible(library, tmp_path):
    engine = _library_with(library, tmp_path).engine
    assert _strict(engine, "armenia soldiers gyumri") == (True, _strict(engine, "armenia soldiers gyumri")[1])
    assert _strict(engine, "armenia soldiers gyumri")[1]
    possible, found = _strict(engine, "armenia banknotes")  # both words are in the library, never together
    assert not possible and not found
    possible, found = _strict(engine, "moscow border guards lira")
    assert not possible and not found


def test_the_check_never_rules_out_what_the_strict_search_finds(library, tmp_path):
    """Every pair and triple of the library's words, phrases and headline-only words: "impossible" only when
    the strict search finds nothing; whenever it finds something, "possible"."""
    engine = _library_with(library, tmp_path).engine
    queries = [" ".join(c) for n in (1, 2, 3) for c in combinations(WORDS, n)]
    queries += ['"border guards" moscow', '"border guards" turkey', 'title:moscow border', 'title:moscow bank',
                '"interest rates" unchanged', "armenia OR turkey lira", "moscow -armenia", "armenai troops",
                "the of and", "the armenia", "armenia troops~ moscow"]
    impossible = 0
    for text in queries:
        possible, found = _strict(engine, text)
        assert possible or not found, text
        impossible += not possible
    assert impossible > len(queries) // 3  # most word combinations of these articles never meet


def test_a_query_no_article_fully_matches_still_gets_its_closest_articles(library, tmp_path):
    lib = _library_with(library, tmp_path)
    result = lib.search("soldiers sent to armenia from moscow currency")
    assert result.gist and result.hits[0].title == "Armenia wants more Russian troops"
    strict = lib.search("armenia soldiers")
    assert not strict.relaxed and not strict.gist
    assert "Armenia wants more Russian troops" in [h.title for h in strict.hits]
    long = lib.search("government yerevan asked moscow station soldiers gyumri")  # long enough to be checked
    assert not long.relaxed and not long.gist
    assert [h.title for h in long.hits] == ["Armenia wants more Russian troops"]


def _read(m) -> list[tuple[int, float, bytes]]:
    out = []
    while m.is_active():
        out.append((m.id(), m.weight(), m.value()))
        m.next()
    return out


def test_postings_opened_from_the_kept_term_entries_are_the_readers_own(library, tmp_path, monkeypatch):
    """TermCounts keeps each term's entry and opens its postings from it: the same counts, documents, weights
    and positions as the segment reader's own look-up, before and after an article is removed (deletions)."""
    from reader_app.core.index import store

    monkeypatch.setattr(store, "SMALL_SEGMENT", 0)  # no merge at the removal: its deletion stays in its segment
    monkeypatch.setattr(store, "TINY_SEGMENT", 0)
    _library_with(library, tmp_path)
    for removed in (False, True):
        if removed:
            library.remove(next(a["id"] for a in library.list_articles() if a["title"].startswith("Border talks")))
        searcher = library.engine.generation().searcher
        counts = conjunction.TermCounts(searcher)
        assert any(r.has_deletions() for r in counts.readers) == removed
        opened = 0
        for fieldname in ("title", "body"):
            analyzer = searcher.schema[fieldname].analyzer
            for term in {t.text for word in WORDS + ["the", "zzzz"] for t in analyzer(word, mode="query")}:
                assert counts.per_leaf(fieldname, term) == tuple(r.doc_frequency(fieldname, term) for r in counts.readers)
                for n, reader in enumerate(counts.readers):
                    if counts.per_leaf(fieldname, term)[n]:
                        assert _read(counts.postings(n, fieldname, term)) == _read(reader.postings(fieldname, term))
                        opened += 1
        assert opened > 20, opened
