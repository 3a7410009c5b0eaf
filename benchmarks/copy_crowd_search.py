"""A crowd of exact copies in a library: N copies of one BBC article (files that differ only in trailing blank
lines, so the import takes each), imported into a fresh data folder, then `reader-app search QUERY` as a real
process. Prints per N the import time and the median wall time of the search, plus the search's total, its
facet count for the article's first person and the length of the longest printed line.

    python benchmarks/copy_crowd_search.py ARTICLE.txt [--sizes 2000,10000] [--runs 3] [--query shell]

COPY_CROWD_CODE=/path/to/checkout measures another checkout's code (a "before" figure); WORK=folder keeps the
copies and data folders there (default: a temporary folder), reused when they exist.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CODE = Path(os.environ.get("COPY_CROWD_CODE") or Path(__file__).resolve().parents[1]).resolve()


def cli(data: Path, *args: str) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(CODE)}
    env.pop("READER_APP_DATA_DIR", None)
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "reader_app", "--data-dir", str(data), *args], env=env,
                         capture_output=True, text=True, check=True).stdout
    return time.perf_counter() - t, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("article", type=Path)
    ap.add_argument("--sizes", default="2000,10000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--query", default="shell")
    a = ap.parse_args()
    work = Path(os.environ.get("WORK") or tempfile.mkdtemp(prefix="copy-crowd-"))
    text = a.article.read_text()
    for n in (int(s) for s in a.sizes.split(",")):
        folder, data = work / f"copies{n}", work / f"data{n}"
        took = 0.0
        if not data.exists():
            folder.mkdir(parents=True, exist_ok=True)
            for i in range(n):
                (folder / f"copy{i}.txt").write_text(text + "\n" * i)
            data.mkdir()
            took, _ = cli(data, "import", str(folder))
        times = [cli(data, "search", a.query)[0] for _ in range(a.runs)]
        _, printed = cli(data, "search", a.query)
        found = json.loads(cli(data, "search", a.query, "--json")[1])
        person = next(iter(found["facets"].get("person", {}).items()), None)
        print(f"N={n}: import {took:.1f} s; search median {statistics.median(times):.2f} s "
              f"({', '.join(f'{t:.2f}' for t in times)}); total {found['total']}; first person {person}; "
              f"longest printed line {max(map(len, printed.splitlines()))} chars")


if __name__ == "__main__":
    main()
