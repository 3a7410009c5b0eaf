"""Naming the publication behind a clipping from its URL's domain or its own branding.

A short table covers outlets whose names cannot be read off their domains (bbc.co.uk, rferl.org);
other domains are split into words ("themoscowtimes" -> "The Moscow Times") and, where the clipping
itself spells the name, its own capitalisation is used.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

KNOWN_OUTLETS: dict[str, str] = {
    "bbc.co.uk": "BBC News", "bbc.com": "BBC News", "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post", "wsj.com": "The Wall Street Journal",
    "theguardian.com": "The Guardian", "guardian.co.uk": "The Guardian", "ft.com": "Financial Times",
    "reuters.com": "Reuters", "apnews.com": "AP News", "afp.com": "AFP", "aljazeera.com": "Al Jazeera",
    "rferl.org": "Radio Free Europe/Radio Liberty", "azatutyun.am": "Azatutyun", "cnn.com": "CNN",
    "npr.org": "NPR", "politico.com": "Politico", "politico.eu": "Politico Europe",
    "economist.com": "The Economist", "bloomberg.com": "Bloomberg", "dw.com": "Deutsche Welle",
    "france24.com": "France 24", "euronews.com": "Euronews", "tass.com": "TASS", "tass.ru": "TASS",
    "meduza.io": "Meduza", "novayagazeta.eu": "Novaya Gazeta Europe", "eurasianet.org": "Eurasianet",
    "news.am": "News.am", "armenpress.am": "Armenpress", "apa.az": "APA", "azernews.az": "AzerNews",
    "civilnet.am": "CivilNet", "oc-media.org": "OC Media", "jamnews.net": "JAMnews",
    "kyivindependent.com": "The Kyiv Independent",
    "nbcnews.com": "NBC News", "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News", "foxnews.com": "Fox News", "latimes.com": "Los Angeles Times",
    "independent.co.uk": "The Independent", "telegraph.co.uk": "The Telegraph", "thetimes.co.uk": "The Times",
    "lemonde.fr": "Le Monde", "spiegel.de": "Der Spiegel", "theatlantic.com": "The Atlantic",
    "newyorker.com": "The New Yorker", "axios.com": "Axios", "vox.com": "Vox", "time.com": "Time",
}

_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "news"}
_SMALL_WORDS = {"the", "of", "and", "in", "on", "for", "a", "at"}


def domain_of(url: str) -> str | None:
    try:
        host = urlsplit(url if "://" in url else "http://" + url).hostname or ""
    except ValueError:
        return None
    host = host.lower().strip(".")
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host or None


def _registered_label(domain: str) -> str:
    parts = domain.split(".")
    if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL and len(parts[-1]) == 2:
        return parts[-3]
    return parts[-2] if len(parts) >= 2 else parts[0]


@lru_cache(maxsize=1)
def _segmenter():
    import wordsegment

    segmenter = wordsegment.Segmenter()  # our own, not the module's shared one, so forget_segmenter can drop it
    segmenter.load()
    return segmenter


def forget_segmenter() -> None:
    """Let go of the English word counts that split a domain into words (about 72 MB of Python objects, read
    again in 0.5 s when next needed). The first article parsed with its outlet taken from an unknown domain
    loads them; a process that keeps the library open (the window, whose sync parses the files that changed)
    would otherwise hold them for the rest of the session. Names already split stay cached."""
    _segmenter.cache_clear()


# Loading wordsegment's counts (620,000 words and pairs) takes 0.4-0.5 s; a label needs the counts of its own
# substrings only, found by one pass of a regular expression over each file (about 0.1 s). The first few
# labels of a process are segmented so (a new library's seeds name one domain); after that, the whole model.
SCANS_BEFORE_LOADING = 3
SCANNED_LENGTH = 63  # letters: a domain's label at most; a longer one (a made-up URL) has too many substrings
_scans = 0


def _scanned_segmenter(label: str):
    """A wordsegment Segmenter holding only the counts `label`'s segmentation can look up (the same result
    as the whole model's: it scores prefixes of the label's suffixes, up to LIMIT letters, and pairs of them
    after "<s>" or each other), or None when this wordsegment is not the one this was written for."""
    import wordsegment

    cls = getattr(wordsegment, "Segmenter", None)
    if cls is None or not all(hasattr(cls, a) for a in ("TOTAL", "LIMIT", "UNIGRAMS_FILENAME", "BIGRAMS_FILENAME")):
        return None
    limit = cls.LIMIT
    pieces = {label[i:j] for i in range(len(label)) for j in range(i + 1, min(len(label), i + limit) + 1)}
    piece = _trie_pattern(pieces)
    try:
        with open(cls.UNIGRAMS_FILENAME, encoding="utf-8") as fh:
            unigrams = {w: float(n) for w, n in re.findall(rf"^({piece})\t(\d+)$", fh.read(), re.M)}
        with open(cls.BIGRAMS_FILENAME, encoding="utf-8") as fh:
            bigrams = {w: float(n) for w, n in re.findall(rf"^((?:<s>|{piece}) {piece})\t(\d+)$", fh.read(), re.M)}
    except (OSError, UnicodeDecodeError):
        return None
    segmenter = cls()
    segmenter.total, segmenter.limit = cls.TOTAL, limit
    segmenter.unigrams.update(unigrams)
    segmenter.bigrams.update(bigrams)
    return segmenter


def _trie_pattern(words: set[str]) -> str:
    """A regular expression matching exactly `words` (of letters and digits), as a trie: at each position
    it branches on the next character, instead of trying every word in turn."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return body + "?" if len(branches) == 1 and len(branches[0]) == 1 else "(?:" + body + ")?"
        return body

    return pattern(trie)


@lru_cache(maxsize=512)
def _segment(label: str) -> tuple[str, ...]:
    global _scans
    segmenter = None
    if 0 < len(label) <= SCANNED_LENGTH and _segmenter.cache_info().currsize == 0 and _scans < SCANS_BEFORE_LOADING:
        _scans += 1
        segmenter = _scanned_segmenter(label)
    words = tuple((segmenter or _segmenter()).segment(label))
    # A split into many short fragments is a guess at a non-English name; keep the label whole.
    if len(words) > 4 or any(len(w) <= 2 and w not in _SMALL_WORDS for w in words):
        return (label,)
    return words


def outlet_from_domain(domain: str, text: str = "") -> str | None:
    """The publication's name for a domain, spelled as the clipping spells it where it does."""
    domain = domain.lower()
    for known, name in KNOWN_OUTLETS.items():
        if domain == known or domain.endswith("." + known):
            return name
    if ":" in domain:  # an IPv6 address
        return None
    label = _registered_label(domain)
    if label.startswith("xn--"):  # an internationalised name, as the web spells it in ASCII ("münchen")
        try:
            label = label.encode("ascii").decode("idna").lower()
        except UnicodeError:
            return None
        return label.capitalize() if label.isalnum() else None
    if not label or label.isdigit():
        return None
    words = _segment(re.sub(r"[^a-z0-9]", "", label)) if "-" not in label else tuple(w for w in label.split("-") if w)
    if not words:
        return None
    if text:
        pattern = r"\b" + r"\s*".join(re.escape(w) for w in words) + r"\b"
        for m in re.finditer(pattern, text, re.I):
            found = m.group(0)
            if found[:1].isupper() and found != found.lower():
                return found
    return " ".join(
        w if (i and w in _SMALL_WORDS) else (w.upper() if len(w) <= 3 and w not in _SMALL_WORDS else w.capitalize())
        for i, w in enumerate(words)
    )
