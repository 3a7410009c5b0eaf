"""Bytes to text: byte-order marks, strict UTF-8, then a detector restricted to plausible legacy code pages.

An unrestricted detector misreads short texts (a Russian headline comes back as Greek or Mac Cyrillic), so
only the code pages a news clipping is likely to be in are tried, and each decoding is scored for how
plausible its letters are: common letters of one script score, mixed-script words, case flips inside
words, stray symbols and control characters cost. Ties go to the earlier code page in the list, so a
text whose bytes read the same in latin-1 and cp1252 is recorded as latin-1 (the smaller claim), and
punctuation alone reads as Western.
"""

from __future__ import annotations

import codecs
import math
import re
import unicodedata

# (mark, codec, name recorded). The UTF-32 marks come first: a UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"), (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
]

# Plausible single-byte code pages for news text, in order of preference when two read equally well.
LEGACY_ENCODINGS = ["latin_1", "cp1252", "cp1251", "koi8_r", "iso8859_15", "cp1250", "iso8859_2", "cp1253"]

# Relative frequency (%) of Russian letters; their logarithm rewards common letters and penalises rare ones,
# which is what tells cp1251 from koi8-r (the same letters, permuted).
_RU_FREQ = dict(zip(
    "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё",
    [10.97, 8.45, 8.01, 7.35, 6.70, 6.26, 5.47, 4.73, 4.54, 4.40, 3.49, 3.21, 2.98, 2.81, 2.62, 2.01, 1.90,
     1.74, 1.70, 1.65, 1.59, 1.44, 1.21, 0.97, 0.94, 0.73, 0.64, 0.48, 0.36, 0.32, 0.26, 0.04, 0.04],
))
_CYR_OTHER = set("іїєґўј")  # Ukrainian, Belarusian, Serbian letters in cp1251: plausible, not common
# Accented letters of western European languages, weighted by how often they turn up in news text.
_LATIN_WEIGHT = {
    **dict.fromkeys("é", 2.0), **dict.fromkeys("èàçüöäßñáíóú", 1.5), **dict.fromkeys("âêîôûëïãõåøæœ", 1.0),
    **dict.fromkeys("šžčřěůýłąęśźżőűń", 0.5),
}
_PUNCT = set("“”‘’„‚–—…€«»°£¥§©®·•×½¼¾¹²³±µ¢†‡‰′″¿¡™ ")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_CONTROL_OK = set("\t\n\r\f\v")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")  # below a space, apart from those above
_ESCAPED = re.compile("[\udc80-\udcff]")
STRAY_SHARE = 50  # at most one bad byte in this many for a text no code page reads to pass as UTF-8


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept; str() is a one-line reason."""


def _script(ch: str) -> str:
    o = ord(ch)
    if o < 0x250:
        return "latin"
    if 0x370 <= o < 0x400:
        return "greek"
    if 0x400 <= o < 0x530:
        return "cyrillic"
    return "other"


def plausibility(text: str) -> float:
    """How much the non-ASCII part of `text` looks like real writing; higher is better."""
    score = 0.0
    for ch in text:
        if ch < "\x80":
            if ch < " " and ch not in _CONTROL_OK or ch == "\x7f":
                score -= 10
            continue
        if ch.isalpha():
            low = ch.lower()
            if low in _RU_FREQ:
                score += math.log(_RU_FREQ[low])
            elif low in _CYR_OTHER:
                score += 0.5
            elif low in _LATIN_WEIGHT:
                score += _LATIN_WEIGHT[low]
            elif _script(ch) == "greek":
                score += 1.0
            else:
                score -= 1.5
        elif ch in _PUNCT:
            score += 1.0
        elif ord(ch) < 0xA0:
            score -= 10  # C1 control characters: latin-1 reading cp1252 punctuation
        else:
            score -= 2.5  # stray symbols (¤ ¦ ¨ ¬, box drawing) are what misreadings produce
    for word in _LETTER_RUN.findall(text):
        if word.isascii():
            continue
        scripts = {_script(c) for c in word}
        if len(scripts) > 1:
            score -= 6 * len(word) ** 0.5  # "cafй": a Latin word with a Cyrillic letter in it
            continue
        if "latin" in scripts and len(word) >= 3 and sum(c >= "\x80" for c in word) * 5 >= 4 * len(word):
            score -= 3 * len(word)  # "Ïðèâåò": whole words of accented letters are Cyrillic misread
        flips = sum(1 for a, b in zip(word, word[1:]) if a.islower() and b.isupper())
        score -= 4 * flips  # "пРИВЕТ": koi8-r read as cp1251 swaps the case of every letter
    return score


def detect_legacy(data: bytes) -> tuple[str, str]:
    """(text, encoding) for bytes that are not UTF-8: the most plausible of the legacy code pages."""
    best = _most_plausible(data, LEGACY_ENCODINGS)
    high = (len(data) - len(data.translate(None, _HIGH_BYTES))) or 1  # one C pass
    if best is None or best[0] / high < -1.0:
        raise DecodeError("cannot decode the text (no known encoding reads it as words)")
    return best[1], codecs.lookup(best[2]).name


def _most_plausible(data: bytes, names: list[str]) -> tuple[float, str, str] | None:
    """(plausibility, text, encoding) of the reading of `data` that reads most like words among these code
    pages (the earlier one on a tie); None when none decodes it."""
    best: tuple[float, str, str] | None = None
    for name in names:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        if best is None or score > best[0]:
            best = (score, text, name)
    return best


WESTERN_ENCODINGS = ["latin_1", "cp1252", "iso8859_15"]
NEAR_ASCII = 10  # a file with at most one byte beyond ASCII in this many is mostly ASCII


def _plausible_letter(ch: str) -> bool:
    low = ch.lower()
    return low in _RU_FREQ or low in _CYR_OTHER or low in _LATIN_WEIGHT or _script(ch) == "greek"


def reads_as_words(text: str) -> bool:
    """Whether `text` has words written in letters beyond ASCII: one of three or more such letters only
    ("Путин"), or two words with two or more each ("Wałęsa", "się", "może"), all of them ordinary letters of
    a language. Any text in a non-Western code page has them; a few stray bytes in an English text hardly
    ever make them (two adjacent ones glued to a word, "twoźě", make one word of the second kind)."""
    mixed = 0
    for word in _LETTER_RUN.findall(text):
        beyond = [c for c in word if c >= "\x80"]
        if len(beyond) < 2 or not all(_plausible_letter(c) for c in beyond):
            continue
        if len(beyond) == len(word) >= 3:
            return True
        mixed += 1
        if mixed >= 2:
            return True
    return False


_WESTERN_NAMES = {codecs.lookup(name).name for name in WESTERN_ENCODINGS}
_HIGH_BYTES = bytes(range(0x80, 0x100))


def _western_or_replaced(data: bytes) -> tuple[str, str, int]:
    """A mostly-ASCII text with a few stray bytes: read as the Western code page that reads them best when
    that reading is plausible (curly quotes, dashes, accented letters), else as UTF-8 with the bytes replaced
    (and counted, so that the import says so)."""
    best = _most_plausible(data, WESTERN_ENCODINGS)
    if best is not None and best[0] > 0:
        return best[1], codecs.lookup(best[2]).name, 0
    text, bad, _ = _lenient_utf8(data)
    return text, "utf-8", bad


def _lenient_utf8(data: bytes) -> tuple[str, int, int]:
    """(text with undecodable bytes as U+FFFD, how many bytes were replaced, how many characters beyond
    ASCII decoded well into punctuation or a letter of a language: "’" or "é", not the "ɔ" that a Windows-1252
    "É”" happens to form)."""
    text = data.decode("utf-8", "surrogateescape")  # each bad byte becomes one lone surrogate
    bad = len(_ESCAPED.findall(text))
    good = sum(1 for ch in text if ch >= "\x80" and (ch in _PUNCT or _plausible_letter(ch)))
    return _ESCAPED.sub("\ufffd", text), bad, good


def decode_replacing(data: bytes) -> tuple[str, str, int]:
    """(text, encoding name, bytes replaced). BOMs first, then UTF-8, then the restricted legacy detector.

    A UTF-8 text with a few stray bytes (a damaged download, a bad paste) is read as editors read it: the
    bad bytes become U+FFFD and their number is returned, so the caller can say so. It counts as UTF-8 when
    its good multi-byte characters (punctuation or letters) are at least as many as the bad bytes (a legacy
    code page hardly ever forms one: "naïve café" in Windows-1252 forms none), or, when no code page reads it
    as words either, when the bad bytes are a tiny share of the file."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name, 0
            except UnicodeDecodeError:
                if codec == "utf-8-sig":
                    text, bad, good = _lenient_utf8(data[len(bom):])
                    if bad * STRAY_SHARE <= len(data):
                        return text, name, bad
                raise DecodeError(f"cannot decode: the file starts with a {name} mark but is not {name}")
    sample = data[:8192]
    if b"\x00" in sample:
        unmarked = _utf16_without_mark(data)
        if unmarked is None:
            raise DecodeError("binary file, not text")
        return unmarked[0], unmarked[1], 0
    replaced = 0
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, replaced, good = _lenient_utf8(data)
        encoding = "utf-8"
        if good < replaced or not good:
            try:
                text, encoding = detect_legacy(data)
                replaced = 0
            except DecodeError:
                if replaced * STRAY_SHARE > len(data):
                    raise
            else:
                high = len(data) - len(data.translate(None, _HIGH_BYTES))
                if (encoding not in _WESTERN_NAMES and high * NEAR_ASCII <= len(data)
                        and not reads_as_words(text)):
                    # A few stray bytes in an ASCII text: a Cyrillic or Greek reading of them ("€" from
                    # cp1251, "²" from KOI8-R) only looks plausible for want of words to judge by.
                    text, encoding, replaced = _western_or_replaced(data)
    controls = len(_CONTROLS.findall(text, 0, 8192))
    if controls * 50 > min(len(text), 8192):
        raise DecodeError("binary file, not text")
    return text, encoding, replaced


def _utf16_without_mark(data: bytes) -> tuple[str, str] | None:
    """(text, encoding name) of a UTF-16 file saved without its byte-order mark (some Windows tools do), or None.

    Each byte order that decodes the whole file is judged as writing (`_reads_as_utf16_text`): a binary file's
    pairs read as characters land on unassigned code points, symbols and controls. When both pass, the order
    putting the zero bytes on the high side wins (the spaces, newlines, digits and ASCII punctuation of any
    script's text in UTF-16 have a zero high byte)."""
    sample = data[:8192]
    pairs = len(sample) // 2
    if pairs < 4 or len(data) % 2:
        return None
    low, high = sample[0:2 * pairs:2].count(0), sample[1:2 * pairs:2].count(0)
    orders = [("utf-16-le", high), ("utf-16-be", low)]
    orders.sort(key=lambda o: -o[1])
    for codec, _zeros in orders:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _reads_as_utf16_text(text):
            return text, codec
    return None


def _reads_as_utf16_text(text: str) -> bool:
    """Whether the opening of `text` reads as writing: mostly letters, broken into words or phrases by spaces,
    line breaks or punctuation, hardly any symbols, no unassigned or private code points, few controls (a
    binary file decoded as UTF-16 fails at least one: its pairs of bytes land anywhere, or on one run of
    letters with no break, as a sensor's readings do)."""
    sample = text[:4096]
    letters = symbols = bad = breaks = other = 0
    for ch in sample:
        cat = unicodedata.category(ch)
        if cat[0] == "L":
            letters += 1
        elif cat[0] == "S":
            symbols += 1
        elif cat[0] == "Z" or ch in _CONTROL_OK:
            breaks += 1
        elif cat[0] == "P":
            breaks += 1
            other += 1
        elif cat in ("Cn", "Co", "Cs", "Cc"):
            bad += 1
        else:
            other += 1
    printed = letters + symbols + other + bad
    return (printed > 0 and bad * 200 <= len(sample) and symbols * 20 <= printed and letters * 2 >= printed
            and breaks * 50 >= len(sample))


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name): see decode_replacing."""
    text, encoding, _ = decode_replacing(data)
    return text, encoding


def replaced_warning(count: int) -> str:
    """The import report's line for a file read with `count` bytes replaced."""
    return (f"{count} byte could not be decoded as UTF-8 and was replaced" if count == 1 else
            f"{count} bytes could not be decoded as UTF-8 and were replaced")


# Names people know the code pages by, keyed by the codec names recorded (codecs.lookup(...).name).
_READABLE = {"cp1251": "Windows-1251", "cp1252": "Windows-1252", "cp1250": "Windows-1250", "cp1253": "Windows-1253",
             "koi8-r": "KOI8-R", "iso8859-1": "Latin-1", "iso8859-15": "ISO-8859-15", "iso8859-2": "ISO-8859-2",
             "utf-16-le": "UTF-16", "utf-16-be": "UTF-16", "utf-16": "UTF-16", "utf-32": "UTF-32"}


def encoding_note(encoding: str | None, declared: bool = False) -> str:
    """What the reader and `show` say of a file that was not UTF-8: 'Text in Windows-1251 (guessed: the file
    is not UTF-8)' for a code page detected from the bytes, 'Text in Windows-1251 (as the page declares)' for
    one a web page names in its <meta> charset, 'Text in UTF-16' for a file whose byte-order mark said so;
    '' for UTF-8."""
    if not encoding:
        return ""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        name = encoding
    if name in ("utf-8", "utf-8-sig"):
        return ""
    readable = _READABLE.get(name, encoding)
    if name.startswith("utf-"):
        return f"Text in {readable}"
    return f"Text in {readable} (as the page declares)" if declared else f"Text in {readable} (guessed: the file is not UTF-8)"
