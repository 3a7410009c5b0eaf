"""A search while an import runs: the import's articles join the index only when it ends, so a search that
finds nothing yet says so (not a bare "No articles match") and runs again when the import has landed."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import BBC
from tests.ui.conftest import idle
from tests.ui.window.test_window_day_one import shot


def test_a_search_during_an_import_is_answered_again_when_the_import_lands(qtbot, window, tmp_path):
    """It said "No articles match “Yukos”" during the import, and still did once the import had added the
    business reports about Yukos."""
    if not BBC.is_dir():
        pytest.skip("the BBC corpus is not beside this checkout")
    folder = tmp_path / "bbc"
    shutil.copytree(BBC / "business", folder / "business")
    answers = []
    window.controller.search_done.connect(answers.append)
    window.imports.import_paths([folder])
    assert window.imports.busy()
    window.search_bar.set_query("Yukos")
    qtbot.waitUntil(lambda: bool(answers), timeout=60000)
    if window.imports.busy():  # (on a fast machine the import may have landed first)
        shot(window, "search-during-import")
        placeholder = window.list_pane.view.placeholder
        assert not answers[-1].rows and "No articles match" not in placeholder, placeholder
        assert "import" in placeholder, placeholder
    qtbot.waitUntil(lambda: not window.imports.busy(), timeout=120000)
    idle(qtbot, window)
    qtbot.waitUntil(lambda: window.list_pane.results_model.rowCount() > 0, timeout=30000)
    shot(window, "search-after-import")
    assert "No articles match" not in window.list_pane.view.placeholder


def test_a_search_during_an_import_finds_the_articles_already_in_the_library(qtbot, window, tmp_path):
    if not BBC.is_dir():
        pytest.skip("the BBC corpus is not beside this checkout")
    folder = tmp_path / "bbc"
    shutil.copytree(BBC / "tech", folder / "tech")
    answers = []
    window.controller.search_done.connect(answers.append)
    window.imports.import_paths([folder])
    window.search_bar.set_query("Armenia")
    qtbot.waitUntil(lambda: bool(answers), timeout=60000)
    assert answers[-1].rows and not window.list_pane.view.placeholder
    idle(qtbot, window)
