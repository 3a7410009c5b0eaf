"""The facade the GUI and the CLI both use: the article collection, its index, search and imports."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader_app.core.articles import (
    ARTICLE_SUFFIXES,
    Article,
    ArticleReadError,
    content_hash,
    read_article,
    read_bytes,
    stable_id,
)
from reader_app.core.index import ArticleIndex, IndexReport, ProgressCallback, SourceFile, stored_summary
from reader_app.core.results import SearchResult
from reader_app.paths import AppPaths, seeds_dir

MANIFEST = "manifest.json"


class LibraryError(Exception):
    """A request the library cannot carry out; str() is a one-line reason for the user."""


class ArticleNotFound(LibraryError):
    pass


@dataclass
class ImportReport:
    """What an import did, file by file."""

    added: list[tuple[str, str]] = field(default_factory=list)  # (origin, id)
    updated: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (origin, id of the existing copy)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)

    def to_dict(self) -> dict:
        return {
            "added": [{"path": p, "id": i} for p, i in self.added],
            "updated": [{"path": p, "id": i} for p, i in self.updated],
            "duplicates": [{"path": p, "id": i} for p, i in self.duplicates],
            "failed": [{"path": p, "reason": r} for p, r in self.failed],
        }


def _atomic_write_json(path: Path, data: object) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class Library:
    """One user's articles: the shipped seeds plus imported copies, and the index over them."""

    def __init__(self, paths: AppPaths, seeds: Path | None = None):
        self.paths = paths
        self.seeds = Path(seeds) if seeds is not None else seeds_dir()
        self.index = ArticleIndex(paths.index)

    # --- sources --------------------------------------------------------------------------------

    def _manifest(self) -> dict[str, dict]:
        try:
            return json.loads((self.paths.library / MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            return self._manifest_from_files()

    def _manifest_from_files(self) -> dict[str, dict]:
        """A lost manifest is rebuilt from the copies themselves; only the original paths are lost."""
        found: dict[str, dict] = {}
        if self.paths.library.is_dir():
            for f in self.paths.library.iterdir():
                if f.suffix.lower() in ARTICLE_SUFFIXES and f.is_file():
                    found[f.stem] = {"file": f.name, "origin": str(f)}
        return found

    def sources(self) -> list[SourceFile]:
        out: list[SourceFile] = []
        if self.seeds.is_dir():
            for f in sorted(self.seeds.iterdir()):
                if f.suffix.lower() in ARTICLE_SUFFIXES and not f.name.startswith("."):
                    out.append(SourceFile(f, stable_id("seed:" + f.name), str(f)))
        for aid, entry in sorted(self._manifest().items()):
            out.append(SourceFile(self.paths.library / entry["file"], aid, entry.get("origin") or entry["file"]))
        return out

    # --- the index ------------------------------------------------------------------------------

    def open(self, progress: ProgressCallback | None = None, sync: bool = True) -> IndexReport:
        """Make the index usable: build or rebuild it when missing, outdated or damaged; else sync it."""
        problem = self.index.problem()
        if problem:
            return self.index.rebuild(self.sources(), progress, reason=problem)
        if not sync:
            return IndexReport(action="none", total=self.index.count())
        return self.index.sync(self.sources(), progress)

    def rebuild(self, progress: ProgressCallback | None = None, reason: str = "asked to rebuild") -> IndexReport:
        return self.index.rebuild(self.sources(), progress, reason=reason)

    def close(self) -> None:
        self.index.close()

    # --- reading --------------------------------------------------------------------------------

    def list_articles(self) -> list[dict]:
        docs = self.index.all_documents()
        docs.sort(key=lambda d: (d.get("date") or "", d.get("title") or ""), reverse=True)
        return [stored_summary(d) for d in docs]

    def resolve_id(self, article_id: str) -> str:
        article_id = article_id.strip()
        if article_id and self.index.document(article_id):
            return article_id
        matches = self.index.ids_with_prefix(article_id) if article_id else []
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise ArticleNotFound(f"'{article_id}' matches several articles: {', '.join(matches)}")
        raise ArticleNotFound(f"no article with id '{article_id}'")

    def article(self, article_id: str) -> Article:
        """The clean article, re-read from its file (for inline marks), else from the index."""
        aid = self.resolve_id(article_id)
        doc = self.index.document(aid)
        assert doc is not None
        try:
            return read_article(Path(doc["file"]), article_id=aid, origin=doc["path"])
        except ArticleReadError:
            from reader_app.core.cleanup import Paragraph

            return Article(
                id=aid, title=doc["title"], outlet=doc.get("outlet") or None, byline=doc.get("byline") or None,
                date=doc.get("date") or None, url=doc.get("url") or None,
                paragraphs=[Paragraph(t) for t in doc["body"].split("\n\n") if t],
                path=doc["path"], title_derived=bool(doc.get("title_derived")),
                encoding=doc.get("encoding") or "utf-8", content_hash=doc.get("hash") or "",
            )

    def search(self, query: str, limit: int = 20) -> SearchResult:
        if not query.strip():
            raise LibraryError("empty query")
        try:
            return self.index.search(query, limit=limit)
        except Exception as exc:
            raise LibraryError(f"cannot search for that: {exc}")

    # --- importing ------------------------------------------------------------------------------

    @staticmethod
    def _candidates(paths: Iterable[Path], report: ImportReport) -> list[Path]:
        files: list[Path] = []
        for p in paths:
            p = Path(p).expanduser()
            if p.is_dir():
                for root, dirs, names in os.walk(p):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    for name in sorted(names):
                        if name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith("."):
                            files.append(Path(root) / name)
            elif p.exists() or p.is_symlink():
                if p.suffix.lower() in ARTICLE_SUFFIXES:
                    files.append(p)
                else:
                    report.failed.append((str(p), f"not an article file (expected {', '.join(ARTICLE_SUFFIXES)})"))
            else:
                report.failed.append((str(p), "file not found"))
        return files

    def import_paths(self, paths: Iterable[Path], progress: ProgressCallback | None = None) -> ImportReport:
        """Copy article files into the library and index them. Bad files are reported, never fatal."""
        report = ImportReport()
        files = self._candidates(paths, report)
        self.paths.library.mkdir(parents=True, exist_ok=True)
        manifest = self._manifest()
        known_hashes = {e.get("hash"): aid for aid, e in manifest.items() if e.get("hash")}
        with self.index.searcher() as s:
            for doc in s.all_stored_fields():
                known_hashes.setdefault(doc.get("hash"), doc["id"])
        for n, f in enumerate(files, 1):
            origin = str(f.absolute())
            aid = stable_id("import:" + origin)
            try:
                data = read_bytes(f)
                digest = content_hash(data)
                if known_hashes.get(digest) not in (None, aid):
                    report.duplicates.append((origin, known_hashes[digest]))
                    continue
                read_article(f, article_id=aid, origin=origin)  # refuse what cannot be parsed
            except ArticleReadError as exc:
                report.failed.append((origin, str(exc)))
                continue
            target = self.paths.library / f"{aid}{f.suffix.lower()}"
            existed = aid in manifest
            if existed and manifest[aid].get("hash") == digest:
                report.duplicates.append((origin, aid))
                continue
            tmp = target.with_name(target.name + ".tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
            manifest[aid] = {"file": target.name, "origin": origin, "hash": digest, "imported": time.time()}
            known_hashes[digest] = aid
            (report.updated if existed else report.added).append((origin, aid))
            if progress:
                progress(n, len(files), origin)
        if report.added or report.updated:
            _atomic_write_json(self.paths.library / MANIFEST, manifest)
            self.index.sync(self.sources())
        return report

    def remove(self, article_id: str) -> None:
        aid = self.resolve_id(article_id)
        manifest = self._manifest()
        if aid not in manifest:
            raise LibraryError("shipped seed articles cannot be removed")
        entry = manifest.pop(aid)
        _atomic_write_json(self.paths.library / MANIFEST, manifest)
        try:
            os.remove(self.paths.library / entry["file"])
        except FileNotFoundError:
            pass
        self.index.sync(self.sources())

    def wipe_index(self) -> None:
        self.index.close()
        shutil.rmtree(self.paths.index, ignore_errors=True)
