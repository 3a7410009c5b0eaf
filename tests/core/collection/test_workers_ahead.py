"""Import workers started ahead (core/collection/importer.py start_workers): the command line starts them before
it opens the library, and the import takes them; started for nothing, they are let go."""

from __future__ import annotations

import json

from reader_app.core.collection import importer
from tests.conftest import run_cli
from tests.core.collection.test_importer import make_corpus


def test_workers_started_ahead_do_the_import(tmp_path, library):
    make_corpus(tmp_path / "src", importer.PARALLEL_FROM)
    importer.start_workers(library.paths.index, library.paths.library, procs=2)
    ahead = list(importer._ahead[(str(library.paths.index), str(library.paths.library))])
    report = library.import_paths([tmp_path / "src"], procs=2)
    assert len(report.added) == importer.PARALLEL_FROM and not report.failed
    assert importer._ahead == {}
    assert all(w.exitcode is not None for w in ahead)  # they did the work and ended
    assert library.index.count() == len(library.sources())
    assert len(library.search("series", limit=500).hits) == importer.PARALLEL_FROM


def test_workers_started_ahead_of_a_small_import_are_let_go(tmp_path, library):
    make_corpus(tmp_path / "src", 3)
    importer.start_workers(library.paths.index, library.paths.library, procs=2)
    ahead = list(importer._ahead[(str(library.paths.index), str(library.paths.library))])
    report = library.import_paths([tmp_path / "src"], procs=2)
    assert len(report.added) == 3
    assert importer._ahead == {}
    assert all(w.exitcode is not None for w in ahead)


def test_the_command_line_imports_a_big_folder_with_workers_started_ahead(tmp_path, data_dir):
    make_corpus(tmp_path / "src", importer.PARALLEL_FROM)
    out = run_cli("import", str(tmp_path / "src"), "--json", data_dir=data_dir)
    assert out.returncode == 0, out.stderr
    assert len(json.loads(out.stdout)["added"]) == importer.PARALLEL_FROM
    listed = json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)
    assert sum(a["title"].startswith("Story number") for a in listed) == importer.PARALLEL_FROM
