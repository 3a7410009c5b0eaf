"""The entity table and the garbage collector (core/entities/table.py): what a build leaves alive is frozen, not
left in the youngest generation, whose next collection would walk all of it at once while holding the
interpreter (the window's thread waits that long); and a build makes no reference cycles, so freezing keeps
nothing alive that would otherwise be freed."""

from __future__ import annotations

import gc

from reader_app.core.entities import entities_of
from reader_app.core.entities.table import EntityTable, paused_gc

PARAGRAPHS = [
    "President Vladimir Putin met officials in Moscow. Putin said little.",
    "Prime Minister Nikol Pashinyan spoke in Yerevan on Monday.",
    "Troops from the UK arrived in Abidjan; the United Nations said so.",
    "Tony Blair and Gordon Brown met at the Labour Party conference in Brighton.",
]


def _per_doc(n: int) -> list:
    return [entities_of([PARAGRAPHS[i % len(PARAGRAPHS)]]) for i in range(n)]


def test_a_build_leaves_no_cyclic_garbage_and_a_dropped_table_is_freed_without_the_collector():
    per_doc = _per_doc(400)
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        table = EntityTable([str(i) for i in range(len(per_doc))], per_doc)
        assert gc.collect() == 0  # the build made no unreachable cycles
        assert table.ranked("person")
        del table
        assert gc.collect() == 0  # nor does the table hold any: reference counting frees it whole
    finally:
        if was:
            gc.enable()


def test_what_a_paused_build_made_is_frozen_not_left_for_the_next_young_collection():
    per_doc = _per_doc(3000)
    gc.collect()
    frozen = gc.get_freeze_count()
    try:
        with paused_gc():
            table = EntityTable([str(i) for i in range(len(per_doc))], per_doc)
        # the table's thousands of objects are out of the collector's walks (left young, the next collection
        # would have walked them all in one go)
        assert gc.get_freeze_count() - frozen > 3000
        assert gc.get_count()[0] < 700
        assert gc.isenabled()
        assert table.ranked("place")
    finally:
        gc.unfreeze()
