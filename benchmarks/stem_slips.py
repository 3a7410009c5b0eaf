"""Slips that stem like another, rarer word ("goverment" is stemmed as "governess" is): how often the search
corrects them to the word meant, and how many of the top hits hold it.

    python benchmarks/stem_slips.py DATA_DIR [--queries 300] [--seed 3]

DATA_DIR is a reader-app data folder with a library imported (e.g. the BBC corpus: `reader-app --data-dir D
import /work/shared/corpora/bbc-news`). Slips (a letter dropped, doubled, swapped with its neighbour or replaced
by a neighbouring key, never the first one) are made from the library's words in 3 or more articles, keeping
those no article has whose stem some other word of the library has, with a different stem from the meant
word's. Each is searched alone. Printed: the share corrected to a word with the meant word's stem, the share
corrected to another word, the share left as typed, and precision@10 (hits holding the meant word's stem).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from whoosh.lang.porter import stem  # noqa: E402

from reader_app import paths  # noqa: E402
from reader_app.core.library import Library  # noqa: E402

KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


def slips(word: str) -> set[str]:
    out = set()
    for i in range(1, len(word)):
        out.add(word[:i] + word[i + 1:])
        out.add(word[:i] + word[i] + word[i:])
        if i + 1 < len(word):
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2:])
        row = next((r for r in KEYBOARD if word[i] in r), None)
        if row:
            j = row.index(word[i])
            out.update(word[:i] + row[k] + word[i + 1:] for k in (j - 1, j + 1) if 0 <= k < len(row))
    return out - {word}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args(argv)
    lib = Library(paths.resolve(args.data_dir))
    lib.open()
    try:
        engine = lib.engine
        counts = engine.vocabulary(engine.generation()).counts
        stems: dict[str, list[str]] = defaultdict(list)
        for w in counts:
            stems[stem(w)].append(w)
        cases = sorted({(s, w) for w, c in counts.items() if c >= 3 and len(w) >= 5 for s in slips(w)
                        if s not in counts and stem(s) != stem(w) and stem(s) in stems})
        picked = random.Random(args.seed).sample(cases, min(args.queries, len(cases)))
        right = other = kept = 0
        precision = []
        held: dict[str, set[str]] = {}

        def stems_of(article_id: str) -> set[str]:
            if article_id not in held:
                a = lib.article(article_id)
                held[article_id] = {stem(w) for w in re.findall(r"[a-z]+", f"{a.title} {a.text}".lower())}
            return held[article_id]

        for slip, meant in picked:
            result = lib.search(slip, limit=10)
            fixed = (result.corrected or "").lower()
            if not fixed:
                kept += 1
            elif stem(fixed) == stem(meant):
                right += 1
            else:
                other += 1
            holding = [h for h in result.hits if stem(meant) in stems_of(h.id)]
            precision.append(len(holding) / len(result.hits) if result.hits else 0.0)
        n = len(picked)
        print(f"{n} slips stemmed like another word ({len(cases)} in all), e.g. "
              f"{', '.join(f'{s!r} for {m!r}' for s, m in picked[:4])}")
        print(f"corrected to the meant word {right / n:.3f}, to another {other / n:.3f}, left as typed {kept / n:.3f}; "
              f"precision@10 {sum(precision) / n:.3f}")
    finally:
        lib.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
