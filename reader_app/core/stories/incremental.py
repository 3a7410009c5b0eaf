"""Updating stories without computing them again, where that is sound: when articles were only removed.

Removing articles leaves every other article's text, and so its place in a thread, as it was (the weights
of words shift a little, which a full computation at the next addition takes up). Threads lose the removed
articles, and a thread left with a single text is no thread any more.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from reader_app.core.stories.build import thread_id
from reader_app.core.stories.model import Stories, Thread


def after_removals(old: Stories, pairs: Iterable[tuple[str, str]], key: str, setting: str) -> Stories | None:
    """`old` without the articles no longer in `pairs` (id, text hash); None when anything was added or
    changed (or the setting differs), which needs a full computation."""
    started = time.perf_counter()
    current = dict(pairs)
    if old.setting != setting or len(current) >= len(old.articles):
        return None
    for aid, text_hash in current.items():
        known = old.articles.get(aid)
        if known is None or known.hash != text_hash:
            return None
    keep = set(current)
    copies = [g for g in ([a for a in group if a in keep] for group in old.copies) if len(g) > 1]
    copy_of = {a: g[0] for g in copies for a in g}
    threads = []
    for t in old.threads:
        articles = [a for a in t.articles if a in keep]
        if len({copy_of.get(a, a) for a in articles}) < 2:
            continue  # one text (and perhaps its copies) is not a story
        dated: list[str] = [d for d in (old.articles[a].date for a in articles) if d]
        outlets: list[str] = []
        for a in articles:
            outlet = old.articles[a].outlet
            if outlet and outlet not in outlets:
                outlets.append(outlet)
        events = [e for e in ([a for a in ev if a in keep] for ev in t.events) if e]
        position = {a: n for n, a in enumerate(articles)}
        duplicates = [sorted(g, key=position.__getitem__) for g in copies if g[0] in position]
        title = t.title if any(old.articles[a].title == t.title for a in articles) else old.articles[articles[-1]].title
        threads.append(Thread(id=thread_id(articles), title=title, articles=articles, outlets=outlets,
                              first=min(dated) if dated else None, last=max(dated) if dated else None,
                              events=events, duplicates=duplicates))
    order = {t.id: n for n, t in enumerate(old.threads)}
    threads.sort(key=lambda t: order.get(t.id, len(order)))
    related = {a: [(b, s) for b, s in near if b in keep] for a, near in old.related.items() if a in keep}
    return Stories(key=key, setting=setting, threads=threads,
                   articles={a: v for a, v in old.articles.items() if a in keep}, copies=copies, related=related,
                   seconds=round(time.perf_counter() - started, 3))
