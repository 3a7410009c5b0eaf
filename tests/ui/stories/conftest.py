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


def import_rates_story(qtbot, window, tmp_path) -> None:
    """Import four BBC reports of the Bank of England holding rates (one of them a copy) through the window and
    wait for the Stories pane to show their thread beside the seeds' (skips without the BBC corpus)."""
    from tests.core.stories.test_stories import BBC

    if not BBC.is_dir():
        pytest.skip("the BBC corpus is not beside this checkout")
    folder = tmp_path / "rates"
    folder.mkdir()
    for name in RATES:
        (folder / name).write_bytes((BBC / "business" / name).read_bytes())
    window.imports.import_paths([folder])
    qtbot.waitUntil(lambda: window.stories.pane.model.rowCount() == 2, timeout=120000)
