"""The window's Export and Import Bookmarks on hostile targets (#13): a device, a FIFO, a file with a BOM."""

from __future__ import annotations

import json
import os

PASSAGE = "the Kremlin said on Thursday"


def _article(window, title_start: str):
    aid = next(r["id"] for r in window.library.list_articles() if r["title"].startswith(title_start))
    return window.library.article(aid)


def test_export_refuses_a_device_and_import_a_fifo(qtbot, window, tmp_path):
    feature = window.bookmarks
    window.library.bookmarks.add_quote(_article(window, "Russia Agrees"), PASSAGE, note="kept")
    full = tmp_path / "full.md"
    full.symlink_to("/dev/full")
    with qtbot.waitSignal(feature.message, timeout=10000) as said:
        feature.export_to(full, "md")
    assert "not a regular file" in said.args[0] and full.is_symlink()
    fifo = tmp_path / "in.json"
    os.mkfifo(fifo)
    with qtbot.waitSignal(feature.message, timeout=10000) as said:
        feature.import_from(fifo)
    assert "FIFO" in said.args[0]
    # An export saved by an editor that adds a BOM is read.
    out = tmp_path / "out.json"
    with qtbot.waitSignal(feature.message, timeout=10000):
        feature.export_to(out, "json")
    data = json.loads(out.read_text(encoding="utf-8"))
    out.write_bytes(b"\xef\xbb\xbf" + json.dumps(data).encode("utf-8"))
    window.library.bookmarks.delete(window.library.bookmarks.list()[0].id)
    with qtbot.waitSignal(feature.rows_loaded, timeout=10000):
        feature.import_from(out)
    assert [b.note for b in window.library.bookmarks.list()] == ["kept"]


def test_the_window_exports_a_cited_dossier_and_csl_json(qtbot, window, tmp_path):
    """The new-user trial found the cited dossier and CSL-JSON only on the command line."""
    from reader_app.ui.bookmarks.feature import EXPORT_FILTERS

    assert set(EXPORT_FILTERS.values()) == {"md", "json", "csl", "dossier-story", "dossier-entity"}
    feature = window.bookmarks
    window.library.bookmarks.add_quote(_article(window, "Russia Agrees"), PASSAGE, note="kept")
    csl = tmp_path / "sources.json"
    with qtbot.waitSignal(feature.message, timeout=10000) as said:
        feature.export_to(csl, "csl")
    assert "Exported 1 bookmark" in said.args[0]
    items = json.loads(csl.read_text(encoding="utf-8"))
    assert [i["type"] for i in items] == ["article-newspaper"] and items[0]["container-title"] == "The Moscow Times"
    for kind, heading in (("story", "## "), ("entity", "## Kremlin")):
        out = tmp_path / f"dossier-{kind}.md"
        with qtbot.waitSignal(feature.message, timeout=30000):
            feature.export_to(out, f"dossier-{kind}")
        text = out.read_text(encoding="utf-8")
        assert text.startswith("# Dossier") and "[@reader-app-" in text and heading in text, text[:300]


def test_an_export_into_a_fifo_nobody_drains_never_holds_the_window(qtbot, window, tmp_path, monkeypatch):
    """An adversarial trial: a program opened the FIFO but did not read it, and the export (more than a pipe
    holds) blocked the window's worker for good: searches stayed "Searching…" and Ctrl+Q did nothing. The
    window's other work goes on meanwhile; after a while with no progress the export stops and says so."""
    from reader_app.ui.bookmarks import feature as feature_module

    monkeypatch.setattr(feature_module, "EXPORT_STALL", 2.0)
    feature = window.bookmarks
    window.library.bookmarks.add_quote(_article(window, "Russia Agrees"), PASSAGE, note="n" * 300_000)
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # open, never read
    try:
        with qtbot.waitSignal(feature.message, timeout=15000, check_params_cb=lambda m: "FIFO" in m) as said:
            feature.export_to(fifo, "md")
            # The library's worker is free at once: a search is answered while the export waits.
            qtbot.waitUntil(lambda: not window.controller.tasks.busy(), timeout=1500)
            results = []
            window.controller.tasks.submit(window.library.search, "troops", on_finished=results.append)
            qtbot.waitUntil(lambda: bool(results), timeout=5000)
        assert "stopped reading" in said.args[0] and "not written" in said.args[0], said.args[0]
        assert window.bookmarks.error_box is not None
    finally:
        os.close(reader)
    assert [len(b.note) for b in window.library.bookmarks.list()] == [300_000]  # nothing lost
