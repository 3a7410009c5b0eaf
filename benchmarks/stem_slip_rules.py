"""How the rule for slips that stem like another word was chosen (core/search/spelling.py Vocabulary.shadowing):
candidate rules counted on a library's own words, without searching.

    python benchmarks/stem_slip_rules.py DATA_DIR

Two sets from the library's word counts (DATA_DIR as for benchmarks/stem_slips.py):
  slips       every one-slip misspelling (drop, double, swap, neighbouring key; never the first letter) of a word
              in 3+ articles, 5+ letters, that no article has and that stems like another word of the library
              with a stem other than the meant word's; its articles are taken as those of its stem
  real words  every word in at most 2 articles whose stem another word shares, taken out of the word list as if
              the library lacked it (a real word typed by someone whose library has it only in other forms);
              its articles are its stem-mates' (the sum of their counts)
For each rule: slips corrected to a word of the meant stem, slips corrected to another word, and real words
replaced; "before" is the search as it was (a word finding fewer than 3 articles is corrected to its closest
word when that finds more), each rule is that plus its own corrections.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rapidfuzz.distance import OSA  # noqa: E402
from whoosh.lang.porter import stem  # noqa: E402

from reader_app import paths  # noqa: E402
from reader_app.core.library import Library  # noqa: E402
from reader_app.core.search.conjunction import term_counts  # noqa: E402
from reader_app.core.search.spelling import Vocabulary, one_slip  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stem_slips import slips  # noqa: E402


def before(vocabulary: Vocabulary, typed: str, articles: int) -> str | None:
    if articles >= 3:
        return None
    found = vocabulary.better(typed)
    return found[0] if found and vocabulary.counts[found[0]] > articles else None


def rule(vocabulary: Vocabulary, typed: str, articles: int, mates: list[str], ratio: int, equal: bool,
         slip: bool) -> str | None:
    found = vocabulary.better(typed)
    if not found:
        return None
    meant = found[0]
    if stem(meant) == stem(typed) or meant[0] != typed[0] or (slip and not one_slip(typed, meant)):
        return None
    if vocabulary.counts[meant] < max(5, ratio * articles):
        return None
    nearest = min(OSA.distance(typed, m) for m in mates)
    distance = OSA.distance(typed, meant)
    return meant if distance < nearest or (equal and distance == nearest) else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data_dir", type=Path)
    args = ap.parse_args(argv)
    lib = Library(paths.resolve(args.data_dir))
    lib.open()
    try:
        gen = lib.engine.generation()
        vocabulary = lib.engine.vocabulary(gen)
        counts = term_counts(gen.searcher)

        def articles(term: str) -> int:
            return max(counts.total("title", term), counts.total("body", term))

        by_stem: dict[str, list[str]] = defaultdict(list)
        for w in vocabulary.counts:
            by_stem[stem(w)].append(w)
        slip_cases = [(s, w, by_stem[stem(s)], articles(stem(s))) for w, c in vocabulary.counts.items()
                      if c >= 3 and len(w) >= 5 for s in slips(w)
                      if s not in vocabulary.counts and stem(s) != stem(w) and by_stem.get(stem(s))]
        real = [(v, [m for m in ws if m != v]) for ws in by_stem.values() if len(ws) > 1 for v in ws
                if len(v) >= 4 and vocabulary.counts[v] <= 2]
        print(f"{len(slip_cases)} slips, {len(real)} real words")
        print("| rule | slips corrected to the meant word | to another word | real words replaced |")
        print("|---|---:|---:|---:|")
        rules = [("before", None)] + [(f"+ {'slip, ' if slip else ''}{'≤' if equal else '<'} stem-mates, ×{ratio}",
                                       (ratio, equal, slip))
                                      for slip in (False, True) for ratio in (5, 10, 20) for equal in (True, False)
                                      if slip or ratio == 5]
        for name, params in rules:
            right = other = replaced = 0
            for s, w, mates, n in slip_cases:
                fixed = before(vocabulary, s, n) or (rule(vocabulary, s, n, mates, *params) if params else None)
                if fixed:
                    right += stem(fixed) == stem(w)
                    other += stem(fixed) != stem(w)
            for v, mates in real:
                n = sum(vocabulary.counts[m] for m in mates)
                own = vocabulary.counts.pop(v)
                try:
                    replaced += bool(before(vocabulary, v, n)
                                     or (rule(vocabulary, v, n, mates, *params) if params else None))
                finally:
                    vocabulary.counts[v] = own
            print(f"| {name} | {right} | {other} | {replaced} |", flush=True)
    finally:
        lib.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
