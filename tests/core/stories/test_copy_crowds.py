"""A crowd of exact copies of one text (an adversarial trial: 2,000-20,000 copies of one BBC article under
different file names): the people/organisation/place counts count the text once, as the search's total does;
search still finds the other texts past the crowd; the command line says how many copies, not every id."""

from __future__ import annotations

import json

from tests.conftest import run_cli

TEXT = ("Shell payoff for former boss\n\n"
        "Royal Dutch Shell is to pay Judy Boynton a settlement after she stepped down as finance chief. "
        "Tony Blair said the payoff was a matter for Royal Dutch Shell and its shareholders in London.\n")
OTHER = ("Boynton joins a new board\n\n"
         "Judy Boynton, who left Royal Dutch Shell, joins the board of a London bank, the bank said.\n")
COPIES = 30


def _crowd(folder, copies: int = COPIES) -> None:
    folder.mkdir()
    for n in range(copies):  # the same text; the files differ (blank lines at the end), so the import takes each
        (folder / f"copy{n}.txt").write_text(TEXT + "\n" * n)
    (folder / "other.txt").write_text(OTHER)


def test_entity_counts_count_a_text_once(data_dir, tmp_path):
    _crowd(tmp_path / "c")
    assert run_cli("import", str(tmp_path / "c"), data_dir=data_dir).returncode == 0
    found = json.loads(run_cli("search", "payoff", "--json", data_dir=data_dir).stdout)
    assert found["total"] == 1
    assert found["facets"]["person"].get("Judy Boynton") == 1, found["facets"]
    assert found["facets"]["person"].get("Tony Blair") == 1, found["facets"]
    # a text naming her beside the crowd: two texts, whichever order
    both = json.loads(run_cli("search", "boynton", "--json", data_dir=data_dir).stdout)
    assert both["total"] == 2
    assert both["facets"]["person"].get("Judy Boynton") == 2, both["facets"]
    rows = json.loads(run_cli("entities", "--json", data_dir=data_dir).stdout)
    counts = {r["name"]: r["articles"] for r in rows}
    assert counts.get("Judy Boynton") == 2 and counts.get("Tony Blair") == 1, counts
    assert [r["articles"] for r in rows] == sorted((r["articles"] for r in rows), reverse=True)  # ranked anew
    limited = json.loads(run_cli("entities", "--json", "--limit", "3", data_dir=data_dir).stdout)
    assert limited == rows[:3]


def test_search_finds_texts_past_a_crowd_of_copies(library, tmp_path):
    _crowd(tmp_path / "c")
    library.import_paths([tmp_path / "c"])
    result = library.search("boynton", limit=5)
    assert result.total == 2
    assert len(result.hits) == 2
    assert sorted(len(h.copies) for h in result.hits) == [0, COPIES - 1]
    one = library.search("boynton", limit=1)
    assert len(one.hits) == 1 and one.total == 2


def test_command_line_says_how_many_copies_not_every_id(data_dir, tmp_path):
    _crowd(tmp_path / "c")
    assert run_cli("import", str(tmp_path / "c"), data_dir=data_dir).returncode == 0
    out = run_cli("search", "payoff", data_dir=data_dir).stdout
    line = next(x for x in out.splitlines() if "other copies" in x)
    assert f"+{COPIES - 1} other copies" in line
    ids = {r["id"] for r in json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)}
    assert sum(i in line for i in ids) <= 3, line
    found = json.loads(run_cli("search", "payoff", "--json", data_dir=data_dir).stdout)
    assert len(found["hits"][0]["copies"]) == COPIES - 1  # every id with --json


def test_outlet_and_year_counts_count_a_text_once(library, tmp_path):
    """A user trial: the outlet and year counts of a search counted each copy (30 copies: "Harbour Times
    (31)" for 2 results), while its people, organisations and places counted each text once. They count
    texts now, as the search's total does and as a search filtered to that outlet or year would."""
    folder = tmp_path / "c"
    folder.mkdir()
    dated = TEXT.replace("\n\n", "\n\nPublished 14 March 2005\n\n", 1)
    for n in range(COPIES):
        (folder / f"copy{n}.txt").write_text(dated + "\n" * n)
    (folder / "other.txt").write_text(OTHER.replace("\n\n", "\n\nPublished 2 May 2006\n\n", 1))
    library.import_paths([folder], outlet="Harbour Times")
    result = library.search("boynton", limit=5)
    assert result.total == 2
    assert result.facets["outlet"] == {"Harbour Times": 2}, result.facets
    assert result.facets["year"] == {"2005": 1, "2006": 1}, result.facets
    for year in ("2005", "2006"):
        assert library.search("boynton", limit=5, year=year).total == result.facets["year"][year]
