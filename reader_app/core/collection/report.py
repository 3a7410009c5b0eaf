"""What an import did, file by file: the one report the window, the command line and the watched folder show."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader_app.core.articles import EMPTY_FILE
from reader_app.core.collection.folder_walk import FOLDER_LINK_OUT, LINK_OUT
from reader_app.core.storage.files import shown_path
from reader_app.core.wording import natural_key, plural

SKIPPED = (EMPTY_FILE, LINK_OUT, FOLDER_LINK_OUT)  # left alone on purpose: not files that could not be read
_KIND = re.compile(r" \(|: ")  # "too large (30.2 MB; …)", "cannot read: i/o error": the kind before its detail


@dataclass
class Refusals:
    """The files of an import refused for one kind of reason ("empty file", "too large"), in natural order of
    their names: (origin, the file's own reason)."""

    kind: str
    files: list[tuple[str, str]]

    @property
    def skipped(self) -> bool:
        """Left alone on purpose (empty, a link out of the folder), not a failure to read."""
        return self.files[0][1] in SKIPPED

    def heading(self) -> str:
        """ "10,000 empty files skipped", "2 links skipped: …", "3 files could not be read: too large"."""
        n = len(self.files)
        if self.kind == EMPTY_FILE:
            return f"{plural(n, 'empty file')} skipped"
        if self.skipped:
            return f"{plural(n, 'link')} skipped: {self.kind}"
        return f"{plural(n, 'file')} could not be read: {self.kind}"


@dataclass
class ImportReport:
    """What an import did, file by file."""

    added: list[tuple[str, str]] = field(default_factory=list)  # (origin, id)
    updated: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (origin, id of the existing copy)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (origin, what): imported, with a caveat
    cancelled: bool = False
    skipped: int = 0  # files not looked at because the import was cancelled

    def links_skipped(self) -> int:
        """How many of `failed` are links out of a chosen folder, left alone on purpose (not unreadable)."""
        return sum(1 for _, reason in self.failed if reason in (LINK_OUT, FOLDER_LINK_OUT))

    def empty_skipped(self) -> int:
        """How many of `failed` are empty files, skipped (not unreadable)."""
        return sum(1 for _, reason in self.failed if reason == EMPTY_FILE)

    def unreadable(self) -> int:
        """How many of `failed` could not be read (neither empty nor a link left alone)."""
        return sum(1 for _, reason in self.failed if reason not in SKIPPED)

    def refusals(self) -> list[Refusals]:
        """`failed` grouped by kind of reason: the files that could not be read first (the commonest kind
        first), then those skipped; each group's files in natural order ("e2" before "e10")."""
        groups: dict[str, list[tuple[str, str]]] = {}
        for origin, reason in self.failed:
            groups.setdefault(reason if reason in SKIPPED else _KIND.split(reason, 1)[0], []).append((origin, reason))
        found = [Refusals(kind, sorted(files, key=lambda f: natural_key(f[0]))) for kind, files in groups.items()]
        return sorted(found, key=lambda g: (g.skipped, -len(g.files), g.kind))

    def to_dict(self) -> dict:
        return {
            "cancelled": self.cancelled,
            "skipped": self.skipped,
            # Names that are not UTF-8 as `list --json` writes them ("caf\\xe9.txt"), never lone surrogates.
            "added": [{"path": shown_path(p), "id": i} for p, i in self.added],
            "updated": [{"path": shown_path(p), "id": i} for p, i in self.updated],
            "duplicates": [{"path": shown_path(p), "id": i} for p, i in self.duplicates],
            "failed": [{"path": shown_path(p), "reason": r} for p, r in self.failed],
            "warnings": [{"path": shown_path(p), "warning": w} for p, w in self.warnings],
            # the counts the text report gives: `failed` above lists every refused file, the empty ones and the
            # links left alone included; these tell them apart (`skipped` is what a Cancel left unlooked at)
            "counts": {"added": len(self.added), "updated": len(self.updated), "duplicates": len(self.duplicates),
                       "unreadable": self.unreadable(), "empty_skipped": self.empty_skipped(),
                       "links_skipped": self.links_skipped()},
        }
