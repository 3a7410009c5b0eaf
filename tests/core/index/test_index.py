"""Index build, sync (new, changed, removed files) and rebuild on damage or version change."""

from __future__ import annotations

import json
import os
import shutil

from reader_app.core.index import store as index_mod
from reader_app.core.library import Library


def test_first_open_builds_then_reuses(app_paths):
    lib = Library(app_paths)
    seen = []
    report = lib.open(progress=lambda n, total, what: seen.append((n, total)))
    assert report.action == "built" and report.total == 5 and not report.failed
    assert seen[-1] == (5, 5)
    lib.close()
    again = Library(app_paths).open()
    assert again.action == "synced" and again.unchanged == 5 and again.added == 0


def test_sync_picks_up_new_changed_and_removed(app_paths, seeds_copy):
    lib = Library(app_paths, seeds=seeds_copy)
    lib.open()
    first = sorted(seeds_copy.iterdir())[0]
    first.write_text("# A Changed Headline\n\nSomething entirely new happened in the valley today.\n")
    (seeds_copy / "new.txt").write_text("Brand New Story\n\nA new story about glaciers melting fast.\n")
    sorted(seeds_copy.iterdir())[1].unlink()
    report = lib.open()
    assert (report.added, report.updated, report.removed) == (1, 1, 1)
    titles = {a["title"] for a in lib.list_articles()}
    assert "A Changed Headline" in titles and "Brand New Story" in titles and len(titles) == 5
    assert [h.title for h in lib.search("glaciers").hits] == ["Brand New Story"]


def test_touched_but_identical_file_is_not_reparsed_as_changed(app_paths, seeds_copy):
    lib = Library(app_paths, seeds=seeds_copy)
    lib.open()
    f = sorted(seeds_copy.iterdir())[0]
    os.utime(f, (1, 1))
    report = lib.open()
    assert report.updated == 0 and report.unchanged == 5
    assert lib.open().unchanged == 5  # size/mtime refreshed, so no hashing next time


def test_damaged_index_is_rebuilt(app_paths):
    Library(app_paths).open()
    for toc in app_paths.index.glob("*.toc"):
        toc.write_bytes(os.urandom(64))
    report = Library(app_paths).open()
    assert report.action == "rebuilt" and "damaged" in report.reason and report.total == 5


def test_index_folder_replaced_by_a_file_is_rebuilt(app_paths):
    Library(app_paths).open()
    shutil.rmtree(app_paths.index)
    app_paths.index.write_text("not an index")
    report = Library(app_paths).open()
    assert report.action == "rebuilt" and report.total == 5 and app_paths.index.is_dir()


def test_schema_version_change_rebuilds(app_paths):
    Library(app_paths).open()
    meta = app_paths.index / index_mod.META_FILE
    data = json.loads(meta.read_text())
    data["schema"] = -1
    meta.write_text(json.dumps(data))
    report = Library(app_paths).open()
    assert report.action == "rebuilt" and "version" in report.reason


def test_stemmed_search_and_furniture_words(library):
    hits = library.search("troops").hits
    assert len(hits) == 4
    assert all("**troop" in h.snippet.lower() for h in hits)
    assert library.search("Akismet").hits == []
    assert library.search("favor").hits == []


def test_nothing_written_into_seeds(app_paths):
    from tests.conftest import SEEDS

    before = sorted(p.name for p in SEEDS.iterdir())
    Library(app_paths).open()
    assert sorted(p.name for p in SEEDS.iterdir()) == before


def test_files_checked_in_a_process_of_their_own_before_a_sync(app_paths, seeds_copy):
    lib = Library(app_paths, seeds=seeds_copy)
    lib.open()
    lib.elsewhere_from = 1  # as the window asks, for any size
    generation = lib.index.ix.latest_generation()
    report = lib.open(check_elsewhere=True)  # nothing changed: the child says so, nothing is written here
    assert (report.action, report.unchanged, report.total) == ("synced", 5, 5)
    assert lib.index.ix.latest_generation() == generation

    first = sorted(seeds_copy.iterdir())[0]
    first.write_text("# A Changed Headline\n\nSomething entirely new happened in the valley today.\n")
    (seeds_copy / "new.txt").write_text("Brand New Story\n\nA new story about glaciers melting fast.\n")
    report = lib.open(check_elsewhere=True)  # the child finds changes: the sync here makes them
    assert (report.added, report.updated, report.removed) == (1, 1, 0)
    assert [h.title for h in lib.search("glaciers").hits] == ["Brand New Story"]
    os.utime(first, (1, 1))  # the same text touched: the sync here records its new time, as without the check
    assert lib.open(check_elsewhere=True).unchanged == 6
    assert lib.open(check_elsewhere=True).unchanged == 6
