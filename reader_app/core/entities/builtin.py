"""The extractor every install has: capitalised runs of words, weighed by the words around them.

No model: a run of capitalised words ("Nikol Pashinyan", "Collective Security Treaty Organization") is a
candidate; the cues around it vote for a kind. A title before it ("Prime Minister", "Mr", "spokesman") or
"said" after it votes person; a last word like "Ministry", "Party", "Bank", or an acronym, votes
organisation; the gazetteer (core/entities/gazetteer.py) and words like "city of" or "region" vote place.
Titles and adjectives of nationality are cut off the front of a name, never kept in it. Runs next to a
slash ("EPA/EVGENIA NOVOZHENINA/TASS") are photo credits and skipped; a run of capitals is shouting, not a
name; a single capitalised word opening a sentence counts only with a cue of its own.
"""

from __future__ import annotations

import re

from reader_app.core.entities import gazetteer
from reader_app.core.entities.model import ArticleText, Mention

VERSION = "builtin-1"

def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_TOKEN = re.compile(r"[^\W\d_](?:[\w'’.&-]*\w)?|\d[\w,.]*|[^\w\s]")
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
nevertheless nonetheless elsewhere across around near""")

_TITLES = _set("""mr mrs ms miss dr sir dame lord lady baroness baron rev reverend president minister
chancellor secretary senator sen rep representative governor mayor judge justice king queen prince princess pope
ambassador gen colonel col captain capt commander marshal admiral lieutenant lt sergeant sgt professor
prof chairman chairwoman chief executive director spokesman spokeswoman spokesperson leader speaker coach manager
boss inspector detective officer superintendent archbishop bishop cardinal sheikh ayatollah emperor tsar premier
patriarch mp mep attorney solicitor founder co-founder envoy commissioner undersecretary under-secretary gov
supt insp det cllr councillor lawmaker striker midfielder defender goalkeeper winger skipper""")
# Words that make a title longer ("Foreign Secretary", "Prime Minister", "Deputy Chief Executive"): cut off
# only when a title follows them, so "Home Office" and "State Duma" stay whole.
_TITLE_MODIFIERS = _set("""prime vice deputy acting foreign home shadow health culture education trade transport
environment treasury interior justice economy finance defence defense state first chief executive
junior senior assistant associate former interim international regional party""")
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
hotspur dem dems""")
_ORG_HEADS = frozenset({"ministry", "department", "bank", "university", "court", "office", "council", "church",
                        "house", "institute", "royal", "national", "federal", "central", "european", "united",
                        "international", "world"})
_ORG_AFTER = frozenset({"party", "group", "company", "firm", "agency", "bank", "ministry", "council",
                        "newspaper", "channel", "network", "club", "team", "union", "organisation",
                        "organization", "alliance", "movement", "broadcaster", "website", "magazine", "label"})
_PLACE_TAILS = frozenset({"airport", "street", "square", "river", "mountains", "sea", "ocean", "island", "islands",
                          "lake", "valley", "gulf", "bay", "peninsula", "province", "region", "county", "district",
                          "city", "strait", "canal", "desert", "coast", "heights", "hills", "road", "avenue"})
_PLACE_AFTER = frozenset({"region", "province", "city", "district", "county", "village", "town", "area",
                          "airport", "oblast", "enclave", "capital", "border", "suburb", "neighbourhood"})
_PLACE_BEFORE = frozenset({"city", "town", "village", "region", "province", "capital", "island", "port", "district",
                           "county", "republic", "state", "enclave", "suburb"})
_NOT_NAMES = _set("""monday tuesday wednesday thursday friday saturday sunday january february march april
june july august september october november december i god internet web christmas easter ramadan tv
ok god's english olympic olympics subs""")
_ACRONYM_STOP = _set("""TV CEO MP MPS MEP PM AM GDP OK DVD DVDS CD CDS PC PCS HIV AIDS DNA IT II III IV VI VII
VIII IX XI VAT GMT BST EST PST FM ID SMS PDF MRI AGM Q1 Q2 Q3 Q4 USB LCD MP3 RPG PS2 PS3 GPS CCTV PR IQ QC CBE OBE
MBE KC ET UTC R&B AD BC FAQ HQ IPO PLC LTD INC CO OPS RAM CPU WWII WWI TB BBQ ASAP USD EUR GBP RSS SUV PHD MBA MA BA
DJ MC VIP NB PS CV IOU AI VR UFO XL XXL EP LP GB MB KB HD SD PPP""")
_AFTER_SKIP = frozenset({",", "has", "had", "have", "also", "later", "then", "previously", "earlier", "once",
                         "recently", "reportedly", "quickly", "himself", "herself", "is", "was"})


def _title_follows(low: list[str], k: int) -> bool:
    """Whether a title comes next, after any more modifiers ("Deputy Prime Minister")."""
    while k < len(low) and low[k] in _TITLE_MODIFIERS and low[k] not in _TITLES:
        k += 1
    return k < len(low) and low[k] in _TITLES


def _org_run_follows(toks: list[str], j: int) -> bool:
    """Whether capitalised words start at `j` and the last of them names an organisation ("Commission")."""
    last = None
    while j < len(toks) and _is_cap(toks[j]) and toks[j][0].isalpha():
        last = toks[j]
        j += 1
    return last is not None and last.lower() in _ORG_TAILS


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
        i = 0
        while i < n:
            w = toks[i]
            if not (_is_cap(w) and w[0].isalpha()):
                i += 1
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
                # "Securities and Exchange Commission", "Marks & Spencer": "and" only inside an organisation's name
                if words and t in ("and", "&") and _org_run_follows(toks, j + 1):
                    words.append(t)
                    j += 1
                    continue
                # "Bank of England", "Ministry of the Interior": a connector only between capitalised words
                if words and t.lower() in _CONNECT and j + 1 < n and _is_cap(toks[j + 1]) and toks[j + 1][0].isalpha():
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
            i = max(j, start + 1)
            if "/" in (prev, nxt) or any("/" in x for x in words):
                continue  # a photo credit ("Photolure / TASS")
            if sum(_shouting(x) for x in words) >= 1 or (len(words) > 1 and all(x.isupper() for x in words)):
                continue  # capitals: shouting, a credit or furniture, not a name
            self._span(words, prev, prev2, nxt, nxt2, possessive, found)

    def _span(self, words: list[str], prev: str, prev2: str, nxt: str, nxt2: str, possessive: bool,
              found: dict[str, Mention]) -> None:
        # function words opening a sentence ("The", "But", "Last") are not part of a name
        while words and words[0].lower() in _FUNCTION and words[0].lower() not in _HONORIFICS:
            words = words[1:]
            prev = "the"
        if not words:
            return
        low = [x.lower() for x in words]
        if words[-1].lower() in _ORG_TAILS and len(words) > 1 and low[0] not in _HONORIFICS and (
                gazetteer.strength(" ".join(words)) < gazetteer.STRONG):
            name = " ".join(words)
            self._add(found, name).vote("org", 3.0)
            return
        # titles and nationalities before a name: "Armenian Prime Minister", "US Secretary of State", "Mr"
        titled = False
        k = 0
        while k < len(words) - 1:  # at least one word is left for the name
            lw = low[k]
            if lw in _TITLES:
                titled = True
            elif ((lw in _TITLE_MODIFIERS and _title_follows(low, k + 1)) or (lw in ("of", "state") and titled)
                  or gazetteer.is_demonym(words[k])):
                pass  # "Prime (Minister)", "(Secretary) of State", "Armenian": cut off the front of a name
            elif k == 0 and gazetteer.strength(words[0]) >= gazetteer.STRONG and (
                    low[1] in _TITLES or low[1] in _TITLE_MODIFIERS or len(words) >= 3) and not gazetteer.strength(
                    " ".join(words[:2])):
                # "US Secretary of State …", "(Ambassador to) Moscow Vardan Toganyan": a place, then a name
                self._add(found, words[0]).vote("place", 3.0)
            else:
                break
            k += 1
        rest = words[k:]
        if not rest:
            return
        if len(rest) == 1 and rest[0].lower() in _TITLES:
            return
        if all(gazetteer.is_demonym(x) or x.lower() in _TITLES for x in rest):
            return  # "Armenian", "Russian-Armenian": adjectives
        name = " ".join(rest)
        lname = name.lower()
        if rest[-1].lower() in ("war", "wars", "cup", "games", "olympics", "day", "prize", "awards", "act", "bill",
                                "election", "nations", "slam", "used", "championship", "championships", "trophy"):
            return  # events, prizes and laws: none of the three kinds
        if lname in _NOT_NAMES or (len(rest) == 1 and rest[0].lower() in _FUNCTION):
            return
        if len(rest) == 1 and _is_acronym(rest[0]):
            acr = rest[0].replace(".", "")
            if acr in _ACRONYM_STOP:
                return
            m = self._add(found, acr)
            if gazetteer.strength(acr) >= gazetteer.STRONG:
                m.vote("place", 3.0)
            else:
                m.vote("org", 2.0)
            return

        m = Mention(name)
        votes = 0.0
        if titled:
            m.vote("person", 3.0)
            votes += 3
        place = gazetteer.strength(name)
        if place:
            m.vote("place", float(place))
            votes += place
        if rest[0].lower() in _ORG_HEADS and len(rest) > 1:
            m.vote("org", 2.0)
            votes += 2
        if rest[-1].lower() in _PLACE_TAILS and len(rest) > 1:
            m.vote("place", 2.5)
            votes += 2.5
        pl, nl, n2l = prev.lower(), nxt.lower(), nxt2.lower()
        if pl in _PERSON_BEFORE:
            m.vote("person", 2.0)
            votes += 2
        if pl in _PLACE_BEFORE and prev2.lower() in ("of", "the") or (pl == "of" and prev2.lower() in _PLACE_BEFORE):
            m.vote("place", 2.0)
            votes += 2
        if pl in ("in", "near", "from", "to") and not titled:
            m.vote("place", 0.5)
            votes += 0.5
        if not possessive and (nl in _ORG_AFTER or (nl in ("news",) and n2l == "agency")):
            m.vote("org", 2.0)
            votes += 2
        if not possessive and nl in _PLACE_AFTER:
            m.vote("place", 2.0)
            votes += 2
        said = nl in _SAID or (nl in _AFTER_SKIP and n2l in _SAID) or pl in ("said", "says")
        if said and pl != "the":
            m.vote("person", 1.5 if len(rest) > 1 else 0.75)
            votes += 1
        if pl == "the" and not titled:
            m.vote("org", 0.75)  # "the Kremlin said": the article makes it an institution, not a person
            votes += 0.75
        if len(rest) > 1 and any(_is_acronym(x) for x in rest) and not titled:
            m.vote("org", 2.0)  # "BBC Radio", "UN Security Council"
            votes += 2
        if len(rest) in (2, 3) and not place and all(x[:1].isupper() and x[1:].islower() for x in rest):
            m.vote("person", 0.5)  # "Hayk Konjoryan": the shape of a name; other cues decide
            votes += 0.5
        if not votes and len(rest) == 1:
            # A capitalised word with no cue (often one opening a sentence): kept so a surname can join its
            # full name; the resolver drops it when it joins nothing (it has no kind's votes).
            m.vote("?", 0.5)
        target = self._add(found, name)
        for kind, weight in m.votes.items():
            target.vote(kind, weight)
        target.titled = target.titled or titled

    @staticmethod
    def _add(found: dict[str, Mention], name: str) -> Mention:
        key = gazetteer.fold(name)
        m = found.get(key)
        if m is None:
            m = found[key] = Mention(name)
        m.count += 1
        return m
