"""The seeds' story in the real window: the article ids the story tests open, and the window once its stories
are loaded (built by a real child process)."""

from __future__ import annotations

import pytest

from tests.ui.conftest import idle

APRIL_2021 = "abfb6e8a136a"
GLOBAL_DEFENSE = "263639cdb046"
MAY_2024 = "90e5eb310408"
CLIPPING = "05a18ab9d7dc"


@pytest.fixture
def stories_window(qtbot, window):
    feature = window.stories
    if feature.stories is None:
        with qtbot.waitSignal(feature.stories_loaded, timeout=90000):
            pass
    idle(qtbot, window)
    return window


RATES = ("bank-holds-interest-rate-at-4-75.txt", "uk-interest-rates-held-at-4-75.txt",
         "bank-opts-to-leave-rates-on-hold.txt", "bank-set-to-leave-rates-on-hold.txt")


def _import_business(window, tmp_path, names) -> None:
    """Copy these BBC business reports into a folder and import it through the window (skips without the
    BBC corpus)."""
    from tests.core.stories.test_stories import BBC

    if not BBC.is_dir():
        pytest.skip("the BBC corpus is not beside this checkout")
    folder = tmp_path / "rates"
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes((BBC / "business" / name).read_bytes())
    window.imports.import_paths([folder])


def import_rates_story(qtbot, window, tmp_path) -> None:
    """Import four BBC reports of the Bank of England holding rates (one of them a copy) through the window and
    wait for the Stories pane to show their thread beside the seeds' (skips without the BBC corpus)."""
    _import_business(window, tmp_path, RATES)
    qtbot.waitUntil(lambda: window.stories.pane.model.rowCount() == 2, timeout=120000)


def import_a_copy(qtbot, window, tmp_path) -> None:
    """Import three of those reports, two of them copies of one text, and wait until the stories know the
    copy (skips without the BBC corpus)."""
    _import_business(window, tmp_path, RATES[:3])
    stories = window.stories
    qtbot.waitUntil(lambda: stories.stories is not None and len(stories.stories.copies) == 1, timeout=120000)
