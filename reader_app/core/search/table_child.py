"""The entity table made in a process of its own, for a process whose threads must not wait (the window).

Making the table of names is seconds of Python at 100,000 articles (core/entities/table.py). In the window's
worker thread it held the interpreter in turns with the GUI thread all along, and the list and the reader
stalled while the library opened. Here a child process (core/storage/children.Child, as the import's workers)
opens the index, makes the table, counted on the last one kept (core/entities/table_file.py) when there is one,
and keeps it in the table file; the caller then reads it back a piece at a time (a tenth of the work, handed
over between pieces) and meanwhile only waits on a pipe, which holds no interpreter.
"""

from __future__ import annotations

import logging
from multiprocessing.connection import Connection
from pathlib import Path

from reader_app.core.entities import gazetteer, table_file
from reader_app.core.storage.children import NoAnswer, ask, background

log = logging.getLogger(__name__)


def build_elsewhere(index_folder: Path, file: Path) -> bool:
    """Make the table of the index in `index_folder` as it is now in a child process, kept in `file`; True when
    it was kept (the caller reads it from there). Waits for the child, without holding the interpreter."""
    try:
        return ask(_run, str(index_folder), str(file), str(gazetteer.kept_in() or ""), name="reader-app names") is True
    except NoAnswer as exc:
        log.info("the table of names was not made elsewhere: %s", exc)
        return False


def _run(conn: Connection, index_folder: str, file: str, cache: str) -> None:
    """The child's work (by name, see Child): the table of the index's current state, written to `file`."""
    from reader_app.core.index.store import open_for_reading
    from reader_app.core.search.engine import Engine

    background()
    gazetteer.keep_in(cache or None)
    kept = False
    try:
        ix = open_for_reading(Path(index_folder))
        engine = Engine(lambda: ix)
        gen = engine.generation()
        gen.entity_base = table_file.load(Path(file), None, None)  # the last state's: only changes are counted
        reader = gen.searcher.reader()
        segments = engine.segments(reader)
        table = engine.make_table(gen, reader, segments)
        kept = segments is not None and table_file.save(table, Path(file), list(segments))
    except Exception:  # reported as "not made": the caller makes it itself
        log.exception("the table of names could not be made")
    conn.send(kept)
