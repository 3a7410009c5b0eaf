"""Inputs whose cost used to grow faster than their size (issue #13, "time that grows without bound").

Each test runs a size the old code could not finish in anything like the per-test timeout (its cost grew with
the square of the size: 40,000 lines took 46 s, so 300,000 would take about 45 minutes); the timeout is a
functional guard with a margin of several times, not a timing assertion: 400 s for a command (a 200,000-paragraph
import took 60-80 s on a slow machine at load 4-6, and over 100 s at load 8-9 in a CI-style run, which the old
100 s guard failed). Figures: benchmarks/growth.py.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli


def _import(tmp_path, data_dir, name: str, text: str) -> dict:
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    path = src / name
    path.write_text(text, encoding="utf-8")
    proc = run_cli("import", str(path), "--json", data_dir=data_dir, timeout=400)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "unexpected error" not in proc.stderr
    return json.loads(proc.stdout)


def _shown(data_dir, article_id: str) -> dict:
    proc = run_cli("show", article_id, "--json", data_dir=data_dir)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.timeout(600)
def test_a_file_of_300000_short_lines_imports(tmp_path, data_dir):
    """The issue's example: 5.5 MB of short soft-wrapped lines, which join into long paragraphs."""
    lines = [f"line {i} of the text goes on" for i in range(300_000)]
    report = _import(tmp_path, data_dir, "lines.txt", "\n".join(lines) + ".\n")
    [added] = report["added"]
    article = _shown(data_dir, added["id"])
    assert article["text"].startswith("line 0 of the text goes on line 1 of the text")
    assert article["text"].rstrip().endswith("line 299999 of the text goes on.")
    proc = run_cli("search", "line", "--json", data_dir=data_dir)
    assert json.loads(proc.stdout)["total"] == 1


@pytest.mark.timeout(600)
def test_a_file_of_200000_paragraphs_broken_mid_sentence_imports(tmp_path, data_dir):
    """A variant: paragraphs (blank lines between) that each continue the sentence before, joined one by one."""
    piece = "piece {} of a *sentence* that goes on and on through the clipping without ever ending"
    blocks = ["# A Headline", "It starts with " + piece.format(0)] + ["and " + piece.format(i) for i in range(1, 200_000)]
    report = _import(tmp_path, data_dir, "pieces.md", "\n\n".join(blocks) + ".\n")
    [added] = report["added"]
    article = _shown(data_dir, added["id"])
    assert article["title"] == "A Headline"
    [para] = article["paragraphs"]
    assert para["text"].startswith("It starts with piece 0 of a sentence that goes on and on")
    assert para["text"].endswith("and piece 199999 of a sentence that goes on and on through the clipping without ever ending.")
    marks = para["marks"]
    assert len(marks) == 200_000
    last = marks[-1]
    assert para["text"][last["start"]:last["end"]] == "sentence"


def _article_with_words(tmp_path, data_dir, words: int) -> dict:
    """An imported article of `words` distinct words (each "wNNNNNNN"), as `show --json` gives it."""
    text = "# Many Words\n\n" + " ".join(f"w{i:07d}" for i in range(words)) + ".\n"
    [added] = _import(tmp_path, data_dir, "words.md", text)["added"]
    return _shown(data_dir, added["id"])


def _annotations(article: dict, bookmarks: list[dict]) -> dict:
    from reader_app.core.bookmarks import Bookmark
    from reader_app.core.bookmarks.anchoring import text_hash
    from reader_app.core.bookmarks.export import to_annotations

    digest = text_hash(article["text"])
    return to_annotations([Bookmark(b["id"], article["id"], b["quote"], "", "", b["start"], b["start"] + len(b["quote"]),
                                    digest, tags=b.get("tags", []), created="2024-01-01T00:00:00.000000",
                                    updated="2024-01-01T00:00:00.000000") for b in bookmarks])


def _import_bookmarks(tmp_path, data_dir, data: dict) -> tuple[int, dict, str]:
    path = tmp_path / "bookmarks.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    proc = run_cli("bookmarks", "import", str(path), "--json", data_dir=data_dir, timeout=400)
    assert "Traceback" not in proc.stderr and "unexpected error" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout) if proc.stdout.strip() else {}, proc.stderr


@pytest.mark.timeout(600)
def test_a_bookmark_with_100000_tags_is_refused_and_its_neighbours_imported(tmp_path, data_dir):
    article = _article_with_words(tmp_path, data_dir, 100)
    text = article["text"]
    crowded = {"id": "crowded00001", "quote": text[14:22], "start": 14, "tags": [f"tag{i}" for i in range(100_000)]}
    fine = {"id": "fine00000001", "quote": text[23:31], "start": 23, "tags": ["Kept", "#kept", "other"]}
    code, counts, err = _import_bookmarks(tmp_path, data_dir, _annotations(article, [crowded, fine]))
    assert code == 3 and counts["added"] == 1
    assert "item 1: too many tags (100,000; a bookmark holds at most" in err
    listed = json.loads(run_cli("bookmarks", "list", "--json", data_dir=data_dir).stdout)
    assert [(b["id"], b["tags"]) for b in listed] == [("fine00000001", ["Kept", "other"])]


@pytest.mark.timeout(600)
def test_adding_a_bookmark_with_thousands_of_tags_says_why_not(tmp_path, data_dir):
    """A variant through `bookmarks add`: many distinct tags are refused with one line; many spellings of a few
    tags are folded into those few. The command line is given 2,000 tags (Python's own argparse takes time
    that grows with the square of the number of options: 20,000 `--tag`s spent 10 s there, none of it ours);
    the same add path then gets 20,000 in the process, the size the old tag check took 118 s on."""
    from reader_app import paths
    from reader_app.core.bookmarks import BookmarkError
    from reader_app.core.library import Library

    article = _article_with_words(tmp_path, data_dir, 100)
    quote = article["text"][14:22]
    many = [arg for i in range(2_000) for arg in ("--tag", f"t{i}")]
    proc = run_cli("bookmarks", "add", article["id"], "--quote", quote, *many, data_dir=data_dir)
    assert proc.returncode == 1 and proc.stderr.startswith("reader-app: too many tags (2,000;"), proc.stderr
    assert json.loads(run_cli("bookmarks", "list", "--json", data_dir=data_dir).stdout) == []
    spellings = [arg for i in range(3_000) for arg in ("--tag", ("#" if i % 2 else "") + ["War", "wAR", "peace"][i % 3])]
    proc = run_cli("bookmarks", "add", article["id"], "--quote", quote, *spellings, "--json", data_dir=data_dir)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["tags"] == ["War", "peace"]

    library = Library(paths.resolve(data_dir))
    library.open()
    try:
        store, shown = library.bookmarks, library.article(article["id"])
        with pytest.raises(BookmarkError, match=r"^too many tags \(20,000; a bookmark holds at most"):
            store.add_quote(shown, quote, tags=[f"t{i}" for i in range(20_000)])
        folded = store.add_quote(shown, quote, tags=[("#" if i % 2 else "") + ["War", "wAR", "peace"][i % 3]
                                                     for i in range(20_000)])
        assert folded.tags == ["War", "peace"]
        assert len(store.list()) == 2
    finally:
        library.close()


@pytest.mark.timeout(900)
def test_50000_bookmarks_on_one_article_import_and_list(tmp_path, data_dir):
    """10,000 took 5.9 s and the cost grew with the square (a passage looked up among all its article's
    bookmarks one by one); past 32,766 the article's bookmarks could not even be listed."""
    n = 50_000
    article = _article_with_words(tmp_path, data_dir, n + 10)
    text = article["text"]
    start = text.index("w0000000")
    items = [{"id": f"b{i:011d}", "quote": text[start + 9 * i:start + 9 * i + 8], "start": start + 9 * i}
             for i in range(n)]
    code, counts, err = _import_bookmarks(tmp_path, data_dir, _annotations(article, items))
    assert code == 0 and counts == {"added": n, "updated": 0, "duplicates": 0, "failed": [], "mended": []}, err
    again, counts, _ = _import_bookmarks(tmp_path, data_dir, _annotations(article, items))
    assert counts["duplicates"] == n
    proc = run_cli("bookmarks", "list", "--article", article["id"], "--json", data_dir=data_dir, timeout=400)
    assert proc.returncode == 0, proc.stderr
    listed = json.loads(proc.stdout)
    assert len(listed) == n and not any(b["orphan"] for b in listed)
    assert {b["quote"] for b in listed} == {item["quote"] for item in items}
