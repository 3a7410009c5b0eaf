"""Settings: declared defaults, typed values, persistence, damaged files."""

from __future__ import annotations

import pytest

from reader_app.core.prefs.settings import SETTINGS, Settings


def test_defaults_roundtrip_and_types(tmp_path):
    s = Settings(tmp_path / "settings.json")
    assert s.get("theme") == SETTINGS["theme"].default
    s.set("font_size", 20)
    s.set("recent_searches", ["troops"])
    assert s.save()
    again = Settings(tmp_path / "settings.json")
    assert again.get("font_size") == 20 and again.get("recent_searches") == ["troops"]
    with pytest.raises(TypeError):
        s.set("font_size", "big")


def test_damaged_file_falls_back_to_defaults(tmp_path):
    f = tmp_path / "settings.json"
    f.write_text("{not json")
    s = Settings(f)
    assert s.get("font_size") == SETTINGS["font_size"].default
    assert (tmp_path / "settings.json.damaged").exists()
