"""Writing a new index segment in one go, for imports and builds of many articles (see core/importer.py).

Whoosh's writer sends every posting (one word in one article) through an external sort, pickling it to a
temporary run file, and at commit looks each posting's field length up again in a file it has just written:
for a news collection, committing costs more than analysing the texts. `SegmentBuilder` writes the same
segment files with the same codec, but keeps the postings grouped by term in memory (a segment holds a few
thousand articles, so that stays small), keeps the field lengths beside them, and hands each term's
postings to the codec a block at a time. tests/core/test_segments.py checks that a segment written this way
reads back posting for posting, length for length and field for field as one written by Whoosh.

Builders never take the index's write lock: the caller holds it (ArticleIndex.bulk) and commits the finished
segments with BulkCommit (core/index/store.py).
"""

from __future__ import annotations

import os
import zlib
from array import array
from collections.abc import Callable, Iterable
from pickle import dumps

import whoosh
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3TermInfo
from whoosh.filedb.filetables import _lengths
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.system import _INT_SIZE, pack_int, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from reader_app.core.index.fields import indexer
from reader_app.core.storage.children import Lifeline, bind_forked

# The block writing below sets the codec's buffers directly; it is checked against this Whoosh release and
# anything else falls back to Whoosh's own (slower) path, which writes the same thing.
_FAST = whoosh.__version__[:3] == (2, 7, 4)
SMALL_BLOCK = 2048  # bytes of pickled postings under which compressing costs more time (~70 µs) than it saves space
PICKLE = 4  # Whoosh pickles blocks with protocol 2, which stores bytes through a slow codec call; it reads any


def _quantised(length: int) -> int:
    """A field length as the codec stores it (one byte) and reads it back."""
    b = length_to_byte(length)
    return byte_to_length(b) if b else 0


class SegmentBuilder(SegmentWriter):
    """Adds documents to one new segment of `ix` and writes it whole on `finish()`."""

    is_closed: bool  # set by SegmentWriter

    def __init__(self, ix):
        super().__init__(ix, _lk=False)
        # field name -> term -> (document numbers, the postings as the field gave them: (term, frequency,
        # weight, encoded value)); keeping the field's own tuple saves making two lists' entries per posting
        self._terms: dict[str, dict[bytes, tuple[list[int], list[tuple]]]] = {}
        self._lengths: dict[str, dict[int, int]] = {}
        self.postings = 0
        self._indexers: dict[str, Callable[[object], Iterable[tuple]]] = {}  # field name -> fields.indexer

    def add_document(self, **fields) -> None:  # only what this app's schema uses: no spelling, no vectors
        self._check_state()
        pdw, schema, docnum, terms = self.perdocwriter, self.schema, self.docnum, self._terms
        pdw.start_doc(docnum)
        for name in sorted(fields):
            value = fields[name]
            if value is None or name.startswith("_"):
                continue
            field = schema[name]
            length = 0
            if field.indexed:
                scorable = field.scorable
                field_terms = terms.get(name)
                if field_terms is None:
                    field_terms = terms[name] = {}
                count = 0
                index = self._indexers.get(name)
                if index is None:
                    index = self._indexers[name] = indexer(field)
                for posting in index(value):
                    if scorable:
                        length += posting[1]
                    entry = field_terms.get(posting[0])
                    if entry is None:
                        field_terms[posting[0]] = ([docnum], [posting])
                    else:
                        entry[0].append(docnum)
                        entry[1].append(posting)
                    count += 1
                self.postings += count
                if length:
                    self._lengths.setdefault(name, {})[docnum] = _quantised(length)
            pdw.add_field(name, field, value if field.stored else None, length)
            if field.column_type:
                pdw.add_column_value(name, field.column_type, field.to_column_value(value))
        pdw.finish_doc()
        self._added = True
        self.docnum += 1

    def finish(self):
        """Write the segment's files and return the segment, for the caller's commit."""
        return self._finalize_segment()

    def discard(self) -> None:
        """Give the segment up: its files are closed and left for the next commit to clean away. Not
        Whoosh's cancel(), which empties the temporary folder every writer of this index shares."""
        if not self.is_closed:
            self._close_segment()
            self.is_closed = True

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        fw, schema = self.fieldwriter, self.schema
        fast = _FAST and isinstance(self.codec, W3Codec)
        for name in sorted(self._terms):  # as sorted (field, term) pairs: by field, then by term
            field_terms = self._terms.pop(name)
            if not field_terms:
                continue
            fw.start_field(name, schema[name])
            lengths = self._lengths.get(name, {})
            fixed = schema[name].format.fixed_value_size()
            # Where the postings file stands, kept here: its tell() adds up every block written so far (Whoosh's
            # compound SubStream), which per term made writing a segment grow with the square of its size.
            pos = fw._postfile.tell() if fast else 0
            tpos = fw._tindex.dbfile.tell() if fast else 0  # the terms table's file, likewise
            for tbytes in sorted(field_terms):
                docs, posts = field_terms.pop(tbytes)
                weights = [p[2] for p in posts]
                values = [p[3] for p in posts]
                lens = [lengths.get(d, 0) for d in docs]
                if fast:
                    pos, info = _write_term(fw, tbytes, docs, weights, values, lens, fixed, pos)
                    tpos = _add_term_info(fw._tindex, pack_ushort(fw._fieldid) + tbytes, info.to_bytes(), tpos)
                else:
                    fw.start_term(tbytes)
                    for d, w, v, n in zip(docs, weights, values, lens):
                        fw.add(d, w, v, n)
                    fw.finish_term()
            fw.finish_field()
        fw.close()


def _write_term(fw, tbytes: bytes, docs: list[int], weights: list[float], values: list[bytes],
                lengths: list[int], fixed: int | None, start: int) -> tuple[int, W3TermInfo]:
    """One term's postings, written as Whoosh 2.7.4's W3FieldWriter writes them (start_term, add_posting for
    each, finish_term: blocks of `blocklimit` postings, each a pickled, compressed tuple after a pickled
    header, then the term's statistics in the terms table), without its per-posting calls. Two differences,
    both within what Whoosh reads: blocks are pickled with a newer protocol, and blocks under SMALL_BLOCK
    bytes are stored uncompressed (each block's header says whether it is compressed). `start`: where the
    postings file stands (its tell()); returns where it stands after, and the term's statistics, for the
    caller to add to the terms table (_add_term_info)."""
    postfile = fw._postfile
    limit = fw._postwriter._blocklimit
    postfile.write(WHOOSH3_HEADER_MAGIC)
    end = start + len(WHOOSH3_HEADER_MAGIC)
    info = W3TermInfo()
    count = len(docs)
    for s in range(0, count, limit):
        ids = docs[s:s + limit]
        block_weights = weights[s:s + limit]
        floats = array("f", block_weights)
        lens = [n for n in lengths[s:s + limit] if n]
        min_length = min(lens) if lens else None
        max_length = max(lens) if lens else 0
        max_weight = max(0, max(block_weights))
        # W3TermInfo.add_block
        info._weight += sum(floats)
        info._df += len(ids)
        info._minlength = min_length if info._minlength is None else min(info._minlength, min_length)
        info._maxlength = max(info._maxlength, max_length)
        info._maxweight = max(info._maxweight, max_weight)
        if info._minid is None:
            info._minid = ids[0]
        info._maxid = ids[-1]
        # W3PostingsWriter._write_block with _mini_ids, _mini_weights, _mini_values
        deltas = tuple(b - a for a, b in zip([0] + ids, ids))
        mini_weights: float | tuple[float, ...] | None
        mini_values: tuple[bytes, ...] | bytes | None
        if floats.count(1.0) == len(floats):  # (counted in C: a generator per term cost more than the test)
            mini_weights = None
        elif floats.count(floats[0]) == len(floats):
            mini_weights = floats[0]
        else:
            mini_weights = tuple(floats)
        vals = [v for v in values[s:s + limit] if v]
        if fixed is None or fixed < 0:
            mini_values = tuple(vals)
        elif fixed == 0:
            mini_values = None
        else:
            mini_values = b"".join(vals)
        data = dumps((deltas, mini_weights, mini_values), PICKLE)
        comp = fw._postwriter._compression if len(data) >= SMALL_BLOCK else 0
        if comp:
            data = zlib.compress(data, comp)
        header = dumps((len(ids), ids[-1], max_weight, comp, length_to_byte(min_length),
                        length_to_byte(max_length)), 2)
        size = len(header) + len(data)
        # write_int, then header and data, in one call: the same bytes, a third of the calls through two layers
        postfile.write(pack_int(-size if s + limit >= count else size) + header + data)
        end += _INT_SIZE + size
    info.set_extent(start, end - start)
    return end, info


def _add_term_info(tindex, key: bytes, value: bytes, pos: int) -> int:
    """Whoosh 2.7.4's OrderedHashWriter.add(key, value) for the terms table, given where its file stands
    (`pos`, which add() asks the file for: the sum of every block written so far, in a compound segment);
    returns where the file stands after."""
    if key <= tindex.lastkey:
        raise ValueError(f"Keys must increase: {tindex.lastkey!r}..{key!r}")
    tindex.index.append(pos)
    tindex.dbfile.write(_lengths.pack(len(key), len(value)) + key + value)
    h = tindex.hashfn(key)
    tindex.buckets[h & 255].append((h, pos))
    tindex.lastkey = key
    return pos + _lengths.size + len(key) + len(value)


class _BoundTask(SubWriterTask):
    """One of Whoosh's forked writer processes, tied to its parent's life (core/children.py): Whoosh's own
    would wait forever for the next job of a parent that was killed."""

    def __init__(self, *args, lifeline: Lifeline, parent: int):
        super().__init__(*args)
        self.lifeline, self.parent = lifeline, parent

    def run(self) -> None:
        bind_forked(self.lifeline, self.parent)
        super().run()


class BoundMpWriter(MpWriter):
    """Whoosh's multiprocess writer (full rebuilds) whose workers end with this process, and also as soon as
    the writer is committed or cancelled (Whoosh's cancel never reaches a forked worker)."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self._lifelines: list[Lifeline] = []

    def _new_task(self):
        lifeline = Lifeline()
        task = _BoundTask(self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs,
                          self.multisegment, lifeline=lifeline, parent=os.getpid())
        self._lifelines.append(lifeline)
        self.tasks.append(task)
        task.start()
        lifeline.handed_over()
        return task

    def _let_go(self) -> None:
        for lifeline in self._lifelines:
            lifeline.cut()
        for task in self.tasks:
            task.join(5)
            if task.is_alive():
                task.kill()
                task.join()

    def commit(self, *args, **kwargs) -> None:
        try:
            super().commit(*args, **kwargs)
        finally:
            self._let_go()

    def cancel(self) -> None:
        try:
            super().cancel()
        finally:
            self._let_go()


def abandon(writer) -> None:
    """Drop a writer's pending changes and, above all, its lock, even after a failed commit (disk full)."""
    try:
        if not writer.is_closed:
            writer.cancel()
            return
    except Exception:
        pass
    for step in (lambda: writer._tempstorage.destroy(), lambda: writer.writelock.release()):
        try:
            step()
        except Exception:
            pass
