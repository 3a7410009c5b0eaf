"""Exact copies (the same headline, outlet, date and cleaned text in files that differ) fold from the import on:
search, the list and the entity facets agree before and after the stories are computed (a user trial: ten
copies were ten results until `stories`, then one with +9 copies; facets counted each copy)."""

from __future__ import annotations

import json

from tests.conftest import run_cli

TEXT = ("Shell payoff for former boss\n\n"
        "Royal Dutch Shell is to pay Judy Boynton a settlement after she stepped down as finance chief. "
        "Tony Blair said the payoff was a matter for Royal Dutch Shell and its shareholders in London.\n")


def _ten_copies(folder):
    folder.mkdir()
    for n in range(10):  # the same text; the files differ (blank lines at the end), so the import takes each
        (folder / f"copy{n}.txt").write_text(TEXT + "\n" * n)


def _search(data_dir) -> dict:
    return json.loads(run_cli("search", "payoff boynton", "--json", data_dir=data_dir).stdout)


def test_exact_copies_are_one_result_before_and_after_stories(data_dir, tmp_path):
    _ten_copies(tmp_path / "c")
    assert run_cli("import", str(tmp_path / "c"), data_dir=data_dir).returncode == 0
    seen = []
    for _ in range(2):
        found = _search(data_dir)
        rows = json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)
        mine = [r for r in rows if r["title"] == "Shell payoff for former boss"]
        # the first row of the text lists the nine others; each of them names that row (not all the others:
        # every copy listing every other made `list --json` grow with the square of the copies)
        first = mine[0]
        assert all(r.get("copy_of") == first["id"] and r["copies"] == [] for r in mine[1:])
        assert sorted(first["copies"]) == sorted(r["id"] for r in mine[1:])
        copies = sorted(len(r["copies"]) for r in mine)
        seen.append((found["total"], len(found["hits"]), len(found["hits"][0]["copies"]), copies))
        assert run_cli("stories", data_dir=data_dir).returncode == 0
    assert seen[0] == seen[1] == (1, 1, 9, [0] * 9 + [9])
    assert "+9 other copies" in run_cli("search", "payoff boynton", data_dir=data_dir).stdout


def test_entity_facets_count_a_text_once(library, tmp_path):
    _ten_copies(tmp_path / "c")
    library.import_paths([tmp_path / "c"])
    ids = [r["id"] for r in library.list_articles() if r["title"] == "Shell payoff for former boss"]
    assert len(ids) == 10
    facets = library.entity_facets(ids)
    assert facets["person"].get("Tony Blair") == 1, facets


def test_an_entity_page_counts_copies_once_as_the_pane_and_the_search_do(data_dir, tmp_path, app_paths):
    """A user trial on the BBC library: the About page said "named in 157 articles" where the People pane and
    `person:"Tony Blair"` said 155 (two texts there twice). The page lists each text once and counts the
    copies apart."""
    from reader_app.core.library import Library

    _ten_copies(tmp_path / "c")
    other = tmp_path / "o"
    other.mkdir()
    (other / "other.txt").write_text("Blair visits Leeds\n\nTony Blair visited a school in Leeds on Friday to talk "
                                     "about exams with the head teacher and pupils.\n")
    for folder in (tmp_path / "c", other):
        assert run_cli("import", str(folder), data_dir=data_dir).returncode == 0
    lib = Library(app_paths)
    lib.open()
    page = lib.entity_profile("person", "Tony Blair")
    facets = lib.entity_facets([a["id"] for a in lib.list_articles()])
    found = lib.search('person:"Tony Blair"')
    assert len(page["articles"]) == facets["person"]["Tony Blair"] == found.total == 2
    assert page["copies"] == 9
    assert {a["title"] for a in page["articles"]} == {"Shell payoff for former boss", "Blair visits Leeds"}
