"""`reader-app edit ID --outlet … --date …` and `reader-app import PATH --outlet NAME`, as real processes."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli

# Each test starts where a first `reader-app index` leaves a data folder (its own copy of the seeds' index).
pytestmark = pytest.mark.usefixtures("indexed_data_dir")

STORY = ("Border guards waited at the crossing through the night while talks on the new road went on in the "
         "capital, officials said on Friday.\n\nThe road would link two villages cut off since the war.\n")


def _imported(tmp_path, data_dir, *extra: str) -> str:
    src = tmp_path / "guards.txt"
    src.write_text(STORY, encoding="utf-8")
    out = run_cli("import", str(src), "--json", *extra, data_dir=data_dir)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["added"][0]["id"]


def _listed(data_dir, aid: str) -> dict:
    rows = json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)
    return next(r for r in rows if r["id"] == aid)


def test_edit_changes_the_details_everywhere_and_keeps_them_after_a_rebuild(tmp_path, data_dir):
    aid = _imported(tmp_path, data_dir)
    out = run_cli("edit", aid[:6], "--title", "Guards wait at the crossing", "--outlet", "BBC News", "--byline",
                  "Jo Smith", "--date", "2024-03", "--url", "https://www.bbc.co.uk/news/guards", "--json",
                  data_dir=data_dir)
    assert out.returncode == 0, out.stderr
    edited = json.loads(out.stdout)
    assert edited["edited"] == ["byline", "date", "outlet", "title", "url"]
    assert run_cli("index", "--rebuild", data_dir=data_dir).returncode == 0
    row = _listed(data_dir, aid)
    assert (row["title"], row["outlet"], row["byline"], row["date"], row["url"]) == (
        "Guards wait at the crossing", "BBC News", "Jo Smith", "2024-03", "https://www.bbc.co.uk/news/guards")
    assert row["added"] == edited["added"] and row["added"].endswith("Z")
    shown = json.loads(run_cli("show", aid, "--json", data_dir=data_dir).stdout)
    assert shown["outlet"] == "BBC News" and shown["edited"] == edited["edited"] and shown["added"] == row["added"]
    hits = json.loads(run_cli("search", "guards", "--outlet", "BBC News", "--json", data_dir=data_dir).stdout)
    assert [h["id"] for h in hits["hits"]] == [aid]

    out = run_cli("edit", aid, "--outlet", "", data_dir=data_dir)  # "" clears it
    assert out.returncode == 0 and "BBC News" not in out.stdout
    assert _listed(data_dir, aid)["outlet"] is None
    run_cli("edit", aid, "--reset", data_dir=data_dir)
    assert _listed(data_dir, aid)["title"].startswith("Border guards waited")


def test_bookmark_citations_use_the_edited_details(tmp_path, data_dir):
    aid = _imported(tmp_path, data_dir)
    mark = run_cli("bookmarks", "add", aid, "--quote", "talks on the new road", data_dir=data_dir).stdout.strip()
    run_cli("edit", aid, "--outlet", "BBC News", "--date", "2024-03-01", data_dir=data_dir)
    cite = run_cli("bookmarks", "cite", mark, data_dir=data_dir)
    assert cite.stdout.strip().endswith("BBC News, 1 March 2024."), cite.stdout


def test_edit_refuses_bad_details_in_one_line_and_changes_nothing(tmp_path, data_dir):
    aid = _imported(tmp_path, data_dir)
    for args, reason in ((["--date", "2024-02-30"], "does not exist"), (["--date", "March 2024"], "not a date like"),
                         (["--url", "ftp://x.org/a"], "not a web address"), (["--title", ""], "cannot be empty")):
        out = run_cli("edit", aid, *args, data_dir=data_dir)
        assert out.returncode == 1 and reason in out.stderr and len(out.stderr.strip().splitlines()) == 1, out.stderr
    out = run_cli("edit", aid, data_dir=data_dir)
    assert out.returncode == 2 and "nothing to change" in out.stderr
    out = run_cli("edit", "ffffffffffff", "--outlet", "X", data_dir=data_dir)
    assert out.returncode == 1 and "no article with id" in out.stderr
    assert _listed(data_dir, aid)["outlet"] is None


def test_import_with_an_outlet_sets_it_for_the_whole_import(tmp_path, data_dir):
    aid = _imported(tmp_path, data_dir, "--outlet", "BBC News")
    assert _listed(data_dir, aid)["outlet"] == "BBC News"
    again = run_cli("import", str(tmp_path / "guards.txt"), "--outlet", "The Guardian", data_dir=data_dir)
    # the article was there, and the import changed its outlet: it is updated, not merely "already there"
    assert again.returncode == 0 and "updated 1, already in the library 0" in again.stdout, again.stdout
    assert _listed(data_dir, aid)["outlet"] == "The Guardian"
    same = run_cli("import", str(tmp_path / "guards.txt"), "--outlet", "The Guardian", "--json", data_dir=data_dir)
    report = json.loads(same.stdout)
    assert [d["id"] for d in report["duplicates"]] == [aid] and report["updated"] == []  # nothing changed
    out = run_cli("import", str(tmp_path / "guards.txt"), "--outlet", "", data_dir=data_dir)
    assert out.returncode == 1 and out.stderr.strip() == "reader-app: the outlet for the import cannot be empty"


def test_dates_take_ascii_digits_only(tmp_path, data_dir):
    """`\\d` matches any Unicode digit: Arabic-Indic ١٢٣٤ or full-width ２０２１ are not a date here."""
    aid = _imported(tmp_path, data_dir)
    for date in ("١٢٣٤", "٢٠٢١-٠٤-١٤", "２０２１"):
        out = run_cli("edit", aid, "--date", date, data_dir=data_dir)
        assert out.returncode == 1 and "not a date like" in out.stderr, (date, out.stderr)
    assert _listed(data_dir, aid)["date"] is None
    from reader_app.core.articles.dates import find_date

    assert find_date("Published March ١٤, ٢٠٢١ in the capital") is None


def test_a_date_s_year_is_within_one_stated_range(tmp_path, data_dir):
    """The adversarial trial: `edit --date` took 1066 and 2999 but refused 0001 ("not a year of news"). One
    rule now: a year from 1800 to next year, and one message saying so."""
    import datetime as dt

    aid = _imported(tmp_path, data_dir)
    last = dt.date.today().year + 1
    for date in ("0001", "1066", "1799-12-31", f"{last + 1}", "2999-01"):
        out = run_cli("edit", aid, "--date", date, data_dir=data_dir)
        assert out.returncode == 1, (date, out.stdout)
        assert out.stderr.strip() == (f"reader-app: the year of '{date}' is not between 1800 and {last} "
                                      "(the years an article's date may be in)"), out.stderr
    assert _listed(data_dir, aid)["date"] is None
    for date in ("1800", "1854-03-11", f"{last}-01"):
        out = run_cli("edit", aid, "--date", date, data_dir=data_dir)
        assert out.returncode == 0, (date, out.stderr)
        assert _listed(data_dir, aid)["date"] == date
