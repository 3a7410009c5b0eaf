"""`reader-app stories|story|compare`: story threads, a thread's timeline and two articles side by side
(no Qt). JSON shapes are documented in README.md (Command line)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

EXIT_OK, EXIT_ERROR = 0, 1
SETTINGS = ("normal", "tight", "loose")


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    grouping = argparse.ArgumentParser(add_help=False)
    grouping.add_argument("--grouping", choices=SETTINGS, default=None,
                          help="how tightly articles group into threads (default: normal)")

    s = sub.add_parser("stories", parents=[common, grouping],
                       help="story threads of two or more articles, newest activity first")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("story", parents=[common, grouping],
                       help="one story thread's timeline (ID: a thread id or any of its articles' ids)")
    s.add_argument("id", metavar="ID")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("compare", parents=[common, grouping], help="two articles side by side")
    s.add_argument("a", metavar="ID_A")
    s.add_argument("b", metavar="ID_B")
    s.add_argument("--json", action="store_true")
    s.add_argument("--brief", action="store_true", help="the counts and discrepancies only, not the sentences only "
                   "one article has")


def _n(count: int, noun: str) -> str:
    """ "1 sentence", "2 sentences", "no sentence"."""
    if count == 0:
        return f"no {noun}"
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _span(first: str | None, last: str | None) -> str:
    if not first:
        return "undated"
    return first if first == last else f"{first} – {last}"


def cmd_stories(args, app_paths, open_library: Callable, print_json: Callable[[object], None]) -> int:
    from reader_app.core.stories import stories_for

    library, _ = open_library(app_paths)
    stories = stories_for(library, args.grouping)
    if args.json:
        print_json([t.to_dict() for t in stories.threads])
        return EXIT_OK
    if not stories.threads:
        print("No story threads (no two articles tell one story).")
    for t in stories.threads:
        outlets = ", ".join(t.outlets) or "outlet unknown"
        print(f"{t.id}  {_n(len(t.articles), 'article')}, {_n(len(t.events), 'event')}  {_span(t.first, t.last)}  "
              f"[{outlets}]  {t.title}")
    return EXIT_OK


def cmd_story(args, app_paths, open_library: Callable, print_json: Callable[[object], None]) -> int:
    from reader_app.core.stories import by_event, find_thread, stories_for, timeline

    library, _ = open_library(app_paths)
    stories = stories_for(library, args.grouping)
    thread = find_thread(library, stories, args.id)
    entries = timeline(library, thread, args.grouping)
    if args.json:
        # in the text's order: by event, so that an undated or year-only article (sorted last) is with its event
        print_json({"id": thread.id, "title": thread.title,
                    "timeline": [e.to_dict() for group in by_event(entries) for e in group]})
        return EXIT_OK
    outlets = f"{_n(len(thread.outlets), 'outlet')}, " if thread.outlets else ""  # none named: not "0 outlets"
    print(f"{thread.title}  ({_n(len(thread.articles), 'article')}, {outlets}{_span(thread.first, thread.last)})")
    for n, group in enumerate(by_event(entries), 1):  # as the window shows them: each event once
        print(f"\nEvent {n}")
        for e in group:
            print(f"  {e.date or 'undated':10}  {e.outlet or '-'}: {e.title}  [{e.id}]")
            for sentence in e.new:
                print(f"      + {sentence}")
    return EXIT_OK


def cmd_compare(args, app_paths, open_library: Callable, print_json: Callable[[object], None]) -> int:
    from reader_app.core.stories import compare_articles

    library, _ = open_library(app_paths)
    c = compare_articles(library, args.a, args.b, args.grouping)
    if args.json:
        print_json(c.to_dict())
        return EXIT_OK
    a, b = library.article(c.a), library.article(c.b)
    print(f"A: {a.title} ({a.outlet or 'outlet unknown'}, {a.date or 'undated'})  [{c.a}]")
    print(f"B: {b.title} ({b.outlet or 'outlet unknown'}, {b.date or 'undated'})  [{c.b}]")
    same = f"{_n(len(c.aligned), 'sentence')} {'says' if len(c.aligned) <= 1 else 'say'} much the same"
    print(f"\n{same[0].upper()}{same[1:]}; "
          f"{len(c.only_a)} only in A, {len(c.only_b)} only in B.")
    for d in c.differences:
        print(f"\nPossible discrepancy: {d.a_figure} (A) vs {d.b_figure} (B)")
        print(f"  A: {d.a}")
        print(f"  B: {d.b}")
    # What each report says that the other does not, in its own reading order: what a side by side shows
    # coloured (--brief leaves it to the counts above)
    if not args.brief:
        for which, only in (("A", c.only_a), ("B", c.only_b)):
            if only:
                print(f"\nOnly in {which}:")
                for sentence in only:
                    print(f"  - {sentence}")
    return EXIT_OK


def run(args, app_paths, open_library: Callable, print_json: Callable[[object], None]) -> int:
    command = {"stories": cmd_stories, "story": cmd_story, "compare": cmd_compare}[args.command]
    return command(args, app_paths, open_library, print_json)


def report_error(exc: BaseException) -> int | None:
    """A one-line message for a story error (None when `exc` is not one)."""
    from reader_app.core.stories import StoryError

    if isinstance(exc, StoryError):
        print(f"reader-app: {exc}", file=sys.stderr)
        return EXIT_ERROR
    return None
