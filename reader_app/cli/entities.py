"""`reader-app entities`: the library's people, organisations and places, most-mentioned first (no Qt)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from reader_app.cli.arguments import positive_count

EXIT_OK = 0
KINDS = ("person", "org", "place")  # as core/entities/model.py; not imported, so the window starts without it
LABELS = {"person": "person", "org": "organisation", "place": "place"}


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    s = sub.add_parser("entities", parents=[common],
                       help="people, organisations and places across the library, most articles first")
    s.add_argument("--json", action="store_true")
    s.add_argument("--kind", choices=KINDS, help="only people, organisations (org) or places")
    s.add_argument("-n", "--limit", type=positive_count, metavar="N", help="at most N (default: all)")


def run(args: argparse.Namespace, app_paths, open_library: Callable, print_json: Callable[[object], None]) -> int:
    library, _ = open_library(app_paths)
    rows = library.entities(kind=args.kind, limit=args.limit)
    if args.json:
        print_json(rows)
        return EXIT_OK
    if not rows:
        print("No people, organisations or places found.")
    for r in rows:
        also = f"  (also {', '.join(r['aliases'][:4])})" if r["aliases"] else ""
        print(f"{r['articles']:5}  {LABELS[r['kind']]:12}  {r['name']}{also}")
    return EXIT_OK
