"""Saved web pages to article text and metadata, through trafilatura. The only module that imports it.

A raw page is never rendered: trafilatura keeps the main text only (scripts, styles, navigation, images and
their remote addresses are dropped), and what comes out is plain paragraphs that the clipping parser reads
like any other file. The page's own metadata (title, author, date, site name, canonical address) is kept.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from reader_app.core.articles.missing import missing_reason
from reader_app.core.articles.text import drop_script_blocks, strip_escapes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MIN_WORDS = 4
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


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in a <meta> tag near its top, if Python knows it."""
    found = _META_CHARSET.search(data[:4096])
    if not found:
        return None
    try:
        return codecs.lookup(found.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


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


def _clean(value: object, limit: int = 300) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(strip_escapes(value).split())
    return value[:limit] or None


def extract(page: str) -> Extracted:
    """The article in a page of HTML (already decoded)."""
    try:
        import trafilatura  # imports lxml_html_clean (through justext), which an old pip may leave out
    except ImportError as exc:
        raise ExtractError(missing_reason(exc) or "cannot read it: trafilatura cannot be loaded")

    # Script-like elements go before the extractor sees them: it keeps some (a <template>'s text) as story.
    page = flatten_deep(strip_escapes(drop_script_blocks(page)))
    try:
        doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, include_images=False,
                                          include_links=False, include_tables=True, include_formatting=False,
                                          deduplicate=False)
    except Exception as exc:  # lxml and trafilatura raise many kinds on hostile pages
        raise ExtractError(f"cannot read the page ({type(exc).__name__})")
    if doc is None:
        raise ExtractError("no article text found in the page")
    fields = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    title = _clean(fields.get("title"))
    lines = [" ".join(line.split()) for line in (fields.get("text") or "").split("\n")]
    lines = [line for line in lines if line]
    if lines and title and lines[0] == title:
        lines = lines[1:]
    if sum(len(line.split()) for line in lines) < MIN_WORDS:  # a menu or a cookie notice is not an article
        raise ExtractError("no article text found in the page")
    author = _clean(fields.get("author"), 120)
    return Extracted(
        text="\n\n".join(lines),
        title=title,
        byline=author.replace(";", ",") if author else None,
        date=_clean(fields.get("date"), 10),
        outlet=_clean(fields.get("sitename"), 80),
        url=_clean(fields.get("url"), 2000),
    )
