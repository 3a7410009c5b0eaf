"""The window's first size fits the screen: on an 800x600 screen it opened 1200x780, its status bar, the
search's help button and the reader's text off the screen's edges."""

from __future__ import annotations

from tests.ui.window.test_window_day_one import shot


def test_the_first_size_fits_a_small_screen():
    from reader_app.ui.window.pane_sizes import FRAME_ROOM, WINDOW_FIRST, first_size

    assert first_size(1920, 1080) == WINDOW_FIRST
    for screen in ((800, 600), (1024, 700), (1280, 720)):
        width, height = first_size(*screen)
        assert width <= screen[0] - FRAME_ROOM[0] and height <= screen[1] - FRAME_ROOM[1], (screen, width, height)


def test_the_window_opens_within_its_screen(qtbot, window):
    screen = window.screen().availableGeometry()
    shot(window, "first-size")
    assert window.width() <= screen.width() and window.height() <= screen.height(), (window.size(), screen)
