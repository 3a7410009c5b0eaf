"""The installed reader-app as a real process on a virtual X screen, driven with real key events."""

from __future__ import annotations

import json

from PySide6.QtGui import QImage

from reader_app.ui.theme import DARK, LIGHT
from tests.faults.lifetime import wait_for

SEED_COUNT = 5
TROOPS_TITLES = {  # the seed articles that mention troops (reader-app search troops)
    "Russia Agrees to Remove Some Troops, Border Guards From Armenia",
    "Armenia Says Wants More Russian Troops on Its Soil",
    "Russia will withdraw its troops and border guards from Armenia’s border with Azerbaijan",
    "Armenia Urges Russian Military Deployment On Azerbaijan Border",
}


def pixels_of(path, colours: tuple[str, ...]) -> int:
    """How many pixels of the screenshot have exactly one of `colours` (#rrggbb)."""
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
    data = bytes(image.constBits())
    total = 0
    for colour in colours:
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        total += data.count(bytes((b, g, r, 0xFF)))  # RGB32 is B, G, R, 0xff in memory; alpha stops misaligned hits
    return total


def test_type_a_query_open_the_first_hit_and_clear(start_app, tmp_path):
    app = start_app()
    shown = app.wait_until(lambda s: len(s["rows"]) == SEED_COUNT, "the list filled in")
    assert shown["title"] == "reader-app"
    assert shown["count"] == f"{SEED_COUNT} articles"

    before = pixels_of(app.screenshot(tmp_path / "before.png"), (LIGHT.term_bg, DARK.term_bg))
    app.key("ctrl+k")
    app.type("troops")
    shown = app.wait_until(lambda s: s["count"].endswith("results") and s["search"] == "troops", "search results")
    assert set(shown["rows"]) == TROOPS_TITLES
    assert shown["count"] == f"{len(TROOPS_TITLES)} results"
    assert shown["focus"] == "searchBox"

    app.key("Return")  # Enter in the search box opens the first result
    shown = app.wait_until(lambda s: s["article_id"] is not None, "an open article")
    first = shown["rows"][0]
    assert shown["title"] == f"{first} — reader-app"
    assert first in shown["reader_text"] and "troops" in shown["reader_text"]
    assert shown["search_highlights"] >= 2
    # the marked terms are really drawn: the marker colour covers part of the screen now
    after = pixels_of(app.screenshot(tmp_path / "after.png"), (LIGHT.term_bg, DARK.term_bg))
    assert after > before + 300

    app.key("Down")  # from the search box into the results
    shown = app.snapshot()
    assert shown["focus"] == "articleList"
    app.key("ctrl+k", "Escape")  # Esc clears the search and brings back every article
    shown = app.wait_until(lambda s: len(s["rows"]) == SEED_COUNT, "the full list again")
    assert shown["search"] == "" and shown["count"] == f"{SEED_COUNT} articles"

    app.key("ctrl+q")
    assert app.proc.wait(timeout=30) == 0


def test_zoom_and_the_open_article_come_back_on_the_next_launch(start_app, tmp_path):
    app = start_app()
    app.wait_until(lambda s: len(s["rows"]) == SEED_COUNT, "the list filled in")
    app.key("ctrl+1", "j", "Return")  # the list, the second row, open it
    shown = app.wait_until(lambda s: s["article_id"] is not None, "an open article")
    opened, size = shown["article_id"], shown["font_size"]
    app.key("ctrl+equal", "ctrl+equal")
    assert app.wait_until(lambda s: s["font_size"] == size + 2, "a larger text size")
    app.key("ctrl+q")
    assert app.proc.wait(timeout=30) == 0
    settings = next((tmp_path / "data").rglob("settings.json"))
    assert json.loads(settings.read_text(encoding="utf-8"))["open_article"] == opened

    again = start_app()
    shown = again.wait_until(lambda s: s["article_id"] == opened, "the article open last time")
    assert shown["font_size"] == size + 2
    assert "Built the index" not in shown["status"]  # the existing index was reused
    again.key("ctrl+q")
    assert again.proc.wait(timeout=30) == 0


def test_esc_closes_the_f1_help(start_app):
    """The help takes the keyboard when it opens (no window manager gives it), so Esc closes it."""
    app = start_app()
    app.wait_until(lambda s: len(s["rows"]) == SEED_COUNT, "the list filled in")

    def help_windows() -> list[str]:
        return app.xdotool("search", "--onlyvisible", "--name", "Help — search syntax").split()

    app.key("F1")
    assert wait_for(help_windows, 10)
    app.key("Escape")
    assert wait_for(lambda: not help_windows(), 5), "the help is still open after Esc"
    app.key("ctrl+q")
    assert app.proc.wait(timeout=30) == 0
