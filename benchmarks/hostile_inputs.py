"""What the #13 safeguards cost on ordinary input: reading a big bookmarks export (BOM, nesting check, item
checks), cleaning stale temporary files in a folder of 20,000 copies, and walking a folder with the link check.

Prints medians of several runs; asserts nothing. `python benchmarks/hostile_inputs.py [--runs N]`
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bookmarks import median_ms  # noqa: E402
from reader_app.core.bookmarks.export import from_annotations, read_export, to_annotations  # noqa: E402
from reader_app.core.bookmarks.model import Bookmark  # noqa: E402
from reader_app.core.collection.folder_walk import article_files  # noqa: E402
from reader_app.core.storage.files import remove_stale  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bookmarks", type=int, default=20_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        top = Path(tmp)
        marks = [Bookmark(f"{n:012x}", "abcdef012345", f"passage number {n} of the story " * 3, "before", "after",
                          n * 10, n * 10 + 99, "h" * 64, f"note {n}", ["tag", f"t{n % 50}"],
                          "2026-11-30T10:00:00.000000+00:00", "2026-11-30T10:00:00.000000+00:00", False,
                          "Title", "Outlet", "2021-04-14", "https://example.invalid/a")
                 for n in range(args.bookmarks)]
        export = top / "export.json"
        export.write_text(json.dumps(to_annotations(marks), ensure_ascii=False, indent=1), encoding="utf-8")
        size = export.stat().st_size / 2**20
        plain = median_ms(lambda: json.loads(export.read_text(encoding="utf-8")), args.runs)
        checked = median_ms(lambda: read_export(export), args.runs)
        data = read_export(export)
        items = median_ms(lambda: from_annotations(data), args.runs)
        print(f"export of {args.bookmarks:,} bookmarks ({size:.1f} MB): json.loads {plain:.0f} ms, "
              f"read_export (stat, size limit, BOM) {checked:.0f} ms; from_annotations (item checks) {items:.0f} ms")

        copies = top / "articles"
        copies.mkdir()
        for n in range(20_000):
            (copies / f"{n:012x}.txt").write_bytes(b"")
        print(f"remove_stale on a folder of 20,000 copies: {median_ms(lambda: remove_stale(copies), args.runs):.1f} ms")

        walk = top / "walk"
        walk.mkdir()
        for n in range(2_000):
            (walk / f"a{n:05d}.txt").write_bytes(b"")
        for n in range(100):
            os.symlink(walk / f"a{n:05d}.txt", walk / f"link{n:03d}.txt")
        bare = median_ms(lambda: [Path(r) / f for r, _, fs in os.walk(walk) for f in sorted(fs)
                                  if f.endswith(".txt")], args.runs)
        checked_walk = median_ms(lambda: article_files(walk, []), args.runs)
        print(f"walking 2,000 files and 100 links: os.walk and a Path per file (as before) {bare:.1f} ms, article_files (link check) "
              f"{checked_walk:.1f} ms")


if __name__ == "__main__":
    main()
