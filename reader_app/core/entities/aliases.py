"""One name per person, organisation and place: first within an article, then across the library.

In an article: a surname alone joins the full name it shortens ("Pashinyan" -> "Nikol Pashinyan"), an
acronym joins the name it abbreviates ("CSTO" -> "Collective Security Treaty Organization", by a
"Name (ACR)" in the text or by its initials), and close spellings of the same name join ("Pashinian").
A country's names join ("UK", "Britain", "United Kingdom": the gazetteers' names and codes for it, see
gazetteer.countries), and so do a party and its short name ("Labour", "Labour Party") or its nicknames
("Tories", "Lib Dems": PARTY_NICKNAMES).
Across the library (`Clusters`) the same rules run over every article's names, more cautiously: a surname
joins a full name only when one full name clearly dominates that surname, and an acronym only when it
stands for one expansion.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, cast

from rapidfuzz.distance import Levenshtein

from reader_app.core.entities import gazetteer
from reader_app.core.entities.builtin import is_generic
from reader_app.core.entities.gazetteer import fold
from reader_app.core.entities.given_names import GIVEN_NAMES
from reader_app.core.entities.model import ALONE, KINDS, ArticleEntity, ArticleText, Mention, Row, as_rows

_PAREN_ACRONYM = re.compile(r"([A-Z][\w’'-]*(?:\s+(?:of|the|for|and|on|[A-Z][\w’'-]*))+)\s+\(([A-Z]{2,8})\)")
_SKIP_INITIALS = frozenset({"of", "the", "for", "and", "on", "de", "&"})
MIN_VOTES = 1.0  # an entity needs at least this much evidence for its kind
_TIE = {"person": 0.002, "org": 0.001}
_NOT_PERSON = frozenset({"org", "place"})
_NAME_LINKS = frozenset({"of", "the", "for", "de", "du", "la", "le"})  # "X of France": France is not a surname
# Small words inside a person's name before the surname ("Philip van Doren Stern", "Henk ten Cate")
_PARTICLES = frozenset({"van", "von", "de", "der", "den", "ten", "ter", "di", "da", "del", "dos", "du", "la", "le",
                        "el", "al", "bin", "ibn"})
# Parties the news names by nicknames that share no word with the name (or only a shortened one): a
# documented table rather than a rule, as no rule tells "Tories" is the Conservative Party. Folded names.
PARTY_NICKNAMES = {
    "conservative party": "conservative party", "conservatives": "conservative party", "tories": "conservative party",
    "tory party": "conservative party",
    "liberal democrats": "liberal democrats", "liberal democrat party": "liberal democrats",
    "lib dems": "liberal democrats", "lib dem": "liberal democrats", "libdems": "liberal democrats",
}
_PARTY = " party"  # "Labour Party" is "Labour"; other names ending so too ("Likud Party")


def party_base(key: str) -> str | None:
    """"labour" for "labour party" (folded names), else None."""
    return key[: -len(_PARTY)] if key.endswith(_PARTY) and len(key) > len(_PARTY) else None


# Words the extractor glues before a person's name ("On Monday Tony Blair said", "Tories Ken Clarke said", the
# slogan "Vote Blair, Get Brown"): never part of one. Read where the library joins the stored names (Clusters),
# so libraries indexed before get it without extracting again. Folded words.
_GLUED_LEADS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "tories",
                          "tory", "labour", "conservative", "conservatives", "vote"})
_DAY_PARTS = frozenset({"night", "morning", "afternoon", "evening"})
# Common nouns that head a thing named like a person ("Blair Witch Project", "London Underground", "Iron
# Curtain", "Magna Carta"): a name ending so is nobody's. A short list, not "any common noun": surnames are often
# common nouns ("Wayne Bridge", "Gordon Brown", "Doris Day").
_THING_HEADS = frozenset({"project", "underground", "curtain", "carta", "laboratories", "laboratory", "blog"})


@lru_cache(maxsize=100_000)
def person_name(name: str) -> str | None:
    """The person a person's name as stored names: without a weekday, party word or "Vote" glued before it;
    None when it names no person (a thing's head ends it, or one word is all that is left: "Vote Blair")."""
    words = name.split()
    if not words or fold(words[-1]) in _THING_HEADS:
        return None if words else name
    cut = 0
    while cut < len(words) - 1 and fold(words[cut]) in _GLUED_LEADS:
        cut += 1
    if not cut:
        return name
    rest = [fold(w) for w in words[cut:]]
    if len(rest) < 2 or rest[0] in _DAY_PARTS or any(w in _GLUED_LEADS for w in rest):
        return None  # "Saturday Night Takeaway", "Sunday Bloody Sunday": a show's or a song's title
    return " ".join(words[cut:])


def distinct_places(a: str, b: str) -> bool:
    """Whether two names are each a place of the gazetteer's and not one country's names ("Ireland" and
    "Iceland"): close spellings of two places, never to be joined as one's."""
    return (gazetteer.strength(a) > 0 and gazetteer.strength(b) > 0
            and (gazetteer.country_of(a) is None or gazetteer.country_of(a) != gazetteer.country_of(b)))


def initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w.lower() not in _SKIP_INITIALS).upper()


def similar_spelling(a: str, b: str) -> bool:
    """Two spellings of one name ("Pashinyan", "Pashinian"): the same words but for one or two letters in a
    word long enough for that to be a transliteration, not another name ("Bush"/"Rush" never join)."""
    return _similar_folded(fold(a), fold(b))


def _similar_folded(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 2 or a[:1] != b[:1] or a.count(" ") != b.count(" "):
        return False  # the cheap tests first: this runs for every pair of names in an article
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or ta == tb:
        return False
    diffs = [(x, y) for x, y in zip(ta, tb) if x != y]
    if len(diffs) != 1:
        return False
    x, y = diffs[0]
    if min(len(x), len(y)) < 6 or x[0] != y[0] or x[-1] != y[-1]:
        return False
    allowed = 1 if min(len(x), len(y)) < 8 else 2
    return Levenshtein.distance(x, y, score_cutoff=allowed) <= allowed


_MAX_SHAPE = 50  # more names of one shape in an article are a list (codes, numbered items), not one name's spellings


def _spelling_candidates(keys: Iterable[str]) -> Iterator[tuple[str, str]]:
    """The pairs of folded names `_similar_folded` can accept, without trying every pair: such names differ in
    one word only, of six letters or more, with the same first and last letters and at most two letters more
    or fewer. So each name goes, once per such word, into the bucket of its other words and that word's ends,
    and only names of a bucket within two letters' length of each other are paired. A clipping of thousands of
    name-like words ("P123 x." in 5,000 paragraphs) made millions of pairs; a bucket of more than _MAX_SHAPE
    names is such a list and is left alone."""
    buckets: dict[tuple, list[tuple[int, str]]] = defaultdict(list)
    for k in keys:
        for shape, size in _spelling_buckets(k):
            buckets[shape].append((size, k))
    for bucket in buckets.values():
        if len(bucket) > _MAX_SHAPE:
            continue
        bucket.sort()
        for i, (la, a) in enumerate(bucket):
            for lb, b in bucket[i + 1:]:
                if lb - la > 2:
                    break
                yield (a, b) if a < b else (b, a)


@lru_cache(maxsize=100_000)
def _spelling_buckets(key: str) -> tuple[tuple[tuple, int], ...]:
    """The buckets of `_spelling_candidates` a folded name goes into, each with its word's length: worked out
    once per name (articles repeat the same names)."""
    words = key.split()
    return tuple(((i, w[0], w[-1], tuple(words[:i]), tuple(words[i + 1:])), len(w))
                 for i, w in enumerate(words) if len(w) >= 6)


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        p = self.parent.setdefault(x, x)
        if p != x:
            p = self.parent[x] = self.find(p)
        return p

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def resolve_article(mentions: list[Mention], text: ArticleText) -> list[ArticleEntity]:
    """The article's entities: mentions joined by alias, each given the kind its cues vote for most."""
    by_key = {fold(m.name): m for m in mentions}
    union = _Union()
    for k in by_key:
        union.find(k)
    multi = [k for k in by_key if " " in k]
    # "Name (ACR)" in the text
    for para in text.paragraphs + text.captions:
        if "(" not in para:
            continue  # most paragraphs: the pattern below need not look
        for full, acr in _PAREN_ACRONYM.findall(para):
            ak = fold(acr)
            # the run before the bracket may start with words that are not the name: keep the longest tail known
            words = full.split()
            for s in range(len(words)):
                tail = fold(" ".join(words[s:]))
                if tail in by_key and ak in by_key and initials(" ".join(words[s:]))[:1] == acr[:1]:
                    union.join(tail, ak)
                    break
    # an acronym and a name with its initials
    acronyms = [k for k, m in by_key.items() if " " not in k and m.name.isupper() and len(m.name) >= 2]
    if acronyms:
        by_initials: dict[str, list[str]] = defaultdict(list)
        for o in multi:
            by_initials[initials(by_key[o].name)].append(o)
        for k in acronyms:
            expansions = by_initials.get(by_key[k].name, [])
            if len(expansions) == 1:
                union.join(expansions[0], k)
    # close spellings
    for a, b in _spelling_candidates(by_key):
        if _similar_folded(a, b) and not distinct_places(a, b):
            union.join(a, b)
    # a country by any of its names, when the text's cues make each a place ("BA" is British Airways, not
    # Bosnia's code, unless the gazetteer says so)
    countries: dict[str, str] = {}
    for k, m in by_key.items():
        code = gazetteer.country_of(m.name) if m.votes.get("place", 0) > 0 else None
        if code is not None:
            if code in countries:
                union.join(countries[code], k)
            else:
                countries[code] = k
    # "Labour" and "Labour Party"
    for k in multi:
        base = party_base(k)
        if base is not None and base in by_key:
            union.join(k, base)
    # "Tories" and "Conservative Party"
    parties: dict[str, str] = {}
    for k in by_key:
        party = PARTY_NICKNAMES.get(k)
        if party is not None:
            if party in parties:
                union.join(parties[party], k)
            else:
                parties[party] = k
    # a surname alone and the full name it shortens (spellings of that name already joined); only a person's
    # name shortens so: "Party" is not "Labour Party", nor "France" "Stade de France" or "Leslie Djhone of France"
    # ("X of" is no first name); an organisation only by a word of its own ("Rover" for "MG Rover", "Commons"),
    # never by a common one ("Mobile" for "EA Mobile")
    # by last and first word, so each single name looks at its own full names, not at every one of the article
    people_by_last: dict[str, list[str]] = defaultdict(list)
    people_by_first: dict[str, list[str]] = defaultdict(list)
    others_by_last: dict[str, list[str]] = defaultdict(list)
    for o in multi:
        m = by_key[o]
        if m.votes.get("place", 0) >= 3:
            continue
        words = o.split()
        if _may_be_person(m):
            if words[-2] not in _NAME_LINKS:
                people_by_last[words[-1]].append(o)
                people_by_first[words[0]].append(o)
        else:
            others_by_last[words[-1]].append(o)
    # a person's full name that ends a longer one after given names ("Christian Andersen" of "Hans Christian
    # Andersen", "Van Persie" of "Robin van Persie") is the same person's, when it ends only one; not after other
    # words ("Actor Jamie Foxx", "Oscar for Hilary Swank": a word glued on, or two names)
    for same_last in people_by_last.values():
        if len(same_last) < 2:
            continue
        for short in same_last:
            longer = [o for o in same_last if o.endswith(" " + short)]
            if len(longer) == 1 and all(w in GIVEN_NAMES or w in _PARTICLES
                                        for w in longer[0][:-len(short) - 1].split()):
                union.join(longer[0], short)
    for k, m in by_key.items():
        if " " in k or m.name.isupper() or gazetteer.country_of(m.name) is not None:
            continue
        fulls = {union.find(o) for o in people_by_last.get(k, ())}
        if not is_generic(m.name):
            fulls |= {union.find(o) for o in others_by_last.get(k, ())}
        if not fulls and m.first_named:
            # "Sir Menzies" and "Menzies Campbell": "Sir" and "Dame" go with a first name ("Prince Charles" is
            # not "Charles Kennedy")
            fulls = {union.find(o) for o in people_by_first.get(k, ())}
        if len(fulls) == 1:
            union.join(fulls.pop(), k)

    groups: dict[str, list[Mention]] = defaultdict(list)
    for k, m in by_key.items():
        groups[union.find(k)].append(m)
    out: list[ArticleEntity] = []
    for members in groups.values():
        votes: dict[str, float]
        if len(members) == 1:  # most names: their own votes, then their hints (each counted once)
            m = members[0]
            votes = dict(m.votes)
            for (kind, why), w in m.hints.items():
                if why != ALONE:  # its last word is not seen alone
                    votes[kind] = votes.get(kind, 0.0) + w
            titled = m.titled
        else:
            votes = defaultdict(float)
            hints: dict[tuple[str, str], float] = defaultdict(float)
            titled = False
            for m in members:
                for kind, w in m.votes.items():
                    votes[kind] += w
                for cue, w in m.hints.items():
                    hints[cue] = max(hints[cue], w)
                titled = titled or m.titled
            # a member that is one word and no place or organisation: the full name's surname seen alone
            alone = any(" " not in m.name and not m.votes.keys() & _NOT_PERSON
                        and not any(k in _NOT_PERSON for k, _c in m.hints) for m in members)
            for (kind, why), w in hints.items():
                if why != ALONE or alone:  # "Baros" alone, not "Heathrow" (a place) beside "London Heathrow"
                    votes[kind] += w
        # on a tie a person wins, then an organisation: a name with a person's cues is seldom a place's
        best = max(((v + _TIE.get(k, 0.0), k) for k, v in votes.items() if k in KINDS), default=None)
        if best is None or best[0] < MIN_VOTES:
            continue
        kind = best[1]
        if len(members) == 1:
            m = members[0]
            if kind == "person" and " " not in m.name and not titled:
                continue  # (as below)
            name = m.name
            out.append(ArticleEntity(name=name, kind=kind, aliases=sorted({a for a in m.aliases if a != name}),
                                     count=max(1, m.count)))
            continue
        names = [m.name for m in members]
        if kind == "person" and all(" " not in n for n in names) and not titled:
            continue  # one word, never after a title nor joined to a full name: too weak for a person
        name = _canonical(members, kind)
        aliases = sorted({n for n in names if n != name} | {a for m in members for a in m.aliases if a != name})
        out.append(ArticleEntity(name=name, kind=kind, aliases=aliases, count=sum(max(1, m.count) for m in members)))
    out.sort(key=lambda e: (-e.count, e.name))
    return out


def _may_be_person(m: Mention) -> bool:
    """Whether a name's own cues leave it a person's: none says organisation or place more loudly."""
    votes = m.votes
    person, org, place = votes.get("person", 0.0), votes.get("org", 0.0), votes.get("place", 0.0)
    for (kind, _cue), w in m.hints.items():
        if kind == "person":
            person += w
        elif kind == "org":
            org += w
        elif kind == "place":
            place += w
    return max(org, place) <= person


def _canonical(members: list[Mention], kind: str) -> str:
    """The name to show: the most used full form (several words, not an acronym); for a country, the name
    the gazetteer shows it by when the article uses it."""
    def rank(m: Mention) -> tuple:
        words = len(m.name.split())
        return (not m.name.isupper(), kind == "place" and gazetteer.is_country_name(m.name), words > 1, m.count,
                words, m.name)
    return max(members, key=rank).name


# --- across the library --------------------------------------------------------------------------------

class Clusters:
    """Every article's entities joined into one name per entity across the library.

    Built from (article key, [ArticleEntity]) pairs, or article by article with `add` then `finish`;
    `name_of(kind, article_name)` gives the library name, `lookup(kind, text)` finds library names by any of
    their names or aliases, `members(kind, name)` the article names that make it up (what the index's
    person/org/place fields hold). Only counts are kept per name, not the articles themselves: with tens of
    thousands of articles the sets cost more memory than all the rest.
    """

    def __init__(self, articles: Iterable[tuple[str, list[ArticleEntity] | list[Row]]] = ()):
        # What `add` counts is a sum over articles, so that `remove` can take an article back out and the
        # counts of one index state can be carried to the next (core/entities/table.py): articles per node,
        # mentions per node, articles per (node, spelling) and per (node, alias). Nothing depends on the order
        # the articles come in (Whoosh's merges reorder them): `finish` derives each node's shown spelling
        # and aliases from these counts.
        self.display: dict[tuple[str, str], str] = {}  # node -> its shown spelling (set by finish)
        self.alias_of: dict[tuple[str, str], set[str]] = defaultdict(set)  # (set by finish)
        self._mentions: dict[tuple[str, str], int] = defaultdict(int)
        self._size: dict[tuple[str, str], int] = defaultdict(int)  # articles naming each (kind, folded name)
        self._spellings: dict[tuple[str, str], int] = defaultdict(int)  # (kind, as written) -> articles
        self._aliases: dict[tuple[tuple[str, str], str], int] = defaultdict(int)  # (node, alias) -> articles
        self._nodes_of: dict[tuple[str, str], tuple[str, str]] = {}  # (kind, name as written) -> node
        self._similar: dict[tuple, tuple[frozenset, list]] = {}  # close spellings by bucket (_similar_pairs)
        self.groups: dict[str, dict] = {}  # library name key -> {"name", "kind", "members", "aliases", "articles"}
        self._group_of: dict[tuple[str, str], str] = {}
        docs = [self.add(ents) for _key, ents in articles]
        self.finish(docs)

    def counts(self) -> Clusters:
        """A new Clusters with this one's counts (not its joins), to `add` and `remove` articles on and
        `finish` again; this one is left as it is."""
        new = Clusters()
        new._mentions = self._mentions.copy()
        new._size = self._size.copy()
        new._spellings = self._spellings.copy()
        new._aliases = self._aliases.copy()
        new._nodes_of = self._nodes_of  # only a cache of fold(): shared
        new._similar = self._similar  # read, never changed: finish makes a new one
        return new

    def add(self, ents: list[ArticleEntity] | list[Row]) -> tuple[tuple[str, str], ...]:
        """Count one article's entities; returns its nodes (kind, folded name), each once."""
        return self._count(ents, 1)

    def remove(self, ents: list[ArticleEntity] | list[Row]) -> None:
        """Take back what `add` counted for this article (the same entities): it is gone or changed."""
        self._count(ents, -1)

    def _count(self, ents: list[ArticleEntity] | list[Row], sign: int) -> tuple[tuple[str, str], ...]:
        nodes_of, mentions = self._nodes_of, self._mentions
        seen: dict[tuple[str, str], None] = {}
        spelt: dict[tuple[str, str], None] = {}  # (kind, as written), each counted once per article
        aliased: dict[tuple[tuple[str, str], str], None] = {}
        rows = cast("list[Row]", ents if not ents or not isinstance(ents[0], ArticleEntity) else as_rows(ents))
        for kind, name, aliases, count in rows:
            if kind == "person" and person_name(name) is None:
                continue  # "Vote Blair", "Blair Witch Project": stored by an extractor, nobody's name
            key = (kind, name)
            node = nodes_of.get(key)
            if node is None:
                node = nodes_of[key] = (kind, fold(name))
            mentions[node] += sign * count
            spelt[key] = None
            if aliases:
                for alias in aliases:
                    aliased[(node, alias)] = None
            seen[node] = None
        tallies: list[tuple[dict[Any, int], dict[Any, None]]] = [
            (self._size, seen), (self._spellings, spelt), (self._aliases, aliased)]
        for counter, keys in tallies:
            if sign > 0:
                for k in keys:
                    counter[k] += 1
            else:
                for k in keys:
                    n = counter[k] = counter[k] - 1
                    if n <= 0:  # gone with the article taken out: as if never counted
                        del counter[k]
        if sign < 0:
            for node in seen:
                if node not in self._size:
                    mentions.pop(node, None)
        return tuple(seen)

    def finish(self, docs: Iterable[tuple[tuple[str, str], ...]] | None) -> None:
        """Join the names counted so far; `docs`, each article's nodes as `add` gave them, count articles
        (None: the caller counts them, see `set_articles`)."""
        size, counts = self._size, self._mentions
        # each node's shown spelling: the one most articles use, then the first in code-point order (capitals
        # first: "McCain" before "Mccain"); its aliases: every alias any article gives it
        best: dict[tuple[str, str], tuple[int, str]] = {}
        alias_of: dict[tuple[str, str], set[str]] = defaultdict(set)
        nodes_of = self._nodes_of
        for key, uses in self._spellings.items():
            node, name = nodes_of[key], key[1]
            have = best.get(node)
            if have is None or uses > have[0] or (uses == have[0] and name < have[1]):
                best[node] = (uses, name)
        self.display = {node: name for node, (_n, name) in best.items()}
        for node, alias in self._aliases:
            alias_of[node].add(alias)
        self.alias_of = alias_of
        self.groups = {}
        self._group_of = {}
        # close spellings found by the last finish, by bucket (see _similar_pairs), for this one to reuse
        similar: dict[tuple, tuple[frozenset, list]] = {}
        union = _Union()
        # the joins below and each group's name depend on the counts alone, not on the order the nodes come in
        nodes = list(size)
        for n in nodes:
            union.find(_id(n))
        by_kind: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for n in nodes:
            by_kind[n[0]].append(n)
        for kind, ns in by_kind.items():
            glued: set[tuple[str, str]] = set()
            if kind == "person":
                # "Monday Tony Blair" is Tony Blair: joined to that name when the library has it, else shown so
                cleaned: dict[str, tuple[str, str]] = {}
                for n in sorted(ns):
                    shown = self.display[n]
                    clean = person_name(shown)
                    if clean is None or clean == shown:
                        continue
                    target = (kind, fold(clean))
                    self.display[n] = clean  # never shown glued, not even as an alias
                    if target in size:
                        union.join(_id(target), _id(n))
                        glued.add(n)
                    elif target[1] in cleaned:
                        union.join(_id(cleaned[target[1]]), _id(n))
                        glued.add(n)
                    else:
                        cleaned[target[1]] = n
            multi = [n for n in ns if " " in n[1] and n not in glued]
            by_last: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for n in multi:
                by_last[n[1].split()[-1]].append(n)
            # close spellings of full names, and of single names
            buckets: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
            for n in ns:
                words = n[1].split()
                buckets[(len(words), words[0][:1] if len(words) > 1 else "", words[-1][:1])].append(n)
            for shape, group in buckets.items():
                if len(group) > 400:
                    continue  # far too many to compare pairwise; such buckets hold common, distinct names
                for a, b in self._similar_pairs((kind, *shape), group, similar):
                    if kind != "place" or not distinct_places(a[1], b[1]):
                        union.join(_id(a), _id(b))
            if kind == "person":
                # a surname alone joins the full name that clearly dominates it
                for n in ns:
                    if " " in n[1]:
                        continue
                    fulls = by_last.get(n[1], [])
                    if not fulls:
                        continue
                    ranked = sorted(fulls, key=lambda f: -size[f])
                    if len(ranked) == 1 or size[ranked[0]] >= 3 * size[ranked[1]]:
                        union.join(_id(ranked[0]), _id(n))
            if kind == "place":
                # a country by any of its names ("UK", "Britain", "United Kingdom")
                country: dict[str, tuple[str, str]] = {}
                for n in ns:
                    code = gazetteer.country_of(self.display[n])
                    if code is not None:
                        if code in country:
                            union.join(_id(country[code]), _id(n))
                        else:
                            country[code] = n
            if kind == "org":
                for n in multi:
                    # "United Nation's" written once is the "United Nations" of every other article
                    if (kind, n[1] + "s") in size and len(n[1].split()[-1]) >= 4:
                        union.join(_id((kind, n[1] + "s")), _id(n))
                party_of: dict[str, tuple[str, str]] = {}
                for n in ns:  # "Tories", "Conservatives" and "Conservative Party"
                    party = PARTY_NICKNAMES.get(n[1])
                    if party is not None:
                        if party in party_of:
                            union.join(_id(party_of[party]), _id(n))
                        else:
                            party_of[party] = n
                for n in multi:  # "Labour Party" and "Labour"
                    base = party_base(n[1])
                    if base is not None and (kind, base) in size:
                        union.join(_id(n), _id((kind, base)))
                by_initials: dict[str, list[tuple[str, str]]] = defaultdict(list)
                by_alias: dict[str, list[tuple[str, str]]] = defaultdict(list)
                for m in multi:
                    by_initials[initials(self.display[m])].append(m)
                    for alias in self.alias_of[m]:
                        by_alias[alias].append(m)
                for n in ns:
                    shown = self.display[n]
                    if " " in n[1] or not shown.isupper():
                        continue
                    expansions = by_initials.get(shown, [])
                    via_alias = by_alias.get(shown, [])
                    found = via_alias or expansions
                    if len({union.find(_id(m)) for m in found}) == 1:
                        union.join(_id(found[0]), _id(n))
        groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for n in nodes:
            groups[union.find(_id(n))].append(n)
        for members in groups.values():
            kind = members[0][0]

            def rank(n: tuple[str, str]) -> tuple:
                shown = self.display[n]
                # a country is shown by the gazetteer's name for it when any article uses that name
                return (not shown.isupper(), n[0] == "place" and gazetteer.is_country_name(shown), " " in shown,
                        size[n], counts[n], shown)
            top = max(members, key=rank)
            gid = _id(top)
            names = {self.display[m] for m in members}
            aliases = (names | {a for m in members for a in self.alias_of[m]}) - {self.display[top]}
            for m in members:
                self._group_of[m] = gid
            self.groups[gid] = {"name": self.display[top], "kind": kind, "members": sorted(members),
                                "aliases": sorted(aliases, key=lambda a: (a.casefold(), a)), "articles": 0}
        self._drop_wrong_aliases()
        self._similar = similar
        for doc in docs or ():  # articles per library name: an article naming two of its spellings counts once
            for gid in {self._group_of[n] for n in doc}:
                self.groups[gid]["articles"] += 1
        self._lookup: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._words: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._sorted: dict[str, list[str]] | None = None  # by kind, for prefixes (built on first use)
        for gid, g in self.groups.items():
            for name in [g["name"], *g["aliases"]]:
                self._lookup[(g["kind"], fold(name))].add(gid)
                for w in fold(name).split():
                    self._words[(g["kind"], w)].add(gid)

    def _drop_wrong_aliases(self) -> None:
        """Aliases articles gave that name another entity of the library: a surname several people's full names
        share ("Blair": Tony Blair, Cherie Blair) stays only with the one the surname alone joined, or else
        with one named in three times as many articles as each other (the library's surname rule), and a close
        spelling of another known place ("Iceland" for "Ireland", joined in an article by an earlier
        extractor) is no alias."""
        size = self._size
        # folded surname -> the word before it in full names ("tony", "cherie") -> the person groups named so;
        # an initial ("J Noon") names nobody new, and "Sprinter Kelly Holmes" is Kelly Holmes
        holders: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        weight: dict[str, int] = {}  # person group -> articles naming its members (an article may count twice)
        for gid, g in self.groups.items():
            if g["kind"] == "person":
                weight[gid] = sum(size[m] for m in g["members"])
                for name in (g["name"], *g["aliases"]):
                    words = fold(name).split()
                    if len(words) > 1 and len(words[-2].rstrip(".")) > 1:
                        holders[words[-1]][words[-2]].add(gid)

        def own_surname(gid: str, alias: str) -> bool:
            key = fold(alias)
            if " " in key or key not in holders:
                return True
            firsts = holders[key]
            own = {f for f, gids in firsts.items() if gid in gids}
            others = {o for f, gids in firsts.items() if f not in own for o in gids} - {gid}
            if not others:
                return True
            joined = self._group_of.get(("person", key))
            if joined is not None and " " in self.groups[joined]["name"]:  # the surname alone joined a full name
                return joined == gid
            return all(weight[gid] >= 3 * weight[o] for o in others)

        for gid, g in self.groups.items():
            kind, members = g["kind"], g["members"]
            if kind == "person":
                g["aliases"] = [a for a in g["aliases"] if own_surname(gid, a)]
            elif kind == "place":
                name = fold(g["name"])
                g["aliases"] = [a for a in g["aliases"] if (kind, fold(a)) in members
                                or not (_similar_folded(fold(a), name) and distinct_places(fold(a), name))]

    def _similar_pairs(self, key: tuple, group: list[tuple[str, str]],
                       into: dict[tuple, tuple[frozenset, list]]) -> list[tuple[tuple[str, str], tuple[str, str]]]:
        """The pairs of close spellings in one bucket of names. A bucket the previous finish compared (its
        counts carried over by `counts`) keeps its pairs of names still there; only names new to it are
        compared, with every other: after an import of a hundred articles most buckets have none."""
        members = frozenset(group)
        prev = self._similar.get(key)
        if prev is not None and prev[0] == members:
            into[key] = prev
            return prev[1]
        if prev is None:
            pairs = [(a, b) for i, a in enumerate(group) for b in group[i + 1:] if _similar_folded(a[1], b[1])]
        else:
            old = prev[0]
            pairs = [(a, b) for a, b in prev[1] if a in members and b in members]
            new = [n for n in group if n not in old]
            seen: set[tuple[str, str]] = set()
            for a in new:
                seen.add(a)
                pairs += [(a, b) for b in group if b not in seen and _similar_folded(a[1], b[1])]
        into[key] = (members, pairs)
        return pairs

    def set_articles(self, articles: dict[tuple[str, str], int]) -> None:
        """Each library name's article count, by (kind, library name), counted by the caller."""
        for g in self.groups.values():
            g["articles"] = articles.get((g["kind"], g["name"]), 0)

    def renamed_since(self, before: Clusters) -> set[tuple[str, str]]:
        """The nodes whose library name differs from `before`'s (or that it did not have)."""
        old_of, old_groups, groups = before._group_of, before.groups, self.groups
        out: set[tuple[str, str]] = set()
        for node, gid in self._group_of.items():
            was = old_of.get(node)
            if was is None or old_groups[was]["name"] != groups[gid]["name"]:
                out.add(node)
        return out

    def library_key(self, node: tuple[str, str]) -> tuple[str, str]:
        """(kind, library name) of a node `add` returned."""
        g = self.groups[self._group_of[node]]
        return g["kind"], g["name"]

    def group(self, kind: str, article_name: str) -> dict | None:
        gid = self._group_of.get((kind, fold(article_name)))
        return None if gid is None else self.groups[gid]

    def name_of(self, kind: str, article_name: str) -> str:
        g = self.group(kind, article_name)
        return article_name if g is None else g["name"]

    def lookup(self, kind: str, text: str) -> list[dict]:
        """The library entities `text` names: by a name or alias, else (one word) by a word of one; `text`
        ending in "*" is a prefix of such a word or name ("blai*": Tony Blair, Cherie Blair)."""
        key = fold(" ".join(text.split()))
        if "?" in key or "*" in key.rstrip("*"):  # "*shinyan", "bl?ir": a pattern for a whole word or name
            return self._by_pattern(kind, key)
        if key.endswith("*") and key.rstrip("*"):
            return self._by_prefix(kind, key.rstrip("*"))
        gids = self._lookup.get((kind, key)) or (self._words.get((kind, key), set()) if " " not in key else set())
        return [self.groups[g] for g in sorted(gids)]

    def _sorted_words(self, kind: str) -> list[str]:
        # the kind's names and their words, sorted once on first use: a prefix is then a range of them
        if self._sorted is None:
            keys: dict[str, list[str]] = defaultdict(list)
            for k, w in self._words.keys() | self._lookup.keys():
                keys[k].append(w)
            self._sorted = {k: sorted(ws) for k, ws in keys.items()}
        return self._sorted.get(kind, [])

    def _by_pattern(self, kind: str, pattern: str) -> list[dict]:
        """`*` any letters (none too), `?` one: matched against each whole word and whole name of the kind."""
        parts = re.split(r"(\*+|\?)", pattern)
        matches = re.compile("".join(".*" if p.startswith("*") else "." if p == "?" else re.escape(p)
                                     for p in parts if p), re.DOTALL).fullmatch
        gids: set[str] = set()
        for word in self._sorted_words(kind):
            if matches(word):
                gids |= self._words.get((kind, word), set()) | self._lookup.get((kind, word), set())
        return [self.groups[g] for g in sorted(gids)]

    def _by_prefix(self, kind: str, prefix: str) -> list[dict]:
        words = self._sorted_words(kind)
        gids: set[str] = set()
        i = bisect_left(words, prefix)
        while i < len(words) and words[i].startswith(prefix):
            gids |= self._words.get((kind, words[i]), set()) | self._lookup.get((kind, words[i]), set())
            i += 1
        return [self.groups[g] for g in sorted(gids)]

    def members(self, kind: str, text: str) -> list[str]:
        """The article names (as indexed, folded) of every library entity `text` names."""
        # as model.field_values indexed them: commas separate the field's terms, so a name has none
        return sorted({m[1].replace(",", " ") for g in self.lookup(kind, text) for m in g["members"]})

    def ranked(self, kind: str | None = None) -> list[dict]:
        """Library entities, most articles first."""
        out = [g for g in self.groups.values() if kind is None or g["kind"] == kind]
        # ties by name, then kind and code points: never by the order the groups were made in
        out.sort(key=lambda g: (-g["articles"], g["name"].casefold(), g["kind"], g["name"]))
        return out


def _id(node: tuple[str, str]) -> str:
    return f"{node[0]}:{node[1]}"
