"""The help opens within the screen: on an 800x600 screen it was 620 pixels tall, its Close button off the
bottom."""

from __future__ import annotations

from tests.ui.window.test_window_day_one import shot


def test_the_help_fits_a_small_screen():
    from reader_app.ui.window.help import help_size

    for width, height in ((800, 600), (1024, 640)):
        size = help_size(width, height)
        assert size.width() <= width - 40 and size.height() <= height - 80, size
    assert help_size(1920, 1080).toTuple() == (720, 620)  # a roomy screen: as before


def test_the_help_opens_within_its_screen(qtbot, window):
    from reader_app.ui.window.help import show_help

    dialog = show_help(window, "Words: all must appear.")
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    screen = dialog.screen().availableGeometry()
    shot(dialog, "help-small-screen")
    assert dialog.height() <= screen.height() - 80 and dialog.width() <= screen.width(), (dialog.size(), screen)
    dialog.close()
