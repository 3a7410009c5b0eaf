"""Furniture recognised by form and place (core/furniture.py), learnt per outlet, and put back by the person."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from reader_app.core.articles import furniture
from reader_app.core.articles.reading import parse_article

ROOT = Path(__file__).resolve().parents[3]
EVAL = ROOT / "benchmarks" / "cleanup_eval"

STORY = [
    "The government is to investigate two airlines after travel chaos over the Christmas weekend, officials said.",
    "Staff calling in sick and computer failures left 30,000 passengers stranded and 10,000 bags undelivered.",
    "Transportation Secretary Norman Mineta said he was deeply concerned at the disruption to passengers.",
]


def test_furniture_from_other_pages_is_removed_and_the_story_kept():
    """The chrome the issue found coming through, from pages unlike the seeds."""
    raw = "\n\n".join([
        "Menu", "Search", "# US to probe airline travel chaos", "Last modified on Thu 3 Mar 2005 12.20 GMT",
        "4 min read", "- [Share on Facebook](https://facebook.com/x)\n- [Share on Twitter](https://twitter.com/x)",
        STORY[0], "Print this article", STORY[1], "ADVERTISEMENT", STORY[2],
        "Reuse this content", "## Most viewed",
        "1. [Blair defends terror bill](https://example.org/1)\n2. [Flood victims count the cost](https://example.org/2)",
        "Unsubscribe | Update your preferences", "Sign up for our free morning newsletter",
    ])
    a = parse_article(raw, article_id="x", path="x.md")
    assert a.title == "US to probe airline travel chaos"
    assert a.text == "\n\n".join(STORY)
    removed = [r.text for r in a.removed]
    assert "Reuse this content" in removed and "Print this article" in removed
    assert a.to_dict()["removed"] == removed


def test_russian_furniture_is_removed():
    story = ["Нижняя палата парламента в четверг приняла в третьем чтении поправки к закону о выборах.",
             "Представители оппозиции назвали закон попыткой ограничить политическую конкуренцию.",
             "Закон вступит в силу после одобрения верхней палатой и подписания президентом."]
    raw = "\n\n".join(["Главная", "Политика", "Парламент одобрил закон о выборах", "12:30, 3 марта 2005",
                       "Время чтения: 3 мин.", "Поделиться", story[0],
                       "Читайте также: Центробанк сохранил ключевую ставку", story[1], story[2],
                       "Подписывайтесь на наш канал в Telegram", "Самое читаемое",
                       "Нашли ошибку? Выделите её и нажмите Ctrl+Enter"])
    a = parse_article(raw, article_id="x", path="x.txt")
    assert a.title == "Парламент одобрил закон о выборах"
    assert a.text == "\n\n".join(story)


def test_match_report_lines_and_short_story_lines_stay():
    """Timestamps and counts are furniture only beside furniture; a team sheet is the story's."""
    raw = ("Blackburn v Burnley\n\nEwood Park\n\nTuesday, 1 March\n\n2000 GMT\n\n"
           "But defender Andy Todd is suspended and could miss the tie, the club said on Monday.\n\n"
           "Subs Not Used: Francis, Kabba, Shaw.\n\n27,595\n\nP Dowd (Staffordshire).\n")
    a = parse_article(raw, article_id="x", path="x.txt")
    for line in ("Ewood Park", "Tuesday, 1 March", "2000 GMT", "27,595", "P Dowd (Staffordshire)."):
        assert line in a.text, line


def test_labels_at_the_edges_of_a_page_go_though_no_known_phrase_names_them():
    """A science-news clipping: its menu, byline lines and trailing labels are unknown words; the page shows itself
    by a count ("2.1K") and a menu, and what is not a sentence at its edges goes."""
    story = ["Scientists have found that a common garden bird is able to recognise individual human faces, "
             "according to a study published on Wednesday.",
             "The researchers said the birds learned within days which of the volunteers had handled their nests.",
             "Further work will test whether the birds pass the knowledge on to their young in the spring."]
    raw = "\n\n".join(["Home", "Biology", "Plants & Animals", "Magpies remember the faces of people",
                        "by Anna Wright, University of Leeds", "March 3, 2005", "2.1K", story[0], story[1],
                        "Explore further", story[2], "Provided by University of Leeds",
                        "Citation: Magpies remember the faces of people (2005, March 3) retrieved 4 March 2005 from "
                        "https://sciencenews.example/news/2005-03-magpies.html",
                        "Tags: birds, behaviour", "Did you enjoy this one? Save the stories you love and read them "
                        "whenever you like.", "More from Plants & Animals"])
    a = parse_article(raw, article_id="x", path="x.txt")
    assert a.title == "Magpies remember the faces of people"
    assert a.text == "\n\n".join(story[:2] + ["Explore further", story[2]])  # mid-story: a crosshead for all it shows
    removed = [r.text for r in a.removed]
    for line in ("Home", "Plants & Animals", "2.1K", "Provided by University of Leeds", "More from Plants & Animals",
                 "Did you enjoy this one? Save the stories you love and read them whenever you like."):
        assert line in removed, line
    assert any(r.startswith("Citation: Magpies remember") for r in removed)  # it repeats the headline


def test_a_russian_repost_loses_its_counts_and_labels():
    """A Telegram repost: "Переслано из …" above the headline, views, time and reactions under the story."""
    story = ["Центральный банк в четверг повысил учётную ставку на четверть процентного пункта, хотя большинство "
             "экономистов ожидали, что она останется прежней.",
             "В сообщении регулятора говорится, что решение принято из-за ускорения инфляции, которая в феврале "
             "превысила прогноз.",
             "Следующее заседание совета директоров по ставке запланировано на конец апреля."]
    raw = "\n\n".join(["Переслано из Медузы", "Центробанк неожиданно повысил ставку", "МОСКВА, 3 мар — РИА Новости.",
                        *story, "👁 48.4K", "10:48", "🔥 19 👍 49"])
    a = parse_article(raw, article_id="x", path="x.txt")
    assert a.title == "Центробанк неожиданно повысил ставку"
    assert a.text == "\n\n".join(story)
    assert [r.text for r in a.removed] == ["Переслано из Медузы", "МОСКВА, 3 мар — РИА Новости.", "👁 48.4K",
                                           "10:48", "🔥 19 👍 49"]


def test_a_headline_with_a_pictogram_is_still_the_headline():
    """Chrome by form is a glyph beside a label or a count, not one that ends a headline."""
    a = parse_article("Coffee prices soar again ☕\n\nThe price of arabica beans rose again on Monday, "
                      "traders in New York said.\n\n👁 2.1K\n", article_id="x", path="x.txt")
    assert a.title == "Coffee prices soar again ☕"
    assert [r.text for r in a.removed] == ["👁 2.1K"]


def _bench():
    spec = importlib.util.spec_from_file_location("cleanup_bench", ROOT / "benchmarks" / "cleanup_bench.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


def test_evaluation_set_every_story_paragraph_kept_and_most_furniture_removed():
    """The targets of issue #17 on the held-out clippings: no story lost, 95% of the furniture removed."""
    bench = _bench()
    labels = json.loads((EVAL / "labels.json").read_text(encoding="utf-8"))
    assert len(labels) >= 40 and len({e["kind"] for e in labels.values()}) >= 15
    lost, furniture_total, furniture_kept = [], 0, 0
    for name, entry in labels.items():
        if entry["split"] != "held-out":
            continue
        out = [bench.norm(t) for t in bench.parse(name, (EVAL / "clippings" / name).read_bytes())]
        for p in entry["paragraphs"]:
            kept = bench.kept(bench.norm(p["text"]), out)
            if p["label"] == "story" and not kept:
                lost.append((name, p["text"][:60]))
            elif p["label"] == "furniture":
                furniture_total += 1
                furniture_kept += kept
    assert lost == []
    assert furniture_kept <= 0.05 * furniture_total


# --- learnt from the library ------------------------------------------------------------------

FOOTER = ("The Valley Courier has served the valley since 1921 and is owned by the readers' cooperative that "
          "founded it.")


def _courier(folder: Path, n: int) -> Path:
    path = folder / f"courier-{n}.txt"
    path.write_text(
        f"Council votes on budget plan number {n}\n\n"
        f"The council voted on Tuesday to approve plan number {n} for the town's budget, the mayor said.\n\n"
        f"Spending on roads and schools will rise under plan {n}, while the library keeps its hours.\n\n"
        f"{FOOTER}\n\nOriginal url: https://www.valleycourier.example/2005/03/0{n}/budget-plan-{n}\n",
        encoding="utf-8")
    return path


def test_a_footer_shared_by_three_articles_of_an_outlet_is_learnt(tmp_path, library):
    src = tmp_path / "src"
    src.mkdir()
    report = library.import_paths([_courier(src, n) for n in (1, 2)])
    assert all(FOOTER in library.article(aid).text for _, aid in report.added)  # twice is not yet a pattern
    third = library.import_paths([_courier(src, 3)])
    ids = [aid for _, aid in report.added + third.added]
    for aid in ids:  # the earlier ones are cleaned again, in the index too
        assert FOOTER not in library.article(aid).text
        assert FOOTER not in library.index.document(aid)["body"]
        assert FOOTER in [r.text for r in library.article(aid).removed]
    fourth = library.import_paths([_courier(src, 4)])
    aid = fourth.added[0][1]
    assert FOOTER not in library.index.document(aid)["body"]  # cleaned on import
    assert "plan number 4" in library.article(aid).text
    learnt = json.loads((library.paths.data / furniture.FURNITURE_FILE).read_text(encoding="utf-8"))
    assert furniture.line_key(FOOTER) in learnt["learnt"]["outlet:" + library.article(aid).outlet]


def test_a_footer_shared_by_three_files_of_one_import_folder_is_learnt(tmp_path, library):
    """No outlet named anywhere: the folder they were imported from groups them."""
    src = tmp_path / "newsletter"
    src.mkdir()
    footer = "This letter reaches eleven thousand readers in the county every week of the year."
    paths = []
    for n in range(1, 5):
        path = src / f"letter-{n}.txt"
        path.write_text(f"Letter {n} from the county\n\nThe county council met on day {n} to discuss the roads "
                        f"budget, the clerk said.\n\nIts next meeting, number {n + 1}, will be held in the town "
                        f"hall.\n\n{footer}\n", encoding="utf-8")
        paths.append(path)
    first = library.import_paths(paths[:3])
    fourth = library.import_paths(paths[3:])
    for _, aid in first.added + fourth.added:
        assert library.article(aid).outlet is None
        assert footer not in library.index.document(aid)["body"]


def test_a_removed_paragraph_put_back_stays_back_across_rebuilds(tmp_path, library):
    src = tmp_path / "src"
    src.mkdir()
    path = src / "a.txt"
    path.write_text("Floods Hit Coastal Towns\n\nHeavy rain flooded three coastal towns on Thursday, officials "
                    "said.\n\nSubscribe to our newsletter\n\nResidents were evacuated overnight as water rose.\n",
                    encoding="utf-8")
    aid = library.import_paths([path]).added[0][1]
    a = library.article(aid)
    assert [r.text for r in a.removed] == ["Subscribe to our newsletter"]
    assert library.restore_paragraph(aid, 1) == "Subscribe to our newsletter"
    assert "Subscribe to our newsletter" in library.article(aid).text
    assert "Subscribe to our newsletter" in library.index.document(aid)["body"]
    library.rebuild()
    assert "Subscribe to our newsletter" in library.index.document(aid)["body"]
    assert library.article(aid).removed == []


def test_lines_in_a_few_of_many_articles_or_in_copies_of_one_story_are_not_learnt():
    store = furniture.LearntFurniture()

    def add(aid: str, blocks: list[str]) -> None:
        store.articles[aid] = {"groups": ["outlet:BBC"], "keys": furniture.candidate_keys(blocks),
                               "sig": furniture.signature(blocks)}

    story = [f"Paragraph {i} of the one story that was clipped three times, word for word." for i in range(4)]
    for n in range(3):
        add(f"copy{n}", story + ["Have your say on the story below."])
    for n in range(40):
        add(f"other{n}", [f"Preview {n} of a match with its own long opening paragraph here.", f"Ground {n}",
                          "2000 GMT" if n < 3 else f"{n} March", f"The closing paragraph of preview {n}."])
    store.relearn()
    assert store.learnt == {}
    for n in range(10):
        add(f"footer{n}", [f"Article {n} has its own words.", "Our reporters are members of the press union."])
    store.relearn()
    assert store.learnt == {"outlet:BBC": [furniture.line_key("Our reporters are members of the press union.")]}
