"""Paragraph precision and recall of the clipping cleanup, per kind of page, tuned vs held-out.

    .venv/bin/python benchmarks/cleanup_bench.py [--details]

Inputs: the evaluation set in benchmarks/cleanup_eval (clippings/ and their hand labels in labels.json),
the five seeds (labelled by their fidelity tests: what the parser keeps is the story) and the BBC corpus
(../shared/corpora/bbc-news: every paragraph is story, so only story recall counts there).
Methods: "before" (the cleanup without core/furniture.py), trafilatura alone and jusText alone (the same
inputs as HTML; a text clipping is rendered to HTML with markdown-it first), and "now" (the cleanup as it is).
A labelled paragraph counts as kept when the output holds a paragraph equal to it (or, for 30+ characters,
containing it). Story figures: recall = story kept / story; precision = story kept / everything kept.
Furniture figures: removed = furniture dropped / furniture; precision = furniture dropped / everything dropped.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader_app.core.articles import cleanup, furniture  # noqa: E402
from reader_app.core.articles import reading as articles  # noqa: E402
from reader_app.core.articles.text import normalize_text  # noqa: E402

EVAL = ROOT / "benchmarks" / "cleanup_eval"
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent.parent / "shared" / "corpora" / "bbc-news"
if not CORPUS.is_dir():
    CORPUS = ROOT.parent / "shared" / "corpora" / "bbc-news"

_LIST_MARK = re.compile(r"^(?:#{1,6}\s+|[-*+]\s+|\d{1,2}\.\s+)")


def norm(text: str) -> str:
    text = _LIST_MARK.sub("", text.strip())
    text = cleanup.parse_inline(text).text if text else ""
    return " ".join(_LIST_MARK.sub("", text).split()).lower()


def kept(label: str, output: list[str]) -> bool:
    if not label:
        return False
    return any(out == label or (len(label) >= 30 and label in out) or (len(out) >= 30 and out in label)
               for out in output)


# --- the methods: each maps (file name, bytes) to output paragraphs -------------------------------------

def parse(name: str, data: bytes) -> list[str]:
    a = articles.article_from_bytes(data, name=name, article_id="x", path=name)
    return [a.title] + [p.text for p in a.paragraphs]


def before(name: str, data: bytes) -> list[str]:
    saved = furniture.classify
    furniture.classify = lambda blocks, kinds, **kw: kinds  # the cleanup as it was before furniture.py
    try:
        return parse(name, data)
    finally:
        furniture.classify = saved


def as_html(name: str, data: bytes) -> str:
    text = data.decode("utf-8")
    if name.endswith((".html", ".htm")):
        return text
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark").render(text)
    return f"<html><head><meta charset='utf-8'></head><body><article>{body}</article></body></html>"


def _russian(name: str, data: bytes) -> bool:
    return len(re.findall("[а-яё]", data.decode("utf-8", "replace").lower())) > 200


def trafilatura_alone(name: str, data: bytes) -> list[str]:
    import trafilatura

    text = trafilatura.extract(as_html(name, data), include_comments=False, include_tables=True,
                               favor_precision=False) or ""
    return [line for line in text.split("\n") if line.strip()]


def justext_alone(name: str, data: bytes) -> list[str]:
    import justext

    lang = "Russian" if _russian(name, data) else "English"
    paras = justext.justext(as_html(name, data).encode("utf-8"), justext.get_stoplist(lang), encoding="utf-8")
    return [p.text for p in paras if not p.is_boilerplate]


METHODS: dict[str, Callable[[str, bytes], list[str]]] = {
    "before": before, "trafilatura": trafilatura_alone, "jusText": justext_alone, "now": parse,
}


# --- scoring ------------------------------------------------------------------------------------

class Tally:
    """Paragraph counts for one method over some clippings."""

    def __init__(self) -> None:
        self.story = self.story_kept = self.furn = self.furn_kept = 0

    def add(self, label: str, was_kept: bool) -> None:
        if label == "story":
            self.story += 1
            self.story_kept += was_kept
        else:
            self.furn += 1
            self.furn_kept += was_kept

    def row(self) -> str:
        def pct(a: int, b: int) -> str:
            return f"{100 * a / b:6.1f}" if b else "     -"
        dropped_story = self.story - self.story_kept
        dropped_furn = self.furn - self.furn_kept
        return (f"{pct(self.story_kept, self.story)} {pct(self.story_kept, self.story_kept + self.furn_kept)} "
                f"{pct(dropped_furn, self.furn)} {pct(dropped_furn, dropped_furn + dropped_story)}")


def cases(with_corpus: bool):
    """(group, kind, split, file name, bytes, [(label, normalised text)], earlier split or "")."""
    labels = json.loads((EVAL / "labels.json").read_text(encoding="utf-8"))
    for name, entry in labels.items():
        data = (EVAL / "clippings" / name).read_bytes()
        paras = [(p["label"], norm(p["text"])) for p in entry["paragraphs"]]  # the title is only set aside below
        yield "eval", entry["kind"], entry["split"], name, data, paras, entry.get("was", "")
    for f in sorted(SEEDS.iterdir()):
        data = f.read_bytes()
        out = before(f.name, data)
        story, title = [norm(t) for t in out[1:]], norm(out[0])
        units = articles._units(normalize_text(data.decode("utf-8")))
        paras = [("story" if kept(norm(u), story) else "furniture", norm(u)) for u, _ in units if norm(u) != title]
        paras = [p for p in paras if p[1]]
        yield "seeds", "seeds", "tuned", f.name, data, paras, ""
    if with_corpus and CORPUS.is_dir():
        for f in sorted(CORPUS.glob("*/*.txt")):
            data = f.read_bytes()
            units = articles._units(normalize_text(data.decode("utf-8")))
            yield ("corpus", "bbc-corpus (story only)", "tuned", f.name, data, [("story", norm(u)) for u, _ in units[1:]],
                   "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--details", action="store_true", help="list each paragraph a method got wrong (now only)")
    ap.add_argument("--no-corpus", action="store_true", help="skip the 2,000-article BBC corpus")
    ap.add_argument("--methods", default=",".join(METHODS))
    args = ap.parse_args()
    methods = [m for m in args.methods.split(",") if m in METHODS]
    by_kind: dict[str, dict[tuple[str, str], Tally]] = {m: defaultdict(Tally) for m in methods}
    totals: dict[str, dict[str, Tally]] = {m: defaultdict(Tally) for m in methods}
    headlines: dict[str, dict[str, list[int]]] = {m: defaultdict(lambda: [0, 0]) for m in methods if m in ("before", "now")}
    for group, kind, split, name, data, paras, earlier in cases(not args.no_corpus):
        for m in methods:
            if group == "corpus" and m in ("trafilatura", "jusText"):
                continue
            out = [norm(t) for t in METHODS[m](name, data)]
            if m in headlines and group == "eval":  # the parser's first output is the headline it chose
                tally = headlines[m][split]
                tally[0] += out[0] in {text for label, text in paras if label == "title"}
                tally[1] += 1
            # The headline is not matched: a footer that quotes it ("… with the headline: X") is not kept by it.
            titles = {text for label, text in paras if label == "title"}
            out = [t for t in out if t not in titles]
            whole = "\n".join(out)
            for label, text in paras:
                if label == "title":
                    continue
                # the corpus test's measure: a story unit joined onto its neighbour is kept
                was = (text in whole) if group == "corpus" else kept(text, out)
                by_kind[m][(kind, split)].add(label, was)
                totals[m][f"{group}:{split}" if group == "eval" else group].add(label, was)
                totals[m]["all"].add(label, was)
                if earlier:  # a split tuned on since it was measured fresh keeps its own line
                    totals[m][f"eval:was {earlier}"].add(label, was)
                if args.details and m == "now" and (was != (label == "story")):
                    print(f"  {name}: {label} {'kept' if was else 'DROPPED'}: {text[:90]}")
    head = "story-R story-P furn-R furn-P"
    print(f"{'kind':34} {'split':8} | " + " | ".join(f"{m:^27}" for m in methods))
    print(f"{'':34} {'':8} | " + " | ".join(head for _ in methods))
    for key in sorted(by_kind[methods[0]]):
        print(f"{key[0]:34} {key[1]:8} | " + " | ".join(by_kind[m][key].row() if key in by_kind[m] else " " * 27
                                                       for m in methods))
    print()
    for key in sorted(totals[methods[0]]):
        print(f"{'TOTAL ' + key:43} | " + " | ".join(totals[m][key].row() if key in totals[m] else " " * 27
                                                   for m in methods))
    for m, per in headlines.items():
        print(f"headline found ({m}): " + ", ".join(f"{split} {ok}/{n}" for split, (ok, n) in sorted(per.items())))
    print("\n(story-R: story paragraphs kept; story-P: kept paragraphs that are story; furn-R: furniture paragraphs "
          "removed; furn-P: removed paragraphs that are furniture. Percent.)")


if __name__ == "__main__":
    main()
