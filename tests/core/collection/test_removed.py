"""The removals noted in the data folder (core/collection/removed.py): found by id or a unique prefix, the
latest of each id, never failing on a damaged or strange file."""

from __future__ import annotations

import os

import pytest

from reader_app.core.collection import removed


def test_removals_are_found_by_id_or_unique_prefix_and_damage_is_passed_over(tmp_path):
    removed.note(tmp_path, [("abc111", "First"), ("abc222", "Second")])
    with open(tmp_path / removed.FILE, "a", encoding="utf-8") as fh:
        fh.write('{"id": "abc3\n[1, 2]\n"not an entry"\n')  # a line cut by a crash, and others not entries
    removed.note(tmp_path, [("abc111", "First, again")])
    assert removed.find(tmp_path, "abc111")["title"] == "First, again"  # the latest
    assert removed.find(tmp_path, "abc2")["id"] == "abc222"
    assert removed.find(tmp_path, "abc") is None  # two articles begin so
    assert removed.find(tmp_path, "zzz") is None and removed.find(tmp_path, " ") is None


@pytest.mark.timeout(20)
def test_a_missing_folder_a_fifo_or_a_folder_in_its_place_finds_nothing(tmp_path):
    assert removed.find(tmp_path / "nowhere", "abc") is None
    removed.note(tmp_path / "nowhere", [("abc", "x")])  # cannot be written: said in the log, never raised
    os.mkfifo(tmp_path / removed.FILE)
    removed.note(tmp_path, [("abc", "x")])  # no reader: not waited for
    assert removed.find(tmp_path, "abc") is None
    os.remove(tmp_path / removed.FILE)
    (tmp_path / removed.FILE).mkdir()
    assert removed.find(tmp_path, "abc") is None
