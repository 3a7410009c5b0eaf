"""Synonyms from WordNet, for the words a person typed in other words than the article's ("film" for "movie").

The table (synonyms.tsv.gz beside this module, 0.2 MB: 21,201 stems) was derived once from WordNet 3.0 by
benchmarks/make_synonyms.py: for each word, the other single-word lemmas of its most frequent senses that are
among their own most frequent too, Porter-stemmed as the index stems, both ways. WordNet's licence is in WORDNET-LICENSE beside it. The gist
ranking (core/search/gist.py) lets an article holding a synonym of one of the rarest typed words cover part of
that word, as it does with the library's own associates. The table is read once per process, on the first gist
search (in the search worker), and each line is split only when its word is asked. Nothing is downloaded; a
missing or damaged file means no synonyms, never an error.
"""

from __future__ import annotations

import gzip
import logging
import threading
import zlib
from pathlib import Path

TABLE = Path(__file__).with_name("synonyms.tsv.gz")

_log = logging.getLogger(__name__)
_lock = threading.Lock()
_lines: dict[str, str] | None = None  # stem -> its synonyms as written (split when asked)
_read_from: Path | None = None
_split: dict[str, tuple[str, ...]] = {}


def _read(path: Path) -> dict[str, str]:
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, ValueError) as e:
        if path.exists():
            _log.warning("synonym table %s unreadable, searching without synonyms: %s", path, e)
        return {}
    lines: dict[str, str] = {}
    for line in text.splitlines():
        stem, tab, rest = line.partition("\t")
        if tab and stem and rest:
            lines[stem] = rest
    return lines


def synonyms(stem: str) -> tuple[str, ...]:
    """The stemmed synonyms of a stemmed word, its commoner senses' first; none when the table is missing."""
    global _lines, _read_from
    lines = _lines
    if lines is None or _read_from != TABLE:  # (a tuning run may point TABLE at another file)
        with _lock:
            if _lines is None or _read_from != TABLE:
                _split.clear()
                _lines, _read_from = _read(TABLE), TABLE
            lines = _lines
    found = _split.get(stem)
    if found is None:
        line = lines.get(stem)
        if line is None:
            return ()
        found = _split[stem] = tuple(line.split())
    return found


def reset() -> None:
    """Forget the table read: the next look-up reads it again (tests)."""
    global _lines, _read_from
    with _lock:
        _lines = _read_from = None
        _split.clear()
