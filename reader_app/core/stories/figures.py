"""Figures in a sentence: numbers with their unit ("6,000 people", "3,000 troops", "£1.2bn", "4.75%"),
never dates ("November 10, 2020", "in 1991"), times of day ("0950 GMT", "9.30am"), ordinals ("102nd") or
decades ("the 1990s").

Units that mean the same count are one kind: "6,000 people" and "6,500 lives" are both a toll of people,
"3,000 troops" and "3,000 soldiers" both a number of military personnel.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from reader_app.core.stories.text import STOPS, stem, word_set

_MONTHS = sorted(word_set("january february march april may june july august september october november december "
                          "jan feb mar apr jun jul aug sep sept oct nov dec"))
_NUMBER_WORDS = {w: n for n, w in enumerate(re.findall(r"\w+", (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty"))) if n >= 2}
_SCALE = {"thousand": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
KINDS = {
    "people": "people persons lives dead deaths victims civilians casualties residents inhabitants",
    "troops": "troops troop soldiers soldier servicemen personnel forces peacekeepers guards fighters",
}
_KIND_OF = {w: kind for kind, ws in KINDS.items() for w in ws.split()}
_SKIP = word_set("more than some about around nearly almost over under at least up to an estimated of the "
                 "additional extra other new russian armenian american british")

# A minus sign (hyphen, en dash or the minus character) only where no word or number ends just before it
# and the number follows it at once: "–5%", but not "2019-2021", "10-15", "COVID-19", nor the dash of
# "the rate - 67% - was" (punctuation). An exponent ("6.5e3") is part of the number.
NUMBER = re.compile(
    r"(?:(?<![\w.,%\-–−])(?P<sign>[-–−])(?=[$£€]?\d))?"
    r"(?P<cur>[$£€])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:e[+-]?\d+\b)?)(?!\d|[.,]\d)"
    r"(?P<suffix>%|bn\b|mn\b|m\b|st\b|nd\b|rd\b|th\b|s\b)?"
    r"|\b(?P<word>" + "|".join(_NUMBER_WORDS) + r")\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# A time of day: "0950 GMT", "9.30am", "10 p.m.", either number of "10:30". Two articles' clock times are
# moments of different events far more often than two accounts of one ("0950 GMT" / "1300 GMT").
_CLOCK_AFTER = re.compile(r"\s*(?:[ap]\.?m\b\.?|(?:gmt|bst|utc|cet|cest|est|edt|pst|pdt|msk)\b|:\d\d)",
                          re.IGNORECASE)
_CLOCK_BEFORE = re.compile(r"\d:$")
_MINUS_WORD = re.compile(r"\bminus\s+$", re.IGNORECASE)  # "fell to minus 5C": the "-5C" of another report
_PER_CENT = re.compile(r"\s*(?:per\s*cent|percent)\b", re.IGNORECASE)  # "5 per cent" is "5%"
_APART = re.compile(r"[)\],;:]")  # a unit is never across these: "(Bergkamp 68), Henry" counts no Henrys


@dataclass(frozen=True)
class Figure:
    """A number with its unit in a sentence; `text` is how the sentence writes it."""

    value: float
    unit: str  # a kind ("people", "troops"), a currency ("£"), "%", or the stem of the word after the number
    text: str


def _is_date(sentence: str, start: int, end: int, value: float, has_comma: bool) -> bool:
    before = sentence[max(0, start - 12):start].lower()
    after = sentence[end:end + 12].lower()
    if any(re.search(r"\b" + m + r"\.?\s*$", before) for m in _MONTHS):
        return True
    if any(re.match(r"^\s*(?:of\s+)?" + m + r"\b", after) for m in _MONTHS):
        return True
    # the first day of a span of days: "between 24 and 26 December", "24-26 Dec"
    if any(re.match(r"^\s*(?:and|to|-|–)\s*\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + m + r"\b",
                    sentence[end:end + 24].lower()) for m in _MONTHS):
        return True
    return not has_comma and value == int(value) and 1800 <= value <= 2100


def figures(sentence: str) -> list[Figure]:
    """The figures of one sentence, in order."""
    out: list[Figure] = []
    for m in NUMBER.finditer(sentence):
        suffix = (m.group("suffix") or "").lower()
        if suffix in ("st", "nd", "rd", "th", "s"):
            continue  # an ordinal or a decade
        if m.group("word"):
            value, has_comma = float(_NUMBER_WORDS[m.group("word").lower()]), True
        else:
            raw = m.group("num")
            value, has_comma = float(raw.replace(",", "")), "," in raw
            if m.group("sign") or _MINUS_WORD.search(sentence, max(0, m.start("num") - 8), m.start("num")):
                value = -value
        if not math.isfinite(value):
            continue  # more digits than a float holds (309 or more, or "6.5e400"): no figure to compare
        end = m.end()
        if not m.group("word") and (_CLOCK_AFTER.match(sentence, end) or _CLOCK_BEFORE.search(sentence, 0, m.start())):
            continue  # a time of day, not a figure
        if suffix == "%":
            out.append(Figure(value, "%", m.group().strip()))
            continue
        if not m.group("cur") and (cent := _PER_CENT.match(sentence, end)):
            out.append(Figure(value, "%", sentence[m.start():cent.end()].strip()))
            continue
        if m.group("cur") or suffix in ("bn", "mn", "m"):
            scale = _SCALE.get(suffix, 1.0)
            rest = sentence[end:end + 12].lower().split()
            if not suffix and rest and rest[0].strip(".,;") in _SCALE:
                scale = _SCALE[rest[0].strip(".,;")]
            if math.isfinite(value * scale):
                out.append(Figure(value * scale, m.group("cur") or "money", m.group().strip()))
            continue
        if not m.group("word") and _is_date(sentence, m.start(), end, value, has_comma):
            continue
        unit = None
        # The unit is the first word after the number that is not a filler ("3,000 Russian troops").
        for w in _WORD.finditer(sentence[end:end + 60]):
            word = w.group().lower()
            if word in _SCALE:
                value *= _SCALE[word]
                continue
            if word in _SKIP:
                continue
            # A unit is a content word reached without crossing a bracket or a comma: "53.3 in December" and
            # "24 and 26" count nothing, nor the minute of a substitution in a team sheet, "(Bergkamp 68), Henry".
            if word in STOPS and word not in _KIND_OF or _APART.search(sentence, end, end + w.start()):
                break
            unit = _KIND_OF.get(word) or stem(word)
            end += w.end()
            break
        if unit is None or not math.isfinite(value):
            continue
        out.append(Figure(value, unit, sentence[m.start():end].strip()))
    return out
