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
