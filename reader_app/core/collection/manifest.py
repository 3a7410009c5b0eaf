"""What is in the library: the shipped seeds and the imported copies listed in the manifest.

The manifest (`library/manifest.json`) maps each imported article's id to its copy, where it came from and
its content hash. Its first line says how many entries follow, so a manifest cut short is told from a short
one. A damaged manifest (a line that does not parse, fewer entries than it says) is rebuilt from the index,
which records each copy, where it came from and its hash, so the next import knows every file unchanged; a
lost one from the copies themselves.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable
from operator import itemgetter
from pathlib import Path

from reader_app.core.articles import ARTICLE_SUFFIXES
from reader_app.core.articles.details import SEEDS_ADDED_FILE, DetailsStore, iso_time, seeds_added
from reader_app.core.articles.reading import stable_id
from reader_app.core.collection.folder_walk import candidates
from reader_app.core.collection.report import ImportReport
from reader_app.core.errors import LibraryError
from reader_app.core.index.documents import SourceFile
from reader_app.core.storage.files import DamagedFile, atomic_write, json_line, loads, read_data_bytes
from reader_app.core.storage.json_pieces import head_and_lines, loads_lines
from reader_app.core.wording import plural
from reader_app.core.yielding import release_in_pieces, sort_in_pieces, with_pauses

MANIFEST = "manifest.json"
MANIFEST_VERSION = 2
MANIFEST_FORMAT = {"reader-app manifest": MANIFEST_VERSION}  # the first line (with "count": the entries); one [id, entry] a line

log = logging.getLogger(__name__)


class ManifestDamaged(ValueError):
    """A manifest that cannot be trusted; str() says why in a few words."""


class ManifestTooNew(LibraryError, ValueError):
    """A manifest in a format this reader-app does not know, written by a later one: never rebuilt or written
    over (that would lose what the later one keeps), so nothing may be imported, removed or edited. A ValueError too,
    so that whatever only reads the manifest to spare copies (remove_leftovers) spares them all."""

    def __init__(self, version: int):
        super().__init__(f"the library's manifest was made by a newer reader-app (format {version}, this one "
                         f"reads {MANIFEST_VERSION}): importing, removing and editing are refused, to leave it as it is")
        self.version = version


def write_manifest(path: Path, manifest: dict[str, dict]) -> None:
    """Which imported files are in the library: one JSON array per line, flushed to disk before it replaces
    the old one. A line at a time because one json call over 20,000 entries holds the interpreter for some
    50 ms, stalling the window's thread."""
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    lines = [dumps({**MANIFEST_FORMAT, "count": len(manifest)})] + [dumps([aid, e]) for aid, e in manifest.items()]
    try:
        text = "\n".join(lines) + "\n"
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8: that line keeps it as \udcXX escapes, losslessly
        data = ("\n".join(json_line(json.loads(line)) if _not_utf8(line) else line for line in lines) + "\n"
                ).encode("utf-8")
    atomic_write(path, data, durable=True)


def _not_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


def plain_name(name: object) -> bool:
    """Whether a manifest's `file` names a file inside the library's folder: a plain name, no folder part, no
    way up. Anything else is damage (or tampering): read, listed or removed, it would reach a file outside the
    library ("../../victim.txt", "/home/x/thesis.txt": `remove` deleted them)."""
    return (isinstance(name, str) and bool(name) and name not in (".", "..") and "/" not in name
            and "\\" not in name and "\x00" not in name and os.sep not in name)


def read_manifest(path: Path) -> dict[str, dict]:
    """The manifest (also in the first format, one JSON object); ValueError when it is damaged (also when it
    is not a regular file, too large, not UTF-8 or nested too deep); ManifestTooNew when a later reader-app
    wrote it."""
    data = read_data_bytes(path)
    try:
        first, lines = head_and_lines(data)  # decoded a block at a time (the window reads it in a worker)
    except UnicodeDecodeError as exc:
        raise DamagedFile(f"{path} is not UTF-8 text ({exc.reason})")
    try:
        head = loads(first)
    except ValueError:
        head = None
    version = head.get("reader-app manifest") if isinstance(head, dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version > MANIFEST_VERSION:
        raise ManifestTooNew(version)
    current = isinstance(head, dict) and all(head.get(k) == v for k, v in MANIFEST_FORMAT.items())
    if not current:
        whole = loads(data.decode("utf-8"))  # the first format: written by reader-app before 2026-11-23
        if not isinstance(whole, dict):
            raise ValueError("not a manifest")
        if not all(isinstance(e, dict) and plain_name(e.get("file")) for e in whole.values()):
            raise ManifestDamaged("an entry names a file outside the library")
        return whole
    # A few hundred lines per parse: 100,000 separate calls took a second, and one call for all of them held
    # the interpreter (and the window) for 100-500 ms; a damaged line is parsed alone and raises ValueError.
    manifest = {}
    try:
        for pair in loads_lines(lines):
            aid, entry = pair
            if not isinstance(aid, str) or not isinstance(entry, dict) or not plain_name(entry.get("file")):
                raise ValueError("not a manifest entry")
            manifest[aid] = entry
    except (ValueError, TypeError, RecursionError):
        raise ManifestDamaged(f"line {_bad_line(lines)} does not parse")
    count = head.get("count")  # type: ignore[union-attr]
    if isinstance(count, int) and count != len(manifest):  # older manifests say no count
        raise ManifestDamaged(f"it lists {len(manifest):,} of the {plural(count, 'article')} it says it holds")
    return manifest


def _bad_line(lines: list[str]) -> int:
    """The number (in the file, the header being line 1) of the first line that is not a manifest entry."""
    n = 1
    for line in lines:
        n += 1
        if not line.strip():
            continue
        try:
            aid, entry = loads(line)
            if isinstance(aid, str) and isinstance(entry, dict) and plain_name(entry.get("file")):
                continue
        except (ValueError, TypeError, RecursionError):
            pass
        return n
    return n


def _stamp(path: Path) -> tuple[int, int, int, int] | None:
    """What tells a file written again (it is replaced whole, so its inode changes too); None when missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


class Collection:
    """The article files of one library: the seeds folder, the imported copies and their manifest, and the
    details the person corrected (applied when the files are indexed)."""

    def __init__(self, folder: Path, data: Path, seeds: Path, details: DetailsStore):
        self.folder = folder  # the imported copies and the manifest
        self.data = data
        self.seeds = seeds
        self.details = details
        # The manifest as last read or written, with the file's stamp: an import read it four times, and a
        # sync's sources once more (2.4 s at 100,000 articles). A copy is handed out, as callers change it.
        self._read: tuple[tuple[int, int, int, int], dict[str, dict]] | None = None
        self._sources: tuple[tuple, list[SourceFile]] | None = None
        # What the index says of the imported copies, as manifest entries (set by the library): a damaged
        # manifest is rebuilt from it. `notice` says once that it was.
        self.entries_from_index: Callable[[], dict[str, dict]] | None = None
        self.notice: str | None = None

    def manifest(self) -> dict[str, dict]:
        """Imported articles by id: their file in the library, where they came from, their hash."""
        path = self.folder / MANIFEST
        stamp = _stamp(path)
        if stamp is not None and self._read is not None and self._read[0] == stamp:
            return dict(self._read[1])
        try:
            manifest = read_manifest(path)
        except FileNotFoundError:
            return {}
        except ManifestTooNew:
            raise  # neither damage nor to be repaired: see ManifestTooNew
        except ManifestDamaged as exc:
            return self._repair(str(exc))
        except (OSError, ValueError, TypeError, AttributeError):
            return self._repair("it does not read as a manifest")
        if stamp is not None and _stamp(path) == stamp:  # not replaced while it was read
            self._read = (stamp, manifest)
        return dict(manifest)

    def drop_caches(self) -> None:
        """Forget the manifest and the sources as last read (read again when next asked for): a long-lived
        process (the window) would otherwise keep both, about 100 MB at 100,000 articles. Both are private
        (callers get copies), so they are emptied a piece at a time: freed at once they held the interpreter
        (and the window's thread) for 50-75 ms."""
        read, sources = self._read, self._sources
        self._read = self._sources = None
        for cached in (read, sources):
            if cached is not None:
                release_in_pieces(cached[1])

    def holds_caches(self) -> bool:
        return self._read is not None or self._sources is not None

    def save_manifest(self, manifest: dict[str, dict]) -> None:
        path = self.folder / MANIFEST
        write_manifest(path, manifest)
        stamp = _stamp(path)
        self._read = (stamp, dict(manifest)) if stamp is not None else None

    def is_seed(self, article_id: str) -> bool:
        """One of the articles shipped with the app (they cannot be removed)."""
        return any(f.suffix.lower() in ARTICLE_SUFFIXES and not f.name.startswith(".")
                   and stable_id("seed:" + f.name) == article_id
                   for f in (sorted(self.seeds.iterdir()) if self.seeds.is_dir() else []))

    def _repair(self, why: str) -> dict[str, dict]:
        """The manifest rebuilt from the index (each copy with its origin and hash, so the next import finds
        its files unchanged) and from the copies the index does not know, written back when it can be."""
        found: dict[str, dict] = {}
        if self.entries_from_index is not None:
            try:
                found = self.entries_from_index()
            except Exception:  # an index that cannot be read either: the copies are all there is
                log.exception("could not read the index to rebuild the manifest")
        source = "the index" if found else "the copies in the library"
        files = {e.get("file") for e in found.values()}
        found.update((aid, e) for aid, e in self._manifest_from_files().items()
                     if aid not in found and e["file"] not in files)
        self.notice = (f"The library's manifest was damaged ({why}); rebuilt it from {source}: "
                       f"{len(found):,} imported articles.")
        log.warning(self.notice)
        try:
            self.save_manifest(found)
        except OSError as exc:  # a read-only folder: rebuilt again next time
            log.warning("could not write the rebuilt manifest: %s", exc)
        return dict(found)

    def _manifest_from_files(self) -> dict[str, dict]:
        """A lost manifest is rebuilt from the copies themselves; only the original paths are lost."""
        found: dict[str, dict] = {}
        if self.folder.is_dir():
            for f in self.folder.iterdir():
                if f.suffix.lower() in ARTICLE_SUFFIXES and f.is_file():
                    found[f.stem] = {"file": f.name, "origin": str(f)}
        return found

    def sources(self) -> list[SourceFile]:
        """Every article file, with the details the person corrected and when it was added (made again only
        when the manifest, the corrections, the seeds or the dates they were added changed)."""
        key = self._sources_key()
        if self._sources is not None and self._sources[0] == key and key[0] is not None:
            return list(self._sources[1])
        out = self._make_sources()
        if key == self._sources_key():  # nothing changed while they were listed
            self._sources = (key, out)
        return list(out)

    def _sources_key(self) -> tuple:
        return (_stamp(self.folder / MANIFEST), _stamp(self.details.path), _stamp(self.seeds),
                _stamp(self.data / SEEDS_ADDED_FILE))

    def _make_sources(self) -> list[SourceFile]:
        corrected = self.details.load()

        def fixed(aid: str) -> tuple[tuple[str, str], ...]:
            return tuple(sorted(corrected.get(aid, {}).items()))

        out: list[SourceFile] = []
        if self.seeds.is_dir():
            seeds = [(f, stable_id("seed:" + f.name)) for f in sorted(self.seeds.iterdir())
                     if f.suffix.lower() in ARTICLE_SUFFIXES and not f.name.startswith(".")]
            added = seeds_added(self.data, [aid for _, aid in seeds])
            out.extend(SourceFile(f, aid, str(f), fixed(aid), added[aid]) for f, aid in seeds)
        # in pieces: one sort of 100,000 entries held the interpreter (and the window) for tens of ms
        for aid, entry in with_pauses(sort_in_pieces(list(self.manifest().items()), key=itemgetter(0))):
            file = self.folder / entry["file"]
            out.append(SourceFile(file, aid, entry.get("origin") or entry["file"], fixed(aid),
                                  iso_time(self._imported_at(entry, file))))
        return out

    @staticmethod
    def _imported_at(entry: dict, file: Path) -> float:
        """When an imported article was added: the manifest says; else (a manifest rebuilt from the copies)
        its copy was written then."""
        when = entry.get("imported")
        if isinstance(when, (int, float)) and not isinstance(when, bool):
            return float(when)
        try:
            return file.stat().st_mtime
        except OSError:
            return 0.0

    @staticmethod
    def candidates(paths: Iterable[Path], report: ImportReport, walked: dict[Path, Path] | None = None) -> list[Path]:
        """Article files named or found in the folders named (folder_walk.candidates); what cannot even be
        looked at is reported."""
        return candidates(paths, report.failed, walked)
