"""Learning furniture incrementally: the counts of recurring lines kept with the library and updated per import.

core/articles/furniture.py says what is learnt (a line at the edges of at least LEARN_FROM articles of one
group, an outlet or an import folder, and of LEARN_SHARE of them, copies of one story counted once). Counting
that again over the whole library after every import read every stored article (16 s at 100,000 articles
for 100 new ones). Here the counts are kept in `data/furniture-state.sqlite` (versioned with SQLite's
`user_version`): per article its groups, content hash, candidate line keys and signature; per group its size;
per (group, key) the articles counted for it. New articles are counted in the order they come, exactly as a
count from scratch over the articles in that order would count them; an article removed or changed (its text
or its outlet) has its groups counted again from their members. Only the groups an operation touched are
judged again, and only the small `furniture.json` (each group's learnt keys, what the parser reads) is
written when one of them changed.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from reader_app.core.articles import furniture

log = logging.getLogger(__name__)

STATE_FILE = "furniture-state.sqlite"
STATE_VERSION = 1  # bump when the tables or what they mean change: an older state is counted again from scratch
# `PRAGMA application_id` of a state whose groups were counted with copies of a one-paragraph article counted
# once (furniture.same_story): an older state has its groups with learnt furniture counted again once, from the
# keys and signatures it holds (no article is read, unlike a new STATE_VERSION: 16 s at 100,000 articles).
COPIES_ONCE = 1

# fetch(ids, groups with learnt keys) -> (article id, the path it was imported from, its blocks as the classifier
# left them, before any learnt furniture was taken out)
Fetch = Callable[[list[str], set[str]], Iterable[tuple[str, str | None, list[str]]]]
# id -> (the path it was imported from, candidate keys, signature) of articles as indexed, worked out by the
# import while it had their text (core/collection/importer.py): counted without being fetched, when none of the
# article's groups has learnt keys (then the text as indexed is the one to count)
Counted = Mapping[str, tuple[str | None, list[str], list[str]]]

_SCHEMA = """
CREATE TABLE article (id TEXT PRIMARY KEY, hash TEXT, outlet TEXT, grps TEXT, keys TEXT, sig TEXT);
CREATE TABLE member (grp TEXT, id TEXT, PRIMARY KEY (grp, id)) WITHOUT ROWID;
CREATE TABLE counted (grp TEXT, key TEXT, id TEXT, PRIMARY KEY (grp, key, id)) WITHOUT ROWID;
CREATE INDEX counted_by_id ON counted (id);
CREATE TABLE grp (name TEXT PRIMARY KEY, size INTEGER) WITHOUT ROWID;
"""


_TABLES = {"article": ["id", "hash", "outlet", "grps", "keys", "sig"], "member": ["grp", "id"],
           "counted": ["grp", "key", "id"], "grp": ["name", "size"]}
STATE_ASIDE = "furniture-state-2.sqlite"  # used when something that is not ours (a folder) holds STATE_FILE's name


def _state_path(data_dir: Path) -> Path:
    """STATE_FILE, or the file beside it when a folder stands in its place (not ours to delete: said once)."""
    path = data_dir / STATE_FILE
    if not path.is_dir():
        return path
    aside = data_dir / STATE_ASIDE
    if not aside.exists():
        log.warning("%s is a folder, not the furniture counts: they are kept in %s instead", path, aside.name)
    return aside


def _whole(conn: sqlite3.Connection) -> bool:
    """Whether the state has every table with its columns (a file SQLite opens may lack them)."""
    return all([row[1] for row in conn.execute(f"PRAGMA table_info({table})")] == columns
               for table, columns in _TABLES.items())


def _open(path: Path) -> sqlite3.Connection:
    """The state; empty when it is missing, of another version, unreadable or missing a table."""
    try:
        conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == STATE_VERSION and _whole(conn):
                return conn
            if version == STATE_VERSION:
                log.warning("the furniture counts in %s lack a table: counting again from the index", path.name)
        except sqlite3.DatabaseError:
            pass
        conn.close()
    except sqlite3.DatabaseError:
        pass
    path.unlink(missing_ok=True)  # another version, or damaged: counted again (the index has the texts)
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    conn.executescript(_SCHEMA + f"PRAGMA user_version = {STATE_VERSION}; PRAGMA application_id = {COPIES_ONCE};")
    return conn


def _outlet_of(groups: list[str]) -> str:
    return next((g[len("outlet:"):] for g in groups if g.startswith("outlet:")), "")


class _Counts:
    """The state's tables, changed within one transaction of `learn`."""

    def __init__(self, conn: sqlite3.Connection):
        self.db = conn

    def add(self, aid: str, digest: str, groups: list[str], keys: list[str], sig: list[str]) -> None:
        self.db.execute("INSERT OR REPLACE INTO article VALUES (?, ?, ?, ?, ?, ?)",
                        (aid, digest, _outlet_of(groups), json.dumps(groups, ensure_ascii=False), " ".join(keys),
                         " ".join(sig)))
        self.db.executemany("INSERT OR IGNORE INTO member VALUES (?, ?)", [(g, aid) for g in groups])

    def forget(self, aid: str) -> list[str]:
        """Take an article out; its groups (to be counted again)."""
        row = self.db.execute("SELECT grps FROM article WHERE id = ?", (aid,)).fetchone()
        for table in ("article", "member", "counted"):
            self.db.execute(f"DELETE FROM {table} WHERE id = ?", (aid,))
        return json.loads(row[0]) if row else []

    def count_new(self, aid: str, groups: list[str], keys: list[str], sig: list[str]) -> None:
        """Count one article after those already counted (as furniture.LearntFurniture.relearn does in turn)."""
        mine = set(sig)
        for group in groups:
            self.db.execute("INSERT INTO grp VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET size = size + 1",
                            (group,))
            for key in keys:
                others = self.db.execute("SELECT a.sig FROM counted c JOIN article a ON a.id = c.id "
                                         "WHERE c.grp = ? AND c.key = ?", (group, key))
                if not any(furniture.same_story(mine, set(s.split())) for (s,) in others):
                    self.db.execute("INSERT OR IGNORE INTO counted VALUES (?, ?, ?)", (group, key, aid))

    def recount(self, group: str) -> None:
        """Count a group again from its members, in the order they were first counted."""
        self.db.execute("DELETE FROM counted WHERE grp = ?", (group,))
        rows = self.db.execute("SELECT a.id, a.keys, a.sig FROM member m JOIN article a ON a.id = m.id "
                               "WHERE m.grp = ? ORDER BY a.rowid", (group,)).fetchall()
        counted: dict[str, list[set[str]]] = {}
        out = []
        for aid, keys, sig in rows:
            mine = set(sig.split())
            for key in keys.split():
                seen = counted.setdefault(key, [])
                if not any(furniture.same_story(mine, other) for other in seen):
                    seen.append(mine)
                    out.append((group, key, aid))
        self.db.executemany("INSERT INTO counted VALUES (?, ?, ?)", out)
        if rows:
            self.db.execute("INSERT OR REPLACE INTO grp VALUES (?, ?)", (group, len(rows)))
        else:
            self.db.execute("DELETE FROM grp WHERE name = ?", (group,))

    def learnt(self, group: str) -> list[str]:
        row = self.db.execute("SELECT size FROM grp WHERE name = ?", (group,)).fetchone()
        if not row:
            return []
        need = max(furniture.LEARN_FROM, furniture.LEARN_SHARE * row[0])
        return sorted(k for (k, n) in self.db.execute(
            "SELECT key, count(*) FROM counted WHERE grp = ? GROUP BY key", (group,)) if n >= need)


def learn(data_dir: Path, current: dict[str, tuple[str, str]], fetch: Fetch, counted: Counted | None = None) -> set[str]:
    """Bring the learnt furniture up to date with the library; the ids of the articles to clean again.

    `current` is every article of the index: id -> (content hash, outlet or ""), as the index's columns hold
    them (no stored text read); `fetch(ids, groups)` gives the path and the blocks of the articles not counted
    yet (new, or changed since) as the classifier left them: an article of one of `groups` (those with learnt
    keys) was indexed without them, and is read again without them, so that what is counted never depends on
    what was learnt before (else a footer learnt early would no longer be counted in the later articles). The articles of a group whose learnt keys changed are returned, so the caller
    cleans them again (also the new ones: they were cleaned with the keys learnt before). `counted`: what the
    import just made worked out for its articles (see Counted), so that only the others are fetched.
    """
    path = _state_path(data_dir)
    try:
        return _learn(data_dir, path, current, fetch, counted or {})
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError):
            raise  # busy, locked, a full disk: not damage, and the counts are kept for the next time
        # damage SQLite finds only on reading a page ("database disk image is malformed"): counted again
        log.warning("the furniture counts in %s are damaged (%s): counting again from the index", path.name, exc)
        path.unlink(missing_ok=True)
        return _learn(data_dir, path, current, fetch, counted or {})


def _learn(data_dir: Path, state: Path, current: dict[str, tuple[str, str]], fetch: Fetch,
           counted: Counted) -> set[str]:
    store = furniture.LearntFurniture.load(data_dir)  # furniture.json: the learnt keys (and, once, articles)
    # A new state (none yet, another version, damaged) counts every article again from the index; the entry
    # per article furniture.json had before is not trusted (it was taken from texts already cleaned).
    conn = _open(state)
    try:
        counts = _Counts(conn)
        conn.execute("BEGIN IMMEDIATE")  # one learner at a time; another process waits for this one
        known = {aid: (digest, outlet) for aid, digest, outlet in conn.execute("SELECT id, hash, outlet FROM article")}
        recount: set[str] = set()
        if conn.execute("PRAGMA application_id").fetchone()[0] != COPIES_ONCE:  # counted before same_story
            recount.update(store.learnt)
            conn.execute(f"PRAGMA application_id = {COPIES_ONCE}")
        for aid, (digest, outlet) in list(known.items()):
            if current.get(aid) != (digest, outlet):  # removed, or its text or outlet changed
                recount.update(counts.forget(aid))
                del known[aid]
        new = [aid for aid in current if aid not in known]
        added: list[tuple[str, list[str], list[str], list[str]]] = []
        learnt_groups = set(store.learnt)
        ready: dict[str, tuple[list[str], list[str], list[str]]] = {}  # id -> (groups, keys, signature)
        for aid in new:
            if aid in counted:
                path, keys, sig = counted[aid]
                groups = furniture.groups_of(current[aid][1] or None, path)
                if not learnt_groups.intersection(groups):
                    ready[aid] = (groups, keys, sig)
        for aid, path, blocks in fetch([aid for aid in new if aid not in ready], learnt_groups):
            groups = furniture.groups_of(current[aid][1] or None, path)
            ready[aid] = (groups, furniture.candidate_keys(blocks), furniture.signature(blocks))
        for aid in new:  # in this order, whichever way each was worked out: the counts depend on it
            if aid in ready:
                groups, keys, sig = ready.pop(aid)
                counts.add(aid, current[aid][0], groups, keys, sig)
                added.append((aid, groups, keys, sig))
        for aid, groups, keys, sig in added:
            if not recount.issuperset(groups):
                counts.count_new(aid, [g for g in groups if g not in recount], keys, sig)
        for group in sorted(recount):
            counts.recount(group)
        touched = recount | {g for _, groups, _, _ in added for g in groups}
        learnt = dict(store.learnt)
        for group in touched:
            keys = counts.learnt(group)
            if keys:
                learnt[group] = keys
            else:
                learnt.pop(group, None)
        changed = {g for g in set(learnt) | set(store.learnt) if learnt.get(g) != store.learnt.get(g)}
        if changed or store.articles:  # (the entries per article furniture.json had before are dropped)
            furniture.LearntFurniture({}, learnt).save(data_dir)
        conn.execute("COMMIT")
        if not changed:
            return set()
        marks = ",".join("?" * len(changed))
        return {aid for (aid,) in conn.execute(f"SELECT DISTINCT id FROM member WHERE grp IN ({marks})",
                                               sorted(changed))}
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
