"""Importing at scale: batches, both cores, progress, cancel, and the watched folder."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reader_app.core.collection import importer, watched
from reader_app.core.errors import LibraryError
from reader_app.core.index import store as index

WORDS = ["harbour", "ferry", "terminal", "steel", "flooding", "council", "budget", "election", "minister", "school", "hospital", "river", "bridge", "railway", "station", "museum", "library", "festival", "orchestra", "football", "stadium"]


def make_corpus(folder: Path, n: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(start, start + n):
        a, b = WORDS[i % len(WORDS)], WORDS[(i * 7 + 3) % len(WORDS)]
        path = folder / f"story-{i:04d}.txt"
        path.write_text(f"Story number {i} about the {a}\n\nOfficials said on Monday that the {a} and the {b} "
                        f"would be reviewed, in report number {i} of the series.\n", encoding="utf-8")
        out.append(path)
    return out


@pytest.mark.parametrize("procs", [1, 2])
def test_batched_import_in_worker_processes_is_complete_and_searchable(tmp_path, library, monkeypatch, procs):
    monkeypatch.setattr(importer, "SEGMENT_POSTINGS", 300)  # several segments per worker
    monkeypatch.setattr(importer, "PARALLEL_FROM", 10)
    make_corpus(tmp_path / "src", 60)
    calls: list[tuple[int, int]] = []
    report = library.import_paths([tmp_path / "src"], progress=lambda n, t, _w: calls.append((n, t)), procs=procs)
    assert len(report.added) == 60 and not report.failed and not report.cancelled
    assert library.index.count() == 65  # with the five seeds
    assert f"Story number 42 about the {WORDS[42 % len(WORDS)]}" in {h.title for h in library.search('"number 42"').hits}
    assert calls[-1] == (60, 60) and all(t == 60 for _, t in calls)
    again = library.import_paths([tmp_path / "src"], procs=procs)
    assert not again.added and len(again.duplicates) == 60


def test_cancel_keeps_what_was_imported_and_reports_the_rest(tmp_path, library, monkeypatch):
    monkeypatch.setattr(importer, "SEGMENT_POSTINGS", 100)
    monkeypatch.setattr(importer, "PROGRESS_EVERY", 0.0)
    make_corpus(tmp_path / "src", 40)
    seen: list[int] = []
    report = library.import_paths([tmp_path / "src"], progress=lambda n, t, w: seen.append(n),
                                  cancel=lambda: len(seen) and seen[-1] >= 15)
    assert report.cancelled
    assert 15 <= len(report.added) < 40
    assert report.skipped == 40 - len(report.added)
    ids = {r["id"] for r in library.list_articles()}
    assert {aid for _, aid in report.added} <= ids  # everything reported as added is in the library
    rest = library.import_paths([tmp_path / "src"])
    assert len(rest.added) == 40 - len(report.added) and len(rest.duplicates) == len(report.added)


def test_an_interrupted_batch_is_picked_up_by_the_next_sync(tmp_path, library, monkeypatch):
    """The manifest is written before the index commit: copies whose commit never happened get indexed."""
    make_corpus(tmp_path / "src", 5)

    def broken(self, segments, replaced, word_delta, known=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(index.BulkCommit, "commit", broken)
    with pytest.raises(OSError):
        library.import_paths([tmp_path / "src"])
    monkeypatch.undo()
    report = library.open()
    assert report.added == 5
    assert library.search("number 3").hits


def test_list_articles_carries_summaries_not_texts(tmp_path, library):
    make_corpus(tmp_path / "src", 3)
    library.import_paths([tmp_path / "src"])
    rows = library.list_articles(lede=True)
    assert len(rows) == 8
    assert all("body" not in r and "text" not in r for r in rows)
    assert all(isinstance(r["words"], int) for r in rows)


def test_watched_folder_imports_new_and_changed_files_only(tmp_path, library):
    folder = tmp_path / "watched"
    make_corpus(folder, 3)
    first = watched.scan(library, folder)
    assert len(first.added) == 3
    assert watched.pending(library, folder) == []
    assert not watched.scan(library, folder).added  # nothing new: nothing read
    make_corpus(folder, 2, start=3)
    (folder / "empty.txt").write_bytes(b"")
    second = watched.scan(library, folder)
    assert len(second.added) == 2 and [r for _, r in second.failed] == ["empty file"]
    assert watched.pending(library, folder) == []  # a refused file is not retried until it changes
    (folder / "empty.txt").write_text("Now it has a title\n\nAnd a sentence of text in it.\n")
    third = watched.scan(library, folder)
    assert [Path(p).name for p, _ in third.added] == ["empty.txt"]


def test_watched_folder_that_is_gone_says_so(tmp_path, library):
    with pytest.raises(LibraryError, match="not a folder"):
        watched.scan(library, tmp_path / "nowhere")


def test_the_typo_vocabulary_follows_imports_updates_and_removals(tmp_path, library):
    src = tmp_path / "src"
    src.mkdir()
    story = src / "zeppelin.txt"
    story.write_text("Zeppelin returns to the skies\n\nA restored zeppelin flew over the lake on Sunday.\n")
    aid = library.import_paths([story]).added[0][1]
    assert library.index.word_counts()["zeppelin"] == 1
    assert library.search("zepelin").hits[0].id == aid  # one change away: found through the vocabulary
    story.write_text("Airship returns to the skies\n\nA restored airship flew over the lake on Sunday.\n")
    library.import_paths([story])
    counts = library.index.word_counts()
    assert "zeppelin" not in counts and counts["airship"] == 1
    library.remove(aid)
    assert "airship" not in library.index.word_counts()
    (library.index.folder / "reader-words.json").unlink()
    assert library.index.word_counts()["government"] >= 1  # lost: counted again from the stored texts


def test_the_manifest_is_kept_a_line_per_article_and_the_first_format_still_reads(tmp_path, library):
    import json

    from reader_app.core.collection.manifest import MANIFEST, read_manifest

    make_corpus(tmp_path / "src", 3)
    added = dict((aid, origin) for origin, aid in library.import_paths([tmp_path / "src"]).added)
    path = library.paths.library / MANIFEST
    lines = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == {"reader-app manifest": 2, "count": 3} and len(lines) == 4
    manifest = read_manifest(path)
    assert {aid: e["origin"] for aid, e in manifest.items()} == added
    path.write_text(json.dumps(manifest, indent=1), encoding="utf-8")  # as reader-app wrote it before
    assert library.manifest() == manifest
    assert len(library.import_paths([tmp_path / "src"]).duplicates) == 3
    path.write_text('{"reader-app manifest": 2}\n["x", 1]\n', encoding="utf-8")  # damaged: rebuilt from the copies
    assert set(library.manifest()) == set(added)


def test_a_worker_that_fails_stops_the_import_with_its_reason_and_keeps_the_library_whole(tmp_path, library,
                                                                                       monkeypatch):
    from reader_app.core.articles.reading import stable_id

    monkeypatch.setattr(importer, "PARALLEL_FROM", 10)
    monkeypatch.setattr(importer, "SEGMENT_POSTINGS", 200)  # segments finish before the failure
    files = make_corpus(tmp_path / "src", 120)
    blocker = library.paths.library / f"{stable_id('import:' + str(files[90].absolute()))}.txt"
    (blocker / "in-the-way").mkdir(parents=True)  # the copy of file 90 cannot be written: a worker fails
    with pytest.raises(OSError):
        library.import_paths([tmp_path / "src"], procs=2)
    indexed = {r["id"] for r in library.list_articles()}
    manifest = library.manifest()
    assert set(manifest) <= indexed and len(indexed) == len(set(indexed)) == 5 + len(manifest)
    (blocker / "in-the-way").rmdir()
    blocker.rmdir()
    rest = library.import_paths([tmp_path / "src"], procs=2)
    assert len(rest.added) + len(rest.duplicates) == 120 and not rest.failed
    assert library.index.count() == 125


def test_jobs_shrink_towards_the_end_so_the_workers_finish_together():
    files, procs, sizes, job = 2095, 2, [], 0
    for n in range(1, files + 1):
        job += 1
        if job >= importer.job_size(files - n, procs):
            sizes.append(job)
            job = 0
    assert job == 0 and sum(sizes) == files
    assert sizes[0] == importer.JOB_FILES and sizes == sorted(sizes, reverse=True)
    # what waits for the workers when the last file goes out: at most JOBS_AHEAD + 1 jobs each, a few files
    assert sum(sizes[-procs * (importer.JOBS_AHEAD + 1):]) <= 2 * procs * (importer.JOBS_AHEAD + 1)
    assert importer.job_size(0, procs) == 1


def test_refused_files_are_grouped_by_reason_in_natural_order(tmp_path, library):
    """Empty files and links out of the folder are skipped, counted apart from files that could not be read;
    the groups list those that could not be read first, each group's names in natural order."""
    folder = tmp_path / "src"
    make_corpus(folder, 1)
    for n in (1, 2, 10, 100, 20):
        (folder / f"e{n}.txt").write_bytes(b"")
    for name in ("b10.txt", "b9.txt"):
        (folder / name).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "pipe.txt").symlink_to("/dev/null")
    report = library.import_paths([folder])
    assert len(report.added) == 1
    assert (report.unreadable(), report.empty_skipped(), report.links_skipped()) == (2, 5, 1)
    groups = report.refusals()
    assert [g.heading() for g in groups] == ["2 files could not be read: binary file, not text",
                                             "5 empty files skipped",
                                             "1 link skipped: a link to outside the folder (not followed)"]
    assert [Path(o).name for o, _ in groups[0].files] == ["b9.txt", "b10.txt"]
    assert [Path(o).name for o, _ in groups[1].files] == ["e1.txt", "e2.txt", "e10.txt", "e20.txt", "e100.txt"]
    assert [g.skipped for g in groups] == [False, True, True]


def test_natural_key_orders_numbers_by_value():
    from reader_app.core.wording import natural_key

    names = ["e100", "E10", "e2", "e1", "2024 report", "10 things", "notes"]
    assert sorted(names, key=natural_key) == ["10 things", "2024 report", "e1", "e2", "E10", "e100", "notes"]


@pytest.mark.parametrize("late", [False, True])
def test_cancel_drops_the_file_in_hand_at_its_next_step(tmp_path, library, monkeypatch, late):
    """A 20 MB page took 20-40 s to parse and index, and Quit (Cancel) waited for all of it: the import in this
    process now drops the file in hand once cancelled, after its parse (late: after its document is made)."""
    files = make_corpus(tmp_path / "src", 3)
    cancelled = threading.Event()
    step = importer.document_for if late else importer.article_from_bytes

    calls: list[int] = []

    def then_cancel(*args, **kwargs):  # Quit answered while the second file is being read
        result = step(*args, **kwargs)
        calls.append(1)
        if len(calls) == 2:
            cancelled.set()
        return result

    monkeypatch.setattr(importer, "document_for" if late else "article_from_bytes", then_cancel)
    report = library.import_paths([tmp_path / "src"], cancel=cancelled.is_set, procs=1)
    assert report.cancelled
    assert [origin for origin, _ in report.added] == [str(files[0].absolute())]
    assert report.skipped == 2  # the dropped file and the one after it were not looked at
    copies = {p.name for p in library.collection.folder.iterdir()} - {"manifest.json"}
    assert copies == {f"{aid}.txt" for _, aid in report.added}  # no copy of the dropped file is left
    assert {h.title for h in library.search('"number 1"').hits} == set()
    again = library.import_paths([tmp_path / "src"], procs=1)
    assert len(again.added) == 2 and len(again.duplicates) == 1
