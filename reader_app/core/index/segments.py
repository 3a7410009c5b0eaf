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
import struct
import zlib
from array import array
from collections.abc import Callable, Iterable
from hashlib import md5
from operator import sub
from pickle import dumps

import whoosh
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3TermInfo
from whoosh.filedb.filetables import _lengths, md5_hash
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.system import _INT_SIZE, pack_int, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from reader_app.core.index.fields import FastText, TermPostings, add_postings, indexer
from reader_app.core.storage.children import Lifeline, bind_forked

# The block writing below sets the codec's buffers directly; it is checked against this Whoosh release and
# anything else falls back to Whoosh's own (slower) path, which writes the same thing.
_FAST = whoosh.__version__[:3] == (2, 7, 4)
SMALL_BLOCK = 2048  # bytes of pickled postings under which compressing costs more time (~70 µs) than it saves space
PICKLE = 4  # Whoosh pickles blocks with protocol 2, which stores bytes through a slow codec call; it reads any


class SegmentBuilder(SegmentWriter):
    """Adds documents to one new segment of `ix` and writes it whole on `finish()`."""

    is_closed: bool  # set by SegmentWriter

    def __init__(self, ix):
        super().__init__(ix, _lk=False)
        # field name -> term -> (document numbers, weights, encoded values): three lists filled side by side,
        # the order the codec writes them in, so that no tuple is made per posting
        self._terms: dict[str, TermPostings] = {}
        # field name -> document number -> its length in that field as the codec stores it (one byte, never 0)
        self._lengths: dict[str, dict[int, int]] = {}
        self.postings = 0
        # field name -> (the field's FastText stem setting and boost, or None; fields.indexer)
        self._indexers: dict[str, tuple[tuple[bool, float, bool, bool] | None, Callable[[object], Iterable[tuple]]]] = {}

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
                field_terms = terms.get(name)
                if field_terms is None:
                    field_terms = terms[name] = {}
                how = self._indexers.get(name)
                if how is None:
                    fast = ((field.stem, field.format.field_boost, getattr(field, "fold", False),
                             getattr(field, "pairs", False)) if isinstance(field, FastText) else None)
                    how = self._indexers[name] = (fast, indexer(field))
                fast, index = how
                if fast is not None and isinstance(value, str):  # title, body: most of the postings
                    count, length = add_postings(value, fast[0], fast[1], docnum, field_terms, fast[2], fast[3])
                else:
                    scorable = field.scorable
                    count = 0
                    for term, freq, weight, encoded in index(value):
                        if scorable:
                            length += freq
                        entry = field_terms.get(term)
                        if entry is None:
                            field_terms[term] = ([docnum], [weight], [encoded])
                        else:
                            entry[0].append(docnum)
                            entry[1].append(weight)
                            entry[2].append(encoded)
                        count += 1
                self.postings += count
                if length:
                    self._lengths.setdefault(name, {})[docnum] = length_to_byte(length)
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
            lengths = self._lengths.get(name)
            fixed = schema[name].format.fixed_value_size()
            if fast:
                _write_field(fw, field_terms, lengths, fixed)
            else:
                for tbytes in sorted(field_terms):
                    docs, weights, values = field_terms.pop(tbytes)
                    fw.start_term(tbytes)
                    for d, w, v in zip(docs, weights, values):
                        fw.add(d, w, v, byte_to_length(lengths[d]) if lengths else 0)
                    fw.finish_term()
            fw.finish_field()
        fw.close()


_TERM_INFO = struct.Struct(W3TermInfo._struct.format + "qi")  # W3TermInfo.to_bytes: the statistics, offset, length


def _write_field(fw, field_terms: TermPostings, lengths: dict[int, int] | None, fixed: int | None) -> None:
    """Every term of one field, in order, written as Whoosh 2.7.4's W3FieldWriter writes them (start_term,
    add_posting for each posting, finish_term: blocks of `blocklimit` postings, each a pickled, compressed tuple
    after a pickled header; then the term's statistics in the terms table, OrderedHashWriter.add), without its
    calls per posting and per term. `lengths`: each document's length in the field as the codec's byte.

    Two differences, both within what Whoosh reads: blocks are pickled with a newer protocol, and blocks under
    SMALL_BLOCK bytes are stored uncompressed (each block's header says whether it is compressed). The
    postings file's and the terms table's positions are kept here: their tell() adds up every block written
    so far (Whoosh's compound SubStream), which per term made writing a segment grow with the square of its
    size; and their bytes go out in one write per field."""
    postfile, tindex = fw._postfile, fw._tindex
    limit, level = fw._postwriter._blocklimit, fw._postwriter._compression
    pos, tpos = postfile.tell(), tindex.dbfile.tell()
    prefix = pack_ushort(fw._fieldid)
    post_out: list[bytes] = []
    term_out: list[bytes] = []
    index, buckets, lastkey = tindex.index, tindex.buckets, tindex.lastkey
    hashfn = _md5_low32 if tindex.hashfn is md5_hash else tindex.hashfn
    pack_lengths, lengths_size, pack_info = _lengths.pack, _lengths.size, _TERM_INFO.pack
    magic = WHOOSH3_HEADER_MAGIC
    singles: dict[float, float] = {}  # a weight -> the float32 the codec keeps of it
    for tbytes in sorted(field_terms):
        docs, weights, values = field_terms[tbytes]
        count = len(docs)
        start = pos
        if count == 1:  # a word in one article (most terms): one block of one posting, the loop below unrolled
            d, w, v = docs[0], weights[0], values[0]
            f = singles.get(w)
            if f is None:
                f = singles[w] = array("f", (w,))[0]
            lo = lengths[d] if lengths is not None else 0
            max_weight = max(0, w)
            data = dumps(((d,), None if f == 1.0 else f,
                          ((v,) if v else ()) if fixed is None or fixed < 0 else None if fixed == 0 else v), PICKLE)
            comp = level if len(data) >= SMALL_BLOCK else 0
            if comp:
                data = zlib.compress(data, comp)
            block = dumps((1, d, max_weight, comp, lo, lo), 2) + data
            post_out.append(magic + pack_int(-len(block)) + block)
            pos += len(magic) + _INT_SIZE + len(block)
            value = pack_info(False, f, 1, lo, lo, max_weight, d, d, start, pos - start)
        else:
            pos, value = _write_blocks(post_out, docs, weights, values, lengths, fixed, limit, level, start)
        # the term's statistics (W3TermInfo.to_bytes), added to the terms table as OrderedHashWriter.add does
        key = prefix + tbytes
        if key <= lastkey:
            raise ValueError(f"Keys must increase: {lastkey!r}..{key!r}")
        index.append(tpos)
        term_out.append(pack_lengths(len(key), len(value)) + key + value)
        h = hashfn(key)
        buckets[h & 255].append((h, tpos))
        lastkey = key
        tpos += lengths_size + len(key) + len(value)
    field_terms.clear()
    tindex.lastkey = lastkey
    postfile.write(b"".join(post_out))
    tindex.dbfile.write(b"".join(term_out))


def _write_blocks(post_out: list[bytes], docs: list[int], weights: list[float], values: list[bytes],
                  lengths: dict[int, int] | None, fixed: int | None, limit: int, level: int,
                  start: int) -> tuple[int, bytes]:
    """One term's postings in blocks of `limit` (_write_field), appended to `post_out` from position `start`;
    returns where the postings file stands after, and the term's statistics as the terms table keeps them."""
    magic = WHOOSH3_HEADER_MAGIC
    count = len(docs)
    pos = start
    post_out.append(magic)
    pos += len(magic)
    total = 0.0
    max_weight_all: float = 0
    min_len = 0  # bytes; 0: none (the codec's None)
    max_len = 0
    for s in range(0, count, limit):
        if count <= limit:
            ids, block_weights, block_values = docs, weights, values
        else:
            ids, block_weights, block_values = docs[s:s + limit], weights[s:s + limit], values[s:s + limit]
        floats = array("f", block_weights)
        if lengths is not None:
            lens = list(map(lengths.__getitem__, ids))
            lo, hi = min(lens), max(lens)
        else:
            lo = hi = 0
        max_weight = max(0, max(block_weights))
        # W3TermInfo.add_block
        total += sum(floats)
        if lo and (not min_len or lo < min_len):
            min_len = lo
        if hi > max_len:
            max_len = hi
        if max_weight > max_weight_all:
            max_weight_all = max_weight
        # W3PostingsWriter._write_block with _mini_ids, _mini_weights, _mini_values
        n = len(ids)
        deltas = (ids[0],) if n == 1 else tuple(map(sub, ids, [0, *ids[:-1]]))
        mini_weights: float | tuple[float, ...] | None
        mini_values: tuple[bytes, ...] | bytes | None
        if floats.count(1.0) == n:  # (counted in C: a generator per term cost more than the test)
            mini_weights = None
        elif n == 1 or floats.count(floats[0]) == n:
            mini_weights = floats[0]
        else:
            mini_weights = tuple(floats)
        if fixed is None or fixed < 0:
            mini_values = tuple(filter(None, block_values))
        elif fixed == 0:
            mini_values = None
        else:
            mini_values = b"".join(block_values)
        data = dumps((deltas, mini_weights, mini_values), PICKLE)
        comp = level if len(data) >= SMALL_BLOCK else 0
        if comp:
            data = zlib.compress(data, comp)
        header = dumps((n, ids[-1], max_weight, comp, lo, hi), 2)
        size = len(header) + len(data)
        post_out.append(pack_int(-size if s + limit >= count else size) + header + data)
        pos += _INT_SIZE + size
    return pos, _TERM_INFO.pack(False, total, count, min_len, max_len, max_weight_all, docs[0], docs[-1], start,
                                pos - start)


def _md5_low32(key: bytes) -> int:
    """whoosh.filedb.filetables.md5_hash (the terms table's hash), without its round trip through hex."""
    return int.from_bytes(md5(key).digest()[12:], "big")


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
