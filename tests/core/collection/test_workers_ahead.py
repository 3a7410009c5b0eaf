"""Import workers started ahead (core/collection/workers.py start_workers): the command line starts them before
it loads the importer and opens the library, and the import takes them; started for nothing, they are let go."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from reader_app.core.collection import importer, workers
from tests.conftest import ROOT, run_cli
from tests.core.collection.test_importer import make_corpus


def test_workers_started_ahead_do_the_import(tmp_path, library):
    make_corpus(tmp_path / "src", importer.PARALLEL_FROM)
    workers.start_workers(library.paths.index, library.paths.library, procs=2)
    ahead = list(workers._ahead[(str(library.paths.index), str(library.paths.library))])
    report = library.import_paths([tmp_path / "src"], procs=2)
    assert len(report.added) == importer.PARALLEL_FROM and not report.failed
    assert workers._ahead == {}
    assert all(w.exitcode is not None for w in ahead)  # they did the work and ended
    assert library.index.count() == len(library.sources())
    assert len(library.search("series", limit=500).hits) == importer.PARALLEL_FROM


def test_workers_started_ahead_of_a_small_import_are_let_go(tmp_path, library):
    make_corpus(tmp_path / "src", 3)
    workers.start_workers(library.paths.index, library.paths.library, procs=2)
    ahead = list(workers._ahead[(str(library.paths.index), str(library.paths.library))])
    report = library.import_paths([tmp_path / "src"], procs=2)
    assert len(report.added) == 3
    assert workers._ahead == {}
    assert all(w.exitcode is not None for w in ahead)


def test_the_command_line_imports_a_big_folder_with_workers_started_ahead(tmp_path, data_dir):
    make_corpus(tmp_path / "src", importer.PARALLEL_FROM)
    out = run_cli("import", str(tmp_path / "src"), "--json", data_dir=data_dir)
    assert out.returncode == 0, out.stderr
    assert len(json.loads(out.stdout)["added"]) == importer.PARALLEL_FROM
    listed = json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)
    assert sum(a["title"].startswith("Story number") for a in listed) == importer.PARALLEL_FROM


def test_counting_and_starting_workers_leave_the_parser_unloaded():
    # The command line counts the files and starts the workers before anything loads the parser, so the
    # workers load it while the command line does (a fresh interpreter: this one has it loaded already).
    code = ("import sys; from reader_app.core.collection import workers, folder_walk; "
            "print(sorted(m for m in ('reader_app.core.articles.reading', 'reader_app.core.collection.importer', "
            "'whoosh') if m in sys.modules))")
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=ROOT)
    assert out.stdout.strip() == "[]"
