"""The article files in a folder the person chose, without following links that lead out of it.

A link inside the folder that points elsewhere (`ln -s /etc/shadow shadow.txt`) would make private files
searchable; like Recoll by default, such links are not followed and are listed with a reason instead. Links
that stay inside the folder are fine (the duplicate they make is recognised). A link named outright is the
person's own choice and is never judged here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from reader_app.core.articles import ARTICLE_SUFFIXES

LINK_OUT = "a link to outside the folder (not followed)"
FOLDER_LINK_OUT = "a link to a folder outside the folder (not followed)"

Refused = list[tuple[str, str]]  # (path, reason)

# A folder's own notes, not clippings (the BBC corpus ships a README.md and a LICENSE): left out of a folder
# walk like hidden files; named outright, such a file is imported like any other.
FOLDER_NOTES = frozenset({"readme", "license", "licence", "copying", "changelog", "changes", "contributing",
                          "authors", "notice", "history"})


def folder_note(name: str) -> bool:
    """`README.md`, `LICENSE`, `changelog.txt`…: the stem alone, any case."""
    return name.split(".", 1)[0].lower() in FOLDER_NOTES


def inside(path: Path, top: Path) -> bool:
    """Whether `path`, with every link resolved, is `top` (already resolved) or lies within it."""
    try:
        real = Path(os.path.realpath(path, strict=True))
    except (OSError, RuntimeError, ValueError):
        return True  # a broken or looping link: read_bytes gives it its own reason
    return real == top or top in real.parents


def article_files(folder: Path, refused: Refused, unreadable: Callable[[OSError], None] | None = None) -> list[Path]:
    """Article files in `folder` and below (hidden ones and the folder's notes left out), sorted; links leading out of `folder` go to
    `refused` with a reason instead."""
    top = Path(os.path.realpath(folder))
    files: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=unreadable):
        for d in dirs:
            linked = os.path.join(root, d)
            if not d.startswith(".") and os.path.islink(linked) and not inside(Path(linked), top):
                refused.append((os.path.abspath(linked), FOLDER_LINK_OUT))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # os.walk never enters linked folders
        base = Path(root)
        for name in sorted(names):
            if name.startswith(".") or not name.lower().endswith(ARTICLE_SUFFIXES) or folder_note(name):
                continue
            if os.path.islink(os.path.join(root, name)) and not inside(base / name, top):
                refused.append((os.path.abspath(os.path.join(root, name)), LINK_OUT))
            else:
                files.append(base / name)
    return files


def candidates(paths: Iterable[Path], refused: Refused, walked: dict[Path, Path] | None = None) -> list[Path]:
    """Article files named or found in the folders named; what cannot even be looked at goes to `refused`.
    `walked` gets each file found in a folder, with that folder resolved (read_bytes' `within`)."""
    files: list[Path] = []
    for p in paths:
        p = Path(p).expanduser()
        try:
            os.lstat(p)
            os.stat(p)
        except FileNotFoundError:
            pass  # a broken link or nothing at all: told below
        except OSError as exc:  # cannot even be looked at (inside a folder we may not enter): this path only
            refused.append((str(p), "permission denied" if isinstance(exc, PermissionError)
                            else f"cannot be examined: {(exc.strerror or str(exc)).lower()}"))
            continue
        if p.is_dir():
            def unreadable(exc: OSError, top: Path = p) -> None:
                refused.append((str(exc.filename or top), "folder cannot be read (permission denied)"
                                if isinstance(exc, PermissionError) else f"folder cannot be read: {exc.strerror}"))

            found = article_files(p, refused, unreadable)
            if walked is not None:
                top = Path(os.path.realpath(p))
                walked.update((f, top) for f in found)
            files += found
        elif p.exists() or p.is_symlink():
            # Something named outright that is not a plain file (a FIFO, a device) gets its own reason.
            if p.suffix.lower() in ARTICLE_SUFFIXES or not p.is_file():
                files.append(p)
            else:
                refused.append((str(p), f"not an article file (expected {', '.join(ARTICLE_SUFFIXES)})"))
        else:
            refused.append((str(p), "file not found"))
    return files
