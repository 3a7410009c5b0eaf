"""The entity table kept on disk for the index state it was made for, read back a few hundred articles at a time.

Building the table of names at 100,000 articles is about 4.4 s of Python (every article's names decoded and
joined over the library); the window did it at every start, in its worker thread, and its GUI thread waited for
the interpreter all along (the open's remaining stalls). The same table read back from this file is about 0.4 s
of CPU, and it is read a piece at a time with the interpreter handed over between pieces
(core/yielding.let_others_run), so no single call holds it for more than a few milliseconds.

The file is one stream of pickles written by one Pickler, read by one Unpickler: objects shared between pieces
(the names every article refers to) stay shared. Only plain data is stored (dicts, lists, tuples, sets, strings,
bytes, numbers and the collector's `defaultdict`); the reader refuses any other class, so a file put there by
someone else cannot make this process run code. The file is trusted only for the index state it names
(`key`: where each document is stored, which Whoosh never rewrites), the same ids (a deletion keeps the
segments), and this code (`code_key`: the modules the table is made by, and the place names they use).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from collections import defaultdict
from pathlib import Path
from typing import Any

from reader_app.core.entities import gazetteer
from reader_app.core.entities.aliases import Clusters
from reader_app.core.entities.table import EntityTable
from reader_app.core.storage.files import is_irregular, open_regular
from reader_app.core.yielding import let_others_run

TABLE_FILE = "entity-table.pickles"  # in the cache folder
VERSION = 1
PIECE = 512  # articles per pickle (a few milliseconds to read at 100,000 articles)
_TABLE_CACHES = ("_docnums", "_over_memo", "_order")  # made again on need, never stored
_CLUSTER_CACHES = ("_sorted",)
_PER_DOC = ("ids", "by_doc", "carried")  # stored a piece at a time
_ALLOWED = {("collections", "defaultdict"): defaultdict, ("builtins", "int"): int, ("builtins", "set"): set}

log = logging.getLogger(__name__)


def code_key() -> str:
    """What a stored table was made by: the modules that make it and the place names they look up."""
    h = hashlib.blake2b(digest_size=16)
    here = Path(__file__).parent
    for name in ("aliases.py", "builtin.py", "model.py", "table.py", "table_file.py"):
        h.update((here / name).read_bytes())
    h.update(gazetteer._cache_key().encode())
    return h.hexdigest()


class _PlainUnpickler(pickle.Unpickler):
    """Reads plain data only: any class but the three a table holds is refused."""

    def find_class(self, module: str, name: str) -> Any:
        found = _ALLOWED.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"not a table's data: {module}.{name}")
        return found


def save(table: EntityTable, path: Path, key: Any) -> bool:
    """Write `table` for the index state `key` (replacing the file at once when done); True when written.
    A cache: failing only costs the next start its time."""
    if is_irregular(path):  # not ours to replace (a FIFO, a device)
        return False
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            out = pickle.Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)
            ids = table.ids
            out.dump({"version": VERSION, "code": code_key(), "key": key, "docs": len(ids)})
            out.dump({k: v for k, v in vars(table).items() if k not in _TABLE_CACHES + _PER_DOC + ("clusters",)})
            for name, value in vars(table.clusters).items():
                if name not in _CLUSTER_CACHES:
                    out.dump((name, value))
                    let_others_run()
            out.dump(None)
            carried = table.carried or {}
            for start in range(0, len(ids), PIECE):
                piece = ids[start:start + PIECE]
                out.dump((piece, table.by_doc[start:start + PIECE], [carried.get(aid) if aid else None
                                                                      for aid in piece]))
                let_others_run()
        os.replace(tmp, path)
        return True
    except (OSError, pickle.PicklingError, RecursionError) as exc:
        log.info("entity table not kept: %s", exc)
        try:
            tmp.unlink()
        except OSError:
            pass
        return False


def load(path: Path, key: Any, ids: list[str] | None) -> EntityTable | None:
    """The table stored for the index state `key` with these `ids` (by document number), or None (no file, another
    state, other code, a damaged file). With `key` and `ids` None, whatever table the file holds for this code
    (the last state's, to count the next one on)."""
    try:
        fd = open_regular(path)  # a FIFO there would wait for a writer for ever
        if fd is None:
            return None
        with open(fd, "rb") as fh:
            read = _PlainUnpickler(fh)
            header = read.load()
            if not isinstance(header, dict) or header.get("version") != VERSION or header.get("code") != code_key():
                return None
            if key is not None and header.get("key") != key:
                return None
            docs = header.get("docs")
            if type(docs) is not int or (ids is not None and docs != len(ids)):
                return None
            table = EntityTable.__new__(EntityTable)
            table.__dict__.update(read.load())
            clusters = Clusters.__new__(Clusters)
            while (item := read.load()) is not None:
                name, value = item
                setattr(clusters, name, value)
            for name in _CLUSTER_CACHES:
                setattr(clusters, name, None)
            table.clusters = clusters
            all_ids: list[str] = []
            by_doc: list[tuple[tuple[str, str], ...]] = []
            carried: dict = {}
            while len(all_ids) < docs:
                piece, names, kept = read.load()
                all_ids += piece
                by_doc += names
                carried.update(zip(piece, kept))
                let_others_run()
            carried.pop("", None)  # deleted documents carry nothing
        if len(all_ids) != docs or len(by_doc) != docs or (ids is not None and all_ids != ids):
            return None
        table.ids = ids if ids is not None else all_ids  # the engine's own list (the same values)
        table.by_doc = by_doc
        table.carried = carried
        for name in _TABLE_CACHES:
            setattr(table, name, None)
        table.decoded = 0  # nothing decoded for this table in this process
        return table
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, KeyError,
            IndexError, MemoryError, RecursionError) as exc:
        log.info("entity table not read back: %s", exc)
        return None
