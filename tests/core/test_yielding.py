"""Sorting big lists in pieces (the window's thread gets the interpreter between them): the order of one sort."""

from __future__ import annotations

import random
from operator import itemgetter

from reader_app.core import yielding


def test_a_sort_in_pieces_is_the_one_stable_sort_either_way_round():
    rnd = random.Random(5)
    items = [((rnd.choice(["", "2004", "2004-05-01", "2011"]), rnd.choice("abc")), n) for n in range(5000)]
    for reverse in (False, True):
        assert yielding.sort_in_pieces(items, itemgetter(0), reverse, chunk=7) == \
            sorted(items, key=itemgetter(0), reverse=reverse)


def test_the_library_lists_its_articles_newest_first_whatever_the_pieces(library, monkeypatch):
    whole = library.list_articles(lede=True)
    assert len(whole) > 3
    monkeypatch.setattr(yielding, "CHUNK", 2)
    assert library.list_articles(lede=True) == whole
    dates = [d.get("date") or "" for d in whole]
    assert dates == sorted(dates, reverse=True)


def test_big_lists_and_dicts_are_emptied_and_what_they_held_is_freed():
    import weakref

    class Entry:
        pass

    entries = [Entry() for _ in range(10_000)]
    refs = [weakref.ref(e) for e in entries[::997]]
    listed, mapped = list(entries), {n: e for n, e in enumerate(entries)}
    del entries
    yielding.release_in_pieces(listed, piece=300)
    assert listed == [] and all(r() is not None for r in refs)  # still in the dict
    yielding.release_in_pieces(mapped, piece=300)
    assert mapped == {} and all(r() is None for r in refs)


def test_the_library_lets_go_of_its_manifest_and_files_list_and_reads_them_again(library):
    sources = library.sources()
    manifest = library.manifest()
    library.drop_caches()
    assert not library.collection.holds_caches()
    assert library.sources() == sources and library.manifest() == manifest
    assert sources and library.sources() is not sources


def test_with_pauses_gives_every_item_in_order_from_any_iterable():
    from reader_app.core.yielding import with_pauses

    lines = (f"line {n}" for n in range(1000))  # a generator, as a file's lines are
    assert list(with_pauses(lines, every=7)) == [f"line {n}" for n in range(1000)]
    assert list(with_pauses([], every=1)) == []
    assert list(with_pauses({"a": 1, "b": 2}.items())) == [("a", 1), ("b", 2)]


def test_pauses_only_in_a_process_whose_gui_thread_shares_the_interpreter(monkeypatch):
    """The command line and worker processes make no zero-length sleeps (on a busy machine each gives the CPU
    away: 4 s of a 21 s import at 100,000 articles); the window turns them on for its GUI thread's sake."""
    import time

    slept: list[float] = []
    real_sleep = time.sleep
    monkeypatch.setattr(time, "sleep", lambda s: (slept.append(s), real_sleep(s)))
    monkeypatch.setattr(yielding, "_shared", False)
    assert list(yielding.with_pauses(range(1000), every=10)) == list(range(1000))
    yielding.let_others_run()
    assert slept == []
    yielding.share_interpreter()
    assert list(yielding.with_pauses(range(1000), every=10)) == list(range(1000))
    yielding.let_others_run()
    assert slept == [0] * 101

