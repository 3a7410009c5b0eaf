"""Command line: `reader-app` opens the window; `reader-app index|list|show|search|related|recent|import|edit|
bookmarks|stories|story|compare|entities` run headless.

The headless subcommands never import Qt. Errors print one line on stderr and exit non-zero.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, cast

from reader_app import __version__, paths
from reader_app.cli import bookmarks as cli_bookmarks
from reader_app.cli import entities as cli_entities
from reader_app.cli import stories as cli_stories
from reader_app.cli.arguments import positive_count
from reader_app.core.errors import IndexError_, LibraryError, describe_os_error
from reader_app.core.storage.files import printable_path
from reader_app.core.wording import plural

log = logging.getLogger("reader_app")

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3


class OutputError(Exception):
    """Writing the command's own output failed (stdout on a full disk, say): nothing of the library's."""


class _Output:
    """stdout for a command: a failed write becomes OutputError, so it is not reported as a failed save."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc) from exc

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc) from exc

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


_TEXT_ARGS = ("query", "quote", "note", "tag", "search", "id", "ids", "article")  # words, not file names
SHOWN_COPIES = 3  # copy ids a search hit lists as text; the rest as "…"
SHOWN_REFUSED = 3  # files an import lists for each reason they were refused (all with --verbose)


def _as_text(value: str) -> str:
    """An argument Python could not decode (a UTF-8 word under LC_ALL=C arrives as surrogate escapes) as the
    text typed: UTF-8 if it is, else with the undecodable bytes replaced. File names are left as they are."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        pass
    try:
        return os.fsencode(value).decode("utf-8", "replace")
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace").decode("utf-8")


def _decode_text_args(args: argparse.Namespace) -> None:
    for name in _TEXT_ARGS:
        value = getattr(args, name, None)
        if isinstance(value, str):
            setattr(args, name, _as_text(value))
        elif isinstance(value, list):
            setattr(args, name, [_as_text(v) if isinstance(v, str) else v for v in value])


def _escape_what_cannot_be_shown() -> None:
    """An ASCII or latin-1 terminal (or a file name that is not UTF-8) gets \\u escapes, never an error."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not argparse's usage dump
        self.exit(EXIT_USAGE, f"reader-app: {message} (see reader-app --help)\n")


class _CommandParser(_Parser):
    """A subcommand's parser, where a word that starts with one "-" is a word unless it is one of the command's
    options: `search -moscow` (the query language's exclusion) was refused as an unknown option, and
    `search -hamas` was read as -h with "amas". Long options (`--limit 5`, `--lim=5`) parse as ever.

    `words`: the dest of a positional of several words (the search query) that also takes the words argparse
    could not place after an option (`search yukos --limit 5 -moscow`), in the order typed, joined by spaces."""

    words: str | None = None

    def _parse_optional(self, arg_string: str):
        if arg_string[:1] == "-" and arg_string[1:2] not in ("", "-") and not self._is_option(arg_string):
            return None  # a positional
        return super()._parse_optional(arg_string)

    def _is_option(self, arg_string: str) -> bool:
        actions = self._option_string_actions
        if arg_string in actions or arg_string.partition("=")[0] in actions:
            return True
        short = actions.get(arg_string[:2])  # `-ofile.md`: -o with its value attached
        if short is None or short.nargs == 0:
            return False
        if short.type in (int, positive_count):  # `-n5` is -n 5, but `-nuclear` or `-nato` is a word to leave out
            try:
                int(arg_string[2:].removeprefix("="))
            except ValueError:
                return False
        return True

    def _joined_values(self, args: list[str]) -> list[str]:
        """`--note -- -x` as `--note=-x`: a `--` between an option and its text marks the text as a value, whatever
        it starts with (`--x`, `-h`); argparse read it as the end of the options and the option as given none.
        A `--` anywhere else still ends the options."""
        out: list[str] = []
        i = 0
        while i < len(args):
            arg = args[i]
            if arg == "--":
                out.extend(args[i:])
                break
            action = self._option_string_actions.get(arg)
            if action is not None and action.nargs is None and args[i + 1:i + 2] == ["--"] and i + 2 < len(args):
                out.append(f"{arg}={args[i + 2]}" if arg.startswith("--") else arg + args[i + 2])
                i += 3
                continue
            out.append(arg)
            i += 1
        return out

    def _get_values(self, action, arg_strings):  # type: ignore[no-untyped-def]
        if action.option_strings and action.nargs is None and arg_strings == ["--"]:
            return self._get_value(action, "--")  # `--note=--`: Python 3.11's argparse dropped the text, leaving []
        return super()._get_values(action, arg_strings)

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[override]
        args = self._joined_values(sys.argv[1:] if args is None else list(args))
        namespace, extras = super().parse_known_args(args, namespace)
        if self.words is not None and isinstance(getattr(namespace, self.words, None), list):
            if not any(e.startswith("--") for e in extras):  # an unknown --option is still an error
                getattr(namespace, self.words).extend(extras)
                extras = []
            setattr(namespace, self.words, " ".join(getattr(namespace, self.words)))
        return namespace, extras


def _year(value: str) -> str:
    """--year: four digits ("2021"); anything else is refused, not searched for as a year no article has."""
    if re.fullmatch(r"\d{4}", value.strip()):
        return value.strip()
    raise argparse.ArgumentTypeError(f"a year is four digits, such as 2021, not {value!r}")


def build_parser() -> argparse.ArgumentParser:
    common = _CommandParser(add_help=False)  # only a parent of the others: of their class for the type checker
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="keep the index, bookmarks, settings, cache and logs under DIR "
                             "(default: $READER_APP_DATA_DIR, else the per-user folders)")
    p = _Parser(prog="reader-app", parents=[common],
                description="A reader for a local collection of news articles. "
                            "With no command, opens the window.",
                epilog="An option's text that starts with a dash is written --note=-x (or --note -- -x); a search "
                       "word with one dash (search russia -nuclear) leaves articles with it out.")
    p.add_argument("--version", action="version", version=f"reader-app {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_CommandParser)

    s = sub.add_parser("index", parents=[common], help="build or sync the index; prints counts")
    s.add_argument("--rebuild", action="store_true", help="rebuild from the source files")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("list", parents=[common], help="every article: id, date, outlet, title",
                       description="Prints every article, one a line: id, date, outlet, title.")
    s.add_argument("--json", action="store_true",
                   help="also byline, url, path, words, date added and copies, one object per article")

    s = sub.add_parser("show", parents=[common], help="one clean article")
    s.add_argument("id", metavar="ID", help="article id (or a unique prefix of it)")
    s.add_argument("--json", action="store_true")
    s.add_argument("--removed", action="store_true", help="list the text the cleanup removed, numbered for restore")

    s = sub.add_parser("restore", parents=[common], help="put a paragraph the cleanup removed back into an article")
    s.add_argument("id", metavar="ID", help="article id (or a unique prefix of it)")
    s.add_argument("number", metavar="N", type=int, nargs="+",
                   help="its number in `reader-app show ID --removed` (several: all from that list as shown)")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("search", parents=[common], help="ranked hits with snippets ('-' reads queries from stdin)")
    s.add_argument("query", metavar="QUERY", nargs="+",
                   help="the query (one argument or several words: yukos -moscow), or - to read one query per "
                        "line from stdin")
    cast(_CommandParser, s).words = "query"
    s.add_argument("--json", action="store_true")
    s.add_argument("-n", "--limit", type=positive_count, default=10, metavar="N", help="at most N hits (default: 10)")
    s.add_argument("--outlet", metavar="NAME", help="only this outlet's articles (as in the facet counts)")
    s.add_argument("--year", metavar="YYYY", type=_year, help="only articles of this year")
    s.add_argument("--facets", action="store_true",
                   help="also print hit counts per outlet, year, person, organisation and place")

    s = sub.add_parser("related", parents=[common], help="articles like one article (more like this)")
    s.add_argument("id", metavar="ID", help="article id (or a unique prefix of it)")
    s.add_argument("--json", action="store_true")
    s.add_argument("-n", "--limit", type=positive_count, default=8, metavar="N", help="at most N articles (default: 8)")

    s = sub.add_parser("recent", parents=[common], help="your latest searches, newest first")
    s.add_argument("--clear", action="store_true", help="forget them")

    s = sub.add_parser("import", parents=[common], help="add .txt/.md/.markdown/.html files or folders to the library")
    s.add_argument("paths", nargs="+", metavar="PATH")
    s.add_argument("--outlet", metavar="NAME", help="the outlet of every article of this import")
    s.add_argument("--json", action="store_true")
    s.add_argument("-v", "--verbose", action="store_true",
                   help=f"list every file refused (else {SHOWN_REFUSED} of each reason, and how many more)")

    s = sub.add_parser("edit", parents=[common], help="correct an article's details ('' clears one)")
    s.add_argument("id", metavar="ID", help="article id (or a unique prefix of it)")
    for name in ("title", "outlet", "byline", "date", "url"):
        s.add_argument(f"--{name}", metavar=name.upper() if name != "date" else "YYYY[-MM[-DD]]")
    s.add_argument("--reset", action="store_true", help="back to what the article's file says")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("remove", parents=[common], help="take imported articles out of the library (bookmarks are kept)")
    s.add_argument("ids", nargs="+", metavar="ID")
    s.add_argument("--json", action="store_true")

    cli_bookmarks.add_parser(sub, common, _CommandParser)
    cli_stories.add_parsers(sub, common)
    cli_entities.add_parser(sub, common)

    s = sub.add_parser("gui", parents=[common], help="open the window (the default)")
    return p


def _print_json(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _setup_logging(app_paths: paths.AppPaths) -> None:
    logging.raiseExceptions = False  # a full or read-only log folder must not spill onto the user's terminal
    try:
        app_paths.logs.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(app_paths.log_file, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("reader_app")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


def _open_library(app_paths: paths.AppPaths, quiet: bool = False):
    from reader_app.core.library import Library

    library = Library(app_paths)
    report = library.open()
    if report.action in ("built", "rebuilt"):
        what = "Built" if report.action == "built" else "Rebuilt"
        print(f"{what} the index ({report.reason}): {plural(report.total, 'article')}.", file=sys.stderr)
    if report.notice:
        print(report.notice, file=sys.stderr)
    for origin, reason in report.failed:
        print(f"skipped {printable_path(origin)}: {reason}", file=sys.stderr)
    return library, report


def cmd_index(args, app_paths) -> int:
    from reader_app.core.library import Library

    library = Library(app_paths)
    report = library.rebuild() if args.rebuild else library.open()
    if args.json:
        _print_json(report.to_dict())
    else:
        verb = {"built": "Built", "rebuilt": "Rebuilt", "synced": "Synced", "none": "Checked"}[report.action]
        why = f" ({report.reason})" if report.reason else ""
        print(f"{verb} the index{why}: {plural(report.total, 'article')}; added {report.added}, updated {report.updated}, "
              f"removed {report.removed}, unchanged {report.unchanged}, failed {len(report.failed)} "
              f"in {report.seconds:.2f} s.")
    if report.notice:
        print(report.notice, file=sys.stderr)
    for origin, reason in report.failed:
        print(f"skipped {printable_path(origin)}: {reason}", file=sys.stderr)
    return EXIT_OK


def cmd_list(args, app_paths) -> int:
    library, _ = _open_library(app_paths)
    rows = library.list_articles()
    if args.json:
        from reader_app.core.stories import copy_groups  # not for the plain list: the story modules cost its start

        # Other copies of the same text (exact ones from the import on, near ones once stories know): listed
        # on the first row of the text only; each other copy names that row (`copy_of`). Every copy listing all
        # the others made the output (and the memory) grow with the square of the copies: 20,000 copies of
        # one text took 23 GB before it was killed.
        groups = copy_groups(library)
        listed_by: dict[str, str] = {}  # a group's first id -> the id of the row that lists the group
        for r in rows:
            group = groups.group_of(r["id"])
            if group is None:
                r["copies"] = []
            elif group[0] in listed_by:
                r["copies"], r["copy_of"] = [], listed_by[group[0]]
            else:
                listed_by[group[0]] = r["id"]
                r["copies"] = [a for a in group if a != r["id"]]
        _print_json(rows)
        return EXIT_OK
    for r in rows:
        print(f"{r['id']}  {(r['date'] or '-'):10}  {(r['outlet'] or '-')[:22]:22}  {r['title']}")
    return EXIT_OK


def cmd_show(args, app_paths) -> int:
    library, _ = _open_library(app_paths)
    article = library.article(args.id)
    if args.json:
        _print_json({**article.to_dict(), "entities": library.article_entities(article.id)})
        return EXIT_OK
    if args.removed:
        for n, r in enumerate(article.removed, 1):
            print(f"{n:3}  {r.text}")
        return EXIT_OK
    print(article.title)
    meta = [x for x in (article.outlet, article.byline and f"by {article.byline}", article.date) if x]
    if meta:
        print(" · ".join(meta))
    if article.url:
        print(article.url)
    from reader_app.core.articles.encodings import encoding_note

    if note := encoding_note(article.encoding, article.encoding_declared):
        print(note)
    print()
    print(article.text)
    return EXIT_OK


def _search_lines(library, args) -> int:
    if sys.stdin is None:  # started with stdin closed (`<&-`)
        raise LibraryError("no queries to read: standard input is closed")
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")  # undecodable bytes must not end the whole batch
    for line in sys.stdin:
        query = line.rstrip("\r\n")  # a blank line is answered too: one output line per input line
        try:
            _print_json(library.search(query, limit=args.limit, outlet=args.outlet, year=args.year).to_dict())
        except Exception as exc:  # each query's failure is reported in its own line
            _print_json({"query": query, "error": str(exc)})
        sys.stdout.flush()
    return EXIT_OK


def _print_hits(hits: list[dict]) -> None:
    for n, h in enumerate(hits, 1):
        meta = ", ".join(x for x in (h["outlet"], h["date"]) if x)
        print(f"{n:2}. {h['title']}" + (f" ({meta})" if meta else "") + f"  [{h['id']}]")
        if h["snippet"]:
            print(f"    {h['snippet']}")
        if h.get("copies"):
            # a few ids, not thousands on one line (--json has them all)
            n = len(h["copies"])
            shown = ", ".join(h["copies"][:SHOWN_COPIES]) + (", …" if n > SHOWN_COPIES else "")
            print(f"    +{n} other cop{'y' if n == 1 else 'ies'}: {shown}")


def cmd_search(args, app_paths) -> int:
    from reader_app.core.prefs.recent import remember

    library, _ = _open_library(app_paths)
    if args.query == "-":
        return _search_lines(library, args)
    result = library.search(args.query, limit=args.limit, outlet=args.outlet, year=args.year)
    if result.total:
        remember(app_paths.settings_file, args.query)
    if args.json:
        _print_json(result.to_dict())
        return EXIT_OK
    if result.corrected and result.corrected != args.query:
        print(f"Showing results for {result.corrected!r}. Search instead for {args.query!r}.")
    elif result.suggestions:
        print("Did you mean " + " or ".join(repr(s) for s in result.suggestions[:3]) + "?")
    if result.relaxed and not result.gist:  # a gist match's note says it better
        print("Partial matches: not every word was found.")
    if result.note:
        print(result.note)
    if not result.hits and not ((args.outlet or args.year) and result.note) \
            and not result.timed_out and not result.empty:  # the note blames the filter, or says the search was cut short
        print(f"No articles match {args.query!r}.")
    elif result.hits:
        more = f", showing {len(result.hits)}" if result.total > len(result.hits) else ""
        print(f"{result.total} result{'s' if result.total != 1 else ''}{more}:")
    _print_hits([h.to_dict() for h in result.hits])
    if args.facets and result.hits:
        for name, counts in result.facets.items():
            if counts:  # a kind with no names among the hits says nothing
                print(f"{name}: " + ", ".join(f"{k} ({v})" for k, v in counts.items()))
    return EXIT_OK


def cmd_related(args, app_paths) -> int:
    from reader_app.core.stories import stories_for

    library, _ = _open_library(app_paths)
    stories_for(library)  # related articles come from the story vectors: compute them if need be
    hits = [h.to_dict() for h in library.related(args.id, limit=args.limit)]
    if args.json:
        _print_json(hits)
    elif not hits:
        print("No related articles.")
    _print_hits([] if args.json else hits)
    return EXIT_OK


def cmd_recent(args, app_paths) -> int:
    from reader_app.core.prefs.recent import clear, recent

    if args.clear:
        clear(app_paths.settings_file)
        return EXIT_OK
    for query in recent(app_paths.settings_file):
        print(query)
    return EXIT_OK


def cmd_import(args, app_paths) -> int:
    from reader_app.core.storage.timeline import mark

    mark("cmd_import")
    from reader_app.core.collection import workers
    from reader_app.core.collection.folder_walk import candidates

    if any(not p.strip() for p in args.paths):
        # Path("") is the current folder: an unset variable ("$DIR") would import wherever the shell stands
        print("reader-app: import: an empty path names no file or folder (an unset variable?)", file=sys.stderr)
        return EXIT_USAGE
    paths_given = [Path(p) for p in args.paths]
    counted = len(candidates(paths_given, []))
    mark("counted")
    if counted >= workers.PARALLEL_FROM:
        # The workers start Python and load the parser while this process does the same and opens the library
        # (building the seed index of a new one), instead of after it: neither module loads the parser.
        workers.start_workers(app_paths.index, app_paths.library, cache=app_paths.cache)
        mark("workers spawned")
    library, _ = _open_library(app_paths)
    mark("library open")
    report = library.import_paths(paths_given, outlet=args.outlet)
    mark("import_paths done")
    if args.json:
        _print_json(report.to_dict())
    else:
        empty, links = report.empty_skipped(), report.links_skipped()
        print(f"Imported {len(report.added):,}, updated {len(report.updated):,}, "
              f"already in the library {len(report.duplicates):,}, failed {report.unreadable():,}"
              + (f", {plural(empty, 'empty file')} skipped" if empty else "")
              + (f", {plural(links, 'link')} out of the folder skipped" if links else "") + ".")
    _print_refused(report, args.verbose)
    for origin, warning in report.warnings:
        print(f"{printable_path(origin)}: warning: {warning}", file=sys.stderr)
    mark("cmd_import done")
    if not report.failed:
        return EXIT_OK
    if report.added or report.updated or report.duplicates:
        return EXIT_PARTIAL  # some files imported, some left out
    # Nothing imported: an error when files could not be read; only empty files and links out of the folder,
    # skipped (the report says "failed 0"), are left out as they are beside imported files: partial, not an error
    return EXIT_ERROR if report.unreadable() else EXIT_PARTIAL


def _print_refused(report, every: bool) -> None:
    """The refused files on stderr, "path: reason", grouped by reason (the files that could not be read
    first), in natural order; unless `every`, a few of each reason and how many more: 10,000 empty files
    printed 10,000 lines."""
    for group in report.refusals():
        shown = group.files if every or len(group.files) <= SHOWN_REFUSED + 1 else group.files[:SHOWN_REFUSED]
        for origin, reason in shown:
            print(f"{printable_path(origin)}: {reason}", file=sys.stderr)
        if more := len(group.files) - len(shown):
            print(f"…and {more:,} more: {group.kind} (--verbose lists them all)", file=sys.stderr)


def cmd_remove(args, app_paths) -> int:
    library, _ = _open_library(app_paths)
    # What each article was, read before it goes: its headline and how many bookmarks it leaves behind.
    before: dict[str, tuple[str, int]] = {}
    counts = Counter(b.article_id for b in library.bookmarks.list()) if library.paths.bookmarks_db.exists() \
        else Counter()
    for article_id in args.ids:
        with contextlib.suppress(LibraryError):
            aid = library.resolve_id(article_id)
            doc = library.index.document(aid)
            before[aid] = ((doc or {}).get("title") or "", counts[aid])
    # One batch (one commit, one furniture update); an id that cannot be removed keeps none of the others.
    gone, refused = library.remove_many(args.ids)
    removed = [{"id": aid, "title": before[aid][0], "orphaned_bookmarks": before[aid][1]} for aid in gone]
    failed = [{"id": given, "reason": reason} for given, reason in refused]
    if args.json:
        _print_json({"removed": removed, "failed": failed})
    else:
        for r in removed:
            n = r["orphaned_bookmarks"]
            note = f"; its {plural(n, 'bookmark')} {'is' if n == 1 else 'are'} kept" if n else ""
            print(f"Removed {r['id']} {r['title']}{note}.")
    for f in failed:
        named = f["reason"] if f"'{f['id']}'" in f["reason"] else f"{f['id']}: {f['reason']}"
        print(f"reader-app: {named}", file=sys.stderr)
    return EXIT_ERROR if failed else EXIT_OK


def cmd_edit(args, app_paths) -> int:
    changes = {k: getattr(args, k) for k in ("title", "outlet", "byline", "date", "url") if getattr(args, k) is not None}
    if not changes and not args.reset:
        print("reader-app: nothing to change: give --title, --outlet, --byline, --date, --url or --reset",
              file=sys.stderr)
        return EXIT_USAGE
    library, _ = _open_library(app_paths)
    article = library.edit_details(args.id, changes, reset=args.reset)
    if args.json:
        _print_json(dict(article.summary(), edited=article.edited))
    else:
        meta = " · ".join(x for x in (article.outlet, article.byline and f"by {article.byline}", article.date,
                                      article.url) if x)
        print(f"{article.id}  {article.title}" + (f"\n{meta}" if meta else ""))
    return EXIT_OK


def cmd_restore(args, app_paths) -> int:
    library, _ = _open_library(app_paths)
    aid = library.resolve_id(args.id)
    texts = library.restore_paragraphs(aid, args.number)
    left = [r.text for r in library.article(aid).removed]
    if args.json:
        _print_json({"id": aid, "restored": texts, "removed": left})
        return EXIT_OK
    for text in texts:
        print(f"Put back in {aid}: {text}")
    # The numbers of what is left change with each restore: say them as the next restore takes them.
    print("Still removed, numbered anew:" if left else "Nothing else was removed.")
    for n, text in enumerate(left, 1):
        print(f"{n:3}  {text}")
    return EXIT_OK


def cmd_bookmarks(args, app_paths) -> int:
    return cli_bookmarks.run(args, app_paths, _open_library, _print_json)


def no_display(environ: dict[str, str] | None = None, platform: str = sys.platform) -> str | None:
    """Why the window cannot open here (Linux/BSD without X or Wayland), or None. Checked before Qt starts:
    Qt aborts the whole process, with a core dump, when its platform plugin finds no display."""
    env = dict(os.environ) if environ is None else environ
    if platform.startswith(("win", "darwin", "cygwin")):
        return None
    chosen = env.get("QT_QPA_PLATFORM", "").strip()
    if not chosen:
        return None if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") else \
            "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set)"
    for name in (part.split(":")[0].strip() for part in chosen.split(";")):  # "wayland;xcb" tries each
        if name == "xcb" and env.get("DISPLAY") or name.startswith("wayland") and env.get("WAYLAND_DISPLAY"):
            return None
        if name and name != "xcb" and not name.startswith("wayland"):  # offscreen, minimal, vnc, eglfs, …
            return None
    return f"no display found for QT_QPA_PLATFORM={chosen} (DISPLAY and WAYLAND_DISPLAY are not set)"


def cmd_stories(args, app_paths) -> int:
    return cli_stories.run(args, app_paths, _open_library, _print_json)


def cmd_entities(args, app_paths) -> int:
    return cli_entities.run(args, app_paths, _open_library, _print_json)


def cmd_gui(args, app_paths) -> int:
    if why := no_display():
        print(f"reader-app: {why}, so the window cannot open; without a window use "
              "reader-app search|list|show|import|bookmarks|... (see reader-app --help)", file=sys.stderr)
        return EXIT_ERROR
    from reader_app.ui.app import run

    return run(app_paths, sys.argv[:1])


COMMANDS: dict[str, Callable] = {
    "index": cmd_index, "list": cmd_list, "show": cmd_show, "search": cmd_search, "import": cmd_import,
    "related": cmd_related, "recent": cmd_recent, "remove": cmd_remove, "edit": cmd_edit, "restore": cmd_restore,
    "bookmarks": cmd_bookmarks, "gui": cmd_gui,
    "stories": cmd_stories, "story": cmd_stories, "compare": cmd_stories,
    "entities": cmd_entities,
}


def _window_only(argv: list[str]) -> tuple[bool, str | None]:
    """(True, data_dir) when the arguments only open the window: none, `--data-dir DIR` or `--data-dir=DIR`."""
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--data-dir" and not argv[1].startswith("-"):
        return True, argv[1]
    if len(argv) == 1 and argv[0].startswith("--data-dir="):
        return True, argv[0].partition("=")[2]
    return False, None


def _quiet_closed_stderr() -> None:
    """`reader-app … 2>&-`: Python sets sys.stderr to None, and print(file=None) writes to stdout, so messages
    meant for stderr went into the data on stdout. They go nowhere instead (failures are in the log too); the
    null device takes the free descriptor 2, so a child process does not write into a file opened later."""
    if sys.stderr is None:
        try:
            sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the whole process
        except OSError:
            pass


def main(argv: list[str] | None = None) -> int:
    _quiet_closed_stderr()
    argv = sys.argv[1:] if argv is None else list(argv)
    window, data_dir = _window_only(argv)
    # Opening the window needs no parser: building every subcommand's would delay the first frame.
    args = argparse.Namespace(command=None, data_dir=data_dir) if window else build_parser().parse_args(argv)
    if args.command is not None and sys.stdout is None:
        # `reader-app list >&-`: Python sets sys.stdout to None when fd 1 is closed; say so before any work
        print("reader-app: standard output is closed", file=sys.stderr)
        return EXIT_ERROR
    _escape_what_cannot_be_shown()
    _decode_text_args(args)
    try:
        app_paths = paths.resolve(getattr(args, "data_dir", None))
    except paths.DataFolderError as exc:
        print(f"reader-app: {exc}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, paths.EmptyDataFolder) else EXIT_ERROR
    _setup_logging(app_paths)
    command = COMMANDS[args.command or "gui"]
    stdout = sys.stdout
    sys.stdout = _Output(stdout)  # type: ignore[assignment]
    try:
        code = command(args, app_paths)
        sys.stdout.flush()
        return code
    except KeyboardInterrupt:
        # Ctrl+C: one line, so a person knows what became of the work (an import commits all it did at its end)
        what = ("import interrupted: nothing of it was added; the library is as it was"
                if args.command == "import" else "interrupted")
        print(f"reader-app: {what}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OutputError as exc:
        _drop_output(stdout)
        return _report_error(exc.__cause__ or exc, app_paths, output=True)
    except Exception as exc:
        return _report_error(exc, app_paths, saves=_saves(args))
    finally:
        sys.stdout = stdout


def _drop_output(stream) -> None:
    """What could not be written is dropped, so Python's own flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _saves(args: argparse.Namespace) -> bool:
    """Whether the command changes the library or the bookmarks (else an OSError is not a failed save)."""
    if args.command == "bookmarks":
        return getattr(args, "bookmarks_command", "") in ("add", "edit", "delete", "import")
    return args.command in ("index", "import", "edit", "restore", "remove", "recent", None, "gui")


def _report_error(exc: BaseException, app_paths: paths.AppPaths, output: bool = False, saves: bool = True) -> int:
    """One line on stderr for a failed command. The bookmark store's errors are imported only here, so the
    window's start-up path never loads SQLite."""
    from reader_app.core.bookmarks import BookmarkError

    story_exit = cli_stories.report_error(exc)
    if story_exit is not None:
        return story_exit
    if isinstance(exc, (LibraryError, IndexError_, BookmarkError)):
        print(f"reader-app: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if output:
        log.warning("cannot write the output: %s", exc)
        reason = describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
        print(f"reader-app: cannot write the output: {reason}", file=sys.stderr)
        return EXIT_ERROR
    if isinstance(exc, OSError):
        log.exception("OS error", exc_info=exc)
        if not saves:  # a command that only reads must not speak of saving
            where = f" {exc.filename}" if isinstance(exc.filename, str) else ""
            print(f"reader-app: cannot read{where}: {describe_os_error(exc)}", file=sys.stderr)
            return EXIT_ERROR
        print(f"reader-app: cannot save changes: {describe_os_error(exc)}; nothing was lost", file=sys.stderr)
        return EXIT_ERROR
    log.exception("unexpected error", exc_info=exc)
    print(f"reader-app: unexpected error: {type(exc).__name__}: {exc} (details in {app_paths.log_file})",
          file=sys.stderr)
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
