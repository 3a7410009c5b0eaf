"""What an import did, file by file: the one report the window, the command line and the watched folder show."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader_app.core.collection.folder_walk import FOLDER_LINK_OUT, LINK_OUT
from reader_app.core.storage.files import shown_path


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
        }
