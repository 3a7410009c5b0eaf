"""A thread's timeline and a side-by-side comparison as HTML for the story view, in the theme's colours.

Links carry what a click asks for: `story-article:ID` opens an article, `story-compare:ID` picks an article
for a comparison (the second pick opens it), `story-back:` returns to the timeline.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from reader_app.core.stories import by_event
from reader_app.ui.stories.model import span
from reader_app.ui.theme import Colours, reading_fonts

if TYPE_CHECKING:
    from reader_app.core.stories import Comparison, Thread, TimelineEntry

NEW_SHOWN = 4  # new sentences shown per article in the timeline (the rest are counted)
WEAK = 0.5  # aligned sentences less alike than this are marked weak: they share a subject, not a claim


def _esc(text: str | None) -> str:
    from reader_app.ui.text import label

    return html.escape(label(text or "", 2000))


def _page(colours: Colours, body: str) -> str:
    serif, sans = reading_fonts()
    c = colours
    return (f"<html><head><style>"
            f"body {{ color: {c.text}; font-family: '{serif}'; }}"
            f"h1, h2, h3 {{ font-family: '{sans}'; }} h1 {{ font-size: 150%; margin-bottom: 2px; }}"
            f"h2 {{ font-size: 112%; color: {c.accent}; margin-top: 18px; margin-bottom: 4px; }}"
            f".meta {{ color: {c.muted}; font-family: '{sans}'; }}"
            f".entry {{ margin-top: 10px; margin-bottom: 2px; }}"
            f".date {{ font-family: '{sans}'; font-weight: bold; }}"
            f".undated {{ font-family: '{sans}'; font-style: italic; color: {c.muted}; }}"
            f".badge {{ background-color: {c.term_bg}; color: {c.term_text}; font-family: '{sans}'; }}"
            f".newline {{ margin-left: 24px; margin-top: 1px; margin-bottom: 1px; }}"
            f".only {{ color: {c.muted}; }}"
            f".diff {{ background-color: {c.term_bg}; color: {c.term_text}; }}"
            f".sim {{ color: {c.muted}; font-family: '{sans}'; font-size: 80%; }}"
            f"a {{ color: {c.link}; }}"
            f"th {{ font-family: '{sans}'; text-align: left; }}"
            f"</style></head><body>{body}</body></html>")


def timeline_html(thread: Thread, entries: list[TimelineEntry], colours: Colours, *, unseen: Iterable[str] = (),
                  picked: str | None = None) -> str:
    """The thread's articles on a date axis (undated last, marked so), grouped by event, each with its new
    sentences. `unseen`: articles added since the thread was last opened; `picked`: the article chosen as
    the first of a comparison."""
    unseen = set(unseen)
    outlets = len(thread.outlets)
    parts = [f"<h1>{_esc(thread.title)}</h1>",
             f"<p class='meta'>{len(thread.articles)} articles"
             + (f" · {outlets} outlet{'s' if outlets != 1 else ''}" if outlets else "")
             + f" · {_esc(span(thread))} · {len(thread.events)} event{'s' if len(thread.events) != 1 else ''}</p>"]
    # The same hint whether or not an article is picked (the window's status line says which is): a shorter
    # line here moved every link below it up, and the second "compare" click, in the same place, missed.
    parts.append("<p class='meta'>Tab moves through the links, Enter follows one; “compare” on two articles "
                 "sets them side by side. Esc goes back (to the article, if one is open).</p>")
    # Copies of one text show once, under its first article ("+2 other copies"), so a story reported ten
    # times over reads as one report.
    others = {g[0]: g[1:] for g in thread.duplicates}
    hidden = {a for g in thread.duplicates for a in g[1:]}
    titles = {e.id: e for e in entries}
    events = by_event(e for e in entries if e.id not in hidden)
    for n, group in enumerate(events, 1):
        if len(events) > 1:
            parts.append(f"<h2>Event {n}</h2>")
        for e in group:
            when = (f"<span class='date'>{_esc(e.date)}</span>" if e.date
                    else f"<span class='undated' title=\"{html.escape(undated_tip(group, events))}\">undated ⚑</span>")
            badge = " <span class='badge'>&nbsp;new since your last visit&nbsp;</span>" if e.id in unseen else ""
            pick = ("<span class='badge'>picked</span>" if e.id == picked
                    else f"<a href='story-compare:{e.id}'>compare</a>")
            parts.append(f"<p class='entry'>{when} — {_esc(e.outlet or 'outlet unknown')}: "
                         f"<a href='story-article:{e.id}'>{_esc(e.title)}</a>{badge} &nbsp;<small>[{pick}]</small></p>")
            if others.get(e.id):
                copies = others[e.id]
                links = ", ".join(f"<a href='story-article:{c}'>{_esc(titles[c].title if c in titles else c)}</a>"
                                  for c in copies[:5])
                more = f" and {len(copies) - 5} more" if len(copies) > 5 else ""
                parts.append(f"<p class='newline meta'>+{len(copies)} other cop{'y' if len(copies) == 1 else 'ies'} "
                             f"of this text: {links}{more}</p>")
            if e.new:
                for sentence in e.new[:NEW_SHOWN]:
                    parts.append(f"<p class='newline'>+ {_esc(sentence)}</p>")
                if len(e.new) > NEW_SHOWN:
                    parts.append(f"<p class='newline meta'>… and {len(e.new) - NEW_SHOWN} more new sentences</p>")
            else:
                parts.append("<p class='newline meta'>Nothing new: earlier articles said all of it.</p>")
    return _page(colours, "".join(parts))


def undated_tip(group: list[TimelineEntry], events: list[list[TimelineEntry]]) -> str:
    """What "undated ⚑" means where it stands (core/stories/model.timeline_key: undated articles after the
    dated ones, by headline; events in the order of their first article). "Shown last" was untrue of an
    undated Event 1 in a story with no dates at all."""
    several = len(events) > 1
    if not any(e.date for g in events for e in g):
        return ("No date found in any article of this story: they are in headline order"
                + (" within each event." if several else "."))
    if any(e.date for e in group):
        return "No date found in this article: shown after the dated articles" + (" of its event." if several else ".")
    return ("No date found in this article or the others of its event: the event is shown after those "
            "with a date.")


def _marked(sentence: str, figures: Iterable[str]) -> str:
    """The sentence escaped, its differing figures wrapped in a marked span."""
    text = _esc(sentence)
    for f in sorted(set(figures), key=len, reverse=True):
        text = re.sub(re.escape(html.escape(f)), lambda m: f"<b class='diff'>{m.group()}</b>", text, count=1)
    return text


def compare_html(c: Comparison, a: dict, b: dict, colours: Colours, thread_id: str | None = None) -> str:
    """Two columns: A's and B's sentences side by side where they say much the same, each alone where only
    one says it, and differing figures marked as a possible discrepancy. `a`/`b`: title, outlet, date."""
    figs_a: dict[str, list[str]] = {}
    figs_b: dict[str, list[str]] = {}
    for d in c.differences:
        figs_a.setdefault(d.a, []).append(d.a_figure)
        figs_b.setdefault(d.b, []).append(d.b_figure)

    def head(x: dict, aid: str) -> str:
        return (f"<a href='story-article:{aid}'>{_esc(x.get('title'))}</a><br>"
                f"<span class='meta'>{_esc(x.get('outlet') or 'outlet unknown')} · "
                f"{_esc(x.get('date') or 'undated')}</span>")

    parts = ["<h1>Side by side</h1>"]
    if thread_id:
        parts.append(f"<p class='meta'><a href='story-back:{thread_id}'>Back to the timeline</a> (Esc)</p>")
    alike = "1 sentence says" if len(c.aligned) == 1 else f"{len(c.aligned)} sentences say"
    parts.append(f"<p class='meta'>{alike} much the same · {len(c.only_a)} only in A · "
                 f"{len(c.only_b)} only in B · {len(c.differences)} possible discrepanc"
                 f"{'y' if len(c.differences) == 1 else 'ies'}</p>")
    for d in c.differences:
        parts.append(f"<p><span class='diff'>&nbsp;Possible discrepancy&nbsp;</span> "
                     f"{_esc(d.a_figure)} (A) against {_esc(d.b_figure)} (B)</p>")
    parts.append("<table width='100%' cellspacing='0' cellpadding='6'>")
    parts.append(f"<tr><th width='50%'>A: {head(a, c.a)}</th><th width='50%'>B: {head(b, c.b)}</th></tr>")
    for sa, sb, sim in c.rows:
        cell_a = (_marked(sa, figs_a.get(sa, [])) if sa else "")
        cell_b = (_marked(sb, figs_b.get(sb, [])) if sb else "")
        if sa and sb:  # how alike the pair is, faintly: a weak pair is seen to be weak
            cell_b += f"<br><span class='sim'>{round(sim * 100)}% alike{', weak' if sim < WEAK else ''}</span>"
        # the other column's cell says why it is blank (a trial's comparison opened on a run of B's sentences
        # beside an empty column A, which read as something missing)
        if sa and not sb:
            cell_a = f"<span class='only'>{cell_a}</span>"
            cell_b = "<span class='sim'>— not in B</span>"
        if sb and not sa:
            cell_b = f"<span class='only'>{cell_b}</span>"
            cell_a = "<span class='sim'>— not in A</span>"
        parts.append(f"<tr><td valign='top' style='border-top: 1px solid {colours.rule}'>{cell_a}</td>"
                     f"<td valign='top' style='border-top: 1px solid {colours.rule}'>{cell_b}</td></tr>")
    parts.append("</table>")
    return _page(colours, "".join(parts))
