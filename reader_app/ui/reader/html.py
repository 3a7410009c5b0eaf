"""The reader's HTML, built by hand from an Article: every piece of text escaped, only our own tags.

Nothing from the file becomes markup: paragraphs are plain text plus inline marks (emphasis, code, links),
and a link is written only for an http(s) target. No image, stylesheet or other resource is ever referenced.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from reader_app.core.wording import plural
from reader_app.ui.text import added_date, encoding_note, long_date

if TYPE_CHECKING:  # the core's text modules load with the first article, not on the start-up path
    from reader_app.core.articles.model import Article, Paragraph

RELATED_SCHEME = "reader-app-article"
MORE_URL = "reader-more:next"  # the "Show more" link of an article laid out a part at a time
EARLIER_URL = "reader-more:earlier"  # and "Show earlier", when a part further on is shown
RESTORE_SCHEME = "reader-app-restore"  # reader-app-restore:N puts removed block N (from 1) back


@dataclass(frozen=True)
class Typography:
    """Fonts, sizes and colours for one rendering of the article."""

    body_family: str
    heading_family: str
    size: float  # body size in points
    text: str
    muted: str
    accent: str
    link: str
    rule: str
    px_per_pt: float = 96 / 72
    line_height: int = 112  # percent of the font's own line spacing (about 1.5 em for most text faces)


def web_url(url: str | None) -> str | None:
    """`url` when it is an http(s) address with a host, else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.hostname:
        return url.strip()
    return None


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _font(family: str) -> str:
    return "'" + family.replace("'", "").replace("\\", "") + "'"


def paragraph_html(p: Paragraph) -> str:
    """A paragraph's text with its marks as <i>, <b>, <code> and <a>; overlapping marks split cleanly."""
    text = p.text
    if not p.marks:
        return html.escape(text, quote=False)
    cuts = sorted({0, len(text), *(m.start for m in p.marks), *(m.end for m in p.marks)})
    out: list[str] = []
    for start, end in zip(cuts, cuts[1:]):
        if start >= end or start >= len(text):
            continue
        piece = html.escape(text[start:end], quote=False)
        for m in p.marks:
            if m.start <= start and end <= m.end:
                if m.kind == "em":
                    piece = f"<i>{piece}</i>"
                elif m.kind == "strong":
                    piece = f"<b>{piece}</b>"
                elif m.kind == "code":
                    piece = f"<code>{piece}</code>"
                elif m.kind == "link" and (href := web_url(m.href)):
                    piece = f'<a href="{_attr(href)}">{piece}</a>'
        out.append(piece)
    return "".join(out)


def _removed_html(text: str, number: int, t: Typography, px: Callable[[float], str]) -> str:
    """A block the cleanup took out, greyed and struck through, with a link to put it back. Its text always
    differs from a story paragraph's (the link's words follow it), so offsets still map to the story."""
    return (f'<p style="font-size: {t.size * 0.85:.1f}pt; color: {t.muted}; margin-top: 0; '
            f'margin-bottom: {px(t.size * 0.95)};"><s>{html.escape(text, quote=False)}</s>  '
            f'<a href="{RESTORE_SCHEME}:{number}" style="color: {t.link}; text-decoration: none;">↩ Put back</a></p>')


def article_html(article: Article, t: Typography, related: list[dict] | None = None,
                 shown: list[Paragraph] | None = None, more: str | None = None, earlier: str | None = None,
                 show_removed: bool = False) -> str:
    """The whole article page. Paragraph i of `article.paragraphs` becomes exactly one block whose text is
    `article.paragraphs[i].text` (the reader relies on this to map offsets).

    `shown`: only these paragraphs (the first and last possibly cut short), with links `earlier` (EARLIER_URL)
    and `more` (MORE_URL) to the rest: a huge article is laid out a part at a time. With `show_removed` (only
    when the whole article is shown), the text the cleanup removed is shown too, where it stood.
    """
    from reader_app.core.articles.text import safe_label

    s = t.size

    def px(points: float) -> str:  # Qt's rich text takes margins in pixels only
        return f"{round(points * t.px_per_pt)}px"

    sans = _font(t.heading_family)
    parts = [f'<html><body style="font-family: {_font(t.body_family)}; font-size: {s:.1f}pt; color: {t.text};">']
    outlet = safe_label(article.outlet, 120)
    if outlet:
        parts.append(
            f'<p style="font-family: {sans}; font-size: {s * 0.74:.1f}pt; font-weight: 600; color: {t.accent}; '
            f'margin-top: 0; margin-bottom: {px(s * 0.45)};">{html.escape(outlet.upper(), quote=False)}</p>'
        )
    parts.append(
        f'<h1 style="font-family: {sans}; font-size: {s * 1.8:.1f}pt; font-weight: 700; line-height: 100%; '
        f'margin-top: 0; margin-bottom: {px(s * 0.8)};">{html.escape(safe_label(article.title, 400), quote=False)}</h1>'
    )
    byline = safe_label(article.byline, 120)
    added = added_date(article.added)
    meta = [x for x in (byline and f"By {byline}", long_date(article.date),
                        plural(article.words, "word") if article.words else "", added and f"Added {added}",
                        encoding_note(article.encoding, article.encoding_declared)) if x]
    meta_html = html.escape(" · ".join(meta), quote=False)
    url = web_url(article.url)
    if url:
        host = safe_label(urlsplit(url).hostname or "", 80).removeprefix("www.")
        link = f'<a href="{_attr(url)}" style="color: {t.link}; text-decoration: none;">{html.escape(host, quote=False)} ↗</a>'
        meta_html = f"{meta_html}  ·  {link}" if meta_html else link
    if meta_html:
        parts.append(
            f'<p style="font-family: {sans}; font-size: {s * 0.8:.1f}pt; color: {t.muted}; margin-top: 0; '
            f'margin-bottom: {px(s * 1.9)};">{meta_html}</p>'
        )
    if earlier:
        parts.append(f'<p style="font-family: {sans}; font-size: {s * 0.92:.1f}pt; margin-bottom: {px(s * 0.8)};">'
                     f'<a href="{EARLIER_URL}" style="color: {t.link};">{html.escape(earlier, quote=False)}</a></p>')
    removed = sorted(enumerate(article.removed, 1), key=lambda nr: nr[1].before) if show_removed else []
    for i, p in enumerate(article.paragraphs if shown is None else shown):
        while removed and removed[0][1].before <= i:
            number, gone = removed.pop(0)
            parts.append(_removed_html(gone.text, number, t, px))
        if p.kind == "h":
            parts.append(
                f'<h2 style="font-family: {sans}; font-size: {s * 1.15:.1f}pt; font-weight: 600; '
                f'margin-top: {px(s * 1.3)}; margin-bottom: {px(s * 0.5)}; line-height: 100%;">{paragraph_html(p)}</h2>'
            )
        else:
            parts.append(f'<p style="margin-top: 0; margin-bottom: {px(s * 0.95)}; line-height: {t.line_height}%;">'
                         f"{paragraph_html(p)}</p>")
    for number, gone in removed:
        parts.append(_removed_html(gone.text, number, t, px))
    if more:
        parts.append(f'<p style="font-family: {sans}; font-size: {s * 0.92:.1f}pt; margin-top: {px(s * 0.4)};">'
                     f'<a href="{MORE_URL}" style="color: {t.link};">{html.escape(more, quote=False)}</a></p>')
    if not article.paragraphs:
        parts.append(f'<p style="color: {t.muted};"><i>This article has no text.</i></p>')
    if related:
        parts.append(
            f'<p style="font-family: {sans}; font-size: {s * 0.74:.1f}pt; font-weight: 600; color: {t.accent}; '
            f'margin-top: {px(s * 2.4)}; margin-bottom: {px(s * 0.7)};">RELATED ARTICLES</p>'
        )
        for r in related:
            rid = str(r.get("id") or "")
            if not rid.isalnum():
                continue
            title = html.escape(safe_label(r.get("title"), 200), quote=False)
            sub = html.escape(" · ".join(x for x in (safe_label(r.get("outlet"), 80), long_date(r.get("date"))) if x),
                              quote=False)
            parts.append(
                f'<p style="font-family: {sans}; font-size: {s * 0.92:.1f}pt; margin-top: 0; '
                f'margin-bottom: {px(s * 0.8)};">'
                f'<a href="{RELATED_SCHEME}:{rid}" style="color: {t.link}; text-decoration: none;">{title}</a>'
                + (f'<br><span style="color: {t.muted}; font-size: {s * 0.78:.1f}pt;">{sub}</span>' if sub else "")
                + "</p>"
            )
    parts.append("</body></html>")
    return "".join(parts)
