"""Text written into the Markdown exports (the bookmarks export and the dossier) so that Markdown shows it as
typed: escaped prose, blockquotes, and code spans for tags."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+[.)])", re.M)
_TICKS = re.compile(r"`+")


def md(text: str) -> str:
    """Text that Markdown shows as written."""
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), _MD_SPECIAL.sub(r"\\\1", text))


def blockquote(text: str) -> str:
    return "\n".join(("> " + line) if line.strip() else ">" for line in md(text).split("\n"))


def code_span(text: str) -> str:
    """`text` as a code span, whatever backticks it holds: the fence is one backtick longer than the longest run
    inside, and padded with a space when the text starts or ends with a backtick (CommonMark strips one)."""
    fence = "`" * (max((len(m) for m in _TICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


NOT_FOUND_NOTE = "*(This passage is no longer found in the article.)*"  # the article changed
REMOVED_NOTE = "*(Article removed from the library.)*"  # the article itself is gone


def orphan_note(article_removed: bool) -> str:
    """What an export says under a passage it could not place: why, as far as the library knows."""
    return REMOVED_NOTE if article_removed else NOT_FOUND_NOTE
