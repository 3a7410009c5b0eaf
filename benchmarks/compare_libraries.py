"""Whether two data folders hold the same library: article for article, field for field, term for term.

    python benchmarks/compare_libraries.py DATA_A DATA_B [--max-diffs 20]

For checking that a faster import gives the same result as before: import the same folder into two fresh
data folders (one with each version of the code) and compare them. Compared, by article id: every stored
field (the cleaned text, headline, byline, date, lede, word count, hashes, details…), the `entities` column
(the people, organisations and places with their aliases) and every indexed term of every field with the
articles it is in, its frequency and weight (i.e. what person:, org:, place: and every search reads); then the
words file (typo tolerance), the sync's saved view, the manifest and the learnt furniture. What differs between
two imports by nature is left out: the copies' folder (`file`), their modification times and the time each
article was added. Prints what differs (at most --max-diffs lines per kind) and exits 1 if anything does.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Stored fields that differ between two imports of the same files into two data folders by nature.
VARYING = {"file", "mtime", "added"}


def library(data: Path) -> dict:
    """Everything compared, from one data folder, keyed by article id."""
    from reader_app.core.index.store import _open

    ix = _open(data / "index")
    stored: dict[str, dict] = {}
    terms: dict[tuple[str, str], list[tuple[str, int, float]]] = {}
    with ix.searcher() as s:
        reader = s.reader()
        ids = {}
        for n, fields in reader.iter_docs():
            aid = fields["id"]
            ids[n] = aid
            stored[aid] = {k: v for k, v in fields.items() if k not in VARYING}
        column = reader.column_reader("entities")
        for n, aid in ids.items():
            stored[aid]["(entities column)"] = column[n]
        for fieldname in s.schema.names():
            if not s.schema[fieldname].indexed:
                continue
            for tbytes in reader.lexicon(fieldname):
                postings = reader.postings(fieldname, tbytes)
                found = []
                while postings.is_active():
                    n = postings.id()
                    if n in ids:
                        found.append((ids[n], postings.value(), round(postings.weight(), 6)))
                    postings.next()
                if found:
                    terms[(fieldname, tbytes.decode("utf-8", "replace"))] = sorted(found)
    ix.close()
    return {"stored": stored, "terms": terms, **_files(data)}


def _files(data: Path) -> dict:
    from reader_app.core.collection.manifest import MANIFEST, read_manifest

    out: dict = {}
    index = data / "index"
    for name in ("reader-words.json",):
        p = index / name
        out[name] = json.loads(p.read_text(encoding="utf-8")) if p.exists() else None
    p = index / "reader-known.json"
    if p.exists():
        from reader_app.core.index.store import _load_known

        generation = json.loads(p.read_bytes().partition(b"\n")[0])["generation"]
        docs = _load_known(index, generation) or {}  # the mtime is left out: it differs by nature
        out["reader-known.json"] = {aid: {k: v for k, v in d.items() if k != "mtime"} for aid, d in docs.items()}
    p = data / "articles" / MANIFEST
    if p.exists():
        out["manifest"] = {aid: {f: v for f, v in e.items() if f != "imported"} for aid, e in read_manifest(p).items()}
    p = data / "furniture.json"
    out["furniture.json"] = json.loads(p.read_text(encoding="utf-8")) if p.exists() else None
    p = data / "furniture-state.sqlite"
    if p.exists():
        db = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
        tables = [r[0] for r in db.execute("select name from sqlite_master where type='table' order by name")]
        out["furniture-state"] = {t: Counter(map(repr, db.execute(f"select * from {t}"))) for t in tables  # noqa: S608
                                  if t != "counted"}
        # Which copy of a story counts for a key depends on the order the workers finished in: the counts do not.
        out["furniture-state"]["counted"] = Counter(map(repr, db.execute("select grp, key from counted")))
        db.close()
    return out


def compare(a: dict, b: dict, limit: int) -> int:
    """Print the differences; their number."""
    diffs = 0

    def say(kind: str, what: str) -> None:
        nonlocal diffs
        diffs += 1
        if diffs_of[kind] < limit:
            print(f"{kind}: {what}")
        diffs_of[kind] += 1

    diffs_of: Counter[str] = Counter()
    sa, sb = a["stored"], b["stored"]
    for aid in sorted(sa.keys() ^ sb.keys()):
        say("articles", f"{aid} only in {'A' if aid in sa else 'B'}")
    for aid in sorted(sa.keys() & sb.keys()):
        fa, fb = sa[aid], sb[aid]
        for name in sorted(fa.keys() | fb.keys()):
            if fa.get(name) != fb.get(name):
                say("stored", f"{aid} {name}: {str(fa.get(name))[:120]!r} != {str(fb.get(name))[:120]!r}")
    ta, tb = a["terms"], b["terms"]
    for key in sorted(ta.keys() | tb.keys()):
        if ta.get(key) != tb.get(key):
            say("terms", f"{key}: {str(ta.get(key))[:100]} != {str(tb.get(key))[:100]}")
    for name in sorted((a.keys() | b.keys()) - {"stored", "terms"}):
        va, vb = a.get(name), b.get(name)
        if va == vb:
            continue
        if isinstance(va, dict) and isinstance(vb, dict):
            for k in sorted(va.keys() | vb.keys(), key=str):
                if va.get(k) != vb.get(k):
                    say(name, f"{k}: {str(va.get(k))[:100]} != {str(vb.get(k))[:100]}")
        else:
            say(name, f"{str(va)[:100]} != {str(vb)[:100]}")
    print(f"{len(sa)} and {len(sb)} articles, {len(ta)} and {len(tb)} terms: "
          + (", ".join(f"{n} {k}" for k, n in sorted(diffs_of.items())) + " differ" if diffs else "the same"))
    return diffs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--max-diffs", type=int, default=20, help="lines printed per kind of difference")
    args = parser.parse_args()
    return 1 if compare(library(args.a), library(args.b), args.max_diffs) else 0


if __name__ == "__main__":
    sys.exit(main())
