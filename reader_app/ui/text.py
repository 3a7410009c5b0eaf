"""Showing file-derived text safely in Qt widgets that would otherwise guess it is rich text.

QLabel, tooltips and message boxes render anything that looks like HTML, and Qt's rich text loads images
from local paths by itself. File-derived text is therefore always cleaned with `safe_label` and either set
as plain text or escaped before it reaches a rich-text widget.
"""

from __future__ import annotations

import html


def label(text: str | None, limit: int = 300) -> str:
    """File-derived text for a plain-text label: no controls, bidi overrides or zero-widths; capped."""
    from reader_app.core.cleanup import safe_label  # imported on first use: it compiles many patterns

    return safe_label(text, limit)


def plain_tooltip(text: str | None, limit: int = 600) -> str:
    """A tooltip that shows `text` literally (escaped, line breaks kept), capped at `limit` characters."""
    lines = [label(line, limit) for line in (text or "").splitlines()]
    body = "<br>".join(html.escape(line, quote=False) for line in lines if line)
    return f"<qt>{body}</qt>" if body else ""
