"""Boilerplate and noise removal for web clippings: text normalisation, inline markup, page furniture.

The rules are patterns of page furniture seen across news sites (comment forms, donation appeals,
"Related article" lines, photo credits and captions, copyright footers), not strings from any one file.
Everything here is pure functions over strings, so the parser in articles.py stays readable.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader_app.core.articles.dates import MONTH_RE as _MONTH_RE
from reader_app.core.articles.dates import parse_dateline
from reader_app.core.articles.model import Mark, Paragraph, word_count

# --- inline markup ------------------------------------------------------------------------------


_MARKUP_CHARS = re.compile(r"[*_\[<`\\&]")
_SAFE_HREF = re.compile(r"^(https?://|mailto:)", re.I)
_TAG = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
_EMPH_TAGS = {"em": "em", "i": "em", "strong": "strong", "b": "strong", "code": "code"}


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    # images are parsed so that they go as a whole: without the rule `![alt](url)` read as "!" and a link
    return MarkdownIt("commonmark", {"html": True})


def parse_inline(source: str) -> Paragraph:
    """Markdown/HTML inline markup to plain text with marks. Links to `#` or non-web targets become text."""
    source = source.strip()
    if not _MARKUP_CHARS.search(source):
        return Paragraph(source)
    tokens = _markdown().parseInline(source)[0].children or []
    out: list[str] = []
    marks: list[Mark] = []
    open_marks: list[tuple[str, int, str | None]] = []
    pos = 0

    def push(text: str) -> None:
        nonlocal pos
        out.append(text)
        pos += len(text)

    def open_(kind: str, href: str | None = None) -> None:
        open_marks.append((kind, pos, href))

    def close(kind: str) -> None:
        for i in range(len(open_marks) - 1, -1, -1):
            if open_marks[i][0] == kind:
                k, start, href = open_marks.pop(i)
                if pos > start and (k != "link" or href):
                    marks.append(Mark(start, pos, k, href))
                return

    for tok in tokens:
        t = tok.type
        if t == "text":
            push(tok.content)
        elif t == "code_inline":
            open_("code")
            push(tok.content)
            close("code")
        elif t in ("softbreak", "hardbreak"):
            push(" ")
        elif t == "strong_open":
            open_("strong")
        elif t == "strong_close":
            close("strong")
        elif t == "em_open":
            open_("em")
        elif t == "em_close":
            close("em")
        elif t == "link_open":
            href = str(tok.attrs.get("href", "") or "")
            open_("link", href if _SAFE_HREF.match(href) else None)
        elif t == "link_close":
            close("link")
        elif t == "image":
            pass  # a picture is not the story's text; its alt text mostly repeats the caption beside it
        elif t == "html_inline":
            m = _TAG.match(tok.content)
            if m:
                name = m.group(1).lower()
                if name == "br":
                    push(" ")
                elif name in _EMPH_TAGS:
                    (close if tok.content.startswith("</") else open_)(_EMPH_TAGS[name])
        else:  # unknown token types keep their text
            push(tok.content or "")
    text = "".join(out)
    # Collapse whitespace while keeping mark offsets right.
    if "  " in text or text != text.strip():
        text, marks = _collapse_spaces(text, marks)
    return Paragraph(text, sorted(marks, key=lambda m: (m.start, -m.end)))


def _collapse_spaces(text: str, marks: list[Mark]) -> tuple[str, list[Mark]]:
    keep: list[int] = []  # new offset for each old offset
    chars: list[str] = []
    prev_space = True
    for ch in text:
        keep.append(len(chars))
        if ch.isspace():
            if prev_space:
                continue
            chars.append(" ")
            prev_space = True
        else:
            chars.append(ch)
            prev_space = False
    keep.append(len(chars))
    while chars and chars[-1] == " ":
        chars.pop()
    n = len(chars)
    new_marks = [Mark(min(keep[m.start], n), min(keep[m.end], n), m.kind, m.href) for m in marks]
    return "".join(chars), [m for m in new_marks if m.end > m.start]


def strip_markup(source: str) -> str:
    return parse_inline(source).text


# --- furniture ----------------------------------------------------------------------------------

_COMMENT_DEBRIS = re.compile(
    r"""^(?:
        be\ the\ first\ to\ comment | leave\ a\ (?:reply|comment) | this\ site\ uses\ akismet
        | your\ email\ address\ will\ not\ be\ published | required\ fields\ are\ marked
        | (?:post|submit|add)\ (?:a\ )?comment | notify\ me\ of\ (?:follow-up|new) | \d+\ comments?$ | comments?$
        | (?:share|like)\ this(?:\ (?:article|story|post))?:?$ | click\ to\ (?:share|print|email)
        | loading\.*$ | advertisement$ | sponsored(?:\ content)?$ | share\ on\ (?:facebook|twitter|x)
        | follow\ us\ on | sign\ up\ for\ (?:our|the)\ .*newsletter | (?:previous|next)\ (?:article|post|story)
        | you\ (?:may|might)\ also\ like | (?:more|top|latest)\ (?:stories|news)$ | read\ more\.?$
        | continue\ reading | (?:tags?|filed\ under|categories)\s*: | save\ my\ name,\ email
        | cancel\ reply$ | log\ in\ to\ (?:reply|comment) | we\ use\ cookies
    )""",
    re.I | re.X,
)
_RELATED = re.compile(
    r"^(?:related(?:\ (?:article|story|stories|articles|content|coverage|reading|news))?|read\ also|also\ read"
    r"|see\ also|more\ on\ this(?:\ story)?|recommended(?:\ reading)?|read\ next|further\ reading)\s*[:：]",
    re.I | re.X,
)
_COPYRIGHT_START = re.compile(r"^(?:©|\(c\)\s|copyright\b)", re.I)
_COPYRIGHT_ANYWHERE = re.compile(r"all rights reserved", re.I)
_APPEAL_STRONG = re.compile(
    r"favou?r to ask|remind me later|not ready to (?:support|donate|subscribe|give)|pa(?:i|y)ment methods"
    r"|please (?:consider )?(?:support(?:ing)?|donat(?:e|ing)|subscrib(?:e|ing))\b|support us\b"
    r"|\bwe need your (?:help|support)|become an? (?:member|subscriber|supporter|patron)"
    r"|make a (?:donation|contribution)|(?:donate|subscribe|contribute) (?:now|today)"
    r"|support (?:our|independent) (?:journalism|work|reporting|newsroom)",
    re.I,
)
_APPEAL_WEAK = re.compile(r"your support|independent journalism|every month|one-time (?:gift|payment)", re.I)
_SUPPORT_BRANDING = re.compile(r"^(?:support|donate to|subscribe to)\s+(?P<name>.{2,60}?)\s*!?$", re.I)
_CREDIT_AGENCY = re.compile(
    r"\b(?:AFP|AP|AP Photo|Reuters|TASS|EPA|Getty(?: Images)?|Photolure|Shutterstock|Sputnik|Xinhua|Anadolu"
    r"|Wikimedia(?: Commons)?|Flickr|iStock|Alamy|PA(?: Media)?|Kremlin\.ru|Press Service|Handout|Pool)\b"
)
_CREDIT_PREFIX = re.compile(
    r"^(?:photo|photograph|image|picture|pictured|caption|illustration|credit|source|video)s?\s*(?:credit)?\s*[:|]",
    re.I,
)
_POSITION = re.compile(
    r"\((?:left|right|center|centre|middle|front|back|top|bottom|L|R|C|l|r|c|pictured|file(?: photo)?"
    r"|(?:second|third|far|2nd|3rd)(?: from)? (?:left|right)|(?:front|back) row(?:,? (?:left|right))?)\)"
)
_TRAILING_CREDIT = re.compile(r"(?:[.!?]\s+|\s[|–—-]\s*)(?:[A-Z][A-Z.'’\- ]+/)+[A-Z][A-Z.'’\- ]+\s*$")
# The BBC's labels under a picture or a video ("Image caption, Residents…", "Image source, Getty Images").
_MEDIA_LABEL = re.compile(r"^(?:image|media|video|picture|photo)\s+(?:caption|source|copyright)\s*,\s*\S", re.I)
# A caption closing on its credit after its own sentence or in brackets: "…Stock Exchange. Photograph: Spencer
# Platt/Getty Images", "…in Portreath (Photo by John Smith/Getty Images)", "…in Portreath. Image: Reuters". The
# label is capitalised and the credit has no sentence end: "Credit for the rescue went to…" is a sentence.
_LABELLED_CREDIT = re.compile(
    r"(?:[.!?…]['’\"”]?\s+|\s\()(?:Photo(?:graph)?|Image|Picture|Illustration|Credit|Video)s?(?:\s+by\s+|\s*:\s*)"
    r"[A-Z][^.!?:;]{0,60}\)?\s*$")
_TRAILING_AGENCY = re.compile(  # "…in Portreath. Getty Images", "…in Portreath. (Getty Images)"
    r"[.!?…]['’\"”]?\s+\(?(?:AFP|AP|AP Photo|Reuters|EPA|Getty Images|Shutterstock|Alamy|PA|PA Media|PA Wire|Xinhua"
    r"|Anadolu|Sputnik|TASS|iStock)(?:\s*/\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})?\)?\s*$")
# A caption line (not a sentence) closing on an agency in brackets: "A firefighter tackles the blaze (Getty
# Images)", "…outside Downing Street (PA Media)", "(Photo: John Smith/Reuters)".
_BRACKETED_AGENCY = re.compile(
    r"[^.!?…\s]\s+\((?:(?:Photo(?:graph)?|Image|Picture)s?(?:\s+by\s+|\s*:\s*))?(?:[A-Z][\w.'’-]*\s){0,3}?"
    r"(?:[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2}\s*/\s*)?(?:AFP|AP|AP Photo|Reuters|EPA|Getty Images|Shutterstock"
    r"|Alamy|PA|PA Media|PA Wire|Xinhua|Anadolu|Sputnik|TASS|iStock)(?:\s*/\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})?\)\s*$")
# A sentence that reports speech is the story's, whatever stands after it: "A spokesman declined to comment.
# Reuters" is kept whole (a caption describes the picture).
_REPORTING = re.compile(r"\b(?:said|says|told|tells|added|declined|refused|confirmed|denied|announced|according to"
                        r"|comment(?:ed|s)?|spokes(?:man|woman|person))\b", re.I)
_INNER_SENTENCE_END = re.compile(r"[.!?…]['’\"”]?\s+[A-Z]")
_CAPTION_DATESTAMP = re.compile(r"^[^.!?]{20,}?,\s+[0-9]{1,2}\s+" + _MONTH_RE + r"\s+[0-9]{4}\.", re.I)
_BYLINE = re.compile(r"^(?:by|written by|words by|reporting by)\s+(?P<name>.+)$", re.I)
_URL_LABEL = re.compile(r"^(?:original\s+(?:url|link|article|source)|source\s+url|url|source|link)\s*:\s*(?P<rest>.*)$", re.I)
_URL_ONLY = re.compile(r"^<?(?P<url>https?://[^\s<>]+)>?$", re.I)
_TERMINAL_CHARS = frozenset(".!?…:;\"”’')]")


def ends_sentence(text: str) -> bool:
    # Looks at the last visible character only: a regex anchored at the end still scans the whole text,
    # which made joining a file's short lines one by one quadratic.
    end = len(text)
    while end and text[end - 1].isspace():
        end -= 1
    return bool(end) and text[end - 1] in _TERMINAL_CHARS


def is_comment_debris(text: str) -> bool:
    return len(text) < 300 and bool(_COMMENT_DEBRIS.match(text))


def is_related_line(text: str) -> bool:
    return len(text) < 400 and bool(_RELATED.match(text))


def is_copyright(text: str) -> bool:
    """A copyright footer: starts with ©/Copyright, or a short block reserving rights."""
    words = word_count(text)
    if _COPYRIGHT_START.match(text):
        return words <= 120
    return words <= 25 and bool(_COPYRIGHT_ANYWHERE.search(text)) and bool(re.search(r"©|\b(?:19|20)\d{2}\b", text))


_ADDRESSED = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Yy]ours|us|[Ww]e|[Oo]ur)\b")  # not "US"
_YOU = re.compile(r"\b[Yy]our?s?\b")


# Every cue above contains one of these: blocks without any (nearly all) skip the two slow patterns.
_APPEAL_HINTS = ("favo", "remind me", "not ready", "ment methods", "please", "support", "need your", "become a",
                 "make a ", "donat", "subscrib", "contribut", "independent journalism", "every month", "one-time")


def appeal_score(text: str) -> int:
    """How much a block reads like a plea for money: cues that count only when the reader is addressed."""
    lowered = text.lower()
    if not any(hint in lowered for hint in _APPEAL_HINTS):
        return 0
    # A longer block counts only when it addresses the reader: asked first, as it is cheap and rarely true,
    # while the cues are two long case-insensitive alternations ("support", "please" are common words).
    if word_count(text) > 12 and not (_YOU.search(text) and len(_ADDRESSED.findall(text)) >= 2):
        return 0
    return 2 * len(_APPEAL_STRONG.findall(text)) + len(_APPEAL_WEAK.findall(text))


def support_branding(text: str) -> str | None:
    """"Support The Moscow Times!" -> "The Moscow Times"."""
    m = _SUPPORT_BRANDING.match(text)
    if m and word_count(text) <= 8 and m.group("name")[:1].isupper():
        return m.group("name").strip(" !.")
    return None


def is_photo_credit(text: str, whole_block_emphasised: bool = False, first: bool = False) -> bool:
    """A short line that names a photographer or agency rather than telling the story.

    The first line of a file is a headline candidate: only an explicit credit ("Photo: …", "A / B") counts.
    """
    if ends_sentence(text) or word_count(text) > 14:
        return bool(_CREDIT_PREFIX.match(text)) and word_count(text) <= 25
    if _CREDIT_PREFIX.match(text):
        return True
    if " / " in text or "/" in text and _CREDIT_AGENCY.search(text):
        return True
    if first:
        return False
    if _CREDIT_AGENCY.search(text) and word_count(text) <= 6:
        return True
    return whole_block_emphasised and word_count(text) <= 8


def is_caption(text: str) -> bool:
    """A photo caption: positional markers, a trailing agency credit (or a labelled one after the caption's
    sentence, or one in brackets after a description), a caption-style date stamp, or the BBC's "Image
    caption, …" labels."""
    if word_count(text) > 70:
        return False
    if _POSITION.search(text) or _TRAILING_CREDIT.search(text) or _CAPTION_DATESTAMP.match(text):
        return True
    if _MEDIA_LABEL.match(text):
        return True
    if word_count(text) <= 30 and _BRACKETED_AGENCY.search(text) and not _REPORTING.search(text):
        return True
    credit = _LABELLED_CREDIT.search(text)
    if credit is None and (credit := _TRAILING_AGENCY.search(text)) is not None:
        # an agency's bare name after a sentence is a credit only under a picture's description, not a report
        set_off = "(" in credit.group(0)
        if not set_off and _REPORTING.search(text, 0, credit.start()):
            return False
    # a caption is one sentence before its credit: a paragraph of the story that ends on one is kept whole
    return credit is not None and word_count(text) <= 45 and not _INNER_SENTENCE_END.search(text, 0, credit.start())


_DIGITS = re.compile(r"\d")
_BYLINE_SEPARATOR = re.compile(r"\s+[|·•]\s+")
_OUTLET_SHAPED = re.compile(r"^(?:The\s+)?[A-Z][\w&'.-]*(?:\s+(?:of\s+|the\s+|&\s+)?[A-Z][\w&'.-]*){0,5}$")


def byline_name(text: str) -> str | None:
    return byline_parts(text)[0]


def byline_parts(text: str) -> tuple[str | None, str | None, str | None]:
    """(name, outlet, ISO date) from a byline line: "By Sam Patel · The Ledger · 10 February 2005" gives all
    three; "By Sam Patel" the name alone. A part after the name is the date when it is one; another shaped like
    a name (capitalised words) is the outlet, only when the line also gives a date ("By Sam Patel | Transport"
    names a section, not an outlet)."""
    m = _BYLINE.match(text)
    if not m or word_count(text) > 12 or text.rstrip().endswith((".", "?", "!")) and word_count(text) > 6:
        return None, None, None
    parts = [p.strip(" .,|") for p in _BYLINE_SEPARATOR.split(m.group("name").strip(" .,|"))]
    name = parts[0] or None
    outlet = date = None
    if name:
        for part in parts[1:]:
            found = parse_dateline(part)
            if found and date is None:
                date = found
            elif not found and outlet is None and _OUTLET_SHAPED.match(part) and not _DIGITS.search(part):
                outlet = part
    return name, (outlet if date else None), date


def url_block(text: str) -> tuple[bool, str | None]:
    """(is a URL/"Original url:" block, the URL if it holds one)."""
    m = _URL_LABEL.match(text)
    if m:
        rest = m.group("rest").strip()
        u = _URL_ONLY.match(rest)
        return True, (u.group("url") if u else None)
    u = _URL_ONLY.match(text)
    if u:
        return True, u.group("url")
    return False, None


_COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|copyright)\s*(?:[0-9]{4}\s*[-–]\s*)?((?:19|20)[0-9]{2})", re.I)
_DOMAIN = re.compile(r"\b(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})\b", re.I)
_COPYRIGHT_NAME = re.compile(r"(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d{2}\s*[,.-]?\s*)?(?P<name>[A-Z][\w&.' -]{1,40}?)[.,]", re.I)


def copyright_facts(text: str) -> tuple[str | None, str | None, str | None]:
    """(year, domain, name) named in a copyright footer."""
    y = _COPYRIGHT_YEAR.search(text)
    d = _DOMAIN.search(text)
    n = _COPYRIGHT_NAME.search(text)
    name = n.group("name").strip() if n else None
    if name and (name.lower().startswith(("www", "http")) or _DOMAIN.fullmatch(name)):
        name = None
    return (y.group(1) if y else None, d.group(1).lower() if d else None, name)
