"""Page furniture recognised by what it is: a classifier over a clipping's blocks, and furniture learnt per outlet.

cleanup.py knows the furniture of the pages the parser grew up on; this module judges any block by its form and
its place, the way jusText does (whose stop-lists it borrows, English and Russian): calls to act (share, follow,
subscribe, sign up, print, listen…), timestamps and read-time lines, link-only and button-like lines, numbered
headline lists, captions and credits, navigation words before the headline, and the run of short lines after the
story's last sentence. A block that reads like a sentence of prose is never furniture by place alone: a kept
footer costs the reader a glance, a lost story paragraph costs the story.

Two stores in the data folder refine it: lines that recur across several articles of one outlet or one
imported folder (footers, appeals, standards lines) are learnt as that group's furniture (`LearntFurniture`),
and paragraphs the person
put back are kept from then on (`Restored`). `Cleaning` carries both into the parser.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reader_app.core.articles import cleanup
from reader_app.core.articles.cleanup import word_count
from reader_app.core.storage.files import atomic_write

LEARN_FROM = 3  # a line in this many articles of one outlet is that outlet's furniture,
LEARN_SHARE = 0.1  # and in this share of them at least: a footer is on every page, a kick-off time is not
LEARN_MAX_WORDS = 40  # longer blocks are story, however often they recur (a syndicated paragraph)
LEARN_EDGE = (3, 4)  # only the first 3 and the last 4 blocks of an article are candidates: where pages put chrome
FURNITURE_FILE = "furniture.json"
RESTORED_FILE = "restored.json"

log = logging.getLogger(__name__)

# --- what a block says ------------------------------------------------------------------------------

# Calls to act and page labels, English and Russian, said by a whole short line (or its start).
_CUE_LINE = re.compile(
    r"""^(?:
      share(?:\ (?:this|on|via|full|the)\b.*)?|shares?\ \d+|copy(?:\ link)?|link\ copied|save|saved|bookmark|print(?:\ this)?(?:\ (?:article|page|story))?
    | email|e-mail|sms|whatsapp|facebook|twitter|x|linkedin|reddit|telegram|vk|вконтакте|одноклассники
    | (?:follow|subscribe|sign\ (?:up|in)|log\ ?in|register|listen|watch|comment|like|restack|reply)(?:\b.{0,60})?
    | (?:skip|jump)\ to\b.* | menu | search | close(?:\ this\ window)? | back\ to\ top | open\ in\ (?:the\ )?app
    | view\ (?:in\ browser|desktop\ site|original\ content\b.*|comments?) | get\ (?:the\ app|started)
    | start\ writing | advertisement | skip\ advertisement | sponsored | promoted(?:\ comments)? | reklama | реклама
    | unsubscribe\b.* | update\ your\ preferences | manage\ (?:preferences|cookies)
    | (?:read|see)(?:\ (?:more|next|also|all))?\s*:.* | (?:read|see)\ (?:more|next|also|all\b.*)
    | more\ (?:stories|from\b.*|on\ this\ story|news) | posted\ (?:on|by|in)\b.* | published\b.* | updated\b.*
    | .{0,40}\b(?:editor|correspondent|reporter|writer|columnist|contributor|корреспондент|обозреватель)s?
    | source\s+.{1,60} | \[\d+/\d+\].*
    | most\ (?:read|viewed|popular|shared|watched) | top\ stories | features | trending(?:\ now)?
    | related(?:\ (?:topics|content|coverage|stories|articles|links))? | explore\ more\b.* | further\ reading
    | around\ the\ \w+ | (?:tags|tagged|topics|filed\ under|categories|category)\b.* | site\ (?:index|information\b.*)
    | (?:about|contact)(?:\ us)?|about\ the\ author|privacy(?:\ policy)?\b.*|terms\b.*|cookie\ settings\b.*
    | accept(?:\ all)?\ cookies | we\ use\ cookies\b.* | newsletter | newsletters
    | purchase\ licensing\ rights | reuse\ this\ content | our\ standards\b.* | order\ reprints\b.*
    | (?:reporting|writing|editing|additional\ reporting)\ by\b.* | proudly\ powered\ by\b.*
    | (?:«|←)?\s*(?:previous|next)\ (?:post|story|article)\b.* | buy\ now | already\ a\ subscriber\b.*
    | (?:photograph|photo|image|picture|illustration)(?:\ source|\ caption)?\s*[:,].* | illustration\ by\b.*
    | (?:enlarge|click\ (?:image\ )?to\ enlarge|tap\ to\ expand)\b.* | source\s*:.* | media\ contact\b.* | news\ provided\ by
    | leave\ a\ (?:comment|reply)\b.* | (?:\d+\ )?(?:comments?|responses?|replies)(?:\ \(\d+\))? | written\ by\b.*
    | this\ article\ is\ more\ than\ \d+\ \w+\ old | listen\ to\ (?:this|more)\b.*
    | (?:live\ )?scores(?:\ (?:&|and)\ fixtures)? | fixtures | results | tables
    | (?:story|article)\ continues | in\ this\ (?:article|story) | (?:shared|sent)\ from\b.*
    | (?:manage|update)\ (?:your\ )?(?:subscriptions?|preferences|settings)\b.* | recommended(?:\ (?:stories|for\ you))?
    | (?:others|people)\ also\ (?:viewed|read|liked) | similar\ (?:threads|posts|articles|stories) | report(?:\ (?:this|abuse))?
    | (?:add\ to\ )?favou?rites? | celebrate | insightful | funny | love | support
    | слушать(?:\ (?:статью|новость|материал))? | следите\b.* | следить\b.* | (?:добавить\ )?в\ избранное | сохранить
    | сообщить\ об\ ошибке | (?:также\ |ещё\ |еще\ |другие\ )?(?:материалы|новости|статьи)\ по\ теме\b.*
    | (?:также\ )?по\ теме\s*:.* | печать | распечатать | версия\ для\ печати | лента\ новостей | все\ новости
    | главная | поделиться\b.* | подпис\w+\b.* | читайте\ (?:также|ещё|еще)\b.* | смотрите\ также\b.*
    | самое\ (?:читаемое|популярное|интересное) | комментари\w*(?:\ \(\d+\))? | оставить\ комментарий
    | похожие\ (?:статьи|материалы|новости) | фото\s*[:,].* | источник\s*:.* | теги\s*:?.* | автор\s*:.*
    | нашли\ ошибку\b.* | опубликовано\b.* | обновлено\b.* | новости\ партн[её]ров | все\ права\ защищены\b.*
    )$""",
    re.I | re.X,
)
# Cues that mark a block wherever it is and however long (up to a paragraph): the page talking about itself.
_CUE_ANYWHERE = re.compile(
    r"""(?:\bsign\ up\ for\ (?:our|the\ \w+\ (?:daily|weekly)|free|.{0,40}newsletter)|\bpurchase\ licensing\ rights\b|\bsubscribe\ (?:for\ free|here|now|to\ (?:our|the))\b|\bour\ (?:free\ )?\w*\ ?newsletter\b
    | \bstraight\ to\ your\ inbox\b|\bfree\ articles?\ remaining\b|\bcontinue\ reading\ the\ main\ story\b
    | \bthis\ article\ appears\ in\b|\bappears\ in\ print\ on\b|\bwe\ (?:may\ )?receive\ a\ commission\b
    | \byou(?:'re|\ are)\ receiving\ this\ (?:email|newsletter)\b|\bforwarded\ this\ email\b
    | \bnot\ responsible\ for\ the\ content\ of\ external\ sites\b
    | \bproduced\ by\b.*\bnarration\b
    | \bthanks\ for\ reading\b|\byour\ email\ address\ will\ not\ be\ published\b
    | \b(?:like|enjoy(?:ed)?|liked)\ this\ (?:article|story|post)\?|\bshare\ (?:it|this)\ with\ your\ (?:friends|family)\b
    | \bcheck\ the\ box\ to\ include\b|\bfind\ this\ article\ at\b|\bwant\ your\ company'?s\ news\b
    | \bindependent\ global\ news\ organization\b|\bmost\ trusted\ source\b
    | \blog\ in\ or\ register\b|\bview\ it\ online\b|\byou\ are\ receiving\ this\b|\bhaving\ trouble\ viewing\b
    | подписывайтесь\ на\ наш|подпишитесь\ на|выделите\ (?:её|ее|его)\ и\ нажмите|все\ права\ защищены
    )""",
    re.I | re.X,
)
# Every phrase of _CUE_ANYWHERE holds one of these: most paragraphs hold none and skip the slow pattern.
_ANYWHERE_HINTS = ("sign up", "subscri", "register", "view it online", "receiving this", "trouble viewing", "licensing", "newsletter", "inbox", "remaining", "continue reading",
                   "appears in", "commission", "receiving this", "forwarded", "external sites", "narration",
                   "thanks for reading", "will not be published", "this article?", "this story?", "this post?",
                   "with your friends", "with your family", "check the box", "find this article",
                   "company", "global news", "trusted source", "подпис", "выделите")


@lru_cache(maxsize=4096)  # asked twice of a block: is it prose, is it a cue
def cue_anywhere(text: str) -> bool:
    """The page talking about itself somewhere in the block ("Sign up for our newsletter", "appears in print")."""
    lowered = text.lower()
    return any(h in lowered for h in _ANYWHERE_HINTS) and bool(_CUE_ANYWHERE.search(text))


_QUOTED = re.compile(r"[\"“”«»]")
# The page speaking to its reader ("Save stories you love", "head to WKRN", "вы можете"): prose of the story
# reports, and when it says "you" it is inside someone's quotation marks.
_YOU = re.compile(r"\b(?:you|your|yours|вы|вас|вам|ваш\w*)\b", re.I)
# …or about itself: "This article has been reviewed…", "This document is subject to copyright".
_SELF = re.compile(r"\b(?:this|our)\ (?:article|page|document|e-?mail|newsletter|site|website|text|transcript)\b"
                   r"|\bэт(?:а|ой|у)\ (?:стать[яиюе]|страниц[аеуы])\b|\bэтот\ материал\b", re.I | re.X)
_BYLINE = re.compile(r"^(?:by|от|автор)\b", re.I)
_SAID = re.compile(r"[\"“”«»]|\b(?:said|says|told|added|сказал|заявил|отметил)\b", re.I)

_MONTHS = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
           r"|(?:янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек)[а-я]*\.?")  # "3 марта", "21 мар"
_TIMESTAMP_TOKEN = re.compile(
    rf"\b\d{{1,2}}[:.]\d{{2}}\b|\b(?:{_MONTHS})\b|\b(?:19|20)\d{{2}}\b|\b\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}\b"
    r"|\b(?:gmt|utc|bst|est|et|pt|мск|am|pm)\b|\b\d+\s*(?:minutes?|hours?|days?|weeks?|months?|years?|mins?|hrs?)\s+ago\b"
    r"|\b\d+\s*(?:секунд\w*|минут\w*|час\w*|дн\w*|день|недел\w*|месяц\w*|год\w*|лет)\s+назад\b", re.I)
_FULL_DATE = re.compile(rf"\b(?:{_MONTHS})\s+\d{{1,2}},?\s+(?:19|20)\d{{2}}\b|\b\d{{1,2}}\s+(?:{_MONTHS})\s+(?:19|20)\d{{2}}\b",
                        re.I)
_YEAR_OR_TIME = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}[:.]\d{2}\b|\bago\b|\bназад\b", re.I)
_READ_TIME = re.compile(r"^(?:(?:время\ чтения|(?:estimated\ )?(?:reading|read)\ time)\s*:?\s*)?\d+\s*(?:-|\s)?(?:min(?:ute)?s?|мин\.?|минут\w*)"
                        r"(?:\s*(?:read|listen|чтения))?\.?$", re.I | re.X)
_COUNTER = re.compile(r"^[\d\s.,·∙•|/kKmM+%-]*(?:followers|views|просмотр\w*|likes|claps|shares|comments|reads)?$",
                      re.I)
_SEPARATED = re.compile(r"\s[|·•∙›»>/]\s")  # menus and breadcrumbs: "Home › News › UK"
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+\S")
_LIST_MARK = re.compile(r"^(?:[-*+•]\s+|#{1,6}\s+)")
_TERMINAL = re.compile(r"[.!?…:;\"”»’')\]]$")
_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_CYRILLIC = re.compile(r"[а-яё]", re.I)
_LINK_ONLY = re.compile(r"^(?:[-*+]\s+|\d{1,2}\.\s+)?(?:\*\*|__)?\[[^\]]+\]\([^)]*\)(?:\*\*|__)?\s*$")
# Form alone, whatever the words: glyphs pages draw (arrows, emoji), a bare web address, a count with a K/M
# suffix. Prose spells its numbers and rarely carries a pictogram.
_GLYPH = re.compile("[\u2190-\u21ff\u2300-\u23ff\u2600-\u27bf\u2b05-\u2b07\U0001f000-\U0001faff]")
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}(?:/\S*)?$", re.I)
# A credit of the "Name Surname/Agency" form, after a label or alone: "Photographer: Anna Berg/Example Pictures",
# "REUTERS/Stringer". Capitalised words on both sides of the slash: "the Leeds/Bradford route" is prose.
_CAP = r"[A-ZА-ЯЁ][\w'’.&-]*"
_SLASH_CREDIT = re.compile(rf"^(?:[\w ]{{2,25}}:\s*)?(?:{_CAP}\s){{0,3}}{_CAP}/{_CAP}(?:\s{_CAP}){{0,3}}$")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A block that closes with a button: a link of one to three capitalised words and nothing after it ("… [Get in
# Touch](…)", "[LEARN MORE](…)"); a sentence of the story that ends in a link ends in a full stop or a lowercase word.
_BUTTON_END = re.compile(r"\[(?:\*\*|__)?(?P<label>[^\]\[]{1,40}?)(?:\*\*|__)?\]\([^)]*\)\s*(?:\*\*|__)?\s*$")
_LINK_TEXT = re.compile(r"\[([^\]\[]*)\]\([^)]*\)")
_TAGS_ONLY = re.compile(r"^(?:[#@][\w.]+[\s,·|]*)+$")  # "#buses #transport @CityCouncil"
# A bibliographic reference ("A. Patel et al, Journal … (2004)", "DOI: 10.1000/…").
_REFERENCE = re.compile(r"\bet\ al\b.{0,120}\((?:19|20)\d{2}\b|\bdoi\s*:?\s*10\.\d{4,}", re.I | re.X)
# A note about the author: "Omar Haddad is a transport reporter at …" (a person of the story is no reporter).
_BIO = re.compile(r"^(?:[A-ZА-ЯЁ][\w'’.-]+\s){1,3}(?:is|was)\s(?:a|an|the)\b[^.]{0,80}?\b(?:reporter|correspondent"
                  r"|editor|writer|journalist|columnist|contributor|author|producer|presenter)s?\b")
# "Photo by Anna Berg on …", "Image courtesy of the City Archive": a credit, however it names its source.
_CREDIT_BY = re.compile(r"^(?:photo|photograph|image|picture|illustration|graphic|video|map|chart|фото)s?\s+"
                        r"(?:by|courtesy(?:\s+of)?|via|from)\s", re.I)
_CITE_OPENERS = frozenset(':"“«\'‘„')  # what stands before a headline quoted by a citation line
_SEPARATOR = re.compile(r"\s[-–—|·•]\s")
_RIGHTS = re.compile(r"rights\ reserved|права\ защищены", re.I | re.X)
_DATED = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b")
_SHORT_COUNT = re.compile(r"(?<![£$€\d.,])\d+(?:[.,]\d+)?\s?[kKM]\b|\b\d+(?:[.,]\d+)?\s(?:тыс|млн)\.?(?=\s|$)")


@lru_cache(maxsize=2)
def stop_words(language: str) -> frozenset[str]:
    """jusText's stop-list for a language, read from its package without importing it (that loads lxml)."""
    spec = importlib.util.find_spec("justext")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "stoplists" / f"{language}.txt"
        if path.is_file():
            return frozenset(w.strip().lower() for w in path.read_text(encoding="utf-8").split("\n") if w.strip())
    return frozenset()


def _language(texts: Iterable[str]) -> str:
    sample = " ".join(texts)[:2000]
    if not _CYRILLIC.search(sample):
        return "English"
    return "Russian" if len(_CYRILLIC.findall(sample)) > len(sample) / 4 else "English"


@dataclass
class Block:
    """What the classifier measures about one block."""

    text: str  # plain text, list marker removed
    words: int
    stop_density: float
    ends_sentence: bool
    link_only: bool
    numbered: bool
    button_end: bool = False  # closes with a button-like link (see _BUTTON_END)
    link_density: float = 0.0  # the share of its characters that are link text (jusText's measure)


def _measure(plain: str, raw: str, stops: frozenset[str]) -> Block:
    text = _LIST_MARK.sub("", plain).strip()
    count = word_count(text)
    ends = bool(_TERMINAL.search(text))
    density = 0.0
    if count >= 8:  # only a candidate sentence (or standfirst) needs it; its first 80 words or so tell
        sample = _WORD.findall(text[:500].lower())
        density = sum(map(stops.__contains__, sample)) / len(sample) if sample else 0.0  # (no generator: 1/3 less)
    button = links = None
    if "](" in raw:  # markdown links: most blocks have none
        button = _BUTTON_END.search(raw)
        links = sum(len(m.group(1)) for m in _LINK_TEXT.finditer(raw))
    label = button.group("label").strip() if button else ""
    return Block(text, count, density, ends, bool(_LINK_ONLY.match(raw.strip())), bool(_NUMBERED.match(text)),
                 bool(label) and label[:1].isupper() and len(label.split()) <= 3,
                 min(1.0, links / len(text)) if links and text else 0.0)


def is_prose(b: Block) -> bool:
    """A sentence of the story as jusText would call it "good": long enough, punctuated, dense in stop-words."""
    return b.words >= 12 and b.ends_sentence and b.stop_density >= 0.2 and (b.words > 60 or not cue_anywhere(b.text))


def is_timestamp(text: str) -> bool:
    """A line that is only a date and/or a time ("Thu 3 Mar 2005 12.20 GMT", "12:30, 3 марта 2005")."""
    if len(text) > 90 or not _YEAR_OR_TIME.search(text):
        return False
    text = re.sub(r"([a-z]|[A-Z]{2})(Updated|Published)", r"\1 \2", text)  # "12:20 PM GMTUpdated"
    rest = _TIMESTAMP_TOKEN.sub(" ", text)
    rest = re.sub(r"\b(?:updated|published|posted|last\ modified|modified|on|at|mon|tue|wed|thu|fri|sat|sun|\w+day"
                  r"|обновлено|опубликовано|в|от|вчера|сегодня|позавчера)\b", " ", rest, flags=re.I)
    left = re.sub(r"[\d,.|·•:;/()–—-]", " ", rest).split()
    # What is left besides the date: nothing, or a name or a page number beside a full date ("Jon Brodkin –
    # Mar 16, 2005 4:35 pm UTC", "Thursday, March 22, 2005; Page A16").
    return not left or (len(left) <= 4 and _FULL_DATE.search(text) is not None
                        and all(w[:1].isupper() or w[:1].isdigit() for w in left))


def strong_cue(b: Block) -> bool:
    """Furniture wherever it stands: a call to act, a label of the page, a link-only line, a caption."""
    text = b.text.strip("[]()*_ ")
    if not text:
        return True
    if (b.words <= 14 and (not b.ends_sentence or b.words <= 8) and not _SAID.search(text)
            and _CUE_LINE.match(text.rstrip(" :.!»"))):
        return True
    # A call to act or a label, then a separator and more of the page: "Advertisement - Scroll to continue".
    if b.words <= 8 and not b.ends_sentence and not _SAID.search(text):
        lead = _SEPARATOR.split(text, 1)[0]
        if lead != text and _CUE_LINE.match(lead.rstrip(" :.!»")):
            return True
    if b.words <= 60 and cue_anywhere(text) and not (_QUOTED.search(text) and _SAID.search(text)):
        return True
    if b.words <= 8 and _READ_TIME.match(text):
        return True
    # a read time beside a date or a name: "4 min read · Jun 3, 2024", "Jane Reporter · 5 min read"
    if b.words <= 12 and not _SAID.search(text) and " " in text:
        parts = _SEPARATOR.split(text)
        if len(parts) > 1 and (_READ_TIME.match(parts[0].strip()) or _READ_TIME.match(parts[-1].strip())):
            return True
    if b.link_only and b.words <= 15:
        return True
    if b.words <= 10 and _TAGS_ONLY.match(text):
        return True
    if b.button_end and b.words <= 25 and not _QUOTED.search(text):
        return True
    # Mostly link text: a pointer to other pages ("More on [bus fares](…) and [rail strikes](…)").
    if b.link_density >= 0.5 and b.words <= 20 and not _QUOTED.search(text):
        return True
    # A contact line: an e-mail address in a line that is not a sentence ("Press office: press@x.example | …").
    if b.words <= 25 and not b.ends_sentence and not _SAID.search(text) and _EMAIL.search(text):
        return True
    # "Privacy Policy | Terms | Cookie Settings", "Metro | 12:04, Thu | UPDATED: …"
    return b.words <= 20 and not b.ends_sentence and len(_SEPARATED.findall(text)) >= 2


def credit_form(b: Block) -> bool:
    """A picture credit by its form: "Name Surname/Agency", alone or after a label ("Photographer: …")."""
    if b.words > 12 or b.ends_sentence:
        return False
    text = b.text.strip("[]()*_ ")
    return bool(_CREDIT_BY.match(text)) or b.words <= 10 and bool(_SLASH_CREDIT.match(text))


def reads_as_sentence(b: Block) -> bool:
    """A standfirst: no full stop, but as dense in stop-words as prose ("Net users are getting the chance to
    fight back against spam websites"); a job title or a tagline names things ("Chief Economist at Example Bank")."""
    return b.words >= 8 and b.stop_density >= 0.4


def chrome_form(b: Block) -> bool:
    """A short line that is the page's by its form whatever it says: "👁 48.4K", "← Back", "theguardian.com",
    "1,2 тыс. подписчиков", "🔥 19 👍 49"."""
    if b.words > 5 or b.ends_sentence and not _SHORT_COUNT.search(b.text):
        return False
    text = b.text.strip("[]()*_ ")
    # A pictogram beside a label or a count ("← Back", "👁 48.4K"), not one closing a headline ("… καφέ ☕").
    glyph = bool(_GLYPH.search(text)) and (b.words <= 2 or bool(_DIGIT.search(text)))
    return glyph or bool(_DOMAIN.match(text) or _SHORT_COUNT.search(text))


def weak_cue(b: Block) -> bool:
    """A timestamp or a bare count: the page's when it sits beside other furniture, the story's in a match
    report ("2000 GMT", "27,595" for the attendance)."""
    text = b.text.strip("[]()*_ ")
    return b.words <= 14 and (is_timestamp(text) or bool(_COUNTER.match(text)))


def _short(b: Block) -> bool:
    """A line the page's own, by its form, once the page is talking about itself: not a sentence."""
    return (b.words <= 12 and not b.ends_sentence) or b.words <= 4


def _label(b: Block) -> bool:
    """A line that names or counts rather than says: short, and not ended like a sentence."""
    return b.words <= 12 and not b.ends_sentence


def _dateline(b: Block) -> bool:
    """A short line that dates the report ("МОСКВА, 21 мар — РИА Новости.", "Start date 28 Mar 2005")."""
    return b.words <= 8 and bool(_TIMESTAMP_TOKEN.search(b.text))


def _about_the_page(b: Block) -> bool:
    """After the story on a page: a sentence to the reader or about the page, a reference, a note on the author."""
    if _addresses_reader(b):
        return True
    if b.words > 60 or _SAID.search(b.text):
        return False
    return bool(_REFERENCE.search(b.text) or _BIO.match(b.text))


def _addresses_reader(b: Block) -> bool:
    """A sentence of the page to its reader or about itself: "you" or "this article", and no quotation in it."""
    return (b.words <= 60 and not _QUOTED.search(b.text)
            and bool(_YOU.search(b.text) or _SELF.search(b.text)))


def _list_item(b: Block) -> bool:
    return (b.words <= 16 and not b.ends_sentence) or (b.numbered and b.words <= 60 and not is_prose(b))


def _dated(b: Block) -> bool:
    """A line carrying a whole date ("3 March 2005", "от 05.04.2005"): a headline seldom does."""
    return bool(_FULL_DATE.search(b.text) or _DATED.search(b.text))


def _nav(b: Block) -> bool:
    return b.words <= 3 and not b.ends_sentence


def classify(texts: list[str], kinds: list[str], *, raw: list[str] | None = None) -> list[str]:
    """Kinds for a clipping's blocks with the furniture this module recognises marked "furniture".

    `texts` are the plain blocks, `kinds` what the seed-learnt rules said ("story", "heading", "furniture"…),
    `raw` the blocks' markup (for link-only lines). Only "story" and "heading" blocks are judged, and the
    headline is never taken.
    """
    raw = raw or texts
    stops = stop_words(_language(texts))
    blocks = [_measure(t, r, stops) for t, r in zip(texts, raw)]
    n = len(blocks)
    out = list(kinds)
    judged = [k in ("story", "heading") for k in kinds]
    prose = [j and is_prose(b) for j, b in zip(judged, blocks)]
    first = next((i for i, p in enumerate(prose) if p), n)
    last = max((i for i, p in enumerate(prose) if p), default=-1)

    # A markdown headline at the top is the headline, whatever it says; any other block may be a cue.
    top_heading = next((i for i in range(first) if kinds[i] == "heading"), None)
    strong = [judged[i] and i != top_heading and (strong_cue(b) or chrome_form(b) or (i > 0 and credit_form(b)))
              for i, b in enumerate(blocks)]
    for i in range(n):
        if strong[i]:
            out[i] = "furniture"
    # A clipping with any chrome in it is a page, not a clean article (the BBC corpus has none): its edges,
    # before the story's first sentence and after its last, are judged by form alone from here on.
    page = any(strong)
    # At the story's end the earlier rules' chrome counts too ("Share this article", a related line, a copyright
    # line, an appeal); not an article's own details (a byline, a date, its web address), which a clean article
    # ending in a list of winners carries. Above the headline they do not move it (a seed's picture credit "MoD
    # of Armenia" sits there).
    marked = any(k == "appeal" or k == "furniture" and (cleanup.is_comment_debris(t) or cleanup.is_related_line(t)
                                                        or cleanup.is_copyright(t))
                 for k, t in zip(kinds, texts))

    # Navigation before the headline: short labels, when the page's chrome shows among them.
    title = top_heading
    if title is not None:  # a markdown headline marks where the article starts: short lines above it are the page's
        for i in range(title):
            if out[i] == "story" and blocks[i].words <= 6 and not blocks[i].ends_sentence:
                out[i] = "furniture"
    else:
        head = [i for i in range(first) if out[i] in ("story", "heading")]
        lead = 0
        while lead < len(head) and _nav(blocks[head[lead]]):
            lead += 1
        # A menu above the headline: one- and two-word labels without figures (a match report opens with
        # "Blackburn v Burnley", "Ewood Park", "2000 GMT", which are the story's).
        def menu(labels: list[int], widest: int = 2) -> bool:
            return len(labels) >= 2 and all(blocks[h].words <= widest and not _DIGIT.search(blocks[h].text)
                                            for h in labels)

        # Above a longer headline, four or more capitalised labels of up to three words are a site's menu too
        # ("Northern Daily Gazette", "Local Politics", …); three are a match report's lines ("Wales v France",
        # "Stade de France", "Six Nations").
        def wide_menu(labels: list[int]) -> bool:
            return len(labels) >= 4 and menu(labels, 3) and all(blocks[h].text[:1].isupper() for h in labels)

        if lead < len(head) and lead and (page or menu(head[:lead]) or wide_menu(head[:lead])):
            page = True
            title = head[lead]
            for i in head[:lead]:
                out[i] = "furniture"
        elif lead == len(head) and first < n and menu(head[:-1]):  # a short headline ends the menu run
            page = True
            title = head[-1]
            for i in head[:-1]:
                out[i] = "furniture"
        elif head:
            title = head[0]
        # On a page the headline is the label the story or its byline and date follow; the labels above it
        # (a tagline, a section name, "Переслано из …") are the page's.
        if page and title is not None and first < n:
            # Under a dated line at the top (a print edition's "Газета … от 05.04.2005, стр. 3", which is no
            # headline), the headline may have its author's name between it and the story.
            dated = _dated(blocks[head[0]]) if head else False

            def opens_story(h: int) -> bool:
                nxt = h + 1
                if dated and nxt < first and out[nxt] == "story" and _nav(blocks[nxt]):
                    nxt += 1
                return nxt == first or out[nxt] == "furniture"

            after = [h for h in head if h >= title and 3 <= blocks[h].words <= 20 and not blocks[h].ends_sentence
                     and not _dateline(blocks[h]) and not _FULL_DATE.search(blocks[h].text)
                     and not _BYLINE.match(blocks[h].text) and opens_story(h)
                     and not (h > title and reads_as_sentence(blocks[h]))]  # a standfirst, under the headline
            if after and after[-1] != title and all(_label(blocks[h]) for h in head if h < after[-1]):
                title = after[-1]
                for h in head:
                    if h < title:
                        out[h] = "furniture"

    # Timestamps and counts beside furniture are furniture.
    weak = [judged[i] and i != title and out[i] != "furniture" and weak_cue(b) for i, b in enumerate(blocks)]
    if title is not None and title + 1 < n and weak[title + 1]:
        out[title + 1] = "furniture"  # the date line under the headline
    changed = True
    while changed:
        changed = False
        for i in range(n):
            if weak[i] and out[i] != "furniture" and (
                    (i > 0 and out[i - 1] == "furniture") or (i + 1 < n and out[i + 1] == "furniture")):
                out[i] = "furniture"
                changed = True

    # A section label ("Related topics", "Most read", "Tags") takes the short lines under it.
    for i in range(n):
        if strong[i] and blocks[i].words <= 5 and (not blocks[i].ends_sentence or blocks[i].text.endswith(":")):
            j = i + 1
            while j < n and j != title and (out[j] == "furniture" or (judged[j] and _list_item(blocks[j]))):
                out[j] = "furniture"
                j += 1

    # A numbered list of short headlines (1. …, 2. …) is the page's, not the story's.
    for i, b in enumerate(blocks):
        if (out[i] in ("story", "heading") and b.numbered and not b.ends_sentence and b.words <= 16
                and any(0 <= j < n and blocks[j].numbered for j in (i - 1, i + 1))):
            out[i] = "furniture"

    # Between the headline and the story's first sentence of a page: bylines, datelines, counts, the author's
    # title ("Chief Economist at Example Bank"), not sentences (a standfirst ends like one).
    if page and title is not None and first < n:
        # "This article has been reviewed according to …": the page about itself before the story begins.
        while first < last and _SELF.search(blocks[first].text) and blocks[first].words <= 30 \
                and not _QUOTED.search(blocks[first].text):
            out[first] = "furniture"
            first = next(i for i in range(first + 1, n) if prose[i])
        for i in range(title + 1, first):
            if out[i] == "story" and (_label(blocks[i]) or _dateline(blocks[i])) and not reads_as_sentence(blocks[i]):
                out[i] = "furniture"

    # A block that repeats the headline below it cites the page ("… with the headline: X", "Citation: X (2005)").
    if title is not None:
        head_text = " ".join(blocks[title].text.lower().lstrip("# ").split())
        if len(head_text) >= 20 and head_text.count(" ") >= 2:
            for i in range(title + 1, n):
                if out[i] != "story" or blocks[i].words > 80:
                    continue
                low = " ".join(blocks[i].text.lower().split())
                at = low.find(head_text)
                # cited: quoted, after a colon, or most of the block; a lede of the story may repeat a short
                # headline's words in a sentence of its own ("… that bridge repairs begin next week …")
                if at >= 0 and (low[:at].rstrip()[-1:] in _CITE_OPENERS or 2 * len(head_text) >= len(low)
                                or not is_prose(blocks[i])):
                    out[i] = "furniture"

    # After the story's last sentence, once the page talks about itself, the short lines that follow go too.
    tail_cut = next((i for i in range(last + 1, n) if strong[i]), None)
    if tail_cut is not None:
        for i in range(tail_cut, n):
            if out[i] in ("story", "heading") and _short(blocks[i]):
                out[i] = "furniture"
    # On a page, what follows the last sentence is the page's even before a known label shows: the labels
    # that are not sentences ("Explore further", "Provided by …", "10:48"). A short sentence may be the story's.
    if (page or marked) and last >= 0:  # (without a sentence of prose there is no telling where the story ends)
        # A sentence to the reader (or about the page) after the page's lines have begun does not end the story
        # ("Tags: …", "How was it? Save stories you love…"); right after the story it may be its last paragraph.
        while (last > first and out[last] in ("story", "heading") and _about_the_page(blocks[last])
               and (out[last - 1] == "furniture" or not is_prose(blocks[last - 1]))):
            out[last] = "furniture"
            last = max((i for i in range(last) if prose[i] and out[i] != "furniture"), default=first)
        for i in range(max(last, -1 if title is None else title) + 1, n):
            if out[i] in ("story", "heading") and (_label(blocks[i]) or _about_the_page(blocks[i])):
                out[i] = "furniture"

    # "All rights reserved" among the page's last lines ends it: what follows (a station's sign-off, a
    # transcript's disclaimer) is the page's even when it is a sentence. Inside the story a picture's rights line
    # has the story after it, so only the last three blocks count.
    if (page or marked) and texts:
        end = next((i for i in range(n - 1, max(first, n - 4) - 1, -1)
                    if i > first and kinds[i] == "furniture" and _RIGHTS.search(texts[i])), None)
        if end is not None:
            for i in range(end + 1, n):
                if out[i] in ("story", "heading") and blocks[i].words <= 60 and not (
                        _QUOTED.search(blocks[i].text) and _SAID.search(blocks[i].text)):
                    out[i] = "furniture"

    # Before the first sentence, a name-length line between the headline or furniture and furniture.
    changed = True
    while changed:
        changed = False
        for i in range(first):
            if out[i] != "story" or i == title or not _nav(blocks[i]):
                continue
            if (i == 0 or out[i - 1] == "furniture" or i - 1 == title) and i + 1 < n and out[i + 1] == "furniture":
                out[i] = "furniture"
                changed = True
    return out


# --- what the library teaches, and what the person puts back --------------------------------------------------

def line_key(text: str) -> str:
    """A short fingerprint of a block, blind to case, spacing and list marks."""
    norm = " ".join(_LIST_MARK.sub("", text).lower().split())
    return hashlib.sha1(norm.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def candidate_keys(texts: list[str]) -> list[str]:
    """The fingerprints of blocks that could be a header or footer: short, and at the start or the end."""
    head, tail = LEARN_EDGE
    edge = texts[:head] + texts[max(head, len(texts) - tail):]
    return sorted({line_key(t) for t in edge if t.strip() and len(_WORD.findall(t)) <= LEARN_MAX_WORDS})


def signature(texts: list[str]) -> list[str]:
    """The fingerprints of an article's three longest blocks: two copies of one story share them."""
    return sorted(line_key(t) for t in sorted(texts, key=len, reverse=True)[:3])


def same_story(sig: set[str], other: set[str]) -> bool:
    """Whether two articles' signatures are one story's: they share two of their longest blocks, or they are
    the same one or two blocks (copies of a one-paragraph article share only that one: counted each time,
    ten copies made their only paragraph an outlet's furniture, and the copies unreadable)."""
    return len(sig & other) >= 2 or (sig == other and bool(sig))


def _parsed(raw: bytes) -> object:
    try:
        return json.loads(raw.decode("utf-8"))
    except ValueError:  # (UnicodeDecodeError too)
        return None


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@dataclass
class LearntFurniture:
    """Per outlet, the blocks seen in several of its articles (by fingerprint), and what each article holds.

    Stored as data/furniture.json: {"learnt": {group: [keys]}}, where an article's groups are its outlet and the
    folder it was imported from (see `groups_of`). The library's counts are kept and updated per import by
    core/articles/learning.py; `articles` ({id: {"groups", "hash", "keys", "sig"}}) and `relearn` are the same
    count from scratch, in memory (files of earlier versions also stored the entries).
    """

    articles: dict[str, dict] = field(default_factory=dict)
    learnt: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path) -> LearntFurniture:
        data = _read_json(data_dir / FURNITURE_FILE)
        arts, learnt = data.get("articles"), data.get("learnt")
        return cls(arts if isinstance(arts, dict) else {}, learnt if isinstance(learnt, dict) else {})

    def save(self, data_dir: Path) -> None:
        # The library's counts are kept apart (core/articles/learning.py): this file, which every parse reads,
        # holds the learnt keys only.
        data = {"articles": self.articles, "learnt": self.learnt} if self.articles else {"learnt": self.learnt}
        atomic_write(data_dir / FURNITURE_FILE, json.dumps(data, ensure_ascii=False, separators=(",", ":")))

    def relearn(self) -> set[str]:
        """Recount the recurring blocks; the outlets whose learnt furniture changed."""
        # Copies of one story (a wire story clipped twice) share their longest paragraphs: they count once.
        seen: dict[str, dict[str, list[set[str]]]] = {}  # outlet -> key -> signatures of the articles counted
        sizes: dict[str, int] = {}
        for entry in self.articles.values():
            sig = set(entry.get("sig", []))
            for group in entry.get("groups", []):
                sizes[group] = sizes.get(group, 0) + 1
                per = seen.setdefault(group, {})
                for key in entry.get("keys", []):
                    counted = per.setdefault(key, [])
                    if not any(same_story(sig, other) for other in counted):
                        counted.append(sig)
        learnt = {o: sorted(k for k, arts in per.items() if len(arts) >= max(LEARN_FROM, LEARN_SHARE * sizes[o]))
                  for o, per in seen.items()}
        learnt = {o: keys for o, keys in learnt.items() if keys}
        changed = {o for o in set(learnt) | set(self.learnt) if learnt.get(o) != self.learnt.get(o)}
        self.learnt = learnt
        return changed

    def keys_for(self, groups: Iterable[str]) -> frozenset[str]:
        return frozenset(k for g in groups for k in self.learnt.get(g, ()))


def groups_of(outlet: str | None, path: str | None) -> list[str]:
    """The groups an article learns with: its outlet, and the folder it came from (one import, one site's
    clippings saved together)."""
    groups = [f"outlet:{outlet}"] if outlet else []
    folder = os.path.dirname(path) if path else ""
    return groups + ([f"folder:{folder}"] if folder else [])


@dataclass
class Restored:
    """Paragraphs the person put back, by article id: fingerprints of their text (data/restored.json)."""

    by_article: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path) -> Restored:
        data = _read_json(data_dir / RESTORED_FILE)
        return cls({k: v for k, v in data.items() if isinstance(v, list)})

    def save(self, data_dir: Path) -> None:
        """Written whole; a file there that no longer reads (cut short, edited by hand) is first moved aside as
        restored.json.damaged, not overwritten: the paragraphs put back before are in it, to be recovered."""
        path = data_dir / RESTORED_FILE
        try:
            raw = path.read_bytes()
        except OSError:  # none yet (or not a file: atomic_write says so)
            raw = None
        if raw is not None and not isinstance(_parsed(raw), dict):
            aside = path.with_name(RESTORED_FILE + ".damaged")
            log.warning("%s could not be read; kept as %s and started again", path.name, aside.name)
            os.replace(path, aside)
        atomic_write(path, json.dumps(self.by_article, separators=(",", ":")))

    def add(self, article_id: str, text: str) -> bool:
        keys = self.by_article.setdefault(article_id, [])
        key = line_key(text)
        if key in keys:
            return False
        keys.append(key)
        return True


@dataclass
class Cleaning:
    """What the data folder adds to the parser: each outlet's learnt furniture, each article's restored blocks."""

    learnt: LearntFurniture = field(default_factory=LearntFurniture)
    restored: Restored = field(default_factory=Restored)

    @classmethod
    def load(cls, data_dir: Path | None) -> Cleaning:
        if data_dir is None:
            return cls()
        return cls(LearntFurniture.load(data_dir), Restored.load(data_dir))

    def apply(self, article_id: str, groups: list[str], texts: list[str], kinds: list[str]) -> list[str]:
        """Kinds with the groups' learnt furniture taken out and the person's restored blocks put back."""
        learnt = self.learnt.keys_for(groups)
        keep = frozenset(self.restored.by_article.get(article_id, ()))
        if not learnt and not keep:
            return kinds
        out = list(kinds)
        for i, (text, kind) in enumerate(zip(texts, kinds)):
            key = line_key(text) if text else ""
            if key in keep and kind not in ("story", "heading", "title"):
                out[i] = "story"
            elif kind == "story" and key in learnt and key not in keep:
                out[i] = "furniture"
        return out
