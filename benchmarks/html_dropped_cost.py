"""What listing a saved page's dropped lines costs on big pages, and what it lists on the evaluation pages.

    .venv/bin/python benchmarks/html_dropped_cost.py [--snapshot FILE] [--rounds N]

Generated pages: a story of many paragraphs among 5,000 navigation lines (about 5 MB and 18 MB), a menu of
100,000 items, a 1 MB line. For each: trafilatura's extraction alone and `article_from_bytes` (extraction,
listing and cleanup), CPU seconds, median of the rounds; then the number of listed lines and their characters.
`--snapshot FILE` writes the listing of the evaluation set's HTML clippings (to compare two versions).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader_app.core.articles import html_extract  # noqa: E402
from reader_app.core.articles.reading import article_from_bytes  # noqa: E402

SENTENCE = ("The regional council approved the new bus network on Tuesday after two years of consultation "
            "with residents of paragraph {n}.")


def story_page(paragraphs: int, nav_lines: int) -> str:
    story = "".join(f"<p>{SENTENCE.format(n=n)} {SENTENCE.format(n=n + 1)}</p>" for n in range(paragraphs))
    # one menu of short items (each sought in the kept text, joined into one listed line)
    nav = "<ul>" + "".join(f"<li><a href='/s{n}'>Section story number {n}</a></li>" for n in range(nav_lines)) + "</ul>"
    return f"<html><body>{nav}<article><h1>Council backs buses</h1>{story}</article></body></html>"


def pages() -> dict[str, str]:
    story = "".join(f"<p>{SENTENCE.format(n=n)}</p>" for n in range(20))
    menu = "<ul>" + "".join(f"<li><a href='/{n}'>Item {n}</a></li>" for n in range(100_000)) + "</ul>"
    return {
        "5 MB, 5,000 nav lines": story_page(20_000, 5_000),
        "18 MB, 5,000 nav lines": story_page(75_000, 5_000),
        "menu of 100,000 items": f"<html><body><nav>{menu}</nav><article>{story}</article></body></html>",
        "a 1 MB line": f"<html><body><nav><p>{'menu ' * 200_000}</p></nav><article>{story}</article>"
                       "<footer><p>Example Post, 1 Harbour Street</p></footer></body></html>",
    }


def cpu(fn) -> float:
    t = time.process_time()
    fn()
    return time.process_time() - t


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--snapshot")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip", help="leave out the pages whose name holds this")
    args = parser.parse_args()
    if args.snapshot:
        out = {}
        for path in sorted((ROOT / "benchmarks" / "cleanup_eval" / "clippings").glob("*.htm*")):
            a = article_from_bytes(path.read_bytes(), name=path.name, article_id="x", path=path.name)
            out[path.name] = [[r.text, r.before] for r in a.removed]
        Path(args.snapshot).write_text(json.dumps(out, indent=1, ensure_ascii=False))
        return
    import trafilatura

    for name, page in pages().items():
        if args.skip and args.skip in name:
            continue
        data = page.encode()
        alone = statistics.median(cpu(lambda page=page: trafilatura.bare_extraction(page, with_metadata=True))
                                  for _ in range(args.rounds))
        whole = statistics.median(cpu(lambda data=data: article_from_bytes(data, name="p.html", article_id="x", path="p"))
                                  for _ in range(args.rounds))
        got = html_extract.extract(page).dropped
        print(f"{name:26} {len(data) / 2**20:5.1f} MB  trafilatura alone {alone:6.2f} s  "
              f"import {whole:6.2f} s  listed {len(got)} lines, {sum(len(t) for t, _ in got):,} chars; "
              f"last: {got[-1][0][:50] if got else '-'!r}")


if __name__ == "__main__":
    main()
