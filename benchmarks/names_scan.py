"""Finding name candidates with one pattern over a paragraph instead of its token list: the same names, slower.

    python benchmarks/names_scan.py [CORPUS_DIR] [--runs 3]

The built-in extractor (core/entities/builtin.py `_scan`) splits each paragraph into tokens with one `findall`
and runs its rules from each capitalised token. The alternative measured here (round five of issue #18's
small imports, benchmarks/README.md "Import") finds the candidate runs with one compiled pattern: it splits
the text into exactly the same tokens, skips the others (lower-case words, numbers, marks) in bulk inside the
pattern, keeps the last two of them as the context before a run, captures a run of capitalised words joined
by "&" or a connector, and the two tokens after it; the same rules then run on each run's few tokens. This
script checks that both give the same mentions in the same order for every article of CORPUS_DIR (default
../shared/corpora/bbc-news) and the seeds (story paragraphs and captions, and again every block) and for the
tricky strings below, then times
both (CPU, medians of --runs, min-max). On the BBC corpus the pattern costs more than the tokens it saves:
CPython's regular-expression engine spends more per token in a repeated group with captures than `findall`
does making the token strings, and the rules' own work per capitalised word (133,567 of 892,108 tokens)
stays the same.
"""

from __future__ import annotations

import argparse
import gc
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader_app.core.articles.reading import article_from_bytes  # noqa: E402
from reader_app.core.entities import builtin  # noqa: E402
from reader_app.core.entities.builtin import (  # noqa: E402
    _CONNECT,
    _SAID,
    _TOKEN,
    BuiltinExtractor,
    _base,
    _is_acronym,
    _is_cap,
    _org_run_follows,
    _shape,
)
from reader_app.core.entities.model import ArticleText, Mention  # noqa: E402

_REST = r"\w*(?:[’'.&-]+\w+)*"  # a word's tail, as in builtin._TOKEN
_GAP = r"[\s_]*"  # all that falls between two of _TOKEN's tokens
_OTHER = rf"[a-z]{_REST}|\d[\w,.]*|[^\w\s]"
_CAPISH = rf"[^\W\d_a-z]{_REST}"  # may be capitalised (a superset: the rules check each word again)
_LINK = rf"(?:&|(?i:{'|'.join(sorted(_CONNECT))})(?!\w|[’'.&-]+\w))"
_ANY = rf"[^\W\d_]{_REST}|\d[\w,.]*|[^\w\s]"
_RUNS = re.compile(
    rf"(?:[\s_]+|(?P<x>{_OTHER})(?:{_GAP}(?P<y>{_OTHER}))?)*"
    rf"(?:(?P<run>{_CAPISH}(?:{_GAP}(?:{_LINK}{_GAP})?{_CAPISH})*)"
    rf"(?=(?:{_GAP}(?P<n1>{_ANY})(?:{_GAP}(?P<n2>{_ANY}))?)?))?")
assert _TOKEN.pattern == rf"[^\W\d_]{_REST}|\d[\w,.]*|[^\w\s]", "builtin._TOKEN changed: update this script"


class RunsExtractor(BuiltinExtractor):
    """The built-in extractor with the candidate runs found by _RUNS."""

    def _scan(self, para: str, found: dict[str, Mention], caption: bool) -> None:
        before = ("", "")  # the last two tokens before the current stretch of skipped ones
        for m in _RUNS.finditer(para):
            run = m.group("run")
            if run is None:
                continue  # the paragraph's tail
            x, y = m.group("x"), m.group("y")
            if y is not None and m.start("y") > m.start("x"):
                prev2, prev1 = x, y  # the stretch's last repetition held two tokens
            elif y is not None:
                prev2, prev1 = y, x  # y is kept from the repetition before x's: the token just before it
            elif x is not None:
                prev2, prev1 = before[1], x
            else:
                prev2, prev1 = before
            words = _TOKEN.findall(run)
            toks = [prev2, prev1, *words, *(t for t in (m.group("n1"), m.group("n2")) if t is not None)]
            self._walk(toks, 2, 2 + len(words), found, para, m.start("run"))
            before = (toks[len(words)], toks[1 + len(words)])

    def _walk(self, toks: list[str], lo: int, hi: int, found: dict[str, Mention], para: str, at: int) -> None:
        # builtin's loop from each capitalised token, over toks[lo:hi] only
        n = len(toks)
        after = 0
        owner_end = -1
        for i in range(lo, hi):
            if i < after or not (_is_cap(toks[i]) and toks[i][0].isalpha()):
                continue
            start = i
            words: list[str] = []
            possessive = False
            j = i
            while j < n:
                t = toks[j]
                if _is_cap(t) and t[0].isalpha():
                    base, possessive = _base(t)
                    words.append(base)
                    j += 1
                    if possessive:
                        break
                    continue
                if words and t == "&" and _org_run_follows(toks, j + 1):
                    words.append(t)
                    j += 1
                    continue
                if (words and t.lower() in _CONNECT and j + 1 < n and _is_cap(toks[j + 1]) and toks[j + 1][0].isalpha()
                        and not _is_acronym(toks[j + 1])):
                    if t.lower() == "the" and words[-1].lower() != "of":
                        break
                    words.append(t)
                    j += 1
                    continue
                break
            while words and words[-1].lower() in _CONNECT:
                words.pop()
            prev = toks[start - 1] if start > 0 else ""
            prev2 = toks[start - 2] if start > 1 else ""
            nxt = toks[j] if j < n else ""
            nxt2 = toks[j + 1] if j + 1 < n else ""
            after = max(j, start + 1)
            if prev == "/" or nxt == "/":
                continue
            owned = start == owner_end
            if possessive and words:
                owner_end = j if _shape(tuple(words)).person_shape else -1
            # the tokens after next count only in "X said in a statement" (see _span): read then
            more = (tuple(_TOKEN.findall(para, at)[j - lo + 2:j - lo + 5])
                    if nxt2.lower() == "in" and nxt.lower() in _SAID else ())
            self._span(words, prev, prev2, nxt, nxt2, possessive, found, more, owned)


# Where the two could part: hyphens, apostrophes, "Mc", acronyms, names opening a paragraph or after quotes,
# headlines in capitals, connectors and "&" at a run's ends, underscores, digits glued to words, "said in a".
TRICKY = [
    "Tony Blair said in a statement that Gordon Brown's plan for the Bank of England was sound.",
    "\"Michael McDonald,\" said Jean-Pierre Raffarin's aide, \"is O'Neill's man at AT&T.\"",
    "'Sir Menzies Campbell' told the BBC; (Marks & Spencer) and Ernst & Young of the US.",
    "US-led forces of CSTO member states met the Ministry of the Interior in Le Monde's office.",
    "THE PRIME MINISTER SAID NO. BBC NEWS 24 - EPA/EVGENIA NOVOZHENINA/TASS",
    "Russian-led talks, World War I-era guns, ex-Beatle Paul McCartney and the iPod's maker Apple.",
    "3D films, 2,000 Smith3 fans, U.S. officials, _Bank of_ Scotland and foo_Bar Baz.",
    "Microsoft said it would sell; Sony's European president; Tottenham's boss Martin Jol.",
    "De La Rue and Van Gogh; Ali bin Laden; the Bank of The Hague; Labour MP for Birkenhead Frank Field MP",
    "Chairman of the Board Of Trade & Industry; Smith De",
    "‘Mr Brown’ — “Dr Who” — «Le Figaro» ... The BBC’s chief, Mark Thompson’s team.",
    "Élysée Palace, Éric Besson and élan; ǅemal Bijedić; Ⓐ Ⓑ; İstanbul and ſome",
]


def _dump(mentions: list[Mention]) -> list[tuple]:
    return [(m.name, m.count, dict(m.votes), dict(m.hints), m.titled, m.first_named) for m in mentions]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, nargs="?", default=ROOT.parent.parent / "shared" / "corpora" / "bbc-news")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    files = sorted(p for p in args.corpus.rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".md", ".html"))
    files += sorted((ROOT / "seeds").glob("*"))
    articles = [article_from_bytes(f.read_bytes(), name=f.name, article_id="x", path=str(f)) for f in files]
    texts = [ArticleText(tuple(p.text for p in a.paragraphs if p.kind == "p"), tuple(a.extra.get("captions", ())))
             for a in articles]
    blocks = [ArticleText(tuple(p.text for p in a.paragraphs), ()) for a in articles]
    blocks += [ArticleText((t,), ()) for t in TRICKY] + [ArticleText((), (t,)) for t in TRICKY]
    blocks += [ArticleText((a + " " + b,), ()) for a in TRICKY for b in TRICKY]  # one's tail before another's head
    plain, runs = BuiltinExtractor(), RunsExtractor()
    differ = [i for i, t in enumerate(texts + blocks) if _dump(plain.extract(t)) != _dump(runs.extract(t))]
    print(f"{len(texts)} articles, as indexed and every block, and {len(TRICKY)} tricky strings: "
          f"{len(differ)} differ")
    gc.disable()  # as in the import's workers
    spent: dict[str, list[float]] = {"tokens (app)": [], "candidate runs": []}
    for _ in range(args.runs):
        for label, ex in (("tokens (app)", plain), ("candidate runs", runs)):
            builtin._shape.cache_clear()
            t = time.process_time()
            for text in texts:
                ex.extract(text)
            spent[label].append(time.process_time() - t)
    for label, values in spent.items():
        print(f"  {label:15s} {statistics.median(values):.3f} s ({min(values):.3f}-{max(values):.3f})")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
