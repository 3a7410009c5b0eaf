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
