"""Article, and reading one clipping file into headline, outlet, byline, date, URL and clean paragraphs."""

from __future__ import annotations

import codecs
import errno
import hashlib
import math
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from reader_app.core.articles import EMPTY_FILE, cjk, cleanup, dates, encodings, furniture, html_extract
from reader_app.core.articles.model import Article, ArticleReadError, Mark, Paragraph, Removed, word_count
from reader_app.core.articles.outlets import domain_of, outlet_from_domain
from reader_app.core.articles.text import drop_script_blocks, normalize_text
from reader_app.core.storage.files import file_kind, read_at_most

MB = 2**20  # the README's and the messages' megabyte (the limit is 20 of them)
MAX_FILE_BYTES = 20 * MB


# --- reading files ------------------------------------------------------------------------------

_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}", re.I)  # "www.ege-haber-24.com.tr"

def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()



def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "file not found"
    if isinstance(exc, PermissionError):
        return "permission denied (unreadable)"
    return f"cannot read: {(exc.strerror or str(exc)).lower()}"


def read_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES, within: Path | None = None) -> bytes:
    """The file's bytes, or ArticleReadError with the reason it is not a readable article file.

    Never blocks: the type is checked before opening, and the file is opened non-blocking and checked
    again, so a FIFO or a device swapped in meanwhile is refused instead of waited on.

    `within` (resolved) is the folder a walk found the file in: then a link is followed only to a file inside
    it, and the file is opened without following links (O_NOFOLLOW), so a file swapped for a link to
    /etc/shadow between the walk and this read is refused, not read.
    """
    try:
        lst = os.lstat(path)
    except OSError as exc:
        raise ArticleReadError(_os_reason(exc))
    target = path
    if within is not None and stat.S_ISLNK(lst.st_mode):
        try:
            target = Path(os.path.realpath(path, strict=True))
        except FileNotFoundError:
            raise ArticleReadError("broken link (its target is missing)")
        except (OSError, RuntimeError, ValueError) as exc:
            raise ArticleReadError(_os_reason(exc) if isinstance(exc, OSError) else "a link that loops")
        if not (target == within or within in target.parents):
            raise ArticleReadError("a link to outside the folder (not followed)")
    try:
        st = os.stat(path)  # follows links: a link is judged by what it points to
    except FileNotFoundError:
        raise ArticleReadError("broken link (its target is missing)")
    except OSError as exc:
        raise ArticleReadError(_os_reason(exc))
    link = "a link to " if stat.S_ISLNK(lst.st_mode) else ""
    if stat.S_ISDIR(st.st_mode):
        raise ArticleReadError("is a folder")
    if not stat.S_ISREG(st.st_mode):
        raise ArticleReadError(f"not a regular file ({link}{file_kind(st.st_mode)})")
    if st.st_size == 0:
        raise ArticleReadError(EMPTY_FILE)
    if st.st_size > max_bytes:
        raise ArticleReadError(f"too large ({math.ceil(st.st_size / MB * 10) / 10:.1f} MB; the limit is "
                              f"{max_bytes / MB:.0f} MB)")  # rounded up: never "20.0 MB; the limit is 20 MB"
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    if within is not None:
        flags |= os.O_NOFOLLOW
    try:
        fd = os.open(target, flags)
    except OSError as exc:
        if within is not None and exc.errno == errno.ELOOP:
            raise ArticleReadError("changed during the import (now a link; not followed)")
        raise ArticleReadError(_os_reason(exc))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ArticleReadError(f"not a regular file ({file_kind(st.st_mode)})")
        data = read_at_most(fd, max_bytes)
    except OSError as exc:
        raise ArticleReadError(_os_reason(exc))
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise ArticleReadError(f"too large (over {max_bytes / MB:.0f} MB)")
    if not data:
        raise ArticleReadError(EMPTY_FILE)
    return data


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name): see core/encodings.py."""
    try:
        return encodings.decode(data)
    except encodings.DecodeError as exc:
        raise ArticleReadError(str(exc))


def decode_replacing(data: bytes) -> tuple[str, str, int]:
    """(text, encoding name, bytes replaced by U+FFFD): see core/encodings.py."""
    try:
        return encodings.decode_replacing(data)
    except encodings.DecodeError as exc:
        raise ArticleReadError(str(exc))


def stable_id(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def is_html(name: str) -> bool:
    return name.lower().endswith(html_extract.HTML_SUFFIXES)


def _no_step() -> None:
    """What a parse calls between its steps when nobody may stop it."""


def _html_article(data: bytes, *, article_id: str, path: str, cleaning: furniture.Cleaning | None = None,
                  step: Callable[[], None] = _no_step) -> Article:
    # A byte-order mark, then a valid UTF-8 reading, win over a <meta> charset: pages are often re-saved as
    # UTF-8 with the old declaration left in, and multi-byte UTF-8 read as a single-byte code page is
    # always garbled, while legacy text with accented letters is almost never valid UTF-8.
    declared = None
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            declared = html_extract.declared_charset(data)
    replaced = 0
    page = None
    if declared:
        try:
            page, encoding = data.decode(declared), declared
        except UnicodeError:
            # A byte the declared code page leaves undefined (a stray one, or a character of its Windows
            # superset): that byte is replaced and counted, as for UTF-8, rather than the whole page guessed
            # again (one odd byte in a windows-1251 page read it all as KOI8-R).
            lenient = data.decode(declared, "replace")
            bad = lenient.count("\ufffd")
            if bad * encodings.STRAY_SHARE <= len(data):
                page, encoding, replaced = lenient, declared, bad
    declared_used = page is not None
    if page is None:
        page, encoding, replaced = decode_replacing(data)
    try:
        page_article = html_extract.extract(page, step)
    except html_extract.ExtractError as exc:
        raise ArticleReadError(str(exc))
    kept = page_article.text.split("\n\n")
    # What the extractor dropped and the person put back goes into the text at its place; the rest is listed
    # with what the cleanup removed, where it stood (Show Removed Text).
    keep = frozenset(cleaning.restored.by_article.get(article_id, ())) if cleaning is not None else frozenset()
    back: list[tuple[str, int]] = []
    listed: list[tuple[str, int]] = []
    for line, at in page_article.dropped:
        (back if keep and furniture.line_key(line) in keep else listed).append((line, at))
    text = "\n\n".join(_interleave(kept, back)) if back else page_article.text
    raw = (f"# {page_article.title}\n\n" if page_article.title else "") + text
    site = page_article.outlet or ""
    if _HOST.fullmatch(site) and (domain := domain_of(site)):  # a site named by its host: its name read from it
        site = outlet_from_domain(domain, raw) or ""
    article = parse_article(raw, article_id=article_id, path=path, known_outlet=site, cleaning=cleaning, step=step)
    if listed:
        article.removed = _with_dropped(article, kept, listed)
    if article.outlet is None and page_article.url and (domain := domain_of(page_article.url)):
        article.outlet = outlet_from_domain(domain, raw)
    article.byline = page_article.byline or article.byline
    article.date = page_article.date or article.date
    article.url = page_article.url or article.url
    article.encoding = encoding
    article.encoding_declared = declared_used
    article.extra["format"] = "html"
    if replaced:
        article.extra["replaced_bytes"] = replaced
    return article


def _interleave(kept: list[str], dropped: list[tuple[str, int]]) -> list[str]:
    """The kept lines with each dropped line (line, kept lines before it) at its place."""
    out: list[str] = []
    j = 0
    for k, line in enumerate(kept):
        while j < len(dropped) and dropped[j][1] <= k:
            out.append(dropped[j][0])
            j += 1
        out.append(line)
    return out + [line for line, _ in dropped[j:]]


def _with_dropped(article: Article, kept: list[str], dropped: list[tuple[str, int]]) -> list[Removed]:
    """The article's removed blocks with the page's dropped lines among them, each before the paragraph that
    holds the next kept line after it (the parser may have joined, split or removed lines)."""
    paras = article.paragraphs
    holder: list[int | None] = []
    pi = 0
    # Each kept line makes at most one paragraph (or none: removed, or joined to the one before), so the next
    # one's stands a few places on: sought that far, not to the end (n² on a page of many removed lines).
    # (more paragraphs than kept lines come of lines put back)
    reach = 64 + max(0, len(paras) - len(kept))
    for line in kept:
        probe = normalize_text(line)[:40].strip()
        found = next((i for i in range(pi, min(len(paras), pi + reach)) if probe and probe in paras[i].text), None)
        holder.append(found)
        if found is not None:
            pi = found

    def before(at: int) -> int:
        return next((h for h in holder[at:] if h is not None), len(paras))

    # the page's dropped lines first where both stand before one paragraph: the page's order is not known there
    merged = [Removed(line, before(at)) for line, at in dropped] + article.removed
    return sorted(merged, key=lambda r: r.before)


def article_from_bytes(data: bytes, *, name: str, article_id: str, path: str,
                       known_outlet: str | None = None, cleaning: furniture.Cleaning | None = None,
                       step: Callable[[], None] = _no_step) -> Article:
    """Parse a file's bytes (`name` says its format: .html/.htm through the page extractor, else text).
    `step()` is called between the steps of the work, so that a cancelled import can stop a big file's parse
    there (by raising): a 20 MB page takes seconds to parse."""
    if is_html(name):
        article = _html_article(data, article_id=article_id, path=path, cleaning=cleaning, step=step)
    else:
        text, encoding, replaced = decode_replacing(data)
        if not text.strip():
            raise ArticleReadError("no text in the file")
        article = parse_article(text, article_id=article_id, path=path, known_outlet=known_outlet,
                                cleaning=cleaning, step=step)
        article.encoding = encoding
        if replaced:  # said in the import report
            article.extra["replaced_bytes"] = replaced
    if not article.paragraphs:
        raise ArticleReadError("no article text in the file")
    article.content_hash = content_hash(data)
    return article


def read_article(path: Path, *, article_id: str, origin: str | None = None, known_outlet: str | None = None,
                 cleaning: furniture.Cleaning | None = None) -> Article:
    """Read and parse one file. `origin` is the path shown to the user (where it was imported from)."""
    data = read_bytes(path)
    return article_from_bytes(data, name=str(path), article_id=article_id, path=origin or str(path),
                              known_outlet=known_outlet, cleaning=cleaning)


# --- parsing ------------------------------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_EMPHASISED_BLOCK = re.compile(r"^(\*\*|__|\*|_)(?=\S).*\S\1$", re.S)
_STEP_UNITS = 2000  # blocks of text read between two calls of parse_article's `step` (a few hundred ms)
_TITLE_MAX_WORDS = 25
_DERIVED_TITLE_CHARS = 90


def _should_join(prev: str, nxt: str) -> bool:
    """A soft wrap or a paragraph broken mid-sentence: the next piece goes on the same sentence."""
    if not prev or not nxt:
        return False
    if prev.endswith("-") and not prev.endswith(" -"):
        return True
    return not cleanup.ends_sentence(prev) and nxt[0].islower()


# A Chinese or Japanese line as wide as the widest of its block (within a fifth), and at least this many
# columns, is a hard-wrapped one: a title or a paragraph's last line is narrower.
_WRAP_SHARE = 0.8
_WRAP_MIN_COLUMNS = 24


def _cjk_break(prev: str, nxt: str, widest: int, split_lines: bool) -> bool | None:
    """A line break before a Chinese or Japanese line: True to join the lines (a hard wrap: "東" and "京" make
    "東京"), False to start a new unit there (a headline over its paragraph), None to do as for any other line.

    A hard wrap fills the line and ends on a character of these scripts, not a sentence; the case of the next
    letter, which tells an English wrap, is no help here (these scripts have none)."""
    if not cjk.is_wide(nxt[0]) or not cjk.has_cjk(prev):
        return None
    full = cjk.width(prev) >= max(_WRAP_MIN_COLUMNS, _WRAP_SHARE * widest)
    ends = cleanup.ends_sentence(prev) or prev[-1] in cjk.SENTENCE_ENDS
    # A line that ends a sentence inside it is prose, never a headline: cut short in the middle of its next
    # sentence it is a wrap however short (an uneven wrap: "計画によると、東" over "京との間…" was two paragraphs).
    prose = any(ch in cjk.SENTENCE_ENDS for ch in prev[:-1])
    if (full or prose) and not ends and cjk.is_wide(prev[-1]):
        return True
    # A block of long lines is one paragraph (its lines are joined), but not a short line over it that ends no
    # sentence: "絵文字のニュース 😀" above a line of 61 characters is the headline, as it is above a short one.
    return None if split_lines or full or ends else False


def _units(text: str) -> list[tuple[str, bool]]:
    """Split normalised text into paragraph-sized units of raw markup.

    Each unit comes with whether a wide gap (two or more empty lines) precedes it: clippers leave one
    where an image was, so a short line after it is usually that image's credit.
    """
    pieces = re.split(r"(\n\s*\n)", text.strip("\n"))
    blocks: list[tuple[str, bool]] = []
    for i in range(0, len(pieces), 2):
        if pieces[i].strip():
            gap = pieces[i - 1].count("\n") >= 3 if i else False
            blocks.append((pieces[i].strip("\n"), gap))
    lines_total = sum(len(b.split("\n")) for b, _ in blocks)
    single_newline_mode = lines_total >= 2 * max(1, len(blocks)) and lines_total > 2
    units: list[tuple[str, bool]] = []
    for block, gap in blocks:
        lines = [ln for ln in block.split("\n") if ln.strip()]
        if _HEADING.match(lines[0]) and len(lines) > 1:
            units.append((lines[0], gap))
            lines, gap = lines[1:], False
        split_lines = single_newline_mode or all(len(ln) < 50 for ln in lines)
        # Each unit is gathered as a list of its lines and joined once: appending to a growing string
        # copies it every time, quadratic in a file of many short soft-wrapped lines.
        merged: list[list[str]] = []
        widest = -1  # the block's widest line in columns, measured at its first Chinese or Japanese line break
        for line in lines:
            join = None
            if merged and cjk.is_wide(line[0]):
                if widest < 0:
                    widest = max(cjk.width(ln) for ln in lines)
                join = _cjk_break(merged[-1][-1], line, widest, split_lines)
            if join is None:
                join = bool(merged) and (not split_lines or _should_join(merged[-1][-1], line))
            if join:
                merged[-1].append(line)
            else:
                merged.append([line])
        units.extend((cjk.join_lines(u), gap and n == 0) for n, u in enumerate(merged))
    return units


def _join_paragraphs(parts: list[Paragraph]) -> Paragraph:
    """One paragraph of several, joined by spaces, their marks moved along (once: linear in the total)."""
    if len(parts) == 1:
        return parts[0]
    marks: list[Mark] = []
    offset = 0
    for p in parts:
        marks.extend(Mark(m.start + offset, m.end + offset, m.kind, m.href) for m in p.marks)
        offset += len(p.text) + 1
    return Paragraph(" ".join(p.text for p in parts), marks, parts[0].kind)


_CJK_SENTENCE_END = re.compile("[。！？｡]")
_FIGURES_ONLY = re.compile(r"^[0-9][0-9\s.,:;%/+×x-]*$")


def _derive_title(paragraphs: list[Paragraph]) -> str:
    for p in paragraphs:
        if p.kind != "p":
            continue
        sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", p.text, maxsplit=1)[0].rstrip(".")
        # Chinese and Japanese end a sentence with 。！？ and no space after it: the first one ends the title
        if cjk.has_cjk(sentence) and (end := _CJK_SENTENCE_END.search(sentence, 0, _DERIVED_TITLE_CHARS + 1)):
            sentence = sentence[:end.end()].rstrip("。｡")
        if len(sentence) <= _DERIVED_TITLE_CHARS:
            return sentence
        head = sentence[:_DERIVED_TITLE_CHARS]
        for sep in (", ", "; ", " — ", " – ", ": "):
            cut = head.rfind(sep)
            if cut >= 30:
                return head[:cut]
        return head.rsplit(" ", 1)[0] + "…"
    return "Untitled article"


def parse_article(raw: str, *, article_id: str, path: str, known_outlet: str | None = None,
                  cleaning: furniture.Cleaning | None = None, step: Callable[[], None] = _no_step) -> Article:
    """Turn clipping text into an Article, dropping page furniture but never a sentence of the story.

    `known_outlet` (as indexed before) skips naming the outlet again, which may load a word list; `cleaning`
    brings the outlet's learnt furniture and the paragraphs the person put back (core/furniture.py); `step()` is
    called between steps (see article_from_bytes).
    """
    units = _units(normalize_text(drop_script_blocks(raw)))
    step()
    kinds: list[str] = []
    paras: list[Paragraph] = []
    title: str | None = None
    byline = date = url = branding = byline_outlet = None
    cr_year = cr_domain = cr_name = None
    caption_years: list[str] = []
    captions: list[str] = []  # taken out of the story, but they name who is pictured (core/entities reads them)

    gaps: list[bool] = []
    for index, (raw_unit, after_gap) in enumerate(units):
        if index % _STEP_UNITS == _STEP_UNITS - 1:
            step()
        gaps.append(after_gap)
        heading = _HEADING.match(raw_unit)
        para = cleanup.parse_inline(heading.group(2) if heading else raw_unit)
        plain = para.text
        kind = "story"
        if not plain:
            kind = "furniture"
        elif heading:
            kind = "heading"
        else:
            is_url, found_url = cleanup.url_block(plain)
            if is_url:
                kind = "furniture"
                url = url or found_url
            elif cleanup.is_comment_debris(plain) or cleanup.is_related_line(plain):
                kind = "furniture"
            elif cleanup.is_copyright(plain):
                kind = "furniture"
                y, d, n = cleanup.copyright_facts(plain)
                cr_year, cr_domain, cr_name = cr_year or y, cr_domain or d, cr_name or n
            elif cleanup.support_branding(plain):
                kind = "furniture"
                branding = branding or cleanup.support_branding(plain)
            elif cleanup.appeal_score(plain) >= 2:
                kind = "appeal"
            elif (d := dates.parse_dateline(plain)) is not None:
                kind = "furniture"
                date = date or d
            elif byline is None and (parts := cleanup.byline_parts(plain))[0]:
                kind = "furniture"
                byline, byline_outlet = parts[0], parts[1]
                date = date or parts[2]
            elif cleanup.is_caption(plain):
                kind = "furniture"
                captions.append(plain)
                found = dates.find_date(plain)
                if found:
                    caption_years.append(found[0][:4])
            elif cleanup.is_photo_credit(plain, bool(_EMPHASISED_BLOCK.match(raw_unit)), first=index == 0):
                kind = "furniture"
        kinds.append(kind)
        paras.append(para)
    step()
    kinds = furniture.classify([p.text for p in paras], kinds, raw=[u for u, _ in units])
    step()

    # The headline: a top-level heading near the top, else a headline-shaped first line.
    story_idx = [i for i, k in enumerate(kinds) if k in ("story", "heading")]
    title_derived = False
    for i in story_idx[:3]:
        p = paras[i].text
        if kinds[i] == "heading" or (
            (not p.endswith((".", ",", ";", ":")) or p.endswith(("...", "…")))
            and word_count(p) <= _TITLE_MAX_WORDS
            and len(p) <= 200
            # more story follows; or it is the first block and all that follows was dropped (a heading over
            # figures only, "Figures only / 1 2 3"): a title over nothing, not a body of one short line
            and (len(story_idx) > 1 or (i == 0 and len(paras) > 1))
        ):
            title = p
            kinds[i] = "title"
        break

    # Between the headline and the first real sentence, a short line where an image was is its credit.
    first_sentence = next(
        (i for i, k in enumerate(kinds) if k == "story" and cleanup.ends_sentence(paras[i].text)
         and word_count(paras[i].text) >= 8),
        len(kinds),
    )
    for i in range(first_sentence):
        text = paras[i].text
        if kinds[i] == "story" and gaps[i] and not cleanup.ends_sentence(text) and word_count(text) <= 8:
            kinds[i] = "furniture"

    # A donation appeal runs to the end of the page: short lines after it go with it.
    appeal_at = next((i for i, k in enumerate(kinds) if k == "appeal" and i >= len(kinds) // 3), None)
    if appeal_at is not None:
        for i in range(appeal_at + 1, len(kinds)):
            text = paras[i].text
            if kinds[i] == "story" and (
                cleanup.appeal_score(text) >= 1 or word_count(text) <= 6
            ):
                kinds[i] = "appeal"

    if known_outlet is not None:
        outlet = known_outlet or None
    else:
        outlet = None
        if url and (dom := domain_of(url)):
            outlet = outlet_from_domain(dom, raw)
        if outlet is None and cr_domain:
            outlet = outlet_from_domain(cr_domain, raw)
        outlet = outlet or byline_outlet or branding or cr_name

    if cleaning is not None:
        kinds = cleaning.apply(article_id, furniture.groups_of(outlet, path), [p.text for p in paras], kinds)

    if not any(k in ("story", "heading") for k in kinds):
        # Nothing left but the title: figures dropped as a counter ("1 2 3" under "Figures only") are all the
        # file says, so they stay as its text rather than the file being refused or its title read as text.
        for i, (kind, para) in enumerate(zip(kinds, paras)):
            if kind == "furniture" and _FIGURES_ONLY.match(para.text):
                kinds[i] = "story"

    removed: list[Removed] = []
    # Paragraphs that continue the sentence before are gathered in runs and joined once at the end.
    runs: list[list[Paragraph]] = []
    for kind, para in zip(kinds, paras):
        if kind not in ("story", "heading", "title") and para.text:
            removed.append(Removed(para.text, len(runs)))
        if kind == "story":
            if runs and runs[-1][0].kind == "p" and _should_join(runs[-1][-1].text, para.text):
                runs[-1].append(para)
                continue
            if not cleanup.ends_sentence(para.text) and word_count(para.text) <= 12:
                para.kind = "h"
            runs.append([para])
        elif kind == "heading":
            para.kind = "h"
            runs.append([para])
    body = [_join_paragraphs(run) for run in runs]

    if not title:
        title = _derive_title(body)
        title_derived = True

    if date is None and url:
        date = dates.date_from_url(url)
    if date is None:
        date = cr_year or (caption_years[0] if caption_years else None)

    return Article(
        id=article_id,
        title=title,
        outlet=outlet,
        byline=byline,
        date=date,
        url=url,
        paragraphs=body,
        path=path,
        title_derived=title_derived,
        extra={"captions": captions} if captions else {},
        removed=removed,
    )
