"""A long-lived process (the window) lets go of what opening and syncing read: the manifest and the list of
article files (about 100 MB at 100,000 articles), which are read again, the same, when a sync needs them."""

from __future__ import annotations

from tests.conftest import run_cli

STORY = ("Harbour pilots at the estuary port walked out on Monday over new shift rules, leaving a dozen "
         "freighters anchored offshore.\n\nThe port authority said talks would resume on Wednesday.\n")


def test_dropped_caches_are_read_again_the_same(app_paths, tmp_path):
    from reader_app.core.library import Library

    clip = tmp_path / "pilots.txt"
    clip.write_text("Harbour pilots walk out\n\n" + STORY, encoding="utf-8")
    assert run_cli("import", str(clip), data_dir=app_paths.data).returncode == 0
    library = Library(app_paths)
    try:
        library.open()
        manifest, sources = library.manifest(), library.sources()
        assert len(manifest) == 1 and len(sources) > 1
        library.drop_caches()
        assert library.collection.holds_caches() is False
        assert library.manifest() == manifest
        assert library.sources() == sources
        assert library.collection.holds_caches() is True  # read again, kept for an import's repeated reads
        report = library.open()  # a sync after the drop finds nothing to do
        assert not (report.added or report.updated or report.removed)
    finally:
        library.close()
