"""`reader-app search` over the seeds: every operator, field, date form and hostile input, as a user runs it."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli

A2024 = "Russia Agrees to Remove Some Troops, Border Guards From Armenia"
A2111 = "Armenia Seeks Russian Military Aid in New Escalation With Azerbaijan"
A2104 = "Armenia Says Wants More Russian Troops on Its Soil"
A2021 = "Armenia Urges Russian Military Deployment On Azerbaijan Border"
UNDATED = "Russia will withdraw its troops and border guards from Armenia’s border with Azerbaijan"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    d = tmp_path_factory.mktemp("search") / "data"
    assert run_cli("index", data_dir=d).returncode == 0
    return d


def batch(data_dir, *queries: str, extra: tuple[str, ...] = ()) -> dict[str, dict]:
    """Many queries through one `reader-app search -` process: one JSON line each."""
    r = run_cli("search", "-", "--json", "--limit", "10", *extra, data_dir=data_dir, input="\n".join(queries) + "\n")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(lines) == len(queries)
    return {q: line for q, line in zip(queries, lines)}


def titles(result: dict) -> set[str]:
    assert "error" not in result, result
    return {h["title"] for h in result["hits"]}


def test_words_phrases_or_not_groups_prefix(seeded):
    got = batch(seeded, "troops", "Russian troops soil", '"border guards"', '"guards border"', "Grigoryan OR Gyumri",
                "Peskov -putin", "Peskov NOT putin", "Azerbaijan -Turkey", "(adversary OR Grigoryan) ceasefire",
                "deploy*", "Konjoryan Grigoryan", "troops -zzxqv", "troops zzxq*", "zzxqv OR Gyumri")
    assert titles(got["troops"]) == {A2024, A2104, A2021, UNDATED}
    assert next(iter(got["Russian troops soil"]["hits"]))["title"] == A2104  # headline words rank first
    assert titles(got['"border guards"']) == {A2024, A2021, UNDATED, A2104}
    assert titles(got['"guards border"']) == set()
    assert titles(got["Grigoryan OR Gyumri"]) == {A2111, A2104, A2024}
    assert titles(got["Peskov -putin"]) == set() == titles(got["Peskov NOT putin"])
    assert titles(got["Azerbaijan -Turkey"]) == {A2021, A2111}
    assert titles(got["(adversary OR Grigoryan) ceasefire"]) == {A2021, A2111}
    assert titles(got["deploy*"]) == {A2104, A2021, UNDATED}
    assert titles(got["troops -zzxqv"]) == titles(got["troops"])  # leaving out a word no article has
    assert got["troops zzxq*"]["relaxed"] is True  # a prefix nothing starts with finds nothing strictly
    assert titles(got["zzxqv OR Gyumri"]) == {A2104, A2024}
    assert got["Konjoryan Grigoryan"]["relaxed"] is True  # all words are required: no article has both


def test_fields(seeded):
    got = batch(seeded, "title:troops", "title:deployment", 'outlet:"moscow times"', "outlet:global",
                "byline:AFP", "title:(soil OR aid)", "-outlet:global title:armenia")
    assert titles(got["title:troops"]) == {A2024, A2104, UNDATED}
    assert titles(got["title:deployment"]) == {A2021}
    assert titles(got['outlet:"moscow times"']) == {A2024, A2111, A2104}
    assert titles(got["outlet:global"]) == {A2021}
    assert titles(got["byline:AFP"]) == {A2104}
    assert titles(got["title:(soil OR aid)"]) == {A2104, A2111}
    assert titles(got["-outlet:global title:armenia"]) == {A2024, A2111, A2104, UNDATED}


def test_dates(seeded):
    got = batch(seeded, "date:2021", "date:2021-04", "date:2021-04-14", "date:2021-04..2021-11", "date:2022..",
                "before:2021-06", "after:2021", "after:2021-04-14 armenia", "date:2021 adversary")
    assert titles(got["date:2021"]) == {A2111, A2104, A2021}
    assert titles(got["date:2021-04"]) == {A2104} == titles(got["date:2021-04-14"])
    assert titles(got["date:2021-04..2021-11"]) == {A2104, A2111}
    assert titles(got["date:2022.."]) == {A2024}
    assert titles(got["before:2021-06"]) == {A2104, A2021}
    assert titles(got["after:2021"]) == {A2024}
    assert titles(got["after:2021-04-14 armenia"]) == {A2111, A2024}
    assert titles(got["date:2021 adversary"]) == {A2021}


def test_snippets_mark_stemmed_forms_whole_words_no_furniture(seeded):
    got = batch(seeded, "deployed", "related article", "Russia")
    for hit in got["deployed"]["hits"]:
        marked = [m.lower() for m in hit["snippet"].split("**")[1::2]]
        assert marked and all(m.startswith("deploy") for m in marked)
    for hit in got["related article"]["hits"] + got["Russia"]["hits"]:
        assert "Related article" not in hit["snippet"] and "Photolure" not in hit["snippet"]
        assert len(hit["snippet"]) < 300
        body = hit["snippet"].replace("**", "").strip("… ")
        shown = json.loads(run_cli("show", hit["id"], "--json", data_dir=seeded).stdout)["text"]
        words = body.split()
        assert " ".join(shown.split()).count(" ".join(words)) == 1  # a real passage, cut between words
        break


def test_facets_and_filters(seeded):
    got = batch(seeded, "armenia")["armenia"]
    assert got["facets"]["outlet"] == {"The Moscow Times": 3, "Global Defense Corp": 1}
    assert got["facets"]["year"] == {"2021": 3, "2024": 1}
    only = batch(seeded, "armenia", extra=("--outlet", "The Moscow Times", "--year", "2021"))["armenia"]
    assert titles(only) == {A2111, A2104} and only["total"] == 2
    r = run_cli("search", "armenia", "--facets", "--year", "2024", data_dir=seeded)
    assert r.returncode == 0 and A2024 in r.stdout and "year: 2024 (1)" in r.stdout


def test_related_articles(seeded):
    rows = json.loads(run_cli("list", "--json", data_dir=seeded).stdout)
    aid = next(r["id"] for r in rows if r["title"] == A2024)
    related = json.loads(run_cli("related", aid, "--json", data_dir=seeded).stdout)
    assert related and related[0]["title"] == UNDATED  # the other report of the same withdrawal
    assert aid not in {h["id"] for h in related}
    r = run_cli("related", "nonexistent", data_dir=seeded)
    assert r.returncode == 1 and r.stderr.startswith("reader-app: no article")


def test_recent_searches_are_kept_per_user(seeded):
    for q in ("troops", "armenia", "Troops"):
        assert run_cli("search", q, data_dir=seeded).returncode == 0
    assert run_cli("recent", data_dir=seeded).stdout.split("\n")[:2] == ["Troops", "armenia"]
    run_cli("recent", "--clear", data_dir=seeded)
    assert run_cli("recent", data_dir=seeded).stdout == ""


HOSTILE = ['"border guards', "((troops", "troops)))", "NOT OR foo", "OR", "AND NOT", "-", "*", "~", "reading~9",
           "(" * 1000 + "troops" + ")" * 1000, "(" * 1000, "troops\x00\x07\x1b[2J", "x" * 100_000,
           "troops " * 5000, "title:", "date:", "date:2021-99", "before:yesterday", "a" * 5000 + "*", "ab*",
           "\u202etroops\u200b", "NOT troops", "-troops -armenia", '"', "::::", "~~~~9", "title:title:troops"]


def test_hostile_input_gets_a_result_or_a_one_line_note(seeded):
    got = batch(seeded, *HOSTILE)
    for q, result in got.items():
        assert "error" not in result, (q[:50], result)
        assert result["note"] is None or len(result["note"].splitlines()) == 1
    assert titles(got['"border guards']) == {A2024, A2021, UNDATED, A2104}
    assert len(got["((troops"]["hits"]) == 4 == len(got["troops)))"]["hits"])
    assert len(got["(" * 1000 + "troops" + ")" * 1000]["hits"]) == 4
    assert got["(" * 1000]["hits"] == [] and got["(" * 1000]["note"]
    assert got["x" * 100_000]["note"].startswith("The query was shortened")
    assert titles(got["NOT troops"]) == {A2111}
    assert titles(got["-troops -armenia"]) == set()


def test_hostile_input_on_the_command_line(seeded):
    for arg in ("(" * 1000 + "troops", "NOT OR foo", "troops\x07", b"troops \xed\xa0\x80 \xff".decode(
            "utf-8", "surrogateescape"), '"unbalanced'):
        r = run_cli("search", arg, data_dir=seeded)
        assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    r = run_cli("search", "-", data_dir=seeded, input=b"troops \xed\xa0\x80\n".decode("latin-1"))
    assert r.returncode == 0 and json.loads(r.stdout)["hits"]


def test_misspelt_words_still_find_the_articles(seeded):
    got = batch(seeded, "Azerbajan", "Pashinian", "goverment", "Armneia", "Russain troops", "Pashinian border guards",
                "tropos -Gyumri", "ceasfire")
    assert got["Azerbajan"]["corrected"] == "Azerbaijan" and got["Azerbajan"]["total"] == 5
    assert got["Pashinian"]["corrected"] == "Pashinyan"
    assert titles(got["Pashinian"]) == {A2024, A2104, A2021, UNDATED}
    assert got["goverment"]["corrected"] == "government" and titles(got["goverment"]) == {A2104, UNDATED}
    assert got["Armneia"]["corrected"] == "Armenia" and got["Armneia"]["total"] == 5  # letters swapped
    assert got["Russain troops"]["corrected"] == "Russian troops"
    assert titles(got["Russain troops"]) == {A2024, A2104, A2021, UNDATED}
    assert got["Pashinian border guards"]["corrected"] == "Pashinyan border guards"
    assert titles(got["tropos -Gyumri"]) == {A2021, UNDATED}
    assert titles(got["ceasfire"]) == {A2021, A2111}
    for result in got.values():
        assert result["relaxed"] is False
        assert all("**" in h["snippet"] for h in result["hits"])  # the corrected words are marked


def test_strict_queries_are_not_corrected(seeded):
    got = batch(seeded, "troops", "Pashinyan", "border guards", "Armenia")
    for result in got.values():
        assert result["corrected"] is None and result["suggestions"] == [] and result["relaxed"] is False


def test_a_query_finding_nothing_is_relaxed_and_labelled(seeded):
    got = batch(seeded, "troops glacier", "Grigoryan Gyumri", "glacier avalanche", "troops glacier -Gyumri")
    assert got["troops glacier"]["relaxed"] is True
    assert titles(got["troops glacier"]) == {A2024, A2104, A2021, UNDATED}
    assert got["Grigoryan Gyumri"]["relaxed"] is True
    assert titles(got["Grigoryan Gyumri"]) == {A2111, A2104, A2024}
    assert got["glacier avalanche"]["total"] == 0 and got["glacier avalanche"]["relaxed"] is False
    assert titles(got["troops glacier -Gyumri"]) == {A2021, UNDATED}  # exclusions still hold
    r = run_cli("search", "troops glacier", data_dir=seeded)  # a gist match: its note says it, once
    assert "No article has all these words; closest matches." in r.stdout and "Partial matches" not in r.stdout
    r = run_cli("search", "troops glacier -Gyumri", data_dir=seeded)  # an exclusion: the former relaxed search
    assert "Partial matches: not every word was found." in r.stdout


def test_similar_spellings_on_request(seeded):
    got = batch(seeded, "reading~9", "Pashinian~", "Peskow~")
    assert got["reading~9"]["hits"] and "limited to 2" in got["reading~9"]["note"]
    assert titles(got["Peskow~"]) == {A2024, UNDATED}
    assert got["Pashinian~"]["total"] == 4


def test_correction_is_said_in_plain_text_and_quotes_keep_a_word_as_typed(seeded):
    r = run_cli("search", "goverment", data_dir=seeded)
    assert r.stdout.splitlines()[0] == "Showing results for 'government'. Search instead for 'goverment'."
    got = batch(seeded, '"goverment"', 'Russain "troops"')
    assert got['"goverment"']["corrected"] is None and got['"goverment"']["total"] == 0
    assert got['Russain "troops"']["corrected"] == 'Russian "troops"'


def test_outlet_filter_ignores_case_and_says_when_it_excludes_everything(seeded):
    for name in ("the moscow times", "THE MOSCOW TIMES", "moscow times"):
        assert titles(batch(seeded, "border", extra=("--outlet", name))["border"]) \
            == titles(batch(seeded, "border", extra=("--outlet", "The Moscow Times"))["border"]) != set()
    r = run_cli("search", "border", "--outlet", "Daily Planet", data_dir=seeded)
    assert r.returncode == 0
    assert r.stdout.splitlines() == ["No articles from outlet 'Daily Planet'; outlets are: Global Defense Corp, "
                                     "The Moscow Times."]
    r = run_cli("search", "Pashinyan", "--outlet", "global defense corp", "--year", "2024", data_dir=seeded)
    assert r.stdout.splitlines() == ["4 articles match 'Pashinyan', none from 'Global Defense Corp' in 2024."]
    r = run_cli("search", "Pashinyan", "--year", "2019", data_dir=seeded)
    assert r.stdout.splitlines() == ["4 articles match 'Pashinyan', none in 2019."]


def test_a_slip_stemmed_like_a_rare_word_is_corrected_and_the_rare_word_kept(tmp_path):
    from tests.core.search.test_shadowed import write_governess_corpus

    d = tmp_path / "data"
    write_governess_corpus(tmp_path / "src", governess=3, government=20)
    assert run_cli("import", str(tmp_path / "src"), data_dir=d).returncode == 0
    r = run_cli("search", "goverment", data_dir=d)
    assert r.stdout.splitlines()[0] == "Showing results for 'government'. Search instead for 'goverment'."
    assert "governess" not in r.stdout and "Obituary" not in r.stdout
    got = batch(d, "goverment", "government", "governess")
    assert got["goverment"]["total"] == got["government"]["total"] >= 20
    assert got["governess"]["corrected"] is None
    assert {t.split(" life")[0] for t in titles(got["governess"])} == {"Obituary: a dancer's"}


def test_a_gist_match_says_so_once_and_facets_print_no_empty_lines(seeded):
    """The command line printed both "Partial matches…" and the gist note, and an empty "place:" line."""
    r = run_cli("search", "soldiers leaving the caucasus republic border posts", "--facets", data_dir=seeded)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    said = [ln for ln in lines if "Partial matches" in ln or "No article has all these words" in ln]
    assert len(said) == 1, lines
    assert not any(ln.rstrip().endswith(":") and ln.split(":")[0] in ("person", "org", "place", "outlet", "year")
                   for ln in lines), lines


def test_a_phrase_holds_its_small_words_and_small_words_alone_say_only_that(seeded):
    r = run_cli("search", '"of its troops"', data_dir=seeded)
    assert r.returncode == 0 and "1 result:" in r.stdout and A2024 in r.stdout and UNDATED not in r.stdout
    r = run_cli("search", '"in the"', data_dir=seeded)
    assert r.returncode == 0 and r.stdout.startswith("Nothing to search for"), r.stdout
    assert "No articles match" not in r.stdout
