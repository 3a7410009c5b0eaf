"""Known-item search benchmark: reader-app's search against Recoll on the same queries, side by side.

    python benchmarks/search_bench.py CORPUS_DIR [--queries 300] [--runs 3] [--scales 1,10] [--no-recoll]
                                      [--gists benchmarks/gist_queries.json] [--kinds gist,gist held out]

CORPUS_DIR is a folder of article files (e.g. /work/shared/corpora/bbc-news: 2,095 BBC stories, one .txt
each, headline first). Everything is built in a temporary folder: the corpus is read in place, never
copied. At scale 10 the corpus is indexed ten times under distinct ids (20,950 articles); any copy of the
sought article counts as finding it, and both engines show identical texts once (reader-app collapses hits
by text hash; Recoll is asked to collapse duplicates).

Queries come from the articles themselves (seeded, so every run asks the same ones), three kinds:
  headline    a few content words of the headline
  paragraph   four content words from one paragraph past the first (not a phrase)
  misspelt    the same four words with one of them misspelt (a letter dropped, doubled, swapped with
              its neighbour or replaced by a neighbouring key; never a word the corpus itself has)
  gist        a person's recollection of the article in other words (benchmarks/gist_queries.json, written
              by reading the articles; at most one content word shared with the headline and first
              paragraph, checked by benchmarks/gist_check.py), in two parts: the one looked at while
              tuning ("gist"), the third held out from it ("gist held out"), and 20 written later from
              articles drawn at random ("gist fresh"; measured once before and once after a ranking change),
              20 more for a third round ("gist fresh2", likewise), 64 more written in the fifth round
              as a second tuning part ("gist tuned2"), 24 more for the seventh round ("gist fresh3",
              measured once, main against the round's branch) and 24 more for the eighth ("gist fresh4",
              likewise)
Each kind goes to reader-app, Recoll with its words AND-ed (its default) and OR-ed (stop words left out), and
a plain TF-IDF cosine (log term frequency times inverse document frequency, headline and text, stop words
left out, plural "s" stemming; written here, in Python).
It prints MRR@10 and recall@10 per kind, and latency p50/p95 per query (snippets included: reader-app
makes a best-passage snippet per hit, Recoll its abstract) as medians over --runs runs.

Typo precision (reader-app only): one rare word (in 2 to 10 articles, 6 letters or more) given one typing
slip, searched alone. Precision is the share of the top 10 hits (all of them when fewer) whose article holds
the meant word in any form (same Porter stem); recall the share of the articles holding it (up to 10) that
are in the top 10. A corrected query that pads its list with look-alike words scores low precision.
Timings are what this machine gave at the time; nothing here asserts them.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from whoosh.lang.porter import stem  # noqa: E402

from reader_app.core.articles.model import ArticleReadError  # noqa: E402
from reader_app.core.articles.reading import read_article
from reader_app.core.index.documents import SourceFile
from reader_app.core.index.store import ArticleIndex  # noqa: E402
from reader_app.core.search.engine import Engine  # noqa: E402

KINDS = ("headline", "paragraph", "misspelt", "gist", "gist tuned2", "gist held out", "gist fresh", "gist fresh2",
         "gist fresh3", "gist fresh4")
GISTS = Path(__file__).resolve().parent / "gist_queries.json"
SUFFIXES = (".txt", ".md")
_STOP_WORDS = """a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor
not now of off on once only or other our ours out over own same she should so some such than that the their
theirs them then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours mr mrs ms said says say told also one two new year
years last first may might must shall us its it's"""
STOP = set(_STOP_WORDS.split())
WORD = re.compile(r"[A-Za-z]+")
KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


@dataclass
class Item:
    key: str  # the article's path relative to the corpus
    title: str
    paragraphs: list[str]


@dataclass
class Query:
    kind: str
    text: str
    key: str


@dataclass
class Scores:
    rr: list[float] = field(default_factory=list)
    found: list[bool] = field(default_factory=list)
    times: list[list[float]] = field(default_factory=list)  # per run, ms per query

    def add_rank(self, rank: int | None) -> None:
        self.rr.append(1.0 / rank if rank else 0.0)
        self.found.append(rank is not None)

    def row(self) -> tuple[float, float, float, float]:
        p50 = statistics.median(statistics.median(t) for t in self.times) if self.times else float("nan")
        p95 = statistics.median(_pct(t, 95) for t in self.times) if self.times else float("nan")
        return statistics.mean(self.rr), sum(self.found) / len(self.found), p50, p95


def _pct(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


# --- the corpus and the queries ------------------------------------------------------------------------

def corpus_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
                  and p.name.lower() not in ("readme.md", "license.md"))


def load(root: Path) -> list[Item]:
    items = []
    for f in corpus_files(root):
        try:
            a = read_article(f, article_id="x", origin=str(f))
        except ArticleReadError:
            continue
        items.append(Item(str(f.relative_to(root)), a.title, [p.text for p in a.paragraphs]))
    return items


def content_words(text: str) -> list[str]:
    out, seen = [], set()
    for w in WORD.findall(text):
        lw = w.lower()
        if len(lw) >= 3 and lw not in STOP and lw not in seen:
            seen.add(lw)
            out.append(w)
    return out


def misspell(word: str, rng: random.Random, vocabulary: set[str]) -> str | None:
    """One typing slip inside the word (never its first letter), giving a word the corpus does not have."""
    for _ in range(20):
        i = rng.randrange(1, len(word))
        op = rng.choice(("drop", "double", "swap", "near"))
        if op == "drop":
            slip = word[:i] + word[i + 1:]
        elif op == "double":
            slip = word[:i] + word[i] + word[i:]
        elif op == "swap" and i + 1 < len(word):
            slip = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        else:
            row = next((r for r in KEYBOARD if word[i].lower() in r), None)
            if row is None:
                continue
            j = row.index(word[i].lower())
            near = row[j - 1] if j and (j + 1 == len(row) or rng.random() < 0.5) else row[min(j + 1, len(row) - 1)]
            slip = word[:i] + near + word[i + 1:]
        if slip.lower() != word.lower() and slip.lower() not in vocabulary:
            return slip
    return None


def make_queries(items: list[Item], n: int, seed: int = 42) -> list[Query]:
    rng = random.Random(seed)
    vocabulary = {w.lower() for it in items for p in [it.title, *it.paragraphs] for w in WORD.findall(p)}
    picked = rng.sample(items, min(n, len(items)))
    queries: list[Query] = []
    for it in picked:
        head = content_words(it.title)
        if len(head) >= 2:
            queries.append(Query("headline", " ".join(head[:4]), it.key))
        later = [p for p in it.paragraphs[1:] if len(content_words(p)) >= 6]
        if not later:
            continue
        words = rng.sample(content_words(rng.choice(later)), 4)
        queries.append(Query("paragraph", " ".join(words), it.key))
        long = [i for i, w in enumerate(words) if len(w) >= 5]
        if long:
            k = rng.choice(long)
            slip = misspell(words[k], rng, vocabulary)
            if slip:
                queries.append(Query("misspelt", " ".join(words[:k] + [slip] + words[k + 1:]), it.key))
    return queries


def gist_queries(path: Path, items: list[Item]) -> list[Query]:
    """The gist set's queries whose articles this corpus has (none when the file is missing)."""
    if not path.is_file():
        return []
    keys = {it.key for it in items}
    data = json.loads(path.read_text(encoding="utf-8"))
    return [Query(_gist_kind(g), g["query"], g["key"]) for g in data["queries"] if g["key"] in keys]


def _gist_kind(g: dict) -> str:
    for flag, kind in (("fresh4", "gist fresh4"), ("fresh3", "gist fresh3"), ("fresh2", "gist fresh2"),
                       ("fresh", "gist fresh"), ("tuned2", "gist tuned2"), ("held_out", "gist held out")):
        if g.get(flag):
            return kind
    return "gist"


@dataclass
class Typo:
    text: str  # the slip, searched alone
    meant: str
    holders: set[str]  # keys of the articles holding the meant word in any form


def make_typos(items: list[Item], n: int, seed: int = 7) -> list[Typo]:
    """Rare words (2 to 10 articles, 6+ letters) each given one slip the corpus does not have."""
    rng = random.Random(seed)
    by_stem: dict[str, set[str]] = {}
    words: dict[str, set[str]] = {}
    for it in items:
        for w in {w.lower() for p in [it.title, *it.paragraphs] for w in WORD.findall(p)}:
            words.setdefault(w, set()).add(it.key)
            by_stem.setdefault(stem(w), set()).add(it.key)
    vocabulary = set(words)
    rare = sorted(w for w, keys in words.items() if len(w) >= 6 and w not in STOP and 2 <= len(keys) <= 10)
    typos: list[Typo] = []
    for word in rng.sample(rare, min(len(rare), 3 * n)):
        slip = misspell(word, rng, vocabulary)
        if slip:
            typos.append(Typo(slip, word, by_stem[stem(word)]))
        if len(typos) >= n:
            break
    return typos


_ENGINES: dict[int, Engine] = {}


def engine_for(index: ArticleIndex) -> Engine:
    """The search engine over `index`, made once (as core/library.py does)."""
    if id(index) not in _ENGINES:
        _ENGINES[id(index)] = engine = Engine(lambda: index.ix, words=index.word_counts)
        index.on_close = engine.reset
    return _ENGINES[id(index)]


def run_typos(index: ArticleIndex, typos: list[Typo]) -> tuple[float, float, float]:
    """(precision, recall, share of queries with any hit) over the typo queries, top 10 hits."""
    precision, recall, answered = [], [], 0
    for typo in typos:
        result = engine_for(index).search(typo.text, limit=10)
        keys = [h.id.split(":", 1)[1] for h in result.hits]
        right = sum(k in typo.holders for k in keys)
        answered += bool(keys)
        precision.append(right / len(keys) if keys else 0.0)
        recall.append(len(set(keys) & typo.holders) / min(10, len(typo.holders)))
    return statistics.mean(precision), statistics.mean(recall), answered / len(typos)


# --- reader-app -----------------------------------------------------------------------------------------

def build_index(root: Path, folder: Path, copies: int) -> tuple[ArticleIndex, float]:
    files = corpus_files(root)
    sources = [SourceFile(f, f"c{c}:{f.relative_to(root)}", str(f)) for c in range(copies) for f in files]
    index = ArticleIndex(folder)
    started = time.monotonic()
    index.rebuild(sources)
    return index, time.monotonic() - started


def run_reader(index: ArticleIndex, queries: list[Query], runs: int) -> dict[str, Scores]:
    scores = {k: Scores() for k in KINDS}
    engine_for(index).search("warm up the searcher", limit=10)  # the first search opens the searcher and its caches
    engine_for(index).search("wram", limit=10)  # ... and the first misspelt one builds the word list
    for run in range(runs):
        per_kind: dict[str, list[float]] = {k: [] for k in KINDS}
        for query in queries:
            started = time.perf_counter()
            result = engine_for(index).search(query.text, limit=10)
            per_kind[query.kind].append((time.perf_counter() - started) * 1000)
            if run == 0:
                keys = [h.id.split(":", 1)[1] for h in result.hits]
                scores[query.kind].add_rank(keys.index(query.key) + 1 if query.key in keys else None)
        for k in KINDS:
            scores[k].times.append(per_kind[k])
    return scores


# --- a plain TF-IDF cosine --------------------------------------------------------------------------------

def light_stem(word: str) -> str:
    """Harman's "S" stemmer: plurals only (ies -> y, es -> e, s -> nothing, with its exceptions)."""
    if len(word) > 3 and word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if len(word) > 2 and word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


def tfidf_terms(text: str) -> list[str]:
    return [light_stem(w) for w in map(str.lower, WORD.findall(text)) if len(w) >= 2 and w not in STOP]


class Tfidf:
    """A textbook vector-space ranking: (1 + log tf) * log(N / df) weights, cosine against the query."""

    def __init__(self, items: list[Item], copies: int):
        counted = []
        for it in items:
            counts: dict[str, int] = {}
            for t in tfidf_terms("\n".join([it.title, *it.paragraphs])):
                counts[t] = counts.get(t, 0) + 1
            counted.append((it.key, counts))
        self.keys = [key for _ in range(copies) for key, _ in counted]
        n = len(self.keys)
        df: dict[str, int] = {}
        for _, counts in counted:
            for t in counts:
                df[t] = df.get(t, 0) + copies
        self.idf = {t: math.log(n / d) for t, d in df.items()}
        self.postings: dict[str, list[tuple[int, float]]] = {}
        self.norms = []
        for c in range(copies):
            for i, (_, counts) in enumerate(counted):
                doc = c * len(counted) + i
                weights = {t: (1 + math.log(f)) * self.idf[t] for t, f in counts.items()}
                self.norms.append(math.sqrt(sum(w * w for w in weights.values())) or 1.0)
                for t, w in weights.items():
                    self.postings.setdefault(t, []).append((doc, w))

    def search(self, text: str, limit: int = 10) -> list[str]:
        counts: dict[str, int] = {}
        for t in tfidf_terms(text):
            counts[t] = counts.get(t, 0) + 1
        scores: dict[int, float] = {}
        for t, f in counts.items():
            qw = (1 + math.log(f)) * self.idf.get(t, 0.0)
            for doc, w in self.postings.get(t, ()):
                scores[doc] = scores.get(doc, 0.0) + qw * w
        ranked = sorted(scores, key=lambda d: -scores[d] / self.norms[d])
        keys: list[str] = []
        for d in ranked:  # copies of one text show once, as in the other engines
            if self.keys[d] not in keys:
                keys.append(self.keys[d])
                if len(keys) == limit:
                    break
        return keys


def run_tfidf(tfidf: Tfidf, queries: list[Query], runs: int) -> dict[str, Scores]:
    scores = {k: Scores() for k in KINDS}
    for run in range(runs):
        per_kind: dict[str, list[float]] = {k: [] for k in KINDS}
        for query in queries:
            started = time.perf_counter()
            keys = tfidf.search(query.text)
            per_kind[query.kind].append((time.perf_counter() - started) * 1000)
            if run == 0:
                scores[query.kind].add_rank(keys.index(query.key) + 1 if query.key in keys else None)
        for k in KINDS:
            scores[k].times.append(per_kind[k])
    return scores


# --- Recoll ---------------------------------------------------------------------------------------------

RECOLL_WORKER = textwrap.dedent("""
    import json, sys, time
    from recoll import recoll
    db = recoll.connect(confdir=sys.argv[1])
    for line in sys.stdin:
        text = json.loads(line)
        started = time.perf_counter()
        q = db.query()
        urls = []
        try:
            q.execute(text, stemming=1, collapseduplicates=1)
            for doc in q.fetchmany(10):
                urls.append(doc.url)
                q.makedocabstract(doc)
        except Exception as exc:
            urls = []
        ms = (time.perf_counter() - started) * 1000
        sys.stdout.write(json.dumps({"urls": urls, "ms": ms}) + "\\n")
        sys.stdout.flush()
""")


def build_recoll(root: Path, folder: Path, copies: int) -> tuple[Path, float]:
    top = folder / "top"
    top.mkdir(parents=True)
    for c in range(copies):
        (top / f"c{c}").symlink_to(root.resolve(), target_is_directory=True)
    conf = folder / "conf"
    conf.mkdir()
    (conf / "recoll.conf").write_text(f"topdirs = {top}\nfollowLinks = 1\nindexStemmingLanguages = english\n"
                                      "skippedNames = README.md LICENSE LICENSE.md\nloglevel = 1\n")
    started = time.monotonic()
    subprocess.run(["recollindex", "-c", str(conf)], check=True, capture_output=True)
    return conf, time.monotonic() - started


def or_query(text: str) -> str:
    """The query's words (stop words left out) joined by OR in Recoll's query language."""
    return " OR ".join(dict.fromkeys(w.lower() for w in WORD.findall(text) if w.lower() not in STOP))


def run_recoll(conf: Path, top: Path, queries: list[Query], runs: int, joined: str = "AND") -> dict[str, Scores]:
    scores = {k: Scores() for k in KINDS}
    proc = subprocess.Popen(["/usr/bin/python3", "-c", RECOLL_WORKER, str(conf)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdin and proc.stdout
    prefix = "file://" + str(top) + "/"
    try:
        for run in range(runs):
            per_kind: dict[str, list[float]] = {k: [] for k in KINDS}
            for query in queries:
                proc.stdin.write(json.dumps(query.text if joined == "AND" else or_query(query.text)) + "\n")
                proc.stdin.flush()
                answer = json.loads(proc.stdout.readline())
                per_kind[query.kind].append(answer["ms"])
                if run == 0:
                    keys = [u[len(prefix):].split("/", 1)[1] for u in answer["urls"] if u.startswith(prefix)]
                    scores[query.kind].add_rank(keys.index(query.key) + 1 if query.key in keys else None)
            for k in KINDS:
                scores[k].times.append(per_kind[k])
    finally:
        proc.stdin.close()
        proc.wait()
    return scores


# --- the table ------------------------------------------------------------------------------------------

def table(rows: list[tuple[str, str, str, Scores]]) -> str:
    lines = ["| articles | engine | queries | MRR@10 | recall@10 | p50 ms | p95 ms |",
             "|---:|---|---|---:|---:|---:|---:|"]
    for size, engine, kind, s in rows:
        if not s.rr:
            continue
        mrr, recall, p50, p95 = s.row()
        lines.append(f"| {size} | {engine} | {kind} ({len(s.rr)}) | {mrr:.3f} | {recall:.3f} | {p50:.1f} | "
                     f"{p95:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, metavar="CORPUS_DIR")
    ap.add_argument("--queries", type=int, default=300, help="articles to draw queries from (default 300)")
    ap.add_argument("--runs", type=int, default=3, help="timing runs; medians are printed (default 3)")
    ap.add_argument("--scales", default="1,10", help="copies of the corpus to index, e.g. 1,10 (default)")
    ap.add_argument("--no-recoll", action="store_true", help="reader-app only")
    ap.add_argument("--gists", type=Path, default=GISTS, help="the gist query set (default: %(default)s)")
    ap.add_argument("--kinds", default=",".join(KINDS), help="kinds of query to run, comma-separated "
                    "(default: all)")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"search_bench: {args.corpus} is not a folder", file=sys.stderr)
        return 2
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        print(f"search_bench: unknown kind {unknown[0]!r}; kinds are {', '.join(KINDS)}", file=sys.stderr)
        return 2
    items = load(args.corpus)
    queries = [q for q in make_queries(items, args.queries) + gist_queries(args.gists, items) if q.kind in kinds]
    typos = make_typos(items, args.queries // 3) if "misspelt" in kinds else []
    print(f"{len(items):,} articles in {args.corpus}; {len(queries)} queries "
          f"({', '.join(f'{sum(q.kind == k for q in queries)} {k}' for k in KINDS)}); {args.runs} runs",
          flush=True)
    for k in kinds:
        for q in [q for q in queries if q.kind == k][:2]:
            print(f"  e.g. {q.kind:13} {q.text!r}", flush=True)
    recoll = not args.no_recoll and shutil.which("recollindex") and Path("/usr/bin/python3").exists()
    rows: list[tuple[str, str, str, Scores]] = []
    work = Path(tempfile.mkdtemp(prefix="search-bench-"))
    try:
        for copies in (int(c) for c in args.scales.split(",")):
            size = f"{len(items) * copies:,}"
            index, secs = build_index(args.corpus, work / f"index-{copies}", copies)
            print(f"reader-app: indexed {size} articles in {secs:.0f} s", flush=True)
            engines = {"reader-app": run_reader(index, queries, args.runs)}
            if typos:
                precision, recall, answered = run_typos(index, typos)
                print(f"reader-app typo precision@10 {precision:.3f}, recall@10 {recall:.3f}, answered "
                      f"{answered:.3f} ({len(typos)} misspelt rare words, e.g. "
                      f"{', '.join(f'{t.text!r} for {t.meant!r}' for t in typos[:3])})", flush=True)
            index.close()
            if recoll:
                conf, secs = build_recoll(args.corpus, work / f"recoll-{copies}", copies)
                print(f"recoll: indexed {size} articles in {secs:.0f} s", flush=True)
                top = work / f"recoll-{copies}" / "top"
                engines["Recoll AND"] = run_recoll(conf, top, queries, args.runs)
                engines["Recoll OR"] = run_recoll(conf, top, queries, args.runs, joined="OR")
            engines["TF-IDF cosine"] = run_tfidf(Tfidf(items, copies), queries, args.runs)
            start = len(rows)
            for kind in kinds:
                for engine, scores in engines.items():
                    rows.append((size, engine, kind, scores[kind]))
            print(table(rows[start:]), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
