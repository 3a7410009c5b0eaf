"""Two articles side by side: their sentences aligned by similarity (not position), what only one of them
says, and figures that differ between sentences about the same thing ("some 6,000 people" against "some
6,500 lives"): a possible discrepancy to look at, never a verdict.

A figure one article gives that the other also gives (the same number of the same kind anywhere in it) is
agreement, however the sentences around it differ. Figures are set against each other only in sentences
that share their subject: the names written before the figure ("SpiceJet … 10 more aircraft" is not
"Japan Airlines … 30 of the aircraft"); a sentence naming nobody before its figure is taken to share it.

A date or a place after a preposition shared is no shared subject ("on Monday", "in India": two companies'
results of one day), and a figure given to fewer decimals that rounds the other ("£1.3bn" against "£1.35bn",
"4.8%" against "4.75%") agrees.

Figures of different times or places in a ranking are not set against each other: the rate "on Friday"
against the record "on Thursday", a film's takings "in second place" against "in fourth place" (two
weekends' charts), the sum "in January" against the one "in December". Nor figures of two things the
sentences name in their own words ("the PSP is likely to cost £130" against "the adapter is expected to cost
£25"). Two market prices (oil, a currency, shares: they move from day to day) are set against each other only
when known to be of one day, from their sentence or their article's opening. A forecast ("had been forecast to be
4.1bn rupees") is not set against an outcome. Nor a sum or a rate two named sources give ("£162,086, Halifax said" against
Nationwide's "£152,879": two surveys; a sentence naming none is from its article's opening's); counts of people
are compared whoever gives them. Of the figures two sentences set apart, the closest pair is the
one shown.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from reader_app.core.entities import gazetteer
from reader_app.core.stories.figures import KINDS, Figure, figures
from reader_app.core.stories.sentences import Sentence, similarity
from reader_app.core.stories.text import word_set

CONTEXT = 0.35  # sentences this alike are about the same thing when their counts of one kind are compared
CONTEXT_OTHER = 0.5  # and for money, percentages and other units, which do not say what they measure
COMMON_TERM = 200  # a term in more of the other article's sentences finds no candidate pairs by itself
PER_SENTENCE = 20  # candidate pairs kept per sentence (its best)
RATIO = 10.0  # figures further apart than this are about different things, not a discrepancy
NAME_KEY = 5  # letters of a name compared ("Russia" and "Russian" are one subject)

_NAME = re.compile(r"\b[A-Z][\w'’-]*")
# Capitalised only for opening the sentence: no subject (a name opening it, "SpiceJet said", is kept).
_OPENERS = word_set("the a an it its this that these those there he she they we i his her their our in on at "
                     "by for from with but and or so as after before while when meanwhile also however yet "
                     "some many most all both each one two three under over about")
# Dates name no subject: "on Monday", "in March" say when, not who.
_DATE_WORDS = word_set("monday tuesday wednesday thursday friday saturday sunday january february march april "
                       "may june july august september october november december christmas easter")
_PLACE_PREPOSITIONS = word_set("in at from across near outside inside within throughout around")
_WORD_BEFORE = re.compile(r"\b(\w+)\s+(?:the\s+)?$")
# When a figure was so: a weekday, a month, a year, "last week", "this year", a season's day, a quarter, a
# moment of the day ("on Friday morning" is not "in late trading on Friday": a rate moves within a day); and a
# place in a ranking ("second place", "third position"): another one is another occasion.
_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth top "
             "1st 2nd 3rd 4th 5th 6th 7th 8th 9th 10th")
_WHEN = re.compile(
    r"\b(?:(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|weekend)"
    r"|(?P<month>january|february|march|april|may|june|july|august|september|october|november|december)"
    r"|(?P<year>(?:19|20)\d\d)(?!\d|%)"
    r"|(?P<rel>(?:last|this|next|previous)\s+(?:week|month|year|quarter))"
    r"|(?P<feast>christmas|new\s+year|easter|thanksgiving)"
    r"|(?P<moment>morning|afternoon|evening|midday|lunchtime|overnight|(?:early|late)\s+trading)"
    r"|(?P<rank>(?:" + "|".join(_ORDINALS.split()) + r")\s+(?:place|position|spot|quarter|half))"
    r"|(?P<number>number\s+(?:one|two|three|four|five|\d+))\b)",
    re.IGNORECASE)
# What a figure is of, where the sentence names it in its own words: "the adapter is expected to cost £25".
_THING = re.compile(r"\b(?:the|its|their|a|an)\s+((?:[a-z][\w-]*\s+){0,2}?([a-z][\w-]*|[A-Z][A-Z0-9]+))\s+"
                    r"(?:is|was|are|were|will|would|could|may|might|has|had|have)\b")
_WRITTEN = re.compile(r"\d[\d,]*(?:\.(\d+))?")
# A market price: what crude, a currency, shares or an index trade at; it moves from day to day and within one.
_MARKET = re.compile(r"\b(?:crude|brent|barrels?|futures|shares|share\s+price|ftse|dow\s+jones|nasdaq|nikkei|"
                     r"(?:dollar|euro|yen|pound|sterling)s?\b[^.]{0,40}?\b(?:versus|against|to\s+the|per|bought|"
                     r"buying|trading|traded|worth))\b", re.IGNORECASE)
_PRICE_UNITS = frozenset(("$", "£", "€", "yen", "p", "penc", "cent", "point", "euro", "dollar"))
_SCALED = re.compile(r"bn|mn|m\b|million|billion|trillion", re.IGNORECASE)
# What was foreseen, not what came about: "profit had been forecast to be 4.1bn rupees", "is likely to cost £130".
_FORECAST = re.compile(r"\b(?:forecast(?:s|ed|ing)?|expect(?:s|ed|ing|ations?)?|predict(?:s|ed|ing|ions?)?|"
                       r"project(?:ed|ions?)|anticipat(?:e|es|ed|ing)|likely)\b", re.IGNORECASE)
# Who a figure is from, by name: "Halifax said", "the BBA said", "according to Nationwide", "says the Nationwide
# building society", "Nintendo has said".
_SOURCE_BEFORE = re.compile(r"\b(?:[Tt]he\s+)?([A-Z][\w&'’-]*)(?:\s+[A-Z][\w&'’-]*)*\s+(?:has\s+|have\s+)?(?:said|says)\b")
_SOURCE_AFTER = re.compile(r"\b(?:said|says|[Aa]ccording\s+to)\s+(?:the\s+)?([A-Z][\w&'’-]*)")
_TITLES = word_set("mr mrs ms miss dr sir lord lady prof president chancellor minister")
_WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")
_WEEKDAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)


@dataclass
class Difference:
    """Two sentences giving different figures of one kind."""

    a: str
    b: str
    a_figure: str
    b_figure: str

    def to_dict(self) -> dict:
        return {"a": self.a, "b": self.b, "a_figure": self.a_figure, "b_figure": self.b_figure}


@dataclass
class Comparison:
    """Article `a` against article `b`."""

    a: str
    b: str
    aligned: list[tuple[str, str, float]] = field(default_factory=list)  # in `a`'s order
    only_a: list[str] = field(default_factory=list)
    only_b: list[str] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    # Both texts in reading order for a side-by-side view: (a sentence or None, b sentence or None, similarity).
    rows: list[tuple[str | None, str | None, float]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"a": self.a, "b": self.b,
                "aligned": [{"a": x, "b": y, "similarity": round(s, 3)} for x, y, s in self.aligned],
                "only_a": list(self.only_a), "only_b": list(self.only_b),
                "differences": [d.to_dict() for d in self.differences]}


def _candidates(a: list[Sentence], b: list[Sentence], floor: float) -> list[tuple[float, int, int]]:
    """The pairs (similarity, i, j) at `floor` or more, found through an inverted index of `b`'s terms, so
    only sentences sharing a term are ever scored: time and memory grow with the pairs that share words, not
    with len(a) * len(b). A term in more than COMMON_TERM of b's sentences finds no pairs by itself (it says
    little, and would bring the quadratic back), and each sentence of `a` keeps its best PER_SENTENCE pairs."""
    postings: dict[str, list[int]] = {}
    for j, y in enumerate(b):
        for t in y.terms:
            postings.setdefault(t, []).append(j)
    by_text: dict[str, list[int]] = {}
    for j, y in enumerate(b):
        if not y.terms:  # a sentence with no content words is only like the same words
            by_text.setdefault(y.text.strip().lower(), []).append(j)
    out: list[tuple[float, int, int]] = []
    for i, x in enumerate(a):
        found: set[int] = set()
        for t in x.terms:
            js = postings.get(t, ())
            if len(js) <= COMMON_TERM:
                found.update(js)
        if not x.terms:
            found.update(by_text.get(x.text.strip().lower(), ()))
        scored = [(s, i, j) for j in found if (s := similarity(x, b[j])) >= floor]
        if len(scored) > PER_SENTENCE:
            scored = heapq.nlargest(PER_SENTENCE, scored, key=lambda p: (p[0], -p[2]))
        out.extend(scored)
    return out


def align(a: list[Sentence], b: list[Sentence], threshold: float,
          candidates: list[tuple[float, int, int]] | None = None) -> list[tuple[int, int, float]]:
    """One-to-one pairs (i, j, similarity), best pairs first, each at least `threshold`; in `a`'s order."""
    if candidates is None:
        candidates = _candidates(a, b, threshold)
    pairs = sorted((p for p in candidates if p[0] >= threshold), key=lambda p: (-p[0], p[1], p[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for s, i, j in pairs:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((i, j, s))
    return sorted(out)


def _rows(a: list[Sentence], b: list[Sentence], pairs: list[tuple[int, int, float]]
          ) -> list[tuple[str | None, str | None, float]]:
    """A's sentences in order, each beside its aligned B sentence; B's unaligned sentences come just before
    the next aligned one that follows them in B (or at the end), so each column still reads in order."""
    partner = {i: (j, s) for i, j, s in pairs}
    aligned_b = {q for _, q, _ in pairs}  # built once: rebuilt per step it made 40,000 sentences take a minute
    rows: list[tuple[str | None, str | None, float]] = []
    next_b = 0
    for i, sa in enumerate(a):
        if i in partner:
            j, s = partner[i]
            while next_b < j:
                if next_b not in aligned_b:
                    rows.append((None, b[next_b].text, 0.0))
                next_b += 1
            rows.append((sa.text, b[j].text, s))
            next_b = max(next_b, j + 1)
        else:
            rows.append((sa.text, None, 0.0))
    rows.extend((None, b[j].text, 0.0) for j in range(next_b, len(b)) if j not in aligned_b)
    return rows


def _ratio(x: float, y: float) -> float:
    """How far apart two figures of one sign are (1.0 for equal ones)."""
    return max(abs(x), abs(y)) / min(abs(x), abs(y))


def _differ(fa: Figure, fb: Figure) -> bool:
    if fa.unit != fb.unit or fa.value == fb.value or fa.value == 0 or fb.value == 0:
        return False
    if (fa.value < 0) != (fb.value < 0):
        return True  # a fall against a rise ("–5%" against "6%") in sentences about one thing
    return _ratio(fa.value, fb.value) <= RATIO


def _context(unit: str) -> float:
    """How alike two sentences must be for their figures of this unit to be compared: a count of a known
    kind ("people", "troops") says itself what it counts; money, a percentage or a bare noun do not, and
    sentences that only share a few words ("$6bn" for roads against "$10bn" of revenue, at 0.31-0.37) are
    about different things."""
    return CONTEXT if unit in KINDS else CONTEXT_OTHER


def _subject(sentence: str, figure: Figure) -> tuple[frozenset[str], frozenset[str]]:
    """The names written before a figure in its sentence (their first letters): who or what it is about;
    and those of them that say where or when: a date ("on Monday", "March"), a place after a preposition ("in
    India", "in the UK"). Those tell two subjects apart but make none shared: two companies' results of one
    day in one country are not one thing counted twice, where "Russia keeps 3,000 troops" is about Russia."""
    at = sentence.find(figure.text)
    found = [m for m in _NAME.finditer(sentence, 0, at if at >= 0 else len(sentence))
             if not (m.start() == 0 and m.group().lower() in _OPENERS)]
    where = [m.group().lower() in _DATE_WORDS or (_after_preposition(sentence, m.start()) and _is_place(m.group()))
             for m in found]
    for k in range(len(found) - 1):  # "Hong Kong", "New Delhi": a place of two words
        if sentence[found[k].end():found[k + 1].start()] == " " and _after_preposition(sentence, found[k].start()) \
                and _is_place(found[k].group() + " " + found[k + 1].group()):
            where[k] = where[k + 1] = True
    keys = [m.group().lower()[:NAME_KEY] for m in found]
    return frozenset(keys), frozenset(k for k, w in zip(keys, where, strict=True) if w)


def _after_preposition(sentence: str, start: int) -> bool:
    """Whether the word before `start` (past a "the") is a preposition of place: "in India", "in the UK"."""
    m = _WORD_BEFORE.search(sentence, 0, start)
    return m is not None and m.group(1).lower() in _PLACE_PREPOSITIONS


def _is_place(name: str) -> bool:
    """A country, continent or large city ("India", "Delhi") or its people's adjective ("Indian"); smaller
    places are left as names, being surnames as often ("Clinton")."""
    name = name.removesuffix("'s").removesuffix("’s")
    return gazetteer.strength(name) == gazetteer.STRONG or gazetteer.is_demonym(name)


def _decimals(figure: Figure) -> tuple[float, int] | None:
    """The number as written ("1.35" of "£1.35bn") and its decimals; None for a number in words or in
    scientific notation."""
    m = _WRITTEN.search(figure.text)
    if m is None or "e" in figure.text[m.end():m.end() + 1].lower():
        return None
    return float(m.group().replace(",", "")), len(m.group(1) or "")


def _rounds(fa: Figure, fb: Figure) -> bool:
    """Whether one figure is the other given to fewer decimals ("£1.3bn" of "£1.35bn", "4.8%" of "4.75%"):
    within half a step of the last decimal the coarser one writes, up or down."""
    if fa.unit != fb.unit or (fa.value < 0) != (fb.value < 0):
        return False
    wa, wb = _decimals(fa), _decimals(fb)
    if wa is None or wb is None or wa[1] == wb[1] or not wa[0] or not wb[0]:
        return False
    coarse, written = (fa, wa) if wa[1] < wb[1] else (fb, wb)
    step = 10.0 ** -written[1] * abs(coarse.value / written[0])  # in the figure's scale ("bn")
    return abs(fa.value - fb.value) <= step / 2 * (1 + 1e-9)


def _same_subject(a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Whether two figures' sentences are about one subject: they share a name that is no place or date, or
    one of them names nothing but places and dates before its figure (taken to share it), unless both say where
    and no place is the same ("In India, 300 hurt" is not about "In Pakistan, 400 hurt")."""
    (names_a, where_a), (names_b, where_b) = a, b
    subject_a, subject_b = names_a - where_a, names_b - where_b
    if subject_a and subject_b:
        return bool(subject_a & subject_b)
    if not subject_a and not subject_b and where_a and where_b:
        return bool(where_a & where_b)
    return True


def _agreement(figs_a: set[Figure], figs_b: set[Figure]) -> tuple[set[Figure], set[Figure]]:
    """The figures of each article that the other also gives: the same number of the same kind, or one
    rounding the other to one decimal or more. Each figure looks for the other's figures it rounds within its own half step, in the
    other's values sorted by unit (not every pair: an article of thousands of figures stays quick)."""
    values_a, values_b = {(f.unit, f.value) for f in figs_a}, {(f.unit, f.value) for f in figs_b}
    agreed_a = {f for f in figs_a if (f.unit, f.value) in values_b}
    agreed_b = {f for f in figs_b if (f.unit, f.value) in values_a}
    for mine, theirs, mine_agreed, theirs_agreed in ((figs_a, figs_b, agreed_a, agreed_b),
                                                     (figs_b, figs_a, agreed_b, agreed_a)):
        by_unit: dict[str, list[tuple[float, Figure]]] = {}
        for g in theirs:
            by_unit.setdefault(g.unit, []).append((g.value, g))
        keys: dict[str, list[float]] = {}
        for unit, pairs in by_unit.items():
            pairs.sort(key=lambda p: p[0])
            keys[unit] = [v for v, _ in pairs]
        for c in mine:
            written = _decimals(c)
            # a whole number rounds too much to agree anywhere in the other article ("4%" of "3.7%" about
            # another year): it agrees only beside its sentence (compare)
            if c.unit not in by_unit or written is None or not written[0] or not written[1]:
                continue
            half = 10.0 ** -written[1] * abs(c.value / written[0]) / 2 * (1 + 1e-9)
            at = keys[c.unit]
            for _, g in by_unit[c.unit][bisect_left(at, c.value - half):bisect_right(at, c.value + half)]:
                if _rounds(c, g):
                    mine_agreed.add(c)
                    theirs_agreed.add(g)
    return agreed_a, agreed_b


def _spans(sentence: str, figs: list[Figure]) -> list[tuple[int, int]]:
    """Where each figure stands in its sentence (in order; a figure not found as written is put at the end)."""
    out, at = [], 0
    for f in figs:
        start = sentence.find(f.text, at)
        if start < 0:
            out.append((len(sentence), len(sentence)))
            continue
        out.append((start, start + len(f.text)))
        at = start + len(f.text)
    return out


def _when(sentence: str, spans: list[tuple[int, int]], n: int) -> frozenset[str]:
    """The times (and places in a ranking) the sentence gives its n-th figure: those written after it, up to
    the next figure ("$1.3667 on Thursday"); else those before it, back to the previous figure ("In January,
    sales rose by 4%"); else any before it. A figure in brackets just after another ("$12.7m (£6.6m)", "4bn
    euros ($5.2bn; £2.8bn)") is the same sum converted: it has that one's times, and is no figure in between.
    Empty when it gives none."""
    def converts(k: int) -> bool:  # figure k is figure k-1 in another currency
        return 0 < k < len(spans) and sentence[spans[k - 1][1]:spans[k][0]].strip() in ("(", ";", "/")

    while converts(n):
        n -= 1
    last = n
    while converts(last + 1):
        last += 1
    start, end = spans[n][0], spans[last][1]
    after = sentence[end:spans[last + 1][0] if last + 1 < len(spans) else len(sentence)]
    before = sentence[spans[n - 1][1] if n else 0:start]
    for part in (after, before, sentence[:start]):
        found = frozenset(" ".join(m.group().lower().split()) for m in _WHEN.finditer(part))
        if found:
            return found
    return frozenset()


_RELATIVE = re.compile(r"yesterday|today|tonight|(?:last|this|next|previous) ")
_RANK = re.compile(r".* (?:place|position|spot)$|number ")


def _other_times(when_a: frozenset[str], when_b: frozenset[str]) -> bool:
    """Whether two figures are of different times: of the dates (weekdays, months, years, moments of a day), the times told
    from the day of writing ("last month", "yesterday") or the places in a ranking, each gives one the other
    does not ("on Friday" and "on Thursday"; "March 2004" and "2004" may be one, "January" and "last month"
    too)."""
    for kind in (lambda w: bool(_RANK.match(w)), lambda w: bool(_RELATIVE.match(w)),
                 lambda w: not _RANK.match(w) and not _RELATIVE.match(w)):
        a, b = {w for w in when_a if kind(w)}, {w for w in when_b if kind(w)}
        if a and b and not (a <= b or b <= a):
            return True
    return False


def _thing(sentence: str, span: tuple[int, int]) -> str | None:
    """The noun the sentence makes the subject of its figure in its own words, before it ("the PSP is likely
    to cost £130": "psp"), or None."""
    found = [m.group(2) for m in _THING.finditer(sentence, 0, span[0])]
    return found[-1].lower()[:NAME_KEY] if found else None


def _market_price(sentence: str, figure: Figure) -> bool:
    """Whether a figure is what something traded is quoted at ("Brent crude … to $48.62", "the dollar was
    buying 104.76 yen", "shares closed at 1130p"): a price per unit, not a sum ("$5bn")."""
    return figure.unit in _PRICE_UNITS and not _SCALED.search(figure.text) and bool(_MARKET.search(sentence))


def _foreseen(sentence: str, span: tuple[int, int]) -> bool:
    """Whether the sentence gives a figure as a forecast or an expectation: a word saying so before it in its
    clause ("Profit had been forecast to be 4.1bn rupees", "is likely to cost between £130 and £200"; not
    "Profit rose to 4.3bn rupees" of "…, beating forecasts of 4.1bn rupees")."""
    clause = max(sentence.rfind(mark, 0, span[0]) for mark in (", ", "; ", " - ", " – "))
    return bool(_FORECAST.search(sentence, max(clause, 0), span[0]))


def _source(sentence: str) -> str | None:
    """The organisation a sentence says its figures are from ("Halifax said": "halif"), or None: none named, or
    a person ("Mr Bannister said")."""
    found = [(m.start(), m.group(1)) for p in (_SOURCE_BEFORE, _SOURCE_AFTER) for m in p.finditer(sentence)]
    for _, name in sorted(found):
        if name.lower() in _TITLES or name.lower() in _OPENERS:
            continue
        return name.lower()[:NAME_KEY]
    return None


def _lead_day(sentences: list[Sentence]) -> frozenset[str]:
    """The weekday an article's opening sentence gives ("Oil prices retreated … on Tuesday"): the day it reports
    on; empty when it gives none."""
    m = _WEEKDAY.search(sentences[0].text) if sentences else None
    return frozenset((m.group().lower(),)) if m else frozenset()


def _day(when: frozenset[str], lead_day: frozenset[str]) -> frozenset[str]:
    """The weekday a figure is of: the one its sentence gives, else ("today", or none) its article's; empty when
    unknown ("yesterday" of an article of no known day)."""
    days = when & _WEEKDAYS
    if days or "yesterday" in when:
        return days
    return lead_day


def compare(a_id: str, a: list[Sentence], b_id: str, b: list[Sentence], threshold: float) -> Comparison:
    result = Comparison(a_id, b_id)
    candidates = _candidates(a, b, min(threshold, CONTEXT))
    pairs = align(a, b, threshold, candidates)
    aligned_with = {i: j for i, j, _ in pairs}
    result.aligned = [(a[i].text, b[j].text, s) for i, j, s in pairs]
    matched_b = set(aligned_with.values())
    result.only_a = [s.text for i, s in enumerate(a) if i not in aligned_with]
    result.only_b = [s.text for j, s in enumerate(b) if j not in matched_b]
    result.rows = _rows(a, b, pairs)

    figs_a = [figures(s.text) for s in a]
    figs_b = [figures(s.text) for s in b]
    spans_a: dict[int, list[tuple[int, int]]] = {}  # worked out for the sentences that have candidates only
    spans_b: dict[int, list[tuple[int, int]]] = {}
    lead_a, lead_b = _lead_day(a), _lead_day(b)
    lead_source_a, lead_source_b = _source(a[0].text) if a else None, _source(b[0].text) if b else None
    given_a, given_b = _agreement({f for fs in figs_a for f in fs}, {f for fs in figs_b for f in fs})
    # Each figure of `a` is set against the closest figure of its kind that the other article gives in a
    # sentence about the same thing, not against every one: "6,000 people" against "6,500 lives" (the same
    # war), not also against "30,000 lives" (an earlier war) in the same article.
    best: dict[tuple[int, int], tuple[float, float, int, Figure]] = {}  # (i, figure) -> (ratio, -sim, j, fb)
    order: list[tuple[int, int, Figure]] = []
    for sim, i, j in sorted(candidates, key=lambda p: (p[1], p[2])):
        fs_a, fs_b = figs_a[i], figs_b[j]
        if not fs_a or not fs_b:
            continue
        for n, fa in enumerate(fs_a):
            if fa in given_a or sim < _context(fa.unit):
                continue  # the other article gives this figure too: agreement; or the sentences differ
            if any(_rounds(fa, fb) for fb in fs_b):
                continue  # "up over 5%" of "4.75%": rounded to a whole number in this very sentence
            at_a = spans_a.get(i) or spans_a.setdefault(i, _spans(a[i].text, fs_a))
            at_b = spans_b.get(j) or spans_b.setdefault(j, _spans(b[j].text, fs_b))
            for m, fb in enumerate(fs_b):
                if fb in given_b or not _differ(fa, fb):
                    continue
                if not _same_subject(_subject(a[i].text, fa), _subject(b[j].text, fb)):
                    continue  # figures of two airlines, two countries: not one thing counted twice
                when_a, when_b = _when(a[i].text, at_a, n), _when(b[j].text, at_b, m)
                if _other_times(when_a, when_b):
                    continue  # Friday's rate and Thursday's, two weekends' chart places: two occasions
                if _foreseen(a[i].text, at_a[n]) != _foreseen(b[j].text, at_b[m]):
                    continue  # a forecast against the outcome: the profit expected and the profit made
                if fa.unit not in KINDS and (source_a := _source(a[i].text) or lead_source_a) \
                        and (source_b := _source(b[j].text) or lead_source_b) and source_a != source_b:
                    continue  # two surveys: Halifax's average house price and Nationwide's
                if _market_price(a[i].text, fa) and _market_price(b[j].text, fb) \
                        and not _day(when_a, lead_a) & _day(when_b, lead_b):
                    continue  # two articles' oil prices or exchange rates, not known to be of one day
                thing_a, thing_b = _thing(a[i].text, at_a[n]), _thing(b[j].text, at_b[m])
                if thing_a and thing_b and thing_a != thing_b:
                    continue  # the PSP's price and the adapter's
                # Opposite signs rank after any figure of the same sign (the closest one is the one meant).
                rank = (_ratio(fa.value, fb.value) if (fa.value < 0) == (fb.value < 0) else RATIO + 1, -sim, j, fb)
                if (i, n) not in best:
                    order.append((i, n, fa))
                    best[(i, n)] = rank
                elif rank[:3] < best[(i, n)][:3]:
                    best[(i, n)] = rank
    # One difference per pair of sentences: its closest pair of figures ("$1.3667" against "$1.3666", both
    # Thursday's record, not the sentence's first figure against it).
    shown: dict[tuple[str, str], tuple[tuple, Difference]] = {}
    for i, n, fa in order:
        rank = best[(i, n)]
        j, fb = rank[2], rank[3]
        key = (a[i].text, b[j].text)
        if key not in shown or rank[:3] < shown[key][0][:3]:
            shown[key] = (rank, Difference(a[i].text, b[j].text, fa.text, fb.text))
    result.differences = [d for _, d in shown.values()]
    return result
