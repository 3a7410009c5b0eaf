"""The window lets go of what opening and syncing the library read (the manifest, the list of article files:
about 100 MB at 100,000 articles); a later sync reads them again."""

from __future__ import annotations

from tests.conftest import run_cli

STORY = ("Harbour pilots at the estuary port walked out on Monday over new shift rules, leaving a dozen "
         "freighters anchored offshore.\n\nThe port authority said talks would resume on Wednesday.\n")


def test_the_window_keeps_no_manifest_after_opening_and_syncing(make_window, app_paths, tmp_path):
    clip = tmp_path / "pilots.txt"
    clip.write_text("Harbour pilots walk out\n\n" + STORY, encoding="utf-8")
    assert run_cli("import", str(clip), data_dir=app_paths.data).returncode == 0
    window = make_window()  # opened, listed and synced
    library = window.controller.library
    assert library is not None
    assert library.collection.holds_caches() is False
    assert window.list_pane.library_size() == len(library.sources())  # the imported article is listed


def test_the_window_keeps_no_module_sources_once_the_library_is_open(make_window):
    # PySide's import hook reads every module imported after it (inspect.getsource, which fills linecache) to
    # see whether it uses PySide: some 10 MB of source lines kept for nothing. A traceback reads them again.
    import linecache

    make_window()
    assert [name for name in linecache.cache if "reader_app" in name] == []


def test_the_list_cache_is_read_back_row_for_row(app_paths):
    """The list as last shown, read a block at a time at the next start: the same rows, a headline holding a
    line or paragraph separator (which str.splitlines took for the end of a line) included."""
    from reader_app.ui.articles.row import ArticleRow
    from reader_app.ui.window.controller import LibraryController

    rows = [ArticleRow(id=f"id{n}", title=f"Headline {n}\u2028second\u2029line\x85", outlet="The Herald",
                       date="2024-05-0" + str(n % 9 + 1), lede=f"Lede “{n}” £", words=n) for n in range(300)]
    writer = LibraryController(app_paths)
    writer._save_rows(rows)
    assert LibraryController(app_paths)._cached_rows() == rows


def test_the_list_cache_keeps_when_each_article_was_added_and_its_copies(app_paths):
    """The index's rows carry the date each article was added (the "Date added" order), and a folded list's
    rows the other copies of their text they stand for ("+2 other copies"): the cache keeps both, so
    the rows read back equal the index's at the next start. Without it they never did, and every start wrote
    the cache again and listed the whole library a second time (100,000 rows at 100k articles)."""
    from reader_app.ui.articles.row import ArticleRow
    from reader_app.ui.window.controller import LibraryController

    rows = [ArticleRow(id=f"id{n}", title=f"Headline {n}", outlet="The Herald", date="2024-05-01",
                       lede="Lede.", words=n, added=f"2026-11-{n % 28 + 1:02d}T16:16:30Z", copies=n % 3)
            for n in range(50)]
    LibraryController(app_paths)._save_rows(rows)
    assert LibraryController(app_paths)._cached_rows() == rows


def test_reading_a_big_list_cache_sets_off_no_full_collection(app_paths):
    """The cached list is read in the worker while the window paints: its rows (100,000 at 100k articles) set
    off full collections, each walking every object of the window while holding the interpreter."""
    import gc

    from reader_app.ui.articles.row import ArticleRow
    from reader_app.ui.window.controller import LibraryController

    rows = [ArticleRow(id=f"id{n}", title=f"Headline {n}", date="2024-05-01") for n in range(150_000)]
    LibraryController(app_paths)._save_rows(rows)
    del rows
    full = []

    def count(phase: str, info: dict) -> None:
        if phase == "start" and info.get("generation") == 2:
            full.append(1)

    gc.collect()
    gc.callbacks.append(count)
    try:
        read = LibraryController(app_paths)._cached_rows()
    finally:
        gc.callbacks.remove(count)
        gc.unfreeze()
    assert len(read) == 150_000 and full == []


def test_rows_of_articles_added_together_share_one_added_string(app_paths):
    """A library's articles come in by the thousand per import, so their `added` stamps repeat: one string each,
    as for outlets and dates (about 7 MB of 100,000 rows), from the index and from the list cache alike."""
    from reader_app.ui.window.controller import LibraryController, summary_row

    stamp = "2026-11-30T16:16:30Z"
    rows = [summary_row({"id": f"id{n}", "title": f"Headline {n}", "added": "".join(list(stamp))})
            for n in range(3)]
    assert rows[0].added == stamp and rows[0].added is rows[1].added is rows[2].added
    LibraryController(app_paths)._save_rows(rows)
    read = LibraryController(app_paths)._cached_rows()
    assert read == rows and read[0].added is read[2].added


def test_the_window_keeps_no_word_counts_after_its_sync_parsed_an_article(make_window, app_paths, tmp_path):
    """An outlet taken from an unknown domain ("estuarypilotnews.com" -> Estuary Pilot News) is split into words
    with English word counts (wordsegment: about 72 MB of Python objects). The window's sync parses the files
    that changed since the last open; the counts are let go once it is done, not kept for the session."""
    from reader_app.core.articles import outlets
    from reader_app.core.library import Library

    # More unknown domains than a process segments without the whole model (outlets.SCANS_BEFORE_LOADING), so
    # that the sync below loads it, whatever this process segmented before
    names = {"estuarypilotnews": "Estuary Pilot News", "harbourwatchdaily": "Harbour Watch Daily",
             "tidalcoastreport": "Tidal Coast Report", "rivermouthherald": "River Mouth Herald"}
    assert len(names) > outlets.SCANS_BEFORE_LOADING
    for k, label in enumerate(names):
        url = f"https://www.{label}.com/news/pilots-walk-out"
        (tmp_path / f"pilots{k}.txt").write_text(f"Harbour pilots walk out {k}\n\n{url}\n\n" + STORY, encoding="utf-8")
    assert run_cli("import", str(tmp_path), data_dir=app_paths.data).returncode == 0
    library = Library(app_paths)
    for k, label in enumerate(names):
        stored = next(s.file for s in library.sources() if f"pilots{k}" in s.origin)
        url = f"https://www.{label}.com/news/pilots-walk-out"
        stored.write_text(f"Harbour pilots walk out again {k}\n\n{url}\n\n" + STORY, encoding="utf-8")  # changed
    library.close()
    window = make_window()  # opened, synced: the changed files parsed in the window's process
    rows = {r.title: r.outlet for r in window.list_pane.library_model.rows() if r.title.startswith("Harbour pilots")}
    assert rows == {f"Harbour pilots walk out again {k}": name for k, name in enumerate(names.values())}
    assert outlets._segmenter.cache_info().currsize == 0


def test_the_library_names_are_counted_after_the_open_has_checked_the_files(make_window, qtbot):
    """The table of names (about 100 MB of small objects at 100,000 articles) is made once the open's sync is
    over: the sync reads and frees some 250 MB (the manifest, the saved view of every article), and with the
    table made before it, the arenas the sync filled each kept a long-lived object and the memory stayed the
    window's (418 MB resident against 342 at 100,565 articles)."""
    make_window().close()  # the index built: the next open shows it at once, then syncs with the files
    window = make_window(wait=False)
    at_settling = []
    window.library_settled.connect(lambda: at_settling.append(window.entities._library_facets))
    with qtbot.waitSignal(window.library_settled, timeout=60000):
        window.start()
    qtbot.waitUntil(lambda: not window.controller.tasks.busy(), timeout=60000)
    assert at_settling[0] is None  # not counted before the files were checked
    assert window.entities._library_facets and window.entities._library_facets["person"]  # counted after
