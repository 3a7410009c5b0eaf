"""The gist set's scripts: the draw of new articles repeats, and an unseen part (fresh4) is kept out of tuning."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import gist_check  # noqa: E402
import gist_draw  # noqa: E402
import gist_tune  # noqa: E402
import search_bench  # noqa: E402


def _corpus(folder: Path) -> Path:
    for section in ("business", "sport", "tech"):
        for i in range(8):
            (folder / section).mkdir(parents=True, exist_ok=True)
            (folder / section / f"{section}-{i}.txt").write_text(
                f"Story {i} of {section}\n\nThe {section} desk reports item number {i} today.\n", encoding="utf-8")
    return folder


def test_a_draw_repeats_and_takes_the_first_unsought_of_each_section(tmp_path):
    items = search_bench.load(_corpus(tmp_path))
    sought = {"business/business-0.txt", "tech/tech-1.txt"}
    drawn = gist_draw.draw(items, sought, seed=7, per=3, tech=2, skip=set())
    keys = [it.key for it in drawn]
    assert keys == [it.key for it in gist_draw.draw(items, sought, seed=7, per=3, tech=2, skip=set())]
    assert [k.split("/")[0] for k in keys] == ["business"] * 3 + ["sport"] * 3 + ["tech"] * 2
    assert not sought & set(keys)
    # passing over one drawn article brings in the next of its section and leaves the others as they were
    skipped = keys[0]
    again = [it.key for it in gist_draw.draw(items, sought, seed=7, per=3, tech=2, skip={skipped})]
    assert skipped not in again
    assert again[:2] == keys[1:3] and again[3:] == keys[3:]
    assert again[2].startswith("business/") and again[2] not in keys


def test_fresh4_queries_are_counted_apart_and_never_tuned_on(tmp_path):
    queries = [{"key": f"business/business-{i}.txt", "query": "words", "held_out": i % 3 == 0} for i in range(6)]
    queries += [{"key": f"sport/sport-{i}.txt", "query": "words", "fresh4": True} for i in range(6)]
    path = tmp_path / "gists.json"
    path.write_text(json.dumps({"about": "", "queries": queries}), encoding="utf-8")
    gists = gist_check.read_gists(path)
    assert sum(g.fresh4 for g in gists) == 6
    # 2 of the first 6 held out is a third: the 6 fresh4 ones (none held out) must not dilute the share
    share = [p for p in gist_check.problems(gists, search_bench.load(_corpus(tmp_path / "c"))) if "held out" in p]
    assert share == []
    assert [search_bench._gist_kind(q) for q in queries[-2:]] == ["gist fresh4", "gist fresh4"]
    assert "gist fresh4" in search_bench.KINDS
    tuned = {key for _, key, _ in gist_tune.tuning_queries(path)}
    assert tuned == {q["key"] for q in queries[:6] if not q["held_out"]}


def test_the_shipped_set_keeps_fresh4_apart():
    data = json.loads((ROOT / "benchmarks" / "gist_queries.json").read_text(encoding="utf-8"))["queries"]
    fresh4 = [q for q in data if q.get("fresh4")]
    assert len(fresh4) == 24
    assert not any(q.get(f) for q in fresh4 for f in ("held_out", "fresh", "fresh2", "fresh3", "tuned2"))
    assert not {q["key"] for q in fresh4} & {key for _, key, _ in gist_tune.tuning_queries(search_bench.GISTS)}
