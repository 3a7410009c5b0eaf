"""What the command line changes while the window is open (an import, a correction, a bookmark) is read in
when the window is activated again (both trials found the window kept its old list and bookmarks)."""

from __future__ import annotations

import json

from tests.conftest import run_cli
from tests.ui.conftest import idle

STORY = ("Lighthouse keepers on the northern isles were stood down on Friday after the last manned light was "
         "automated, ending two centuries of watches kept through the night.\n\nThe board said the keepers "
         "would be offered posts ashore.\n")


def test_a_command_line_import_edit_and_bookmark_show_when_the_window_is_activated(qtbot, window, app_paths,
                                                                                   tmp_path):
    before = window.list_pane.library_size()
    clip = tmp_path / "lighthouse.txt"
    clip.write_text("Last keepers leave the lighthouse\n\n" + STORY, encoding="utf-8")
    r = run_cli("import", str(clip), "--json", data_dir=app_paths.data)
    assert r.returncode == 0, r.stderr
    aid = json.loads(r.stdout)["added"][0]["id"]
    assert run_cli("edit", aid, "--outlet", "The Isles Herald", data_dir=app_paths.data).returncode == 0
    r = run_cli("bookmarks", "add", aid, "--quote", "two centuries of watches", data_dir=app_paths.data)
    assert r.returncode == 0, r.stderr
    assert window.list_pane.library_size() == before  # nothing told the window yet

    window.check_outside_changes()  # what activating the window does
    qtbot.waitUntil(lambda: window.list_pane.library_size() == before + 1, timeout=30000)
    idle(qtbot, window)
    row = next(r for r in window.list_pane.library_model.rows() if r.id == aid)
    assert row.outlet == "The Isles Herald"
    qtbot.waitUntil(lambda: any(b.bookmark.article_id == aid for b in window.bookmarks.pane.model.rows()), timeout=30000)

    # nothing changed since: activating again reads nothing
    assert window.controller.outside_changes() is False


def test_a_command_line_remove_shows_in_a_window_kept_in_front(qtbot, window, app_paths, tmp_path):
    """A user trial: with the window open and never left, `reader-app remove` of an article kept its row in the
    list (opening it said 'no article with id …') until the window was left and activated again."""
    clip = tmp_path / "lighthouse.txt"
    clip.write_text("Last keepers leave the lighthouse\n\n" + STORY, encoding="utf-8")
    r = run_cli("import", str(clip), "--json", data_dir=app_paths.data)
    aid = json.loads(r.stdout)["added"][0]["id"]
    window.check_outside_changes()
    qtbot.waitUntil(lambda: any(row.id == aid for row in window.list_pane.library_model.rows()), timeout=30000)
    idle(qtbot, window)
    assert run_cli("remove", aid, data_dir=app_paths.data).returncode == 0
    # nothing calls check_outside_changes here: the shown window looks by itself
    qtbot.waitUntil(lambda: not any(row.id == aid for row in window.list_pane.library_model.rows()), timeout=20000)


def test_a_command_line_restore_shows_in_the_open_article(qtbot, window, app_paths, tmp_path):
    """A new-user trial: `reader-app restore ID N` while the window was open changed nothing on screen; the
    open article shows the paragraph put back, and the window's own later syncs keep it."""
    clip = tmp_path / "floods.txt"
    clip.write_text("Floods Hit Coastal Towns\n\nHeavy rain flooded three coastal towns on Thursday, officials "
                    "said.\n\nSubscribe to our newsletter\n\nResidents were evacuated overnight as water rose.\n",
                    encoding="utf-8")
    r = run_cli("import", str(clip), "--json", data_dir=app_paths.data)
    aid = json.loads(r.stdout)["added"][0]["id"]
    window.check_outside_changes()
    qtbot.waitUntil(lambda: any(row.id == aid for row in window.list_pane.library_model.rows()), timeout=30000)
    idle(qtbot, window)
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(aid)
    idle(qtbot, window)
    assert "Subscribe to our newsletter" not in window.reader.article.text

    r = run_cli("restore", aid, "1", data_dir=app_paths.data)
    assert r.returncode == 0, r.stderr
    # nothing calls check_outside_changes here: the shown window looks by itself
    qtbot.waitUntil(lambda: "Subscribe to our newsletter" in window.reader.article.text, timeout=20000)
    assert "Subscribe to our newsletter" in window.reader.toPlainText()
    idle(qtbot, window)
    # the window's own library knows the paragraph is back: parsing the article again keeps it
    window.library.reclean([aid])
    assert "Subscribe to our newsletter" in window.library.article(aid).text


def test_a_command_line_remove_of_the_open_article_says_it_is_gone_without_an_error(qtbot, window, app_paths,
                                                                                   tmp_path, caplog):
    """A user trial: `reader-app remove` of the article the window showed logged an ERROR with a traceback
    (the article read again, not found) and the article stayed on screen; the "In story"/copies line above it
    stayed ~2 s over "Pick an article". The reader says the article is gone, the line goes with it, and the
    log holds no error."""
    import logging

    folder = tmp_path / "clips"
    folder.mkdir()
    for n in range(2):  # one text twice: the line above the article names the other copy
        (folder / f"lighthouse{n}.txt").write_text("Last keepers leave the lighthouse\n\n" + STORY + "\n" * n)
    r = run_cli("import", str(folder), "--json", data_dir=app_paths.data)
    ids = {a["id"] for a in json.loads(r.stdout)["added"]}
    assert len(ids) == 2
    window.check_outside_changes()
    # the two copies are one row, under one of the two ids (which one depends on the ids, made from the paths)
    qtbot.waitUntil(lambda: any(row.id in ids for row in window.list_pane.library_model.rows()), timeout=30000)
    first = next(row.id for row in window.list_pane.library_model.rows() if row.id in ids)
    idle(qtbot, window)
    qtbot.waitUntil(lambda: window.stories.stories is not None and bool(window.stories.stories.copies_of(first)),
                    timeout=60000)
    with qtbot.waitSignal(window.article_opened, timeout=30000):
        window.open_article(first)
    banner = window.stories.banner
    qtbot.waitUntil(banner.isVisible, timeout=10000)
    shown_with_banner = []
    window.reader.article_closed.connect(lambda: shown_with_banner.append(banner.isVisible()))
    caplog.set_level(logging.INFO)
    assert run_cli("remove", first, data_dir=app_paths.data).returncode == 0
    window.check_outside_changes()
    qtbot.waitUntil(lambda: window.reader.article is None, timeout=30000)
    idle(qtbot, window)
    assert "This article is no longer in the library." in window.reader.toPlainText()
    assert shown_with_banner[:1] == [False] and not banner.isVisible()
    assert window.windowTitle() == "reader-app"
    assert [rec.getMessage() for rec in caplog.records if rec.levelno >= logging.ERROR] == []
    assert not any(rec.exc_info for rec in caplog.records)
