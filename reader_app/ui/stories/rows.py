"""Copies of one text as one row of the article list: the other copies' rows are left out and the first
says "+1 other copy". Runs where the list's rows are built, in the worker, from the stories last computed
(core/stories), joined with the exact copies the index knows from the import on; search hits come folded from the library already."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from reader_app.core.storage.files import stamps

if TYPE_CHECKING:
    from reader_app.core.library import Library
    from reader_app.ui.articles.row import ArticleRow


def fold_source(library: Library) -> tuple[int, int] | None:
    """What fold_copies reads besides the rows, as a value that changes when it does: the stories cache
    file's stamp (the window's list cache is trusted only while this and the index are as they were)."""
    from reader_app.core.stories.source import cache_path

    return stamps([cache_path(library)])[0]


def fold_copies(library: Library, rows: list[ArticleRow]) -> list[ArticleRow]:
    from reader_app.core.stories import copy_groups

    try:
        groups = copy_groups(library)
    except Exception:  # the list must show even if the stories cache cannot be read
        return rows
    if not groups:
        return rows
    present = {r.id for r in rows}
    others: dict[str, int] = {}
    hidden: set[str] = set()
    for group in groups.groups:
        here = [a for a in group if a in present]
        if len(here) > 1:
            others[here[0]] = len(here) - 1
            hidden.update(here[1:])
    return [replace(r, copies=others[r.id]) if r.id in others else r for r in rows if r.id not in hidden]
