"""An import's fast path (worker processes, whole segments written by core/index/segments.py, copies written in
place, the gazetteer read from the cache) gives the library a rebuild through Whoosh's own writer gives: the
same stored fields, entities column, terms with their postings, words and learnt furniture, article by article."""

from __future__ import annotations

import importlib.util
import shutil

import pytest

from reader_app import paths
from reader_app.core.collection import importer
from reader_app.core.library import Library
from tests.conftest import BBC, ROOT


def _compare_libraries():
    spec = importlib.util.spec_from_file_location("compare_libraries", ROOT / "benchmarks" / "compare_libraries.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("procs", [1, 2])
def test_an_import_gives_what_a_rebuild_gives(tmp_path, library, monkeypatch, capsys, procs):
    if not BBC.is_dir():
        pytest.skip("the BBC corpus is not beside this checkout")
    monkeypatch.setattr(importer, "PARALLEL_FROM", 10)
    src = tmp_path / "src"
    for section in ("business", "politics", "sport"):
        (src / section).mkdir(parents=True)
        for p in sorted((BBC / section).glob("*.txt"))[:15]:
            shutil.copy(p, src / section / p.name)
    report = library.import_paths([src], procs=procs)
    assert len(report.added) == 45 and not report.failed
    library.close()
    rebuilt = tmp_path / "rebuilt"
    shutil.copytree(library.paths.data, rebuilt)
    other = Library(paths.resolve(rebuilt))
    assert other.rebuild().action == "rebuilt"
    other.close()
    compare = _compare_libraries()
    imported, again = compare.library(library.paths.data), compare.library(rebuilt)
    assert len(imported["stored"]) == 45 + len(list((ROOT / "seeds").glob("*.txt")))
    assert any(fields["(entities column)"] for fields in imported["stored"].values())
    assert compare.compare(imported, again, 20) == 0, capsys.readouterr().out
