"""The sync's saved view of every article (index/store.py KNOWN_FILE): kept exact by imports, syncs, removals and
batch re-cleans, so opening a library plans its sync without reading every stored article, and never hides a
changed file."""

from __future__ import annotations

import os

from reader_app.core.index import store
from reader_app.core.index.documents import lean


def _story(folder, n: int):
    path = folder / f"story-{n}.txt"
    path.write_text(f"Story number {n} about the harbour\n\nOfficials said on Monday that harbour plan {n} would "
                    f"be reviewed, in report number {n} of the series.\n", encoding="utf-8")
    return path


def _saved_view_is_exact(library) -> None:
    with library.index.searcher() as s:
        generation = s.reader().generation()
        actual = lean(s.all_stored_fields())
    assert store._load_known(library.index.folder, generation) == actual


def test_the_saved_view_follows_imports_syncs_removals_and_recleans(tmp_path, library):
    src = tmp_path / "src"
    src.mkdir()
    report = library.import_paths([_story(src, n) for n in range(4)])
    _saved_view_is_exact(library)  # updated by the import's commit, not read again
    first, second = report.added[0][1], report.added[1][1]
    library.edit_details(first, {"outlet": "Harbour Gazette"})
    _saved_view_is_exact(library)
    library.remove(second)
    _saved_view_is_exact(library)
    library.reclean([first])
    _saved_view_is_exact(library)
    library.import_paths([_story(src, 9)])
    _saved_view_is_exact(library)


def test_a_file_changed_behind_the_saved_view_is_still_indexed_again(tmp_path, library):
    src = tmp_path / "src"
    src.mkdir()
    aid = library.import_paths([_story(src, 1)]).added[0][1]
    copy = next(p for p in library.paths.library.iterdir() if p.stem == aid)
    copy.write_text("Story number 1 about the harbour\n\nThe harbour plan was dropped on Tuesday after a long "
                    "meeting of the council.\n", encoding="utf-8")
    os.utime(copy, ns=(1, 1))
    report = library.open()
    assert report.updated == 1
    assert "dropped on Tuesday" in library.index.document(aid)["body"]
    _saved_view_is_exact(library)


def test_the_manifest_and_sources_read_once_still_see_another_process_s_import(tmp_path, app_paths, library):
    """The manifest and the list of sources are kept between calls while their files are unchanged; an import
    by another Library (another process) replaces the manifest, and this one sees it."""
    from reader_app.core.library import Library

    src = tmp_path / "src"
    src.mkdir()
    library.import_paths([_story(src, 1)])
    before = library.sources()
    assert library.sources() == before
    other = Library(app_paths)
    added = other.import_paths([_story(src, 2)]).added[0][1]
    other.close()
    assert added in library.manifest()
    assert {s.article_id for s in library.sources()} == {s.article_id for s in before} | {added}
    assert library.open().total == len(before) + 1


def test_a_sync_that_writes_reads_the_saved_view_of_the_generation_it_starts_from(tmp_path, library):
    """The writer's reader is labelled with the generation it will commit: the view it plans with must be the
    one saved for the generation before, and nothing is saved under the next one before the commit."""
    src = tmp_path / "src"
    src.mkdir()
    aid = library.import_paths([_story(src, 1)]).added[0][1]
    with library.index.searcher() as s:
        generation = s.reader().generation()
    library.edit_details(aid, {"outlet": "Harbour Gazette"})
    with library.index.searcher() as s:
        assert s.reader().generation() == generation + 1
    _saved_view_is_exact(library)
    assert library.index.document(aid)["outlet"] == "Harbour Gazette"


def test_the_saved_view_is_an_article_a_line_and_the_first_format_is_still_read(tmp_path, library):
    """A line per article, parsed a few hundred at a time (one parse of the whole file held the window's
    interpreter); a view saved as one JSON object by an earlier version is read the same, then saved as lines."""
    import json

    src = tmp_path / "src"
    src.mkdir()
    library.import_paths([_story(src, n) for n in range(5)])
    with library.index.searcher() as s:
        generation = s.reader().generation()
        actual = lean(s.all_stored_fields())
    path = library.index.folder / store.KNOWN_FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + len(actual)
    assert store._load_known(library.index.folder, generation) == actual
    docs = {aid: [d.get(k) for k in store._LEAN] for aid, d in actual.items()}
    path.write_text(json.dumps({"generation": generation, "docs": docs}), encoding="utf-8")  # the first format
    assert store._load_known(library.index.folder, generation) == actual
    assert len(path.read_text(encoding="utf-8").splitlines()) == 1 + len(actual)  # written again as lines
    assert store._load_known(library.index.folder, generation + 1) is None  # another generation's view


def test_a_saved_view_that_is_a_fifo_or_a_device_is_no_saved_view(tmp_path, library):
    """index/reader-known.json as a FIFO hung every command in open(); as a link to /dev/zero it was read
    until memory ran out. Either is treated as missing: the view is read from the stored articles."""
    src = tmp_path / "src"
    src.mkdir()
    library.import_paths([_story(src, n) for n in range(3)])
    with library.index.searcher() as s:
        generation = s.reader().generation()
    path = library.index.folder / store.KNOWN_FILE
    path.unlink()
    os.mkfifo(path)
    assert store._load_known(library.index.folder, generation) is None
    path.unlink()
    path.symlink_to("/dev/zero")
    assert store._load_known(library.index.folder, generation) is None
    report = library.import_paths([_story(src, 7)])  # no view to go by: the stored articles are
    assert len(report.added) == 1
    library.open()  # and the next open's sync saves a view of its own in place of the link
    assert not path.is_symlink()
    _saved_view_is_exact(library)
    assert sum(d["title"].startswith("Story number") for d in library.list_articles()) == 4


def test_a_saved_view_naming_an_article_the_index_lacks_is_read_again(tmp_path, library):
    """One well-formed line for an id not in the index made every sync fail with KeyError (the library could
    not be opened); a view that does not count the index's articles is read again from the stored ones."""
    src = tmp_path / "src"
    src.mkdir()
    library.import_paths([_story(src, n) for n in range(3)])
    path = library.index.folder / store.KNOWN_FILE
    with path.open("a", encoding="utf-8") as fh:
        fh.write('\n["ffffffffffff",1,1.0,"articles/gone.txt","00",{}]')
    _story(src, 1).write_text("Story number 1 changed\n\nA changed text about the harbour plan.\n", encoding="utf-8")
    library.open()
    _saved_view_is_exact(library)
    assert sum(d["title"].startswith("Story number") for d in library.list_articles()) == 3
