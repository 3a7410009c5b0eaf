"""The watched folder: files that appear in it (or change) join the library, incrementally.

What was seen is remembered per file by size and modification time in `watched.json` in the data
folder, so a scan only reads new or changed files; files that were refused stay refused until they
change. No Qt here: the GUI watches the folder and calls `scan` in a worker, and tests call it directly.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reader_app.core.collection.folder_walk import Refused, article_files
from reader_app.core.collection.report import ImportReport
from reader_app.core.errors import LibraryError
from reader_app.core.storage.files import atomic_write_json

if TYPE_CHECKING:
    from reader_app.core.index.documents import ProgressCallback
    from reader_app.core.library import Library

STATE_FILE = "watched.json"


def _state_path(library: Library) -> Path:
    return library.paths.data / STATE_FILE


def _load(library: Library, folder: Path) -> dict[str, list[int]]:
    try:
        state = json.loads(_state_path(library).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(state, dict) or state.get("folder") != str(folder):
        return {}  # another folder was watched before: start afresh
    seen = state.get("seen")
    return seen if isinstance(seen, dict) else {}


def _save(library: Library, folder: Path, seen: dict[str, list[int]]) -> None:
    atomic_write_json(_state_path(library), {"folder": str(folder), "seen": seen}, indent=None)


def pending(library: Library, folder: Path, refused: Refused | None = None) -> list[Path]:
    """Article files in `folder` (and below) that are new or changed since the last scan. Links leading out
    of the folder are never imported: those not seen before go to `refused`, with a reason."""
    seen = _load(library, folder)
    out: list[Path] = []
    links: Refused = []
    files = article_files(folder, links)
    for origin, reason in links:
        key = str(Path(origin))
        try:
            st = os.lstat(key)
        except OSError:
            continue
        if seen.get(key) != [st.st_size, st.st_mtime_ns] and refused is not None:
            refused.append((origin, reason))
    for path in files:
        try:
            st = path.stat()
        except OSError:
            out.append(path)  # the import says why it cannot be read
            continue
        if seen.get(str(path)) != [st.st_size, st.st_mtime_ns]:
            out.append(path)
    return out


def scan(library: Library, folder: str | Path, progress: ProgressCallback | None = None,
         cancel: Callable[[], bool] | None = None) -> ImportReport:
    """Import what is new or changed in the watched folder; remember what was looked at."""
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise LibraryError(f"the watched folder {folder} is not a folder")
    refused: Refused = []
    todo = pending(library, folder, refused)
    if not todo and not refused:
        return ImportReport()
    report = library.import_paths(todo, progress=progress, cancel=cancel) if todo else ImportReport()
    looked_at = {p for p, _ in report.added + report.updated + report.duplicates + report.failed}
    report.failed += refused
    seen = _load(library, folder)
    for origin, _ in refused:  # reported once, until the link changes
        try:
            st = os.lstat(origin)
        except OSError:
            continue
        seen[str(Path(origin))] = [st.st_size, st.st_mtime_ns]
    for path in todo:
        origin = str(path.absolute())
        if origin in looked_at:
            try:
                st = path.stat()
            except OSError:
                continue
            seen[str(path)] = [st.st_size, st.st_mtime_ns]
    for key in [k for k in seen if not Path(k).exists()]:
        del seen[key]
    _save(library, folder, seen)
    return report
