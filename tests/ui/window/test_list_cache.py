"""The list cache is the list while the library is as it was: a later launch on an unchanged library shows
the cached rows and does not list every article again from the index (at 100,000 articles that read and
decompressed every stored document, seconds of the worker's time at every start); any change to the index or
to what the rows are folded by (the stories) lists them again."""

from __future__ import annotations

import json

from tests.conftest import run_cli
from tests.ui.conftest import idle


def _cache(app_paths):
    from reader_app.ui.window.controller import ROWS_CACHE

    return app_paths.cache / ROWS_CACHE


def _rewrite(app_paths, change) -> None:
    """The cache's rows changed by `change(rows)`, its first line (what they were made from) kept."""
    lines = _cache(app_paths).read_text(encoding="utf-8").split("\n")
    rows = change([json.loads(line) for line in lines[1:] if line])
    _cache(app_paths).write_text("\n".join([lines[0]] + [json.dumps(r) for r in rows]), encoding="utf-8")


def _titles(window) -> list[str]:
    return sorted(r.title for r in window.list_pane.library_model.rows())


def _first_launch(qtbot, make_window):
    first = make_window()
    idle(qtbot, first)
    first.close()


def _marked(rows):
    return [[r[0], "Cached " + r[1], *r[2:]] for r in rows]


def test_an_unchanged_library_shows_the_cached_list_without_listing_it_again(qtbot, make_window, app_paths):
    _first_launch(qtbot, make_window)
    _rewrite(app_paths, _marked)  # only a window that trusts the cache shows these titles after opening

    second = make_window(app_paths)
    idle(qtbot, second)
    titles = _titles(second)
    assert len(titles) == 5 and all(t.startswith("Cached ") for t in titles)


def test_an_import_since_lists_the_library_again(qtbot, make_window, app_paths, tmp_path):
    _first_launch(qtbot, make_window)
    _rewrite(app_paths, _marked)
    clip = tmp_path / "lighthouse.txt"
    clip.write_text("Last keepers leave the lighthouse\n\nLighthouse keepers on the northern isles were stood "
                    "down on Friday after the last manned light was automated.\n", encoding="utf-8")
    assert run_cli("import", str(clip), data_dir=app_paths.data).returncode == 0

    second = make_window(app_paths)
    idle(qtbot, second)
    titles = _titles(second)
    assert len(titles) == 6 and "Last keepers leave the lighthouse" in titles
    assert not any(t.startswith("Cached ") for t in titles)


def test_new_stories_list_the_library_again(qtbot, make_window, app_paths):
    from reader_app.core.stories.source import cache_path

    _first_launch(qtbot, make_window)
    _rewrite(app_paths, _marked)

    class Lib:  # what cache_path needs of a library
        paths = app_paths

    stories = cache_path(Lib())
    if stories.exists():
        stories.write_bytes(stories.read_bytes())  # written again (a new stamp): the rows may fold otherwise
    else:
        stories.write_text("", encoding="utf-8")  # stories appeared
    second = make_window(app_paths)
    idle(qtbot, second)
    assert not any(t.startswith("Cached ") for t in _titles(second))


def test_a_cache_missing_rows_is_not_taken_for_the_list(qtbot, make_window, app_paths):
    _first_launch(qtbot, make_window)
    _rewrite(app_paths, lambda rows: _marked(rows)[1:])  # a row lost (a hand edit, a damaged line dropped)

    second = make_window(app_paths)
    idle(qtbot, second)
    titles = _titles(second)
    assert len(titles) == 5 and not any(t.startswith("Cached ") for t in titles)


def test_a_cache_with_rows_repeated_or_copies_made_up_is_not_taken_for_the_list(qtbot, make_window, app_paths):
    """An adversarial trial: the rows repeated ten times ("25 articles" of 5), or a copy count of a billion,
    under the same first line, were shown at every start."""
    _first_launch(qtbot, make_window)
    for change in (lambda rows: _marked(rows) * 2, lambda rows: [[*r[:7], 1_000_000_000] for r in _marked(rows)]):
        _rewrite(app_paths, change)
        lines = _cache(app_paths).read_text(encoding="utf-8").split("\n")
        header = json.loads(lines[0])
        header["rows"] = len(lines) - 1  # the row count in the first line made to agree
        _cache(app_paths).write_text("\n".join([json.dumps(header)] + lines[1:]), encoding="utf-8")
        w = make_window(app_paths)
        idle(qtbot, w)
        titles = _titles(w)
        assert len(titles) == 5 and not any(t.startswith("Cached ") for t in titles)
        assert all(r.copies == 0 for r in w.list_pane.library_model.rows())
        w.close()
