"""Small writes (a sync, a removal) merge only the small segments they leave, never an import's big ones: the
default policy took most of a 100,000-article library's segments into one on the first small write after an
import (minutes, the write lock held)."""

from __future__ import annotations

from reader_app.core.index import store

BODY = ("The council said on {day} that the bridge over the {river} would close for repairs, and that "
        "buses would replace the ferry while engineers replace the cables.")
RIVERS = ["Tyne", "Wear", "Tees", "Ouse", "Aire", "Calder", "Don", "Trent"]


def _segments(library) -> dict[str, int]:
    return {seg.segment_id(): seg.doc_count_all() for seg in library.index.ix._segments()}


def test_a_removal_after_imports_keeps_the_big_segments_and_merges_the_small(tmp_path, library, monkeypatch):
    monkeypatch.setattr(store, "SMALL_SEGMENT", 3)  # the imports' 3-article segments count as big here
    monkeypatch.setattr(store, "TINY_SEGMENT", 3)
    ids = []
    for n, river in enumerate(RIVERS[:6]):
        folder = tmp_path / f"batch{n}"
        folder.mkdir()
        for k, day in enumerate(["Monday", "Tuesday", "Friday"]):
            (folder / f"{k}.txt").write_text(f"{river} bridge, day {k}\n\n{BODY.format(day=day, river=river)} "
                                             f"Batch {n} item {k}.\n", encoding="utf-8")
        ids += [aid for _, aid in library.import_paths([folder]).added]
    big = {sid for sid, count in _segments(library).items() if count >= 3}
    assert len(big) >= 6

    library.remove(ids[0])
    library.remove(ids[4])

    after = _segments(library)
    assert big <= set(after)  # the imports' segments untouched (Whoosh's default merged them all here)
    assert sum(1 for count in after.values() if count < 3) <= 1
    assert len(library.search("cables").hits) == len(ids) - 2
    assert {r["id"] for r in library.list_articles()} >= set(ids) - {ids[0], ids[4]}


def test_many_one_file_imports_leave_a_bounded_number_of_segments(tmp_path, library):
    """A watched folder imports files one at a time: each import's commit merges the small segments earlier ones
    left (200 one-file imports left 201 segments, and searches took twice as long)."""
    ids = []
    for n in range(12):
        src = tmp_path / f"note{n}.txt"
        river = RIVERS[n % len(RIVERS)]
        src.write_text(f"{river} bridge note {n}\n\n{BODY.format(day='Monday', river=river)} Note {n}.\n",
                       encoding="utf-8")
        ids += [aid for _, aid in library.import_paths([src]).added]
        assert len(_segments(library)) <= store.IMPORT_MERGE_FROM + 1  # merged once there are that many
    assert len(ids) == 12 and len(_segments(library)) < 12
    assert len(library.search("cables").hits) == 12
    assert {r["id"] for r in library.list_articles()} >= set(ids)


def test_a_small_write_leaves_a_lone_middling_import_segment_alone(tmp_path, library, monkeypatch):
    """A 2,095-file import left segments of 1,104 and 996 documents: every put back or edit after it rewrote the
    996 (under SMALL_SEGMENT) into its own new segment, about 8 s each. A lone segment of a small import stays;
    the tiny ones the writes leave are merged, and middling ones once IMPORT_MERGE_FROM have piled up."""
    monkeypatch.setattr(store, "SMALL_SEGMENT", 6)  # (scaled down: 3-article segments are middling here)
    monkeypatch.setattr(store, "TINY_SEGMENT", 3)
    folder = tmp_path / "batch"
    folder.mkdir()
    for k, day in enumerate(["Monday", "Tuesday", "Friday", "Sunday"]):
        (folder / f"{k}.txt").write_text(f"Tyne bridge, day {k}\n\n{BODY.format(day=day, river='Tyne')} Item {k}.\n",
                                         encoding="utf-8")
    ids = [aid for _, aid in library.import_paths([folder]).added]
    middling = {sid for sid, count in _segments(library).items() if 3 <= count < 6}
    assert middling
    for aid in ids[:3]:  # small writes, one after another
        library.edit_details(aid, {"outlet": "Tyne Courier"})
        assert middling <= set(_segments(library))  # never rewritten
        assert sum(1 for count in _segments(library).values() if count < 3) <= 1  # the tiny ones merged
