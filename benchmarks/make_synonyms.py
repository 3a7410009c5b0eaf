"""Builds the gist search's synonym table from WordNet 3.0 (run once, by hand; never at run time).

    python benchmarks/make_synonyms.py [--wordnet /usr/share/wordnet] [--out FILE] [--share 0.5] [--mode mutual]

WordNet 3.0 (Princeton University; Debian's wordnet-base puts its database in /usr/share/wordnet; licence in
/usr/share/doc/wordnet-base/copyright and reader_app/core/search/WORDNET-LICENSE: use, copying and
distribution allowed with the notice) groups words by sense: a synset is the words sharing one meaning.
Most words have several senses, and the rarer ones are where a thesaurus goes astray ("bush" the president
and the shrub), so for each word only its most frequent senses are taken: WordNet lists a word's senses
commonest first, by how often each was tagged in a sense-tagged corpus (cntlist.rev); a sense is kept when its
tag count is at least `--share` of the word's commonest one (over all its parts of speech), and a word never
tagged keeps its sense only when it has just one. The other single-word lemmas of a kept sense are its
synonyms when that sense is also among their own commonest (`--mode mutual`, the default and what ships:
"film" <-> "movie", "shop" <-> "store", "britain" <-> "uk"; "soldier" does not get "shirk", though
"goldbrick, shirk, soldier" is the commonest sense of "shirk"). `--mode forward` drops that second condition,
`--mode both` also gives each synonym the word back; both gave the tuning queries more rare senses and ranked
worse (benchmarks/README.md, "Eighth round").

Both words are stemmed as the index stems them (Porter, whoosh.lang.porter, as reader_app.core.index.fields
does), stop words (Whoosh's list), multi-word lemmas and words of one letter left out, the pair kept both ways
and dropped when the two stem the same. One line a stem,
`stem<TAB>synonym synonym ...` (a stem's synonyms in the order found: its commoner senses first), sorted,
gzipped with a fixed timestamp so that a rebuild gives the same bytes. The gist ranking
(reader_app/core/search/synonyms.py, gist.py) reads it once per process.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from whoosh.analysis import STOP_WORDS
from whoosh.lang.porter import stem

WORDNET = Path("/usr/share/wordnet")
OUT = Path(__file__).resolve().parents[1] / "reader_app" / "core" / "search" / "synonyms.tsv.gz"
PARTS = {"noun": "1", "verb": "2", "adj": "3", "adv": "4"}  # index file -> the sense key's synset type
_LEMMA = re.compile(r"[a-z][a-z']*[a-z]$")  # single words only: no "take_over", "full-back", "a.m.", "3-d"


def tag_counts(wordnet: Path) -> dict[tuple[str, str, int], int]:
    """(lemma, synset type, sense number) -> how often that sense was tagged (satellite adjectives as "3")."""
    counts: dict[tuple[str, str, int], int] = {}
    for line in (wordnet / "cntlist.rev").read_text(encoding="latin-1").splitlines():
        key, number, count = line.split()
        lemma, rest = key.split("%", 1)
        kind = "3" if rest[0] == "5" else rest[0]
        counts[(lemma, kind, int(number))] = counts.get((lemma, kind, int(number)), 0) + int(count)
    return counts


def synsets(wordnet: Path) -> dict[tuple[str, int], list[str]]:
    """(part, offset) -> the synset's lemmas, lower-cased, as written (underscores join multi-word lemmas)."""
    found: dict[tuple[str, int], list[str]] = {}
    for part in PARTS:
        for line in (wordnet / f"data.{part}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):  # the licence at the top of each file
                continue
            fields = line.split(" ", 4 + 2 * 255)
            count = int(fields[3], 16)
            lemmas = [fields[4 + 2 * i].lower() for i in range(count)]
            # adjectives carry a marker such as "(a)" or "(p)" glued to the lemma
            found[(part, int(fields[0]))] = [re.sub(r"\(.*\)$", "", w) for w in lemmas]
    return found


def senses(wordnet: Path) -> dict[str, list[tuple[int, str, int, int]]]:
    """lemma -> (tag count, part, sense number, synset offset) for each of its senses."""
    found: dict[str, list[tuple[int, str, int, int]]] = defaultdict(list)
    counts = tag_counts(wordnet)
    for part, kind in PARTS.items():
        for line in (wordnet / f"index.{part}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split()
            lemma, pointers = fields[0], int(fields[3])
            offsets = [int(o) for o in fields[4 + pointers + 2:]]
            for n, offset in enumerate(offsets, 1):
                found[lemma].append((counts.get((lemma, kind, n), 0), part, n, offset))
    return found


def build(wordnet: Path, share: float, mode: str = "mutual") -> dict[str, list[str]]:
    """stem -> its synonyms' stems. `mode`: "both" (a word's commonest senses give its synonyms, and each of
    those is given the word back), "forward" (no giving back) or "mutual" (only pairs sharing a sense that is
    among the commonest of both words)."""
    by_offset = synsets(wordnet)
    stops = frozenset(STOP_WORDS)

    def usable(word: str) -> bool:
        return bool(_LEMMA.match(word)) and word not in stops

    kept: dict[str, list[tuple[str, int]]] = {}
    for lemma, found in sorted(senses(wordnet).items()):
        top = max(c for c, _, _, _ in found)
        if top:
            kept[lemma] = [(p, o) for c, p, _, o in sorted(found, key=lambda s: (-s[0], s[2])) if c >= share * top]
        elif len(found) == 1:
            kept[lemma] = [(p, o) for _, p, _, o in found]
    pairs: list[tuple[str, str]] = []
    for lemma, senses_kept in kept.items():
        if not usable(lemma):
            continue
        for sense in senses_kept:
            for other in by_offset[sense]:
                if other == lemma or not usable(other):
                    continue
                if mode == "mutual" and sense not in kept.get(other, ()):
                    continue
                pairs.append((lemma, other))
    table: dict[str, dict[str, None]] = defaultdict(dict)  # stem -> synonyms, insertion-ordered
    for a, b in pairs:  # a's own senses first, then (both ways) what names a among its own commonest senses
        sa, sb = stem(a), stem(b)
        if sa != sb:
            table[sa][sb] = None
    for a, b in pairs if mode == "both" else ():
        sa, sb = stem(a), stem(b)
        if sa != sb:
            table[sb][sa] = None
    return {s: list(syns) for s, syns in table.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wordnet", type=Path, default=WORDNET)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--share", type=float, default=0.5, help="a sense is kept when tagged at least this share "
                    "as often as the word's commonest")
    ap.add_argument("--mode", choices=("both", "forward", "mutual"), default="mutual")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    table = build(args.wordnet, args.share, args.mode)
    text = "".join(f"{s}\t{' '.join(syns)}\n" for s, syns in sorted(table.items())).encode("utf-8")
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0,
                                                     filename="") as out:
        out.write(text)
    pairs = sum(len(v) for v in table.values())
    print(f"{len(table):,} stems, {pairs:,} synonyms, {len(text) / 1e6:.2f} MB of text, "
          f"{args.out.stat().st_size / 1e6:.2f} MB gzipped -> {args.out} ({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
