"""Saved web pages to article text and metadata, through trafilatura. The only module that imports it.

A raw page is never rendered: trafilatura keeps the main text only (scripts, styles, navigation, images and
their remote addresses are dropped), and what comes out is plain paragraphs that the clipping parser reads
like any other file. The page's own metadata (title, author, date, site name, canonical address) is kept.
What it left out of the page's visible text (menus, footers, lists of other stories) is listed too, each line
with its place, so that Show Removed Text can show it (`Extracted.dropped`): never scripts, styles or hidden
elements.
"""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from reader_app.core.articles.cjk import WIDE_CHAR, has_cjk
from reader_app.core.articles.missing import missing_reason
from reader_app.core.articles.model import word_count
from reader_app.core.articles.text import drop_script_blocks, fold_ligatures, strip_escapes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# an XHTML file's XML declaration (<?xml version="1.0" encoding="windows-1251"?>), read when no <meta> names one
_XML_ENCODING = re.compile(rb"""\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]+encoding\s*=\s*["']\s*([A-Za-z0-9_.:-]+)""", re.I)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MIN_WORDS = 4  # words split by spaces, or, in Chinese and Japanese, characters (model.word_count)
# lxml's HTML parser stops building the tree 256 levels down (libxml2's limit), and what lies deeper is lost:
# elements past this depth are unwrapped (their tags dropped, their text kept where it stood).
MAX_NESTING = 160
# ("[^<>]": a "<" with no ">" after it is given up at the next "<", so a hostile page costs one pass, not n²)
_MARKUP = re.compile(r"<!--.*?(?:-->|$)|<[!?][^<>]*>?|<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^<>]*>", re.S)
# Elements that never hold others (void) or whose end tag may be left out (a page of 300 unclosed <p> is not
# 300 levels deep): never counted as a level, never unwrapped.
_FLAT = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody",
                   "tfoot", "colgroup", "caption", "rp", "rt", "html", "head", "body"})


def _words(line: str) -> int:
    """A line's words as the minimum counts them: split at spaces, but each Han or kana character is one (a
    Chinese or Japanese line has no spaces between its words)."""
    return word_count(line) if has_cjk(line) else len(line.split())


# What a reader of the page never sees as text: not listed among what the extraction dropped.
_UNSEEN = frozenset({"head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
                     "canvas", "select", "datalist", "option", "textarea", "input", "video", "audio", "picture",
                     "map", "title", "meta", "link", "button"})
# Elements that start a line of their own; the text of the others (links, emphasis) runs on in the line.
_BLOCK = frozenset({"address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div",
                    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
                    "h6", "header", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
                    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "br", "html"})
# (spaces taken out first) "opacity:0" but not "opacity:0.5"
_HIDDEN_STYLE = re.compile(r"display:none|visibility:hidden|visibility:collapse|opacity:(?:0+\.?0*|\.0+)%?(?:;|!|$)")
_HIDDEN_CLASSES = frozenset({"hidden", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text",
                             "screen-reader-only", "u-hidden", "is-hidden", "hide"})
_NOT_WORD = re.compile(r"[\W_]+")
MAX_DROPPED = 200  # lines listed at most (a page of a thousand links lists its first ones),
MAX_DROPPED_CHARS = 20_000  # and characters: the list is kept with the article
MAX_LINE_CHARS = 500  # a listed line's characters at most (a longer one is cut, a menu lists its first items)
SEARCH_BUDGET = 8_000_000  # characters of kept text scanned (besides 4x its length) seeking page lines in it
MAX_PAGE_LINES = 5_000  # a page's lines looked at (each is sought among the kept ones: a hostile page stays cheap)
_MENU_ITEM_WORDS = 6  # a list's items of up to this many words, all dropped, are one line: "Home · News · Sport"
# A page of more characters than this (a news page is a few hundred thousand at most; a trial's 20 MB pages took
# 100 s each) has its title, author, date, site and address read from its first FRONT characters only (its
# <head> and the start of its body, where pages put them), and its text taken by the extractor's main pass
# alone, without the second opinion of its fallback extractors (readability, jusText): on such a page those
# two and the date finder's search through every text node took two thirds of the time. Smaller pages are
# read as before.
HUGE_PAGE = 2_000_000
FRONT = 300_000


class ExtractError(ValueError):
    """The page holds no article text; str() is a one-line reason."""


@dataclass
class Extracted:
    """The main text of a page (paragraphs separated by blank lines) and what the page says about itself."""

    text: str
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    outlet: str | None = None
    url: str | None = None
    # what the extraction left out of the page's visible text: (line, how many lines of `text` stand before it)
    dropped: list[tuple[str, int]] = field(default_factory=list)


# Labels read as the web's encoding standard (WHATWG) reads them, which browsers follow: the ISO code pages a
# page declares mean their Windows supersets (a page "in iso-8859-1" is written in windows-1252 and uses its
# quotes, dashes and euro sign; strictly they would be C1 controls and dropped), UTF-16 declared in a page's
# own markup means UTF-8 (markup readable as ASCII cannot be UTF-16), and names Python's codecs lack.
_WEB_LABELS = {
    **dict.fromkeys(("iso-8859-1", "iso8859-1", "iso_8859-1", "iso88591", "latin1", "latin-1", "l1", "cp819",
                     "ibm819", "us-ascii", "ascii", "ansi_x3.4-1968", "iso-ir-100", "csisolatin1", "x-cp1252"), "cp1252"),
    **dict.fromkeys(("iso-8859-9", "iso8859-9", "iso_8859-9", "latin5", "l5", "iso-ir-148", "csisolatin5"), "cp1254"),
    **dict.fromkeys(("tis-620", "iso-8859-11", "iso8859-11", "windows-874", "dos-874"), "cp874"),
    **dict.fromkeys(("euc-kr", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "korean", "windows-949",
                     "csksc56011987", "iso-ir-149"), "cp949"),
    **dict.fromkeys(("gb2312", "gb_2312", "gb_2312-80", "chinese", "csgb2312", "x-gbk", "iso-ir-58"), "gbk"),
    **dict.fromkeys(("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"), "big5hkscs"),
    **dict.fromkeys(("utf-16", "utf-16le", "utf-16be", "utf16", "unicode", "ucs-2", "unicodefeff"), "utf-8"),
    "x-mac-cyrillic": "mac_cyrillic", "x-mac-ukrainian": "mac_cyrillic", "x-mac-roman": "mac_roman",
    "macintosh": "mac_roman", "mac": "mac_roman", "csmacintosh": "mac_roman", "x-cp1250": "cp1250",
    "x-cp1251": "cp1251", "x-sjis": "shift_jis", "x-euc-jp": "euc_jp", "iso-8859-8-i": "iso8859_8",
    "csiso88598i": "iso8859_8",
}


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in a <meta> tag near its top (or an XHTML file in its XML declaration), if
    Python knows it."""
    found = _META_CHARSET.search(data[:4096]) or _XML_ENCODING.match(data[:1024])
    if not found:
        return None
    try:
        label = found.group(1).decode("ascii").strip().lower()
        codec = codecs.lookup(_WEB_LABELS.get(label, label))
    except (LookupError, UnicodeDecodeError):
        return None
    # base64, rot13, zlib, hex...: codecs Python knows that are not text encodings; a page naming one is read as
    # if it named none
    return codec.name if getattr(codec, "_is_text_encoding", True) and codec.name != "undefined" else None


def flatten_deep(page: str, limit: int = MAX_NESTING) -> str:
    """`page` with the elements nested deeper than `limit` levels unwrapped: their start and end tags are
    dropped, their content kept in place. A page no deeper than that (any real one) is returned as it is."""
    depth = 0
    for m in _MARKUP.finditer(page):
        name = m.group(2)
        if name is None or name.lower() in _FLAT or m.group(0).endswith("/>"):
            continue
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        if depth > limit:
            break
    else:
        return page
    out: list[str] = []
    stack: list[str] = []  # the open elements kept
    dropped: dict[str, int] = {}  # per name, start tags unwrapped whose end tags are still to come
    pos = 0
    for m in _MARKUP.finditer(page):
        name = m.group(2)
        if name is None or (name := name.lower()) in _FLAT or m.group(0).endswith("/>"):
            continue
        out.append(page[pos:m.start()])
        pos = m.end()
        if not m.group(1):  # a start tag
            if len(stack) >= limit:
                dropped[name] = dropped.get(name, 0) + 1
                continue
            stack.append(name)
        elif dropped.get(name):  # the end of an unwrapped element
            dropped[name] -= 1
            continue
        elif name in stack:  # closes it (and any left open inside it, as the parser would)
            del stack[len(stack) - 1 - stack[::-1].index(name):]
        out.append(m.group(0))
    out.append(page[pos:])
    return "".join(out)


# A line break in a page's text between two Chinese or Japanese characters (tags between them or not), with the
# spaces around it: a browser shows no space there (CSS Text's segment break transformation), and the extractor
# would make it one, so "東" at the end of a line and "京" at the start of the next would not read (or be found)
# as 東京. Preformatted text keeps its line breaks.
_TAGS = r"(?:<[^<>]*>)*"
_CJK_BREAK = re.compile(f"({WIDE_CHAR}{_TAGS})[ \\t\\r\\f]*\\n[ \\t\\r\\n\\f]*(?={_TAGS}{WIDE_CHAR})")
_PREFORMATTED = re.compile(r"<(pre|textarea|listing|xmp|plaintext)\b.*?(?:</\1\s*>|\Z)", re.I | re.S)


def close_cjk_breaks(page: str) -> str:
    """`page` without the line breaks a browser drops between two Chinese or Japanese characters (outside
    preformatted text): "東\n京" as 東京, as it shows; one between English words stays, as a space."""
    if not has_cjk(page):
        return page
    out: list[str] = []
    at = 0
    for pre in _PREFORMATTED.finditer(page):
        out.append(_CJK_BREAK.sub(r"\1", page[at:pre.start()]))
        out.append(pre.group())
        at = pre.end()
    out.append(_CJK_BREAK.sub(r"\1", page[at:]))
    return "".join(out)


def _clean(value: object, limit: int = 300) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(fold_ligatures(strip_escapes(value)).split())
    return value[:limit] or None


def _parse_huge_text(utils) -> None:
    """Has the extractor's HTML parser keep a text node of over 10,000,000 bytes. libxml2 cuts one there unless
    asked for a "huge tree", and a page whose one paragraph held 12 MB (under the app's 20 MB limit for a file)
    came out as "no article text found". A huge tree also lifts libxml2's depth limit (256 levels), so the
    parser never sees a page deeper than MAX_NESTING: extract() runs flatten_deep first."""
    parser = getattr(utils, "HTML_PARSER", None)
    if parser is None or getattr(utils, "_reader_app_huge", False):
        return
    from lxml.html import HTMLParser

    # trafilatura's own parser (utils.py), with huge_tree; its load_html() and fromstring_bytes() read it by name
    utils.HTML_PARSER = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                                   remove_pis=True, huge_tree=True)
    utils._reader_app_huge = True


_META_FIELDS = ("title", "author", "date", "sitename", "url")  # what extract() reads of the page's metadata


def metadata_of(tree):
    """The extractor's metadata (title, author, date, site, address) of a parsed page, found as
    bare_extraction(with_metadata=True) finds them."""
    from trafilatura.metadata import extract_metadata

    return extract_metadata(tree)


def extract(page: str, step: Callable[[], None] = lambda: None) -> Extracted:
    """The article in a page of HTML (already decoded). `step()` is called between the steps of the work (a
    cancelled import raises there)."""
    try:
        import trafilatura  # imports lxml_html_clean (through justext), which an old pip may leave out
    except ImportError as exc:
        raise ExtractError(missing_reason(exc) or "cannot read it: trafilatura cannot be loaded")

    _parse_huge_text(trafilatura.utils)
    # Script-like elements go before the extractor sees them: it keeps some (a <template>'s text) as story.
    original, page = page, close_cjk_breaks(flatten_deep(strip_escapes(drop_script_blocks(page))))
    huge = len(page) > HUGE_PAGE
    try:
        # one parse: the page's lines are read off the tree before the extractor prunes it
        tree = trafilatura.utils.load_html(page)
        page_lines = _page_lines(tree) if tree is not None else []
    except Exception as exc:  # lxml and trafilatura raise many kinds on hostile pages
        raise ExtractError(f"cannot read the page ({type(exc).__name__})")
    step()  # (outside the try: what it raises goes to the caller as it is)
    try:
        doc = trafilatura.bare_extraction(tree if tree is not None else page, with_metadata=not huge, fast=huge,
                                          include_comments=False, include_images=False, include_links=False,
                                          include_tables=True, include_formatting=False, deduplicate=False)
    except Exception as exc:
        raise ExtractError(f"cannot read the page ({type(exc).__name__})")
    if doc is None:
        raise ExtractError("no article text found in the page")
    fields = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    if huge:
        del tree
        step()
        try:
            front = trafilatura.utils.load_html(page[:FRONT])
            meta = metadata_of(front).as_dict() if front is not None else {}
        except Exception:  # the text is there: a page whose first part cannot be read has no details
            meta = {}
        fields.update({k: v for k, v in meta.items() if k in _META_FIELDS})
    step()
    title = _clean(fields.get("title"))
    lines = [" ".join(line.split()) for line in (fields.get("text") or "").split("\n")]
    lines = [line for line in lines if line]
    if lines and title and lines[0] == title:
        lines = lines[1:]
    if sum(_words(line) for line in lines) < MIN_WORDS:  # a menu or a cookie notice is not an article
        raise ExtractError("no article text found in the page")
    author = _clean(fields.get("author"), 120)
    dropped = _dropped(page_lines, lines, title)
    return Extracted(
        dropped=dropped,
        text="\n\n".join(lines),
        title=title,
        byline=author.replace(";", ",") if author else None,
        date=_dated(_clean(fields.get("date"), 10), original[:FRONT] if huge else original),
        outlet=_clean(fields.get("sitename"), 80),
        url=_clean(fields.get("url"), 2000),
    )


# A page's publication date in its JSON-LD metadata (<script type="application/ld+json">, which the extractor
# never sees: script elements go before it reads the page)
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"((?:19|20)\d\d-[01]\d-[0-3]\d)')
# "January" in the languages of the app's code pages, for a 1 January date written out
_JANUARY = r"(?:jan(?:uary|\.)?|janvier|januar|enero|gennaio|janeiro|stycznia|января|январь|ιανουαρίου)"


def _dated(date: str | None, page: str) -> str | None:
    """The page's date, unless it is a bare year: the extractor falls back on the year of a "© 2026" line (or
    any year it finds) and gives it as 1 January, which would date a story wrongly. A 1 January date stays when
    the page writes it out somewhere (2026-01-01, 01/01/2026, 1-Jan-2026, the 1st of January, 2026, 1 января
    2026, Jan. 1, 2026, /20260101/, its JSON-LD). `page`: as it came, scripts and all."""
    if date and not date.endswith("-01-01"):
        return date
    if date:
        year = re.escape(date[:4])
        written = re.compile(
            rf"{year}[-/.]0?1[-/.]0?1(?!\d)|(?<!\d)0?1[-/.]\s?0?1[-/.]\s?{year}|{year}0101(?!\d)"
            rf"|(?<!\d)1(?:st|er|\.)?(?:\s+(?:of|de))?[\s\-]+{_JANUARY}[\s\-,.]*(?:de\s+)?{year}"
            rf"|{_JANUARY}\s+1(?:st)?(?!\d),?\s+{year}", re.I)
        if written.search(page):
            return date
    found = _LD_DATE.search(page)  # no date, or only a bare year's: the JSON-LD's, when it has one
    return found.group(1) if found and _plausible_day(found.group(1)) else None


def _plausible_day(iso: str) -> bool:
    month, day = int(iso[5:7]), int(iso[8:10])
    return 1 <= month <= 12 and 1 <= day <= 31


def _key(text: str) -> str:
    return _NOT_WORD.sub("", html.unescape(text).casefold()) if "&" in text else _NOT_WORD.sub("", text.casefold())


def _hidden(el, tag: str) -> bool:
    """An element a reader never sees: hidden by attribute, by style (spelt with any spacing or case), by a
    class pages use for it, or a dialog not open."""
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").strip().lower() == "true":
        return True
    if tag == "dialog" and el.get("open") is None:
        return True
    style = el.get("style")
    if style and _HIDDEN_STYLE.search("".join(style.split()).lower()):
        return True
    classes = el.get("class")
    return bool(classes) and not _HIDDEN_CLASSES.isdisjoint(classes.lower().split())


def _page_lines(root) -> list[tuple[str, object]]:
    """The page's visible text a line per block, in order: (line, the list element of a list item, else None)."""
    lines: list[tuple[str, object]] = []
    buf: list[str] = []

    def flush(owner: object = None) -> None:
        text = " ".join(" ".join(buf).split())
        buf.clear()
        if text:
            lines.append((text, owner))

    def walk(el, depth: int) -> None:
        if len(lines) >= MAX_PAGE_LINES:  # the lines _dropped() looks at are all there: the rest is not walked
            return
        tag = el.tag.lower().rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
        hidden = not tag or tag in _UNSEEN or _hidden(el, tag)
        if not hidden and depth < 300:
            block = tag in _BLOCK
            if block:
                flush()
            if el.text:
                buf.append(el.text)
            for child in el:
                walk(child, depth + 1)
            if block:
                flush(el.getparent() if tag == "li" else None)
        if el.tail:
            buf.append(el.tail)

    walk(root, 0)
    flush()
    return lines[:MAX_PAGE_LINES]


def _cut(text: str, limit: int = MAX_LINE_CHARS) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


class _Kept:
    """Whether a page line's key is in the kept text, near-linear in all: an exact line first (a set), then
    within a kept line, sought through the whole kept text only while a budget of characters scanned lasts
    (a few hundred searches of a normal page; a page of thousands of long lines would take n² otherwise)."""

    def __init__(self, keys: list[str]) -> None:
        self.lines = set(keys)
        self.joined = "\n".join(keys)
        self.budget = SEARCH_BUDGET + 4 * len(self.joined)

    def __contains__(self, key: str) -> bool:
        return key in self.lines or self.within(key, self.joined)

    def within(self, key: str, text: str) -> bool:
        """`key in text` while the budget lasts (it pays for the searches near the cursor too)."""
        if self.budget <= 0:
            return False
        self.budget -= len(text)
        return key in text


def _dropped(page_lines: list[tuple[str, object]], kept: list[str], title: str | None) -> list[tuple[str, int]]:
    """The page's lines (`_page_lines`) that are not in `kept` (the extracted text's lines), each with the
    number of kept lines before it; a menu's short items joined into one line (its first items, then how many
    more), any line cut to MAX_LINE_CHARS."""
    # each entry: [items, kept lines before it, the list it belongs to, characters of its items, items left out]
    out: list[list] = []
    cursor = 0
    keys = [_key(line) for line in kept]  # compared blind to case, spacing, punctuation and escapes
    kept_text = _Kept(keys)
    for text, owner in page_lines[:MAX_PAGE_LINES]:
        if len(out) >= MAX_DROPPED:
            break
        if text == title:
            continue
        text = html.unescape(text) if "&" in text else text  # an entity escaped twice reads as the extractor gives it
        key = _key(text)
        if not key:
            continue
        found = None
        for i in range(cursor, min(len(kept), cursor + 16)):  # the kept lines come in the page's order
            line = keys[i]
            if key == line or (len(key) >= 16 and kept_text.within(key, line)) or (len(line) >= 16 and line in key):
                found = i
                break
        if found is not None:
            cursor = found + (key == keys[found] or keys[found] in key)
            continue
        if len(key) >= 16 and key in kept_text:  # kept, though not where expected
            continue
        last = out[-1] if out else None
        if (last is not None and owner is not None and last[2] is owner and last[1] == cursor
                and len(text.split()) <= _MENU_ITEM_WORDS and len(last[0][-1].split()) <= _MENU_ITEM_WORDS):
            if last[4] or last[3] + len(text) > MAX_LINE_CHARS:
                last[4] += 1  # a menu of thousands lists its first items and how many more
            else:
                last[0].append(text)
                last[3] += len(text) + 3
            continue
        out.append([[text], cursor, owner, len(text), 0])
    listed: list[tuple[str, int]] = []
    size = 0
    for items, at, _owner, _size, more in out[:MAX_DROPPED]:
        text = _cut(" · ".join(items)) + (f" … ({more:,} more)" if more else "")
        size += len(text)
        if size > MAX_DROPPED_CHARS:
            break
        listed.append((text, at))
    return listed
