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
