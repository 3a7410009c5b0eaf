"""People, organisations and places (core/entities): extraction, aliases, search fields, facets, the CLI."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from reader_app.core.articles.reading import read_article
from reader_app.core.entities import ArticleText, Clusters, entities_of, resolve_article
from reader_app.core.entities.builtin import VERSION, BuiltinExtractor
from reader_app.core.entities.spacy_extractor import SpacyExtractor, available_model
from reader_app.core.entities.table import EntityTable
from reader_app.core.index.store import META_FILE
from tests.conftest import SEEDS, SHARED, run_cli

# beside the main checkout (../shared) or beside the worktrees' folder, as tests/core/test_articles.py finds it
BBC = next((p for p in (SHARED / "corpora" / "bbc-news",
                        Path(__file__).resolve().parents[4] / "shared" / "corpora" / "bbc-news",
                        Path(__file__).resolve().parents[5] / "shared" / "corpora" / "bbc-news") if p.is_dir()),
           SHARED / "corpora" / "bbc-news")


def seed_path(prefix: str) -> str:
    return str(next(SEEDS.glob(f"{prefix}_*.txt")))


def by_name(rows: list[dict], name: str) -> dict:
    found = [r for r in rows if r["name"] == name]
    assert len(found) == 1, (name, [r["name"] for r in rows])
    return found[0]


# --- the acceptance on the seeds -------------------------------------------------------------------

def test_pashinyan_is_one_person_in_four_articles_with_his_other_spelling(library):
    people = library.entities(kind="person")
    nikol = by_name(people, "Nikol Pashinyan")
    assert nikol["articles"] == 4
    assert "Pashinian" in " ".join(nikol["aliases"])  # the caption of the Global Defense Corp article
    assert not [p for p in people if "pashin" in p["name"].lower() and p is not nikol]
    ids = {h.id for h in library.search('person:"Nikol Pashinian"', limit=10).hits}
    assert len(ids) == 4


def test_peskov_filter_gives_the_two_may_2024_withdrawal_reports(library):
    result = library.search('person:"Dmitry Peskov"', limit=10)
    assert result.total == 2
    paths = sorted(h.path for h in result.hits)
    assert paths == sorted([seed_path("002"), seed_path("004")])
    for h in result.hits:
        assert re.search(r"withdraw|remove", h.title, re.I)
    assert {h.id for h in library.search("person:peskov").hits} == {h.id for h in result.hits}


def test_gyumri_is_a_place_and_acronyms_join_their_names(library):
    assert by_name(library.entities(kind="place"), "Gyumri")["articles"] == 2
    csto = by_name(library.entities(kind="org"), "Collective Security Treaty Organization")
    assert "CSTO" in csto["aliases"] and csto["articles"] == 3
    assert library.search("org:csto").total == 3
    assert library.search("place:Gyumri").total == 2


def test_no_headline_fragment_photo_credit_or_title_is_an_entity(library):
    names = [e["name"] for e in library.entities()]
    articles = [library.article(a["id"]) for a in library.list_articles()]
    texts = " ".join(a.text + " " + " ".join(a.extra.get("captions", ())) for a in articles)
    for a in articles:
        ents = library.article_entities(a.id)
        assert ents, a.title
        body = a.text + " " + " ".join(a.extra.get("captions", ()))
        for e in ents:
            row = by_name(library.entities(), e["name"])
            assert any(n in body or n.replace(" ", "-") in body for n in [e["name"], *row["aliases"]]), (e, a.title)
    for name in names:
        assert name in texts, name  # never made up from a headline
        first = name.split()[0].lower()
        assert " " not in name or first not in ("prime", "president", "mr", "minister"), name
    for credit in ("Vagram Bagdasaryan", "Photolure", "Evgenia Novozhenina", "EVGENIA NOVOZHENINA", "EPA", "MoD"):
        assert credit not in names
    for fragment in ("Wants More Russian Troops", "Border Guards", "Russian Military Deployment", "New Escalation",
                     "Russian Military Aid", "Some Troops"):
        assert not any(fragment.lower() in n.lower() for n in names)


def test_entity_profile_lists_articles_by_date_and_who_appears_with_it(library):
    page = library.entity_profile("person", "peskov")
    assert page["name"] == "Dmitry Peskov" and page["kind"] == "person" and "Peskov" in page["aliases"]
    assert [a["date"] for a in page["articles"]] == ["2024", None]  # dated first, the undated report last
    with_ = {(w["name"], w["kind"]): w["articles"] for w in page["with"]}
    assert with_[("Nikol Pashinyan", "person")] == 2 and with_[("Armenia", "place")] == 2
    assert ("Dmitry Peskov", "person") not in with_
    assert library.entity_profile("place", "Atlantis") is None


def test_facet_counts_equal_what_the_filter_returns(library):
    result = library.search("troops", limit=5)
    for kind in ("person", "org", "place"):
        assert result.facets[kind], kind
        for name, count in result.facets[kind].items():
            assert library.search(f'troops {kind}:"{name}"').total == count, (kind, name)
    everything = library.search('place:"Armenia"')
    assert everything.total == 5 and everything.facets["person"]["Nikol Pashinyan"] == 4


def test_entity_filters_survive_a_query_that_finds_little(library):
    # "zzzz" matches nothing, so the query is relaxed: the person filter must stay required
    result = library.search('person:"Dmitry Peskov" troops zzzzqq')
    assert all(h.path in (seed_path("002"), seed_path("004")) for h in result.hits)


def test_an_unknown_name_finds_nothing(library):
    assert library.search("person:nobodyatall").total == 0
    assert library.search("place:\"Nowhere Land\"").total == 0


def test_a_new_extractor_version_extracts_again(app_paths):
    from reader_app.core.library import Library

    lib = Library(app_paths)
    lib.open()
    lib.close()
    meta_path = app_paths.index / META_FILE
    meta = json.loads(meta_path.read_text())
    meta["entities"] = "builtin-0"
    meta_path.write_text(json.dumps(meta))
    lib = Library(app_paths)
    report = lib.open()
    assert report.action == "rebuilt" and "people" in report.reason
    assert by_name(lib.entities(kind="person"), "Nikol Pashinyan")["articles"] == 4
    lib.close()


# --- aliases -----------------------------------------------------------------------------------------

def test_article_aliases_surname_acronym_spelling_and_titles():
    text = ArticleText((
        "Foreign Secretary Jack Straw met Mr Abbas in London. Straw said the Palestinian Authority (PA) would act.",
        "Mahmoud Abbas told reporters the PA had made progress. Mahmud Abbas later left for Ramallah.",
    ))
    ents = {e.name: e for e in resolve_article(BuiltinExtractor().extract(text), text)}
    assert ents["Jack Straw"].kind == "person" and "Straw" in ents["Jack Straw"].aliases
    abbas = [e for n, e in ents.items() if "Abbas" in n]
    assert len(abbas) == 1 and abbas[0].kind == "person"  # "Mr Abbas", "Mahmoud Abbas" and "Mahmud Abbas"
    assert {"Abbas", "Mahmoud Abbas", "Mahmud Abbas"} == {abbas[0].name, *abbas[0].aliases}
    assert ents["Palestinian Authority"].kind == "org" and "PA" in ents["Palestinian Authority"].aliases
    assert ents["London"].kind == "place"
    assert not [n for n in ents if n.startswith(("Foreign", "Mr", "Secretary"))]


def test_library_joins_a_surname_alone_and_a_spelling_variant_across_articles():
    a = entities_of(["President Vladimir Putin met officials. Putin said little."])
    b = entities_of(["The talks were hosted by President Putin in Moscow."])
    c = entities_of(["Prime Minister Nikol Pashinyan spoke.", "Nikol Pashinyan said so."])
    d = entities_of(["Prime Minister Nikol Pashinian arrived on Monday."])
    table = EntityTable(["a", "b", "c", "d"], [a, b, c, d])
    people = {r["name"]: r for r in table.ranked("person")}
    assert people["Vladimir Putin"]["articles"] == 2
    assert people["Nikol Pashinyan"]["articles"] == 2 and "Nikol Pashinian" in people["Nikol Pashinyan"]["aliases"]
    assert "Putin" not in people and "Nikol Pashinian" not in people


def test_distinct_short_names_never_join():
    a = entities_of(["President George Bush spoke."])
    b = entities_of(["Mr George Rush spoke."])
    clusters = Clusters([("a", a), ("b", b)])
    assert clusters.name_of("person", "George Rush") == "George Rush"


# --- the command line ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("entities-cli")
    assert run_cli("index", data_dir=d).returncode == 0
    return d


def test_cli_entities_json_kind_and_limit(seeded):
    r = run_cli("entities", "--json", data_dir=seeded)
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert rows and set(rows[0]) == {"name", "kind", "articles", "aliases"}
    counts = [x["articles"] for x in rows]
    assert counts == sorted(counts, reverse=True)
    people = json.loads(run_cli("entities", "--json", "--kind", "person", "--limit", "2", data_dir=seeded).stdout)
    assert [p["name"] for p in people] == ["Nikol Pashinyan", "Vladimir Putin"]
    text = run_cli("entities", "--kind", "place", "--limit", "3", data_dir=seeded)
    assert text.returncode == 0 and len(text.stdout.splitlines()) == 3 and "place" in text.stdout
    bad = run_cli("entities", "--kind", "thing", data_dir=seeded)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_cli_show_and_search_carry_entities(seeded):
    listed = json.loads(run_cli("list", "--json", data_dir=seeded).stdout)
    aid = next(a["id"] for a in listed if a["path"] == seed_path("004"))
    shown = json.loads(run_cli("show", aid, "--json", data_dir=seeded).stdout)
    names = {(e["name"], e["kind"]) for e in shown["entities"]}
    assert {("Dmitry Peskov", "person"), ("Nikol Pashinyan", "person"), ("Armenia", "place")} <= names
    found = json.loads(run_cli("search", 'person:"Dmitry Peskov"', "--json", data_dir=seeded).stdout)
    assert found["total"] == 2
    assert set(found["facets"]) >= {"outlet", "year", "person", "org", "place"}
    assert found["facets"]["person"]["Dmitry Peskov"] == 2


# --- extractors ----------------------------------------------------------------------------------------

def test_spacy_path_maps_labels_drops_titles_credits_and_resolves_aliases():
    spacy = pytest.importorskip("spacy", reason="spaCy is not installed (pip install 'reader-app[entities]')")
    # a real spaCy pipeline whose entity recogniser is a rule list: what the model would label, without it
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([
        {"label": "PERSON", "pattern": "President Vladimir Putin"},
        {"label": "PERSON", "pattern": "Putin"},
        {"label": "PERSON", "pattern": "Nikol Pashinian"},
        {"label": "PERSON", "pattern": "Nikol Pashinyan"},
        {"label": "ORG", "pattern": "Collective Security Treaty Organization"},
        {"label": "ORG", "pattern": "CSTO"},
        {"label": "GPE", "pattern": "Gyumri"},
        {"label": "NORP", "pattern": "Armenian"},
        {"label": "ORG", "pattern": "EPA/EVGENIA NOVOZHENINA/TASS"},
        {"label": "DATE", "pattern": "Thursday"},
    ])
    ex = SpacyExtractor("blank-en-with-rules", nlp=nlp)
    assert ex.version.startswith("spacy-")
    ents = {e.name: e for e in entities_of([
        "President Vladimir Putin met Nikol Pashinyan on Thursday. Putin spoke of the Collective Security Treaty "
        "Organization (CSTO) and the Armenian base in Gyumri.",
    ], ["Nikol Pashinian in Moscow. EPA/EVGENIA NOVOZHENINA/TASS"], using=ex)}
    assert set(ents) == {"Vladimir Putin", "Nikol Pashinyan", "Collective Security Treaty Organization", "Gyumri"}
    assert ents["Vladimir Putin"].kind == "person" and "Putin" in ents["Vladimir Putin"].aliases
    assert "Nikol Pashinian" in ents["Nikol Pashinyan"].aliases
    assert ents["Collective Security Treaty Organization"].aliases == ["CSTO"]
    assert ents["Gyumri"].kind == "place"


def test_the_built_in_extractor_is_used_without_a_model(monkeypatch):
    from reader_app.core import entities

    entities.extractor.cache_clear()
    try:
        if available_model() is None:
            assert isinstance(entities.extractor(), BuiltinExtractor)
        monkeypatch.setenv(entities.CHOICE_ENV, "builtin")
        entities.extractor.cache_clear()
        assert isinstance(entities.extractor(), BuiltinExtractor) and entities.version() == VERSION
    finally:
        entities.extractor.cache_clear()


@pytest.mark.skipif(available_model() is None, reason="spaCy or its English model (en_core_web_sm) is not installed")
def test_spacy_extractor_finds_the_seed_people():
    ex = SpacyExtractor(available_model())
    a = read_article(Path(seed_path("004")), article_id="x", origin="x")
    ents = {e.name: e.kind for e in entities_of([p.text for p in a.paragraphs if p.kind == "p"], using=ex)}
    assert ents.get("Dmitry Peskov") == "person" and ents.get("Nikol Pashinyan") == "person"


@pytest.fixture(scope="module")
def bbc_table() -> EntityTable:
    """The BBC corpus's entities joined as the search engine joins them (2,095 articles)."""
    if not BBC.is_dir():
        pytest.skip("the BBC corpus is not beside this checkout")
    files = sorted(BBC.rglob("*.txt"))
    per_doc = []
    for i, f in enumerate(files):
        a = read_article(f, article_id=str(i), origin=str(f))
        per_doc.append(entities_of([p.text for p in a.paragraphs if p.kind == "p"], a.extra.get("captions", ())))
    return EntityTable([str(i) for i in range(len(files))], per_doc)


def test_bbc_most_mentioned_people_include_tony_blair(bbc_table):
    top = [r["name"] for r in bbc_table.ranked("person", 10)]
    assert top[0] == "Tony Blair", top
    blair = bbc_table.ranked("person", 1)[0]
    assert "Blair" in blair["aliases"]


def counted_one_by_one(table: EntityTable, docs: set[int]) -> dict[str, dict[str, int]]:
    """Facets the plain way: every name of every article counted, all names sorted, the first 50 kept."""
    counts: dict[str, dict[str, int]] = {"person": {}, "org": {}, "place": {}}
    for d in sorted(docs):
        for kind, name in table.by_doc[d]:
            counts[kind][name] = counts[kind].get(name, 0) + 1
    return {k: dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0].casefold(), kv[0]))[:50])
            for k, c in counts.items()}


def test_facets_of_any_share_of_the_library_are_the_plain_counts_in_order(bbc_table):
    n = len(bbc_table.by_doc)
    rng = random.Random(5)
    shares = [set(), {0, 7}, set(rng.sample(range(n), n // 5)), set(range(0, n, 3)), set(rng.sample(range(n), n // 2 + 1)),
              set(rng.sample(range(n), 9 * n // 10)), set(range(n)) - {4, 40, 400}, set(range(n))]
    for docs in shares:
        want = counted_one_by_one(bbc_table, docs)
        got = bbc_table.facets(docs)
        assert got == want and all(list(got[k]) == list(want[k]) for k in want), len(docs)
        assert bbc_table.facets(iter(sorted(docs | {n, n + 5}))) == want  # a generator; numbers past the end
        assert bbc_table.facets_of(str(d) for d in docs) == want
    assert len(want["person"]) == 50  # the cut is exercised (names tied at the 50th place included)


def test_an_imported_article_has_its_entities_at_once(data_dir, tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "wellington.txt").write_text(
        "Ardern Visits Gyumri\n\nNew Zealand Prime Minister Jacinda Ardern arrived in Gyumri on Monday. "
        "Ms Ardern said the Asian Development Bank would help. The ADB has funded roads in the region.\n",
        encoding="utf-8")
    assert run_cli("index", data_dir=data_dir).returncode == 0
    r = run_cli("import", str(folder), "--json", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    [added] = json.loads(r.stdout)["added"]
    shown = json.loads(run_cli("show", added["id"], "--json", data_dir=data_dir).stdout)
    names = {(e["name"], e["kind"]) for e in shown["entities"]}
    assert {("Jacinda Ardern", "person"), ("Gyumri", "place"), ("Asian Development Bank", "org")} <= names
    assert ("Ardern Visits Gyumri", "person") not in names  # the headline is not read for names
    gyumri = json.loads(run_cli("search", "place:gyumri", "--json", data_dir=data_dir).stdout)
    assert gyumri["total"] == 3 and gyumri["facets"]["place"]["Gyumri"] == 3
    bank = json.loads(run_cli("entities", "--json", "--kind", "org", data_dir=data_dir).stdout)
    assert "ADB" in next(e for e in bank if e["name"] == "Asian Development Bank")["aliases"]


def test_search_terms_are_the_indexed_names_even_with_a_comma():
    from reader_app.core.entities import ArticleEntity, field_values

    e = ArticleEntity("Washington, D.C.", "place")  # a name as spaCy may give it
    indexed = field_values([e])["place"].split(",")
    assert Clusters([("a", [e])]).members("place", "Washington, D.C.") == indexed


def test_a_surname_that_is_also_a_big_city_and_a_first_name_after_a_title():
    found = {e.name: e for e in entities_of(["Prince Charles met Charles Kennedy on Monday. Prince Charles smiled."])}
    assert found["Charles Kennedy"].kind == "person"  # Kennedy is also a district of Bogota with a million people
    assert "Charles" not in found["Charles Kennedy"].aliases  # "Prince Charles" is someone else
    sir = {e.name: e for e in entities_of(["Sir Menzies Campbell spoke. Sir Menzies said no."])}
    assert sir["Menzies Campbell"].aliases == ["Menzies"]  # "Sir" goes with a first name


def test_facets_counted_a_piece_at_a_time_are_the_plain_counts(bbc_table, monkeypatch):
    """Names are counted COUNT_PIECE articles per C call (one call over most of 100,565 held the interpreter
    for 15-60 ms while the window waited): pieces of any size give the plain counts, in order."""
    from reader_app.core.entities import table as table_module

    n = len(bbc_table.by_doc)
    for piece in (1, 97, n - 1):
        monkeypatch.setattr(table_module, "COUNT_PIECE", piece)
        for docs in ({0, 7}, set(range(0, n, 3)), set(range(n)) - {4, 40, 400}):
            want = counted_one_by_one(bbc_table, docs)
            got = bbc_table.facets(docs)
            assert got == want and all(list(got[k]) == list(want[k]) for k in want), (piece, len(docs))
