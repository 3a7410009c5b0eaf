"""Finding an article from its gist (core/gist.py): the relaxed search ranks by coverage of the query by rarity,
widens the query with the words its best articles share, and says it is a gist match."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from reader_app.core.search import gist
from tests.conftest import run_cli

CORPUS = next((p / "shared" / "corpora" / "bbc-news" for p in Path(__file__).resolve().parents
               if (p / "shared" / "corpora" / "bbc-news").is_dir()), Path("/nonexistent"))


def _write(folder: Path, name: str, headline: str, *paragraphs: str) -> Path:
    f = folder / f"{name}.txt"
    f.write_text(headline + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return f


FESTIVAL = [(f"festival-{i}", f"Festival news {i}", f"The festival opens on day {i}. The festival crowd was big.",
             "Festival organisers thanked the festival volunteers.") for i in range(5)]
HARBOUR = ("harbour", "Storm damage along the coast",
           "A long night of wind and rain left its mark on the small town by the sea. " * 30,
           "The old lighthouse lost two of its windows and a trawler broke loose from its mooring near the quay.",
           "Residents spent the morning clearing the streets. " * 30)


def test_an_article_with_more_rare_words_ranks_above_one_with_a_single_common_word(library, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    files = [_write(folder, *a) for a in FESTIVAL] + [_write(folder, *HARBOUR)]
    library.import_paths(files)
    result = library.search("festival lighthouse trawler quay")
    assert result.relaxed and result.gist  # no article has all four words
    assert result.hits[0].title == "Storm damage along the coast"  # three rare words beat one common word
    assert result.total == 6


RATES = [
    ("mortgages", "Mortgage borrowing costs climb",
     "Borrowing costs for home buyers rose again after the central bank raised interest rates.",
     "Lenders said interest rates would shape mortgage costs all year, and the bank may raise rates again."),
    ("firms", "Firms face higher borrowing costs",
     "Companies warned that borrowing costs are climbing as interest rates go up.",
     "The bank said interest rates may rise further; firms plan to borrow less and cut costs."),
    ("bank", "Bank keeps interest rates on hold",
     "The central bank kept interest rates at 4.75% for a sixth month in a row.",
     "Its committee voted to leave interest rates unchanged, saying inflation was close to the target.",
     "Economists expect interest rates to stay where they are until the summer, when the bank meets again."),
    ("museum", "Museum opening hours", "The city museum said its opening hours are unchanged this winter."),
    ("trains", "Rail timetable for spring", "Train times stay unchanged on the coast line this spring."),
]


def test_words_shared_by_the_best_articles_find_one_in_other_words(library, tmp_path):
    """"borrowing costs" reaches an article that speaks only of interest rates: the articles that have the typed
    words also speak of interest rates, and that lifts it above articles that only share "unchanged"."""
    folder = tmp_path / "in"
    folder.mkdir()
    library.import_paths([_write(folder, *a) for a in RATES])
    result = library.search("borrowing costs unchanged")
    assert result.gist
    titles = [h.title for h in result.hits]
    assert titles.index("Bank keeps interest rates on hold") < titles.index("Museum opening hours")
    assert titles.index("Bank keeps interest rates on hold") < titles.index("Rail timetable for spring")
    assert set(titles) == {a[1] for a in RATES}  # articles with none of the typed words are not brought in


BBC = ["business/bank-opts-to-leave-rates-on-hold.txt", "business/uk-interest-rates-held-at-4-75.txt",
       "business/bank-holds-interest-rate-at-4-75.txt", "business/ecb-holds-rates-amid-growth-fears.txt",
       "business/christmas-sales-worst-since-1981.txt", "business/german-jobless-rate-at-new-record.txt",
       "politics/uk-troops-on-ivory-coast-standby.txt", "politics/army-chiefs-in-regiments-decision.txt",
       "sport/chelsea-sack-mutu.txt", "tech/broadband-soars-in-2004.txt", "entertainment/u2-s-desire-to-be-number-one.txt",
       "business/turkey-knocks-six-zeros-off-lira.txt"]


@pytest.fixture
def bbc_library(library):
    if not CORPUS.is_dir():
        pytest.skip("the BBC corpus is not beside this checkout")
    library.import_paths([CORPUS / f for f in BBC])
    return library


def test_a_story_recalled_in_other_words_is_found_among_real_articles(bbc_library):
    """The seeds and a dozen BBC stories; each query shares at most one word with its story's headline and lead."""
    want = {
        "uk borrowing costs left unchanged again": {"Bank opts to leave rates on hold", "UK interest rates held at 4.75%",
                                                    "Bank holds interest rate at 4.75%"},
        "turkish banknotes lose their noughts": {"Turkey knocks six zeros off lira"},
        "shops had their poorest festive season in decades": {"Christmas sales worst since 1981"},
        "armenia asks moscow for more soldiers": {"Armenia Says Wants More Russian Troops on Its Soil"},
    }
    for query, titles in want.items():
        result = bbc_library.search(query, limit=10)
        assert result.gist, query
        assert titles & {h.title for h in result.hits[:3]}, (query, [h.title for h in result.hits[:3]])


def test_a_strict_match_is_not_a_gist_match(bbc_library):
    result = bbc_library.search("interest rates")
    assert not result.gist and not result.relaxed and result.total >= 3


def test_search_json_says_when_it_is_a_gist_match(tmp_path):
    data = tmp_path / "data"
    assert run_cli("index", data_dir=data).returncode == 0
    r = run_cli("search", "--json", "armenia asks moscow for more soldiers", data_dir=data)
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert got["gist"] is True and got["relaxed"] is True
    assert got["note"] == "No article has all these words; closest matches."
    assert got["hits"]
    strict = json.loads(run_cli("search", "--json", "troops", data_dir=data).stdout)
    assert strict["gist"] is False and strict["note"] is None
    text = run_cli("search", "armenia asks moscow for more soldiers", data_dir=data).stdout
    assert "No article has all these words; closest matches." in text


BASES = [(f"deploy-{i}", headline, f"Another {n} soldiers arrived this week, officials said.",
          "The soldiers will stay for the winter, the ministry added.")
         for i, (headline, n) in enumerate([("Troops arrive in the north", 300), ("Troops move east", 450),
                                            ("Troops dig in for winter", 200), ("Troops return south", 150)])]
GYUMRI = [("troops-gyumri", "Russia keeps its troops in Armenia",
           "Moscow will keep its troops at the Gyumri base for another decade, the two governments agreed.",
           "The agreement covers the airfield and the barracks."),
          ("runway-gyumri", "Gyumri airport gets a new runway",
           "Work on the Gyumri runway begins in spring; the airfield will close for a month.",
           "The airport is the city's biggest employer.")]
FILLER = [(f"market-{i}", f"Market report {i}", f"Prices at the farmers market moved on day {i}.",
           "Traders said apples and pears sold well.") for i in range(60)]


def test_a_word_not_typed_is_reached_through_the_words_it_stands_with(library, tmp_path):
    """"soldiers" is never in the Gyumri troops article, but across the library the articles saying "soldiers"
    are headed "troops": holding "troops" covers part of "soldiers", which lifts it above the article that
    has "Gyumri" in its headline."""
    folder = tmp_path / "in"
    folder.mkdir()
    library.import_paths([_write(folder, *a) for a in BASES + GYUMRI + FILLER])
    result = library.search("soldiers in gyumri")
    assert result.gist
    titles = [h.title for h in result.hits]
    assert titles.index("Russia keeps its troops in Armenia") < titles.index("Gyumri airport gets a new runway")


def test_a_gist_search_after_an_article_is_removed_still_ranks(library):
    """An adversarial trial: after removing one article of an imported folder, a gist query crashed
    (IndexError: a word's postings in a segment came as one empty block)."""
    if not (CORPUS / "politics").is_dir():
        pytest.skip("the BBC corpus is not beside this checkout")
    report = library.import_paths([CORPUS / "politics"])
    gone = next(aid for path, aid in report.added if path.endswith("what-the-election-should-really-be-about.txt"))
    library.remove(gone)
    for query in ("about zzqx", "news about the war zzqx"):
        result = library.search(query)
        assert result.gist and result.hits, query
        assert gone not in [h.id for h in result.hits]


def test_the_coverage_ranking_is_fused_with_a_plain_tf_idf_ranking(library):
    """Among 123 BBC business stories, "turkish banknotes lose their noughts" recalls the lira story; the coverage
    ranking alone put two textile-jobs stories ("lose" in their headlines) above it; a plain TF-IDF ranking of
    the same articles (rare "turkish" counting more than common "lose", in a short text) lifts it above one."""
    if not (CORPUS / "business").is_dir():
        pytest.skip("the BBC corpus is not beside this checkout")
    names = sorted(p.name for p in (CORPUS / "business").glob("*.txt"))[:120]
    names += ["lesotho-textile-workers-lose-jobs.txt", "millions-to-lose-textile-jobs.txt",
              "turkey-knocks-six-zeros-off-lira.txt"]
    library.import_paths([CORPUS / "business" / n for n in sorted(set(names))])
    result = library.search("turkish banknotes lose their noughts", limit=10)
    assert result.gist
    titles = [h.title for h in result.hits]
    assert titles.index("Turkey knocks six zeros off lira") < titles.index("Millions 'to lose textile jobs'")


def test_positions_read_a_block_at_a_time_are_those_of_the_postings(library):
    """The coverage ranking reads the positions of a few documents from each word's postings a block at a time
    (skipping blocks on their headers), and the re-scoring their weights; they are what the postings hold, read
    one by one, for any documents asked, in a segment with deletions too."""
    if not (CORPUS / "politics").is_dir():
        pytest.skip("the BBC corpus is not beside this checkout")
    report = library.import_paths([CORPUS / "politics"])
    rng = random.Random(3)
    for removed in (False, True):
        if removed:
            library.remove(report.added[5][1])
        searcher = library.engine.generation().searcher
        longest = checked = 0
        for leaf, _ in searcher.leaf_searchers():
            reader = leaf.reader()
            n = reader.doc_count_all()
            for term in ("said", "labour", "elect", "tori", "blair", "conserv"):
                if not reader.doc_frequency("body", term):
                    continue  # (the ranking reads only the words a segment has)
                plain, weights = {}, {}
                m = reader.postings("body", term)
                while m.is_active():
                    plain[m.id()] = m.value()
                    weights[m.id()] = m.weight()
                    m.next()
                longest = max(longest, len(plain))
                for docs in ([], [n - 1], list(range(n)), list(range(3, n, 7)), sorted(rng.sample(range(n), n // 3)),
                             sorted(plain)[::5]):
                    want = {d: v for d, v in plain.items() if d in set(docs)}
                    assert gist._read_values(reader, "body", term, docs) == want, (term, len(docs), removed)
                    m = reader.postings("body", term)
                    if gist._on_disk(m):  # (the re-scoring's weights, read the same way)
                        assert list(gist._weights_of(m, docs)) == [(d, weights[d]) for d in sorted(want)]
                        checked += 1
        assert longest > 128  # a word whose postings run over more than one block (Whoosh writes 128 a block)
        assert checked


def test_a_gist_search_cut_short_says_so_instead_of_finding_nothing(library, tmp_path):
    # A deadline already passed: the strict query finds nothing (no article has all four words) without a
    # check of the clock, and the gist step stops at its first word. The search was cut short, and must say
    # so rather than report that no article matches.
    folder = tmp_path / "in"
    folder.mkdir()
    library.import_paths([_write(folder, *a) for a in FESTIVAL] + [_write(folder, *HARBOUR)])
    library.search("festival")  # the index, names and vocabulary are loaded: only the search is timed
    result = library.engine.search("festival lighthouse trawler quay", time_limit=-1.0)
    assert result.timed_out
    assert result.note and "took too long" in result.note
