"""`reader-app bookmarks list|add|edit|delete|cite|export|import`: bookmarks from the command line (no Qt)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from reader_app.core.storage.files import printable_path

EXIT_OK, EXIT_ERROR, EXIT_PARTIAL = 0, 1, 3
WRITES = ("add", "edit", "delete", "import")  # the actions that change the bookmarks
DASHED = "A text that starts with a dash: --note=-x (or --note -- -x), as for --quote, --tag and --search."


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, parser_class: type) -> None:
    p = sub.add_parser("bookmarks", parents=[common], help="list, add, edit, delete, export and import bookmarks")
    # No action lists them all (`reader-app bookmarks`, as `git stash` lists): a new-user trial met "the following
    # arguments are required: ACTION" where it asked for its bookmarks.
    bsub = p.add_subparsers(dest="bookmarks_command", metavar="ACTION", parser_class=parser_class)

    s = bsub.add_parser("list", parents=[common], help="every bookmark, newest first", epilog=DASHED)
    s.add_argument("--json", action="store_true")
    s.add_argument("--tag", metavar="T", help="only bookmarks with this tag")
    s.add_argument("--article", metavar="ID", help="only bookmarks of this article")
    s.add_argument("--search", metavar="TEXT", help="only bookmarks with TEXT in the quote or the note")

    s = bsub.add_parser("add", parents=[common], help="bookmark the passage of an article that reads TEXT", epilog=DASHED)
    s.add_argument("article", metavar="ARTICLE_ID", help="article id (or a unique prefix of it)")
    s.add_argument("--quote", required=True, metavar="TEXT", help="the passage, as in the article")
    s.add_argument("--note", default="", metavar="TEXT")
    s.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeat for more; no commas)")
    s.add_argument("--occurrence", type=int, metavar="N", help="which occurrence, when TEXT is there several times")
    s.add_argument("--json", action="store_true", help="print the new bookmark as JSON (else its id)")

    s = bsub.add_parser("edit", parents=[common], help="change a bookmark's note or tags", epilog=DASHED)
    s.add_argument("id", metavar="ID")
    s.add_argument("--note", metavar="TEXT")
    s.add_argument("--tag", action="append", metavar="T", help="the new tags, in place of the old (repeat for more; "
                   "no commas)")
    s.add_argument("--clear-tags", action="store_true", help="remove every tag (then add those of --tag, if any)")

    s = bsub.add_parser("delete", parents=[common], help="delete a bookmark")
    s.add_argument("id", metavar="ID")

    s = bsub.add_parser("cite", parents=[common], help="one bookmark as a citation: “quote” — Byline, “Headline,” Outlet, Date, URL.")
    s.add_argument("id", metavar="ID")

    s = bsub.add_parser("export", parents=[common],
                        help="bookmarks as Markdown (a dossier with --group), W3C Web Annotation JSON or CSL-JSON")
    s.add_argument("ids", nargs="*", metavar="ID", help="only these bookmarks (default: all)")
    s.add_argument("--format", choices=("md", "json", "csl"), default="md",
                   help="csl: the cited articles as CSL-JSON (Zotero, pandoc, citeproc)")
    s.add_argument("--group", choices=("story", "entity", "article"),
                   help="Markdown as a dossier grouped by story, entity or article, then by date, with citations")
    s.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default, or -: standard output)")

    s = bsub.add_parser("import", parents=[common], help="bookmarks from a JSON export; known ones are not added twice")
    s.add_argument("file", metavar="FILE")
    s.add_argument("--json", action="store_true")


def _line(b) -> str:
    from reader_app.core.articles.text import safe_label  # not at import: `reader-app` (the window) starts faster

    head = " · ".join(safe_label(x, 60) for x in (b.outlet, b.title) if x)
    lines = [f"{b.id}  {b.created[:10]}  {head}" + ("  [orphan]" if b.orphan else ""),
             f"    “{safe_label(b.quote, 200)}”"]
    if b.note:
        lines.append(f"    note: {safe_label(b.note, 200)}")
    if b.tags:
        lines.append(f"    tags: {', '.join(safe_label(t, 40) for t in b.tags)}")
    return "\n".join(lines)


def _write_out(text: str, output: str | None) -> None:
    text = text if text.endswith("\n") else text + "\n"  # a text file ends with its line's end (CSL, JSON too)
    if not output or output == "-":  # "-" is standard output, as for most tools
        sys.stdout.write(text)
        return
    from reader_app.core.bookmarks import BookmarkError
    from reader_app.core.bookmarks.export import ExportFormatError, write_export

    target = Path(output).expanduser()
    try:
        written = write_export(target, text)
    except ExportFormatError as exc:
        raise BookmarkError(str(exc))
    print(f"Wrote {printable_path(str(written))}", file=sys.stderr)


def run(args: argparse.Namespace, app_paths, open_library: Callable, print_json: Callable[[object], None]) -> int:
    from reader_app.core.articles.text import safe_label
    from reader_app.core.bookmarks import BookmarkError
    from reader_app.core.bookmarks import export as bookmark_export

    library, _ = open_library(app_paths)
    store = library.bookmarks
    action = args.bookmarks_command or "list"
    if args.bookmarks_command is None:  # `reader-app bookmarks`: the list's options, none given
        for name, default in (("json", False), ("tag", None), ("article", None), ("search", None)):
            setattr(args, name, getattr(args, name, default))
    if action in WRITES and store.read_only and not store.reopen_if_room():  # a full disk may have room now
        # Said once: "Bookmarks are read-only: the disk is full." and then "cannot save bookmarks: the disk is
        # full" were two lines for one refusal. A notice that says more (a damaged file shown from its backup)
        # is still printed.
        if store.notice and not store.notice_is_read_only:
            print(store.notice, file=sys.stderr)
        raise BookmarkError(f"cannot save bookmarks: {store.read_only_reason}; nothing was changed")
    if store.notice:
        print(store.notice, file=sys.stderr)

    if action == "list":
        article = library.resolve_id(args.article) if args.article else None
        rows = store.list(article_id=article, tag=args.tag, text=args.search)
        if args.json:
            print_json([b.to_dict() for b in rows])
        elif not rows:
            print("No bookmarks.")
        else:
            print("\n".join(_line(b) for b in rows))
        return EXIT_OK

    if action == "add":
        article = library.article(args.article)
        b = store.add_quote(article, args.quote, note=args.note, tags=args.tag, occurrence=args.occurrence)
        print_json(b.to_dict()) if args.json else print(b.id)
        return EXIT_OK

    if action == "edit":
        if args.note is None and args.tag is None and not args.clear_tags:
            raise BookmarkError("nothing to change: give --note, --tag or --clear-tags")
        tags = (args.tag or []) if args.clear_tags else args.tag  # cleared first, then those given are added
        b = store.update(args.id, note=args.note, tags=tags)
        print(_line(b))
        return EXIT_OK

    if action == "delete":
        b = store.delete(args.id)
        print(f"Deleted {b.id} (“{safe_label(b.quote, 60)}”).")
        return EXIT_OK

    if action == "cite":
        print(bookmark_export.citation(store.get(args.id)))
        return EXIT_OK

    if action == "export":
        chosen = [store.get(i) for i in args.ids] if args.ids else store.list()
        from reader_app.core.bookmarks import dossier

        text, note = dossier.render(chosen, args.format, args.group, library)
        if note:
            print(f"reader-app: {note}", file=sys.stderr)
        _write_out(text, args.output)
        return EXIT_OK

    # import
    path = Path(args.file).expanduser()
    try:
        data = bookmark_export.read_export(path)
    except bookmark_export.ExportFormatError as exc:
        raise BookmarkError(str(exc))
    try:
        counts = library.import_bookmarks(data)
    except bookmark_export.ExportFormatError as exc:
        raise BookmarkError(f"{path}: {exc}")
    if args.json:
        print_json(counts.to_dict())
    else:
        print(f"Imported {counts.added}, updated {counts.updated}, already there {counts.duplicates}, "
              f"failed {len(counts.failed)}.")
    for reason in counts.failed:
        print(f"{printable_path(str(path))}: {reason}", file=sys.stderr)
    for change in counts.mended:
        print(f"{printable_path(str(path))}: {change}", file=sys.stderr)
    if counts.failed:
        return EXIT_PARTIAL if (counts.added or counts.updated or counts.duplicates) else EXIT_ERROR
    return EXIT_OK
