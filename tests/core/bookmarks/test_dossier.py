"""Bookmarks as a cited dossier (core/bookmarks/dossier.py): sources, Markdown, CSL-JSON, the CLI."""

from __future__ import annotations

import html as html_module
import json
import re
import sqlite3
from pathlib import Path

import pytest

from reader_app.core.bookmarks import dossier
from reader_app.core.bookmarks.database import MIGRATIONS
from reader_app.core.bookmarks.store import BookmarkStore
from tests.conftest import SEEDS, run_cli


def seed_article(library, prefix: str):
    path = str(next(SEEDS.glob(f"{prefix}_*.txt")))
    aid = next(a["id"] for a in library.list_articles() if a["path"] == path)
    return library.article(aid)


@pytest.fixture
def evidence(library):
    """Bookmarks from two outlets (The Moscow Times, Global Defense Corp) and one article with neither an
    outlet nor a date."""
    store = library.bookmarks
    mt, gdc, bare = seed_article(library, "002"), seed_article(library, "001"), seed_article(library, "004")
    store.add_quote(mt, "Kremlin spokesman Dmitry Peskov was quoted as saying", note="the Kremlin's word",
                    tags=["withdrawal", "kremlin"])
    store.add_quote(gdc, "Armenian Prime Minister Nikol Pashinyan on Thursday asked Russia to deploy troops",
                    tags=["request"])
    store.add_quote(bare, "President Putin therefore agreed")
    return library, store.list()


def test_bookmarks_carry_their_source_byline_included(library):
    article = seed_article(library, "000")  # "By AFP", dated 14 April 2021
    b = library.bookmarks.add_quote(article, "Armenia said Wednesday")
    assert (b.title, b.outlet, b.byline, b.date, b.url) == (article.title, "The Moscow Times", "AFP", "2021-04-14",
                                                            article.url)
    assert library.bookmarks.get(b.id).byline == "AFP"


def test_version_2_database_gains_bylines_keeping_its_rows(app_paths):
    app_paths.data.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(app_paths.bookmarks_db)
    for migration in MIGRATIONS[:2]:
        for statement in migration:
            conn.execute(statement)
    conn.execute("INSERT INTO bookmarks (id, article_id, quote, pos_start, pos_end, text_hash, created, updated, "
                 "title, outlet) VALUES ('b1', 'a1', 'a quote', 0, 7, 'h', '2020', '2020', 'Headline', 'Paper')")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    store = BookmarkStore(app_paths)
    try:
        [b] = store.list()
        assert (b.quote, b.title, b.outlet, b.byline) == ("a quote", "Headline", "Paper", None)
    finally:
        store.close()


def test_csl_json_renders_with_a_citation_processor(evidence):
    citeproc = pytest.importorskip("citeproc", reason="citeproc-py (a test dependency) is not installed")
    from citeproc.source.json import CiteProcJSON

    library, bookmarks = evidence
    items = dossier.csl_items(bookmarks)
    assert len(items) == 3 and {i["type"] for i in items} == {"article-newspaper"}
    by_outlet = {i.get("container-title"): i for i in items}
    assert set(by_outlet) == {"The Moscow Times", "Global Defense Corp", None}
    assert by_outlet["Global Defense Corp"]["issued"] == {"date-parts": [[2021]]}
    bare = by_outlet[None]
    assert "issued" not in bare and bare["title"].startswith("Russia will withdraw")
    # each quote points at its source's entry
    assert {dossier.csl_id(b) for b in bookmarks} == {i["id"] for i in items}

    style = citeproc.CitationStylesStyle("harvard-cite-them-right", validate=False)  # bundled with citeproc-py
    bib = citeproc.CitationStylesBibliography(style, CiteProcJSON(json.loads(json.dumps(items))),
                                              citeproc.formatter.plain)
    cites = [citeproc.Citation([citeproc.CitationItem(dossier.csl_id(b))]) for b in bookmarks]
    for c in cites:
        bib.register(c)
    rendered = [str(bib.cite(c, lambda item: None)) for c in cites]
    entries = [str(e) for e in bib.bibliography()]
    assert len(entries) == 3 and all(rendered)
    text = "\n".join(entries)
    assert "The Moscow Times" in text and "Global Defense Corp" in text
    assert "Russia Agrees to Remove Some Troops" in text and "Russia will withdraw" in text
    assert "2024" in text and "2021" in text


def test_markdown_dossier_by_entity_then_date_with_note_tags_and_citation(evidence):
    library, bookmarks = evidence
    md = dossier.to_markdown(bookmarks, dossier.grouping_for(library, "entity"))
    sections = re.findall(r"^## (.+)$", md, re.M)
    assert "Dmitry Peskov" in sections and "Nikol Pashinyan" in sections and "Vladimir Putin" in sections
    peskov = md.split("## Dmitry Peskov", 1)[1].split("\n## ", 1)[0]
    assert "> Kremlin spokesman Dmitry Peskov was quoted as saying" in peskov
    assert "Note: the Kremlin's word" in peskov and "Tags: `withdrawal`, `kremlin`" in peskov
    mt = next(b for b in bookmarks if b.outlet == "The Moscow Times")
    assert mt.url is None and f"*The Moscow Times*, 2024 [@{dossier.csl_id(mt)}]" in peskov
    assert "### 2024" in peskov
    putin = md.split("## Vladimir Putin", 1)[1].split("\n## ", 1)[0]
    assert "### Undated" in putin  # the article with no date and no outlet
    assert "[@reader-app-" in putin


def test_markdown_dossier_orders_dates_within_a_group(evidence):
    library, bookmarks = evidence
    md = dossier.to_markdown(bookmarks, dossier.Grouping(lambda b: ["All"], "everything"))
    days = re.findall(r"^### (.+)$", md, re.M)
    assert days == ["2021", "2024", "Undated"]


@pytest.mark.usefixtures("indexed_data_dir")  # the seeds' index built, as a first `reader-app index` leaves it
def test_cli_exports_csl_and_a_dossier(data_dir, tmp_path):
    listed = json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)
    mt = next(a for a in listed if a["path"].endswith(next(SEEDS.glob("002_*.txt")).name))
    bare = next(a for a in listed if a["path"].endswith(next(SEEDS.glob("004_*.txt")).name))
    for aid, quote in ((mt["id"], "Kremlin spokesman Dmitry Peskov"), (bare["id"], "President Putin therefore agreed")):
        r = run_cli("bookmarks", "add", aid, "--quote", quote, "--note", "n", data_dir=data_dir)
        assert r.returncode == 0, r.stderr
    out = tmp_path / "sources.json"
    r = run_cli("bookmarks", "export", "--format", "csl", "-o", str(out), data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    items = json.loads(out.read_text())
    assert sorted(i.get("container-title", "") for i in items) == ["", "The Moscow Times"]
    assert out.read_text().endswith("]\n")  # a text file ends with its line's end
    md = run_cli("bookmarks", "export", "--format", "md", "--group", "entity", data_dir=data_dir)
    assert md.returncode == 0 and "## Dmitry Peskov" in md.stdout and "[@reader-app-" in md.stdout
    story = run_cli("bookmarks", "export", "--format", "md", "--group", "story", data_dir=data_dir)
    assert story.returncode == 0 and "# Dossier" in story.stdout
    assert "2 quotes from 2 articles" in story.stdout  # not "2 quote(s) from 2 article(s)"
    if "story threads are not available" in story.stderr:
        assert "grouped by article" in story.stdout
    bad = run_cli("bookmarks", "export", "--format", "bibtex", data_dir=data_dir)
    assert bad.returncode == 2


@pytest.mark.usefixtures("indexed_data_dir")  # the seeds' index built, as a first `reader-app index` leaves it
def test_cli_dossier_groups_by_story_thread(data_dir):
    """`--group story` puts bookmarks under their article's story thread (core/stories), not back by article."""
    [thread] = json.loads(run_cli("stories", "--json", data_dir=data_dir).stdout)
    listed = json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)
    mt = next(a for a in listed if a["path"].endswith(next(SEEDS.glob("002_*.txt")).name))
    bare = next(a for a in listed if a["path"].endswith(next(SEEDS.glob("004_*.txt")).name))
    assert {mt["id"], bare["id"]} <= set(thread["articles"])
    for aid, quote in ((mt["id"], "Kremlin spokesman Dmitry Peskov"), (bare["id"], "President Putin therefore agreed")):
        assert run_cli("bookmarks", "add", aid, "--quote", quote, data_dir=data_dir).returncode == 0
    story = run_cli("bookmarks", "export", "--format", "md", "--group", "story", data_dir=data_dir)
    assert story.returncode == 0, story.stderr
    assert "not available" not in story.stderr
    groups = re.findall(r"^## (.+)$", story.stdout, re.M)
    assert groups == [thread["title"]]  # both under the one thread, neither under its headline
    assert "Kremlin spokesman Dmitry Peskov" in story.stdout and "President Putin therefore agreed" in story.stdout


def test_copy_as_citation_gives_byline_headline_outlet_date_and_url_from_the_csl_entry(library):
    from reader_app.core.bookmarks.export import citation

    article = seed_article(library, "000")  # "By AFP", The Moscow Times, 14 April 2021, with a URL
    b = library.bookmarks.add_quote(article, "Armenia said Wednesday")
    item = dossier.csl_item(b)
    assert citation(b) == (f"“Armenia said Wednesday” — AFP, “{article.title},” The Moscow Times, 14 April 2021, "
                           f"{article.url}.")
    # the same details as the CSL-JSON entry: a person's byline as CSL gives the name, given name first
    b.byline = "Jane van Dam"
    assert citation(b).startswith("“Armenia said Wednesday” — Jane van Dam, “")
    assert item["container-title"] in citation(b) and item["URL"] in citation(b)


def test_a_citation_of_an_article_without_byline_outlet_date_or_url_has_no_empty_parts(library):
    from reader_app.core.bookmarks.export import citation

    bare = seed_article(library, "004")  # no outlet, byline, date or URL
    b = library.bookmarks.add_quote(bare, "President Putin therefore agreed")
    assert citation(b) == f"“President Putin therefore agreed” — “{bare.title}.”"
    year_only = seed_article(library, "001")  # Global Defense Corp, dated "2021", no byline or URL
    c = library.bookmarks.add_quote(year_only, "Armenian Prime Minister Nikol Pashinyan on Thursday asked Russia")
    assert citation(c).endswith(f"— “{year_only.title},” Global Defense Corp, 2021.")


def test_a_quote_naming_nobody_has_its_own_section(library):
    """The new-user trial: by entity, a quote that names nobody was filed under the article's most-named
    person, as if it spoke of them. It goes under its own heading, last."""
    mt = seed_article(library, "002")
    library.bookmarks.add_quote(mt, "Kremlin spokesman Dmitry Peskov was quoted as saying")
    library.bookmarks.add_quote(mt, "a mutual defense pact")
    md = dossier.to_markdown(library.bookmarks.list(), dossier.grouping_for(library, "entity"))
    sections = re.findall(r"^## (.+)$", md, re.M)
    assert sections[-1] == dossier.NAMING_NOBODY and sections.count(dossier.NAMING_NOBODY) == 1
    nobody = md.split(f"## {dossier.NAMING_NOBODY}", 1)[1]
    assert "> a mutual defense pact" in nobody and "Dmitry Peskov was quoted" not in nobody
    assert all("a mutual defense pact" not in md.split(f"## {s}", 1)[1].split("\n## ", 1)[0]
               for s in sections[:-1])


def test_a_year_only_heading_comes_after_the_full_dates_of_its_year(evidence):
    """The user trial: the dossier put "### 2021" (Global Defense Corp, dated by its year only) before
    "### 14 April 2021"; the timeline puts a year-only date after the full dates of its year, and so now does
    the dossier."""
    library, _ = evidence
    library.bookmarks.add_quote(seed_article(library, "000"), "Armenia said Wednesday it will seek to expand")
    md = dossier.to_markdown(library.bookmarks.list(), dossier.Grouping(lambda b: ["All"], "everything"))
    assert re.findall(r"^### (.+)$", md, re.M) == ["14 April 2021", "2021", "2024", "Undated"]


def test_a_plain_text_source_can_be_found_again_from_the_dossier_and_csl(library, tmp_path):
    """The user trial: for a plain-text import the dossier cited only the headline and a citekey (no date,
    link or path), and its CSL-JSON entry only the title. Now both say when the article was added to the
    library and where its copy is kept (and the file it came from); the quotes stay exactly as saved."""
    from markdown_it import MarkdownIt

    folder = tmp_path / "clippings"
    folder.mkdir()
    original = folder / "yukos.txt"
    original.write_text("Yukos sues four firms for $20bn\n\nYukos is claiming more than $20bn (£11bn) in damages "
                        "after Yugansk was sold in December. Rosneft, meanwhile, has agreed to merge with "
                        "Gazprom_plc [state_run] | 2*3 firm.\n")
    [(_, aid)] = library.import_paths([folder]).added
    article = library.article(aid)
    assert (article.date, article.url) == (None, None)
    quotes = ["Yukos is claiming more than $20bn (£11bn) in damages",
              "Rosneft, meanwhile, has agreed to merge with Gazprom_plc [state_run] | 2*3 firm."]
    for q in quotes:
        library.bookmarks.add_quote(article, q)
    listed = next(a for a in library.list_articles() if a["id"] == aid)
    copy = library.index.document(aid)["file"]
    assert Path(copy).is_file() and Path(copy).read_text() == original.read_text()  # the library's own copy

    text, _ = dossier.render(library.bookmarks.list(), "md", "story", library)
    citations = [ln for ln in text.splitlines() if ln.startswith("— ")]
    added = dossier.long_date(listed["added"])
    assert added and citations == [f"— “Yukos sues four firms for $20bn”, added to the library {added}, library "
                                   f"copy `{copy}`, imported from `{original}` [@reader-app-{aid}]"] * 2
    html = MarkdownIt().render(text)
    shown = [html_module.unescape(re.sub(r"<[^>]+>", "", q)).strip()
             for q in re.findall(r"<blockquote>(.*?)</blockquote>", html, re.S)]
    assert sorted(shown) == sorted(quotes)  # Markdown shows each quote exactly as it was saved

    text, _ = dossier.render(library.bookmarks.list(), "csl", None, library)
    [item] = json.loads(text)
    y, m, d = (int(x) for x in listed["added"][:10].split("-"))
    assert item["accessed"] == {"date-parts": [[y, m, d]]} and "issued" not in item and "URL" not in item
    assert (item["archive"], item["archive_location"], item["source"]) == ("reader-app library", copy, str(original))


def test_a_dated_source_with_an_address_is_cited_by_them(evidence):
    """Where the article gives its date and URL, the citation line gives those, not the day it was added nor a
    path; the CSL entry still says when it was added (`accessed`)."""
    library, _ = evidence
    article = seed_article(library, "000")  # The Moscow Times, 14 April 2021, with a URL
    library.bookmarks.add_quote(article, "Armenia said Wednesday")
    chosen = [b for b in library.bookmarks.list() if b.article_id == article.id]
    text, _ = dossier.render(chosen, "md", "article", library)
    [line] = [ln for ln in text.splitlines() if ln.startswith("— ")]
    assert line.endswith(f"14 April 2021, <{article.url}> [@reader-app-{article.id}]")
    assert "added to the library" not in line and "library copy" not in line
    [item] = json.loads(dossier.render(chosen, "csl", None, library)[0])
    assert item["URL"] == article.url and "archive_location" not in item and "accessed" in item
    assert item["issued"] == {"date-parts": [[2021, 4, 14]]}


def test_csl_with_where_to_find_the_source_renders_with_a_citation_processor(library, tmp_path):
    citeproc = pytest.importorskip("citeproc", reason="citeproc-py (a test dependency) is not installed")
    from citeproc.source.json import CiteProcJSON

    folder = tmp_path / "clips"
    folder.mkdir()
    (folder / "note.txt").write_text("Council sets budget\n\nThe council set its budget for the schools today.\n")
    [(_, aid)] = library.import_paths([folder]).added
    library.bookmarks.add_quote(library.article(aid), "The council set its budget")
    items = json.loads(dossier.render(library.bookmarks.list(), "csl", None, library)[0])
    style = citeproc.CitationStylesStyle("harvard-cite-them-right", validate=False)
    bib = citeproc.CitationStylesBibliography(style, CiteProcJSON(items), citeproc.formatter.plain)
    bib.register(citeproc.Citation([citeproc.CitationItem(items[0]["id"])]))
    [entry] = [str(e) for e in bib.bibliography()]
    assert "Council sets budget" in entry


def test_a_source_path_with_a_newline_or_markdown_marks_is_cited_exactly(library, tmp_path):
    """A user trial: a file name holding a newline was cited in the dossier with a space in its place (a code
    span shows a newline as a space), so the path named another file. It is written escaped (\\x0a, as the
    command line prints it), one citation line; `]`, `)`, `*` and backticks in it change nothing else; the
    CSL-JSON entry keeps it exact."""
    from markdown_it import MarkdownIt

    from reader_app.core.storage.files import printable_path

    folder = tmp_path / "odd [clips]"
    folder.mkdir()
    name = "we]ird)*`x\nline\n\n## not a heading.txt"
    original = folder / name
    original.write_text("Council sets budget\n\nThe council set its budget for the schools today, officials said.\n")
    [(_, aid)] = library.import_paths([original]).added
    library.bookmarks.add_quote(library.article(aid), "The council set its budget")

    text, _ = dossier.render(library.bookmarks.list(), "md", "article", library)
    [line] = [ln for ln in text.splitlines() if ln.startswith("— ")]
    assert line.endswith(f" [@reader-app-{aid}]") and "\\x0aline\\x0a\\x0a## not a heading.txt" in line
    assert "## not a heading" not in [ln for ln in text.splitlines() if ln.startswith("#")]
    html = MarkdownIt().render(text)
    spans = [html_module.unescape(c) for c in re.findall(r"<code>(.*?)</code>", html, re.S)]
    assert printable_path(str(original)) in spans  # the code span shows the path, escaped, whole
    assert printable_path(str(original)) == str(original).replace("\n", "\\x0a")
    assert re.findall(r"<h2>(.*?)</h2>", html) == ["Council sets budget"]  # the name's "##" made no heading

    [item] = json.loads(dossier.render(library.bookmarks.list(), "csl", None, library)[0])
    assert item["source"] == str(original)  # exact, newline and all


def test_a_shipped_article_is_cited_as_shipped_not_by_where_the_app_is_installed(library):
    """A new-user trial: a seed's citation read `file /tmp/…/.venv/lib/python3.11/site-packages/reader_app/seeds/
    004_….txt`, a path that means nothing to a reader of the dossier and changes on reinstall."""
    from reader_app.paths import seeds_dir

    bare = seed_article(library, "004")  # no date, no URL: cited by where it is
    library.bookmarks.add_quote(bare, "President Putin therefore agreed")
    chosen = [b for b in library.bookmarks.list() if b.article_id == bare.id]
    name = next(p.name for p in seeds_dir().iterdir() if p.name.startswith("004"))
    text, _ = dossier.render(chosen, "md", "article", library)
    [line] = [ln for ln in text.splitlines() if ln.startswith("— ")]
    assert f"shipped with reader-app as `seeds/{name}`" in line
    assert str(seeds_dir()) not in text and "library copy" not in line
    text, _ = dossier.render(chosen, "csl", None, library)
    [item] = json.loads(text)
    assert (item["archive"], item["archive_location"]) == ("reader-app (articles shipped with the app)",
                                                          f"seeds/{name}")
    assert "source" not in item
