"""The extractor every install has: capitalised runs of words, weighed by the words around them.

No model: a run of capitalised words ("Nikol Pashinyan", "Collective Security Treaty Organization") is a
candidate; the cues around it vote for a kind. A title before it ("Prime Minister", "Mr", "spokesman") or
"said" after it votes person; a last word like "Ministry", "Party", "Bank", "plc" or "FC", an acronym, a
role in it ("chief executive of", "analyst at"), a stake in it ("shares in") or an "it" after it ("X said it",
"X, which") votes organisation; the gazetteer (core/entities/gazetteer.py) and words like "city of" or "region" vote place.
Titles and adjectives of nationality are cut off the front of a name, never kept in it. Runs next to a
slash ("EPA/EVGENIA NOVOZHENINA/TASS") are photo credits and skipped; a run of capitals is shouting, not a
name; a single capitalised word opening a sentence counts only with a cue of its own. A name after a place
that is no given name (given_names.py: "Sheffield Wednesday", "Real Madrid") has a person's shape only when its
last word is seen alone in the article; a number after a run ("Ege Haber 24") takes its person's shape away. So
does an everyday word first that is no given name ("Golden Globe", "Finding Neverland"), and one opening a sentence
before a full name is cut ("Writer Tony Cowell"). "<Title> of <place>" after a see's or a peerage's title
("Archbishop of Canterbury", "Duke of Edinburgh") names its holder, a person, and "General" after a title is
part of it ("Secretary General Kofi Annan").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reader_app.core.entities import gazetteer
from reader_app.core.entities.given_names import GIVEN_NAMES
from reader_app.core.entities.model import ALONE, ArticleText, Mention

# 2: weak cues add up by kind of cue, regions vs big cities, Sir + first name; 3: a country's names, parties;
# 4: organisation cues (a role or stake in it, "it said", suffixes, clubs, party members, event acronyms)
# 5: generic words alone ("Party", "City", "the Bank", "General") are no names; "United Nations" an organisation;
# what follows a person's possessive is no person ("Cherie Blair's Matrix Chambers")
# 6: a run headed by a place that is no given name ("Sheffield Wednesday", "London Heathrow") is a person only
# when its last word is seen alone as a name; club words ("Wednesday", "Villa", "Harriers"); a number after a
# run ("Ege Haber 24") makes it no person's name
# 7: a word that lengthens the title before it is cut with it ("Secretary General", "Princess Consort"); an office
# named by a see or a peerage ("Archbishop of Canterbury", "Duke of Edinburgh") is the person, not the place; a
# given name that is also a nationality ("Roman Abramovich", "Christian Slater") is kept before a surname; a name
# headed by an everyday word that is no given name ("Golden Globe", "Finding Neverland") is a person's only when
# its last word is seen alone, and one glued before a full name is cut ("Writer Tony Cowell"); "HRH" is a title;
# theatres and arenas are places; "Outgoing", "Incoming" open a run without being part of it
VERSION = "builtin-7"
COMMON_COUNT = 25_000_000  # occurrences in wordsegment's web corpus: "white" 210 M, "paper", "rights"; "blair" 9 M

def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# A word: a letter, then letters, digits and inner ' ’ . & - ("O'Neill's", "AT&T", "U.S"), ending on a word
# character. Written as runs of word characters joined by runs of those marks so that the engine never backs
# up (the same tokens as r"[^\W\d_](?:[\w'’.&-]*\w)?", which backed up at every word's end; this pattern is
# most of the cost of scanning a paragraph).
_TOKEN = re.compile(r"[^\W\d_]\w*(?:[’'.&-]+\w+)*|\d[\w,.]*|[^\w\s]")
_CONNECT = frozenset({"of", "the", "for", "de", "van", "von", "bin", "al", "da", "del", "la", "le", "du", "der",
                      "den", "di", "y", "upon"})

# Words that open a sentence or join a name without being part of it.
_FUNCTION = _set("""the a an but and or so yet if when while as after before since until under over at in on
by for from with without into onto to of about against between among through during despite although though
however meanwhile moreover also both each every this that these those his her their its our my your we it he she
they i you there here then now former ex last next other another some many most more several such what which who
whom whose where why how all any no not nor only just even still already again yesterday today tomorrow
according speaking writing asked earlier later once instead besides unlike like whether
following amid among despite upon thus hence indeed perhaps overall initially additionally furthermore
nevertheless nonetheless elsewhere across around near outgoing incoming""")

_TITLES = _set("""mr mrs ms miss dr sir dame lord lady baroness baron rev reverend president minister
chancellor secretary senator sen rep representative governor mayor judge justice king queen prince princess pope
ambassador gen colonel pm lock flanker prop hooker scrum-half fly-half full-back centre wing col captain capt commander marshal admiral lieutenant lt sergeant sgt professor
prof chairman chairwoman chief executive director spokesman spokeswoman spokesperson leader speaker coach manager
boss inspector detective officer superintendent archbishop bishop cardinal sheikh ayatollah emperor tsar premier
patriarch mp mep attorney solicitor founder co-founder envoy commissioner undersecretary under-secretary gov
supt insp det cllr councillor lawmaker striker midfielder defender goalkeeper winger skipper hrh""")
# Words that make a title longer ("Foreign Secretary", "Prime Minister", "Deputy Chief Executive"): cut off
# only when a title follows them, so "Home Office" and "State Duma" stay whole.
_TITLE_MODIFIERS = _set("""prime vice deputy acting foreign home shadow health culture education trade transport
environment treasury interior justice economy finance defence defense state first chief executive
junior senior assistant associate former interim international regional party general""")
# Words that make the title before them longer ("Secretary General", "Attorney General", "Princess Consort",
# "Queen Mother"), and the words that are a title only with "General" after them ("Surgeon General")
_TITLE_AFTER = frozenset({"general", "consort", "regent", "mother", "royal", "emeritus", "designate", "elect"})
_GENERAL_HEADS = frozenset({"surgeon", "auditor", "postmaster", "comptroller", "adjutant", "procurator", "registrar",
                            "paymaster", "quartermaster"})
# Titles of a see or a peerage: "<title> of <place>" names the one who holds it ("Archbishop of Canterbury",
# "Bishop of Durham", "Duke of Edinburgh"), a person, not the place
_OFFICES = _set("""archbishop bishop cardinal dean provost duke duchess earl countess marquess marchioness viscount
viscountess prince princess""")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor"})

_PERSON_BEFORE = _set("""spokesman spokeswoman spokesperson leader minister president chief head director
secretary chairman chairwoman boss manager coach actor actress singer star writer author artist player striker
midfielder defender goalkeeper captain skipper envoy ambassador premier lawmaker mp senator judge lawyer
analyst economist professor father mother son daughter wife husband brother sister colleague rival champion
winner founder governor mayor commander officer dr presenter host comedian producer novelist poet musician
rapper drummer guitarist designer chancellor deputy aide adviser advisor counterpart""")
_SAID = _set("""said says told added insisted argued explained warned claimed believes believed wrote
admitted stressed noted urged announced declared revealed confirmed denied replied suggested acknowledged
agreed thinks thought hopes hoped wants wanted""")
_ORG_TAILS = _set("""ministry organization organisation bank party inc corp corporation ltd plc llc group
council court agency union committee commission association institute university college company co fund
federation league club authority office department service services parliament assembly congress senate board
foundation trust society network forces army navy police times news post airlines airways motors systems
technologies records studios pictures entertainment games guard guards agency bureau tribunal alliance front
movement coalition brigade brigades hospital airline telecom holdings partners industries international
institution exchange cabinet commons lords government administration united rovers athletic wanderers albion
hotspur dem dems telegraph observer guardian independent mirror express herald gazette journal tribune chronicle
standard economist regiment hunt networks ferries fc afc ag sa nv llp gmbh ventures media publishing labs
pharmaceuticals embassy fellowship utd bros reporter""")
_ORG_HEADS = frozenset({"ministry", "department", "bank", "university", "court", "office", "council", "church",
                        "house", "institute", "royal", "national", "federal", "central", "european", "united",
                        "international", "world", "association", "academy", "society", "federation", "college",
                        "museum", "committee", "commission"})
_ORG_AFTER = frozenset({"party", "group", "company", "firm", "agency", "bank", "ministry", "council",
                        "newspaper", "channel", "network", "club", "team", "union", "organisation",
                        "organization", "alliance", "movement", "broadcaster", "website", "magazine", "label", "chain",
                        "studio", "studios", "plc", "ltd", "inc", "llc"})
_PLACE_TAILS = frozenset({"airport", "street", "square", "river", "mountains", "sea", "ocean", "island", "islands",
                          "dam", "plant", "bridge", "tower", "stadium", "park", "palace", "castle", "cathedral",
                          "abbey", "station", "harbour", "reservoir", "water", "forest", "moor", "prison",
                          "lake", "valley", "gulf", "bay", "peninsula", "province", "region", "county", "district",
                          "city", "strait", "canal", "desert", "coast", "heights", "hills", "road", "avenue",
                          "theatre", "theater", "arena"})
_PLACE_AFTER = frozenset({"region", "province", "city", "district", "county", "village", "town", "area",
                          "airport", "oblast", "enclave", "capital", "border", "suburb", "neighbourhood"})
_PLACE_BEFORE = frozenset({"city", "town", "village", "region", "province", "capital", "island", "port", "district",
                           "county", "republic", "state", "enclave", "suburb"})
_NOT_NAMES = _set("""monday tuesday wednesday thursday friday saturday sunday january february march april
june july august september october november december i god internet web christmas easter ramadan tv
ok god's english olympic olympics subs""")
_ACRONYM_STOP = _set("""TV CEO MP MPS MEP PM AM GDP OK DVD DVDS CD CDS PC PCS HIV AIDS DNA IT II III IV VI VII
VIII IX XI VAT GMT BST EST PST FM ID SMS PDF MRI AGM Q1 Q2 Q3 Q4 USB LCD MP3 RPG PS2 PS3 GPS CCTV PR IQ QC CBE OBE
MBE KC ET UTC R&B HDTV HD DVI HDMI DLP CGI PSP MW KW GW SE GT XP SP PDA PVR PVRS ISP ISPS URL HTML HTTP WWW RFID
LED OLED DSL ADSL API SDK VHS FX DS MMS GSM UMTS WAP P2P MPEG JPEG LSF RPGS NB AD BC FAQ HQ IPO PLC LTD INC CO OPS RAM CPU WWII WWI TB BBQ ASAP USD EUR GBP RSS SUV PHD MBA MA BA
DJ MC VIP NB PS CV IOU AI VR UFO XL XXL EP LP GB MB KB HD SD PPP HRH""")
_POST_NOMINALS = frozenset({"MP", "MEP", "QC", "KC", "OBE", "CBE", "MBE", "MSP", "AM", "PHD", "JR", "SR"})
_TITLES_UPPER = frozenset({"PM", "MP", "MEP", "QC"})
_EVENT_TAILS = frozenset({"war", "wars", "cup", "games", "olympics", "day", "prize", "prix", "awards", "award", "act", "bill",
                          "election", "slam", "used", "championship", "championships", "trophy", "open",
                          "festival", "summit", "conference", "run", "marathon", "memorial", "policy", "convention",
                          "treaty", "agreement", "paper", "plan", "budget", "series", "show", "tour"})
# "Six Nations", "Tri Nations": tournaments; any other "... Nations" is a body of them ("United Nations")
_NATIONS_EVENTS = frozenset({"six", "tri", "four", "five", "home", "african", "asian", "gold"})
_INSTITUTIONS = frozenset({"parliament", "commons", "treasury", "senate", "congress", "kremlin", "pentagon", "nato",
                           "interpol", "europol", "unesco", "unicef", "opec", "labour"})
_ORG_BEFORE = _set("""firm company group provider maker insurer broadcaster retailer giant operator carrier publisher
developer airline chain band label newspaper paper agency website magazine channel network studio manufacturer
supermarket brewer lender bank watchdog regulator charity consortium conglomerate outfit club start-up startup
analysts consultancy consultants pollster pollsters organisation organization association""")
# "chief executive of X", "analyst at X", "shares in X": a role in, or a stake in, an organisation (or a place)
_ROLE_IN = _set("""executive executives director directors chairman chairwoman head president founder boss
spokesman spokeswoman spokesperson analyst analysts economist economists shares stake owner owners staff employees
workers member members""")
_ROLE_LINK = frozenset({"of", "at", "with", "for", "in"})
# "Microsoft's keynote", "Tottenham's boss": what an organisation has, after its name's possessive
_ORG_HAS = _set("""boss manager coach chairman chairwoman shares profits profit sales revenues revenue board
directors players squad fans stadium keynote customers subscribers shareholders chief""")
# "the Tories", "Liberal Democrats": a party named by its members, the plural of its adjective
_PARTY_MEMBERS = _set("""tories conservatives democrats republicans socialists communists liberals greens
nationalists unionists""")
# Papers named by one word after "The" ("The Times"); any other such word alone is not a name ("the Bank")
_PAPERS = _set("""times news post telegraph observer guardian independent mirror express herald gazette journal
tribune chronicle standard economist""")
# Words that name a kind of thing, not one thing: alone ("Party", "United", "City", "General"), never a name
# nor an alias. Institutions that are one of a kind ("Parliament", "Labour") and surnames ("Hunt") are left out.
_GENERIC = (_ORG_TAILS | _PLACE_TAILS | _ORG_HEADS | _EVENT_TAILS | _TITLE_MODIFIERS | _PAPERS
            | _set("radio sport sports nation nations people television ferries")) - _INSTITUTIONS - _set(
    "hunt lords commons congress senate")
# Words that end a club's name after its town ("Sheffield Wednesday", "Aston Villa", "Herne Hill Harriers",
# "Queens Park Rangers"); "United", "City", "Rovers" and the like are organisation or place tails above
_CLUB_TAILS = frozenset({"wednesday", "villa", "harriers", "rangers", "argyle", "orient", "thistle", "academical",
                         "academicals"})
# "North London", "Greater London": a part of a city, a place
_PARTS_OF = _set("north south east west central greater inner outer mid upper lower old new northern southern "
                 "eastern western downtown")
_AIRPORTS = frozenset({"heathrow", "gatwick", "stansted"})  # "London Heathrow": the place's airport
# After a name, a number that is no year ("Eric Clapton's 1991 hit"), score ("6-3"), minute ("(82)") or time
# ("10:30"): the number is the name's last word ("Ege Haber 24", "Super Mario 64", "Billboard Hot 100"): a
# title or an outlet, no person's name
_NOT_NUMBER_NAME = frozenset({"-", "–", ")", ":", "/", ".", "'"})
_AFTER_SKIP = frozenset({",", "has", "had", "have", "also", "later", "then", "previously", "earlier", "once",
                         "recently", "reportedly", "quickly", "himself", "herself", "is", "was"})


def is_generic(word: str) -> bool:
    """Whether one word names a kind of thing rather than one thing ("Party", "Radio", "Mobile", "Life"): a
    generic word of names or one of the commonest English words."""
    return word.lower() in _GENERIC or _common(word)


def _title_follows(low: list[str], k: int) -> bool:
    """Whether a title comes next, after any more modifiers ("Deputy Prime Minister")."""
    while k < len(low) and low[k] in _TITLE_MODIFIERS and low[k] not in _TITLES:
        k += 1
    return k < len(low) and low[k] in _TITLES


def _surname_shaped(word: str) -> bool:
    """A word that can only be a surname here: capitalised, no everyday word, place, nationality or name word."""
    low = word.lower()
    return (word[:1].isupper() and word[1:].islower() and not _common(word) and not gazetteer.strength(word)
            and not gazetteer.is_demonym(word) and low not in _GENERIC and low not in _TITLES)


# Everyday words that are given names too, which the given names' list leaves out as words ("Will Greenwood",
# "Miles Shipside", "Delta Goodrem")
_EVERYDAY_GIVEN = frozenset({"will", "miles", "delta", "des", "les"})
# Adjectives of a party, not a nationality: "Tory" before a name is never its given name ("Tory Parliamentary")
_PARTY_ADJECTIVES = _set("tory conservative liberal democrat republican socialist communist labour")


def _everyday_head(word: str) -> bool:
    """Whether a name's first word is an everyday English word that is no given name ("Golden", "Finding",
    "Writer"; not "Ed" or "Al", two letters, nor "Will" or "Des", names the given names' list leaves out as words)."""
    low = word.lower()
    return (len(word) > 2 and _common(word) and low not in _EVERYDAY_GIVEN and gazetteer.fold(word) not in GIVEN_NAMES
            and not gazetteer.strength(word))


def _given_before_surname(words: tuple[str, ...], k: int) -> bool:
    """Whether words[k], a nationality that is also a given name ("Roman", "Christian", "German"), is a given
    name: the run's last word but one, before a surname ("Roman Abramovich", "Christian Slater"; not "German
    Chancellor", "Christian Aid", "Roman Catholic")."""
    return (k == len(words) - 2 and gazetteer.fold(words[k]) in GIVEN_NAMES and words[k].lower() not in _PARTY_ADJECTIVES
            and _surname_shaped(words[k + 1]) and not gazetteer.is_demonym(words[k + 1].removesuffix("s")))


def _org_run_follows(toks: list[str], j: int) -> bool:
    """Whether a capitalised word follows "&" ("Ernst & Young", "Diageo Chateau & Estate Wines")."""
    return j < len(toks) and _is_cap(toks[j]) and toks[j][0].isalpha()


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """The commonest English words (lower case), from wordsegment's word counts (a dependency already)."""
    import wordsegment

    words = set()
    with open(Path(wordsegment.__file__).with_name("unigrams.txt"), encoding="utf-8") as f:
        for line in f:
            word, _, count = line.partition("\t")
            if float(count) < COMMON_COUNT:
                break  # the file is in order, commonest first
            words.add(word)
    return frozenset(words)


@lru_cache(maxsize=100_000)
def _common(word: str) -> bool:
    return word.lower() in _common_words()


def _is_cap(word: str) -> bool:
    """A word that can be part of a name: capitalised, and not "Russian-led" or "World War I-era"."""
    if not word[:1].isupper():
        return False
    if "-" in word:
        return not word.rsplit("-", 1)[1][:1].islower()
    return True


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()


def _shouting(word: str) -> bool:
    return len(word) > 6 and word.isupper()


def _base(word: str) -> tuple[str, bool]:
    """The word without a possessive ending, and whether it had one."""
    if word.endswith(("'s", "’s")):
        return word[:-2], True
    if word.endswith(("'", "’")):
        return word[:-1], True
    return word, False


# token -> `_base(token)` if it can be part of a name (capitalised, starting with a letter), else (): asked for
# every capitalised token and the word after each run, and a collection repeats most of them ("Mr", "Blair")
_NAME_WORDS: dict[str, tuple[str, bool] | tuple[()]] = {}
_NAME_WORDS_MAX = 200_000


def _name_word(token: str) -> tuple[str, bool] | tuple[()]:
    if len(_NAME_WORDS) >= _NAME_WORDS_MAX:
        _NAME_WORDS.clear()
    found = _NAME_WORDS[token] = _base(token) if _is_cap(token) and token[0].isalpha() else ()
    return found


class BuiltinExtractor:
    """Capitalised runs and their cues (see the module docstring); needs no model, a few ms an article."""

    name = "built-in"
    version = VERSION

    def extract(self, text: ArticleText) -> list[Mention]:
        found: dict[str, Mention] = {}
        for para in text.paragraphs:
            self._scan(para, found, caption=False)
        for caption in text.captions:
            self._scan(caption, found, caption=True)
        return list(found.values())

    # --- one paragraph ---------------------------------------------------------------------------

    def _scan(self, para: str, found: dict[str, Mention], caption: bool) -> None:
        toks = _TOKEN.findall(para)
        if not toks:
            return
        n = len(toks)
        known = _NAME_WORDS.get
        after = 0  # where the last name ended
        owner_end = -1  # where the last run that was a person's possessive ("Cherie Blair's") ended
        # only capitalised words can start a name: most words are skipped in this one comprehension
        for i in [k for k, t in enumerate(toks) if t[0].isupper()]:
            if i < after:
                continue
            t = toks[i]
            word = known(t)
            if word is None:
                word = _name_word(t)
            if not word:
                continue
            start = i
            words: list[str] = []
            possessive = False
            j = i
            while j < n:
                t = toks[j]
                word = known(t)
                if word is None:
                    word = _name_word(t)
                if word:
                    base, possessive = word
                    words.append(base)
                    j += 1
                    if possessive:
                        break
                    continue
                # "Ernst & Young", "Marks & Spencer": "&" only inside an organisation's name
                if words and t == "&" and _org_run_follows(toks, j + 1):
                    words.append(t)
                    j += 1
                    continue
                # "Bank of England", "Ministry of the Interior": a connector only between capitalised words
                if (words and t.lower() in _CONNECT and j + 1 < n and _is_cap(toks[j + 1]) and toks[j + 1][0].isalpha()
                        and not _is_acronym(toks[j + 1])):  # "Forces of CSTO member states": two names
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
                continue  # a photo credit ("Photolure / TASS")
            owned = start == owner_end
            if possessive and words:
                # "Cherie Blair's Matrix Chambers", not "Aston Villa's Thomas Hitzlsperger"
                shape = _shape(tuple(words))
                owner_end = j if shape.person_shape and not shape.place_named else -1
            self._span(words, prev, prev2, nxt, nxt2, possessive, found, tuple(toks[j + 2:j + 5]), owned)

    def _span(self, words: list[str], prev: str, prev2: str, nxt: str, nxt2: str, possessive: bool,
              found: dict[str, Mention], more: tuple[str, ...] = (), owned: bool = False) -> None:
        """Record the name a run of capitalised words holds, with the votes of the words around it; `owned`:
        it follows a person's possessive ("Cherie Blair's Matrix Chambers"), what a person has, not a person."""
        s = _shape(tuple(words))
        for w in s.stripped:  # function words cut off the front: the word before the name is the last of them
            prev, prev2 = w, prev
        if s.glued and not prev[:1].isalnum():
            # "Writer Tony Cowell said", "Star Christina Applegate, 33, ...": opening a sentence, not a name's part
            self._span(words[1:], prev, prev2, nxt, nxt2, possessive, found, more, owned)
            return
        if s.fixed is not None:
            kind, name = s.fixed
            self._add(found, name).vote(kind, 3.0)
            return
        if s.event_acronym:
            self._add(found, s.event_acronym).vote("org", 2.0)  # "IAAF Indoor Grand Prix": who holds it
            return
        if s.lead_place:
            self._add(found, s.lead_place).vote("place", 3.0)
        if s.split_at is not None:
            # "Labour MP for Birkenhead", "Ajax Coach Ronald Koeman": an affiliation, then a title and more
            at, ws = s.split_at, list(s.words)
            self._span(ws[:at], prev, prev2, ws[at], ws[at + 1] if at + 1 < len(ws) else "", False, found)
            self._span(ws[at:], ws[at - 1], prev, nxt, nxt2, possessive, found, more)
            return
        if s.connector:
            prev = "of"  # "MP for Birkenhead": what follows the title is where or what, not who
        if not s.name:
            return
        pl, nl, n2l = prev.lower(), nxt.lower(), nxt2.lower()
        if s.acronym:
            m = self._add(found, s.acronym)
            if s.acronym_place:
                m.vote("place", 3.0)
            elif s.acronym_title and nl[:1].isupper():
                return
            else:
                m.vote("org", 2.0)
            return

        # the cues vote straight into the article's mention of the name (each weight a multiple of 0.25, so
        # the sums are exact in whatever order they are added)
        m = self._add(found, s.name)
        cued = bool(s.votes or s.hints)
        for kind, weight in s.votes:
            m.vote(kind, weight)
        for kind, weight, cue in s.hints:
            m.hint(kind, weight, cue)
        titled, place = s.titled, s.place
        if pl in _PERSON_BEFORE:
            m.vote("person", 2.0)
            cued = True
        if pl in _ORG_BEFORE and not place:
            m.vote("org", 2.0)  # "handset maker Ericsson", "satellite broadcaster BSkyB"
            cued = True
        if pl in _PLACE_BEFORE and prev2.lower() in ("of", "the") or (pl == "of" and prev2.lower() in _PLACE_BEFORE):
            m.vote("place", 2.0)
            cued = True
        if pl in ("in", "near", "from", "to", "at") and not titled:
            m.hint("place", 0.5, "in")
            cued = True
        if not possessive and not place and (nl in _ORG_AFTER or (nl in ("news",) and n2l == "agency")):
            m.vote("org", 2.0)
            cued = True
        if not possessive and (nl in _PLACE_AFTER or (nl in ("international", "main") and n2l in _PLACE_AFTER)):
            m.vote("place", 2.0)
            cued = True
        affiliation = not possessive and (nl in _TITLES or nl in ("spokesman", "spokeswoman", "spokesperson",
                                                                  "officials", "sources"))
        if affiliation:
            # "Kremlin spokesperson Dmitry Peskov", "Diageo North America president Ivan Menezes"
            m.vote("place" if place else "org", 1.0)
            cued = True
        said = not affiliation and (nl in _SAID or (nl in _AFTER_SKIP and n2l in _SAID) or pl in ("said", "says"))
        if said and pl != "the" and not owned:
            if s.place_named or s.word_named:  # "Munich Re said": a person only if seen alone ("Baros said")
                m.hint("person", 1.5, ALONE)
            else:
                m.vote("person", 0.75 if s.single else 1.5)
            cued = True
        if pl == "the" and not titled:
            m.hint("org", 0.75, "the")  # "the Kremlin said": an institution, not a person (once, however often)
            cued = True
        if s.acronym_inside and not titled:
            m.vote("org", 2.0)  # "BBC Radio", "UN Security Council"
            cued = True
        if not titled and not place:
            if not possessive and pl in _ROLE_LINK and prev2.lower() in _ROLE_IN and not (pl == "in" and prev2.lower() not in (
                    "shares", "stake")):
                m.vote("org", 1.5)  # "chief executive of X", "analysts with X", "shares in X"
                cued = True
            # "X said it would", "X said in a statement", "X, which employs": an "it", not a "he" or "she"
            if (nl in _SAID and (n2l == "it" or (n2l == "in" and more[:2] == ("a", "statement")))) or (
                    nl == "," and n2l == "which"):
                m.vote("org", 1.5)
                cued = True
        if possessive and not titled and (nl in _ORG_HAS or (gazetteer.is_demonym(nxt) and n2l in _ORG_HAS)):
            # "Tottenham's boss", "Sony's European president" ("Armenia's president": a place, by its gazetteer vote)
            m.vote("place" if place else "org", 1.0)
            cued = True
        number = nxt.rstrip(",.")  # "Ege Haber 24, shows": the tokens keep a number's comma
        numbered = not possessive and number.isdigit() and len(number) <= 3 and nxt2 not in _NOT_NUMBER_NAME
        if s.person_shape and not owned and not numbered:
            # "Hayk Konjoryan", "Margaret Thatcher": the shape of a name, unless every word is an everyday
            # English word ("White Paper", "Human Rights", "Million Dollar Baby"); headed by a place that is no
            # given name ("Sheffield Wednesday", "Sale Sharks"), only if its last word is seen alone as a name
            # ("Baros" for "Milan Baros": aliases.resolve_article)
            m.hint("person", 1.0, ALONE if s.place_named or s.word_named else "shape")
            cued = True
        if not cued and s.single:
            # A capitalised word with no cue (often one opening a sentence): kept so a surname can join its
            # full name; the resolver drops it when it joins nothing (it has no kind's votes).
            m.hint("?", 0.5, "?")
        m.titled = m.titled or titled
        m.first_named = m.first_named or s.first_named

    @staticmethod
    def _add(found: dict[str, Mention], name: str) -> Mention:
        key = gazetteer.fold(name)
        m = found.get(key)
        if m is None:
            m = found[key] = Mention(name)
        m.count += 1
        return m


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ costs four times as much, per distinct run
class _Shape:
    """What a run of capitalised words is, whatever surrounds it: worked out once per distinct run (a
    collection repeats most of them: "Mr Blair", "Tony Blair", "Armenia") and cached; never changed after."""

    stripped: tuple[str, ...] = ()  # function words cut off the front, lower case
    fixed: tuple[str, str] | None = None  # (kind, name) recorded whatever the context
    lead_place: str = ""  # "US" in "US Secretary of State …"
    split_at: int | None = None  # where an affiliation ends and a title begins, in `words`
    words: tuple[str, ...] = ()  # the run without the function words
    connector: bool = False  # "MP for Birkenhead"
    name: str = ""  # the name left after titles; "" when there is none
    titled: bool = False
    first_named: bool = False  # "Sir Menzies": a title used with the first name
    single: bool = False
    acronym: str = ""
    acronym_place: bool = False
    acronym_title: bool = False
    place: int = 0
    acronym_inside: bool = False
    person_shape: bool = False
    place_named: bool = False  # named after a place, not a given name: "Sheffield Wednesday", "Real Madrid"
    word_named: bool = False  # headed by an everyday word, not a given name: "Golden Globe", "Finding Neverland"
    glued: bool = False  # an everyday word before a full name ("Writer Tony Cowell"): cut when it opens a sentence
    event_acronym: str = ""  # "IAAF" of "IAAF Indoor Grand Prix"
    votes: tuple[tuple[str, float], ...] = ()  # cues inside the run itself
    hints: tuple[tuple[str, float, str], ...] = ()  # (kind, weight, cue)


@lru_cache(maxsize=200_000)
def _shape(words: tuple[str, ...]) -> _Shape:
    if any(_shouting(x) for x in words) or (len(words) > 1 and all(x.isupper() for x in words)):
        return _Shape()  # capitals: shouting, a credit or furniture, not a name
    stripped = []
    had_the = False
    while words and words[0].lower() in _FUNCTION:
        had_the = words[0].lower() == "the"
        stripped.append(words[0].lower())
        words = words[1:]
    if not words:
        return _Shape(tuple(stripped))
    whole = " ".join(words)
    if gazetteer.strength(whole) >= gazetteer.STRONG:
        return _Shape(tuple(stripped), ("place", whole))  # "Soviet Union", "South Africa": before any cutting
    low = [x.lower() for x in words]
    if low[-1] in _ORG_TAILS and (len(words) > 1 or (had_the and low[0] in _PAPERS)) and low[0] not in _HONORIFICS:
        # "… Ministry", "… Party"; and a paper's one-word name keeps its "The" ("The Times")
        return _Shape(tuple(stripped), ("org", whole if len(words) > 1 else "The " + whole))
    # titles and nationalities before a name: "Armenian Prime Minister", "US Secretary of State", "Mr"
    titled = False
    lead_place = ""
    k = 0
    while k < len(words) - 1:  # at least one word is left for the name
        lw = low[k]
        if lw in _OFFICES and k + 2 < len(words) and low[k + 1] == "of" and gazetteer.strength(words[k + 2]):
            # "(The) Archbishop of Canterbury", "HRH Duchess of Cornwall": the office is the name; what follows it
            # ("Archbishop of Canterbury Dr Rowan Williams") is a name of its own
            if k + 3 < len(words):
                return _Shape(tuple(stripped), lead_place=lead_place, split_at=k + 3, words=words)
            return _Shape(tuple(stripped), lead_place=lead_place, name=" ".join(words[k:k + 3]),
                          votes=(("person", 3.0),))
        if lw in _TITLES:
            titled = True
        elif ((lw in _TITLE_MODIFIERS and _title_follows(low, k + 1)) or (lw in ("of", "state") and titled)
              or (lw in _TITLE_AFTER and k > 0 and (low[k - 1] in _TITLES or low[k - 1] in _GENERAL_HEADS))
              or (lw in _GENERAL_HEADS and low[k + 1] == "general")
              or (gazetteer.is_demonym(words[k]) and low[-1] not in _PARTY_MEMBERS
                  and not _given_before_surname(words, k))):  # not "Liberal Democrats", "Roman Abramovich"
            pass  # "Prime (Minister)", "(Secretary) of State", "(Secretary) General", "Armenian": cut off the front
        elif k == 0 and gazetteer.strength(words[0]) >= gazetteer.STRONG and (
                low[1] in _TITLES or low[1] in _TITLE_MODIFIERS or len(words) >= 3):
            lead_place = words[0]  # "US Secretary of State …", "(Ambassador to) Moscow Vardan Toganyan"
        else:
            break
        k += 1
    if k == 0:
        # a title after "of" is part of the name: "Association of Chief Police Officers"
        at = next((t for t in range(1, len(words) - 1) if low[t - 1] not in _CONNECT and (
                   low[t] in _TITLES or (low[t] in _TITLE_MODIFIERS and _title_follows(low, t + 1)))), None)
        if at is not None:
            return _Shape(tuple(stripped), split_at=at, words=words)
    rest = words[k:]
    connector = False
    if titled and rest and rest[0].lower() in _CONNECT:
        rest = rest[1:]
        titled = False
        connector = True
    # "Frank Field MP", "John Smith QC": letters after a name are a title too
    while len(rest) > 1 and rest[-1].upper() in _POST_NOMINALS:
        rest = rest[:-1]
        titled = True
    base = _Shape(tuple(stripped), lead_place=lead_place, connector=connector)
    if not rest or (len(rest) == 1 and (rest[0].lower() in _TITLES or (
            titled and rest[0].lower() in _TITLE_AFTER))):  # "Princess Consort", "Queen Mother"
        return base
    if all(gazetteer.is_demonym(x) or x.lower() in _TITLES for x in rest):
        return base  # "Armenian", "Russian-Armenian": adjectives
    name = " ".join(rest)
    lname = name.lower()
    if rest[-1].lower() in _EVENT_TAILS or (
            rest[-1].lower() == "nations" and len(rest) > 1 and rest[-2].lower() in _NATIONS_EVENTS):
        # events, prizes and laws: none of the three kinds; an acronym heading one is who holds it ("FA Cup")
        acr = rest[0].replace(".", "") if len(rest) > 1 and _is_acronym(rest[0]) else ""
        if acr and acr.upper() not in _ACRONYM_STOP and not gazetteer.strength(acr):
            return _Shape(tuple(stripped), lead_place=lead_place, connector=connector, event_acronym=acr)
        return base
    if lname in _NOT_NAMES or (len(rest) == 1 and (lname in _FUNCTION or lname in _GENERIC)):
        return base
    if len(rest) == 1 and _is_acronym(rest[0]):
        acr = rest[0].replace(".", "")
        if acr.upper() in _ACRONYM_STOP:
            return base
        return _Shape(tuple(stripped), lead_place=lead_place, connector=connector, name=name, acronym=acr,
                      acronym_place=gazetteer.strength(acr) >= gazetteer.STRONG,
                      acronym_title=acr.upper() in _TITLES_UPPER)
    votes: list[tuple[str, float]] = []
    hints: list[tuple[str, float, str]] = []
    if titled:
        votes.append(("person", 3.0))
    place = gazetteer.strength(name)
    # a country in a run ("Diageo North America") is no name's part; a big city's name may be ("Charles Kennedy")
    any_place = any(gazetteer.is_region(x) for x in rest)
    if place >= gazetteer.STRONG:
        votes.append(("place", 3.0))
    elif place:
        hints.append(("place", 0.75, "gazetteer"))  # a smaller city or a province: needs a second cue ("in", "city of")
    if len(rest) == 2 and len(rest[0]) == 1 and rest[0].isupper() and not place:
        votes.append(("person", 1.5))  # "C Paterson": an initial and a surname, as in team sheets
    if rest[0].lower() in _ORG_HEADS and len(rest) > 1:
        votes.append(("org", 2.0))
    if len(rest) == 2 and rest[-1].lower() == "city" and not place and gazetteer.strength(rest[0]):
        votes.append(("org", 2.5))  # "Leicester City": a club named after its city ("Mexico City" is listed)
    elif rest[-1].lower() in _PLACE_TAILS and len(rest) > 1:
        votes.append(("place", 2.5))
    if rest[-1].lower() in _PARTY_MEMBERS:
        votes.append(("org", 2.0))  # "the Tories", "Liberal Democrats"
    if len(rest) > 1 and rest[-1].lower() in _CLUB_TAILS and not any(x.lower() in _CONNECT for x in rest):
        votes.append(("org", 2.5))  # "Sheffield Wednesday", "Aston Villa", "Belgrave Harriers"
    # a place first that is no given name: "Sheffield Wednesday", "Munich Re", not "Sofia Coppola"; a small
    # place's name heads a thing's name only before an everyday word ("Jupiter Research", "Guildford Four",
    # "Reservoir Dogs"), else it is more often a given name the list lacks ("Hayk Konjoryan")
    head, last = gazetteer.fold(rest[0]), gazetteer.fold(rest[-1])
    plural = len(last) > 3 and last.endswith("s") and not last.endswith("ss")
    singular = last[:-3] + "y" if last.endswith("ies") else last[:-1]
    strength = gazetteer.strength(head) if len(rest) in (2, 3) and not titled and not place else 0
    place_named = bool(strength) and head not in GIVEN_NAMES and (
        strength >= gazetteer.STRONG or last in _AIRPORTS or is_generic(last) or (plural and _common(singular)))
    # a city last after a word that is no given name: "Real Madrid", "Inter Milan", "Mitsubishi Tokyo", not
    # "Jack London" or "Charles Kennedy" (a given name last, too)
    city_tailed = (len(rest) == 2 and not titled and not place and rest[0][:1].isupper() and len(head) > 1
                   and head not in GIVEN_NAMES and head not in _PARTS_OF and last not in GIVEN_NAMES
                   and gazetteer.strength(last) >= gazetteer.STRONG and not gazetteer.is_region(last))
    if city_tailed and not place_named:
        hints.append(("org", 1.0, "club"))  # mostly clubs and firms ("Bayern Munich", "Sporting Lisbon")
    place_named = place_named or city_tailed
    if place_named:
        if last in _AIRPORTS:
            votes.append(("place", 2.5))  # "London Heathrow"
        elif plural and strength >= gazetteer.STRONG and not gazetteer.is_region(head) and (
                singular not in _EVENT_TAILS):
            # "Sale Sharks", "Leeds Rhinos", "Shanghai Breweries": a city's team or firm ("Tennessee Williams",
            # "San Andreas", "Reservoir Dogs" are not)
            hints.append(("org", 1.0, "club"))
    if len(rest) > 1 and rest[-1].lower() in ("north", "south", "east", "west", "central"):
        votes.append(("place", 1.0))  # "Brent South": a constituency or a region
    if len(rest) == 2 and rest[0].lower() in ("north", "south", "east", "west", "central") and gazetteer.strength(
            rest[1]):
        # "South Wales", "North Devon", "West Yorkshire": a part of a country, a county or a city, a place of its own
        votes.append(("place", 2.5))
    if len(rest) == 1 and lname in _INSTITUTIONS:
        votes.append(("org", 1.5))  # "Parliament", "the Treasury"
    shape = (len(rest) in (2, 3) and not place and not any_place
             and all(x[:1].isupper() and x[1:].islower() for x in rest)
             and not all(_common(x) for x in rest) and not any(x.lower() in _ORG_TAILS for x in rest)
             and not any(gazetteer.is_demonym(x) for x in rest[1:]) and rest[-1].lower() not in _CLUB_TAILS
             and (not gazetteer.is_demonym(rest[0]) or _given_before_surname(rest, 0)))  # "Roman Abramovich"
    # headed by an everyday word that is no given name: "Golden Globe", "Finding Neverland", "Sony Ericsson", "Pop
    # Idol" are a person's name only as "Will Greenwood" is, with its last word seen alone ("Greenwood")
    # "Writer Tony Cowell said", "Star Christina Applegate": an everyday word before a given name and a surname,
    # glued to them when it opens a sentence (_span); elsewhere ("at White Hart Lane", "All Black Aaron Mauger")
    # left as it was
    before_full = (len(rest) == 3 and _everyday_head(rest[0]) and gazetteer.fold(rest[1]) in GIVEN_NAMES
                   and rest[2][:1].isupper() and rest[2][1:].islower() and not _common(rest[2]))
    glued = before_full and k == 0 and not stripped
    word_named = shape and not titled and _everyday_head(rest[0]) and not before_full
    return _Shape(tuple(stripped), lead_place=lead_place, connector=connector, name=name, titled=titled, glued=glued,
                  first_named=titled and len(rest) == 1 and k > 0 and low[k - 1] in ("sir", "dame"),
                  single=len(rest) == 1, place=place, acronym_inside=len(rest) > 1 and any(_is_acronym(x) for x in rest),
                  person_shape=shape, place_named=place_named, word_named=word_named, votes=tuple(votes),
                  hints=tuple(hints))
