"""A zero-width joiner is kept where it joins emoji (core/articles/text.py normalize_text): a family 👨‍👩‍👧‍👦 and
a rainbow flag 🏳️‍🌈 stay one picture in `show`, the list and search; a stray one inside a word is still
dropped, so the word is found. Real files imported into a real index through the command line."""

from __future__ import annotations

import json
from pathlib import Path

from reader_app.core.articles.text import normalize_text, safe_label
from tests.conftest import run_cli

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # 👨‍👩‍👧‍👦
FLAG = "\U0001f3f3\ufe0f\u200d\U0001f308"  # 🏳️‍🌈
CODER = "\U0001f469\U0001f3fd\u200d\U0001f4bb"  # 👩🏽‍💻 (a skin tone before the joiner)
TEXT = (f"Parade {FLAG} draws families {FAMILY}\n\n"
        f"Thousands of families {FAMILY} marched through Lon\u200ddon on Saturday, many carrying the rainbow "
        f"flag {FLAG}. A programmer {CODER} said the organisers had planned the route for months.\n")


def test_joined_emoji_stay_whole_in_show_the_list_and_search_and_stray_joiners_go(tmp_path, data_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "parade.txt").write_text(TEXT, encoding="utf-8")
    done = run_cli("import", str(folder), data_dir=data_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    listed = [a for a in json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)
              if Path(a["path"]).name == "parade.txt"]
    assert [a["title"] for a in listed] == [f"Parade {FLAG} draws families {FAMILY}"]
    assert f"Parade {FLAG} draws families {FAMILY}" in run_cli("list", data_dir=data_dir).stdout
    shown = run_cli("show", listed[0]["id"], data_dir=data_dir).stdout
    assert f"families {FAMILY} marched through London on" in shown  # the stray joiner in "London" dropped
    assert f"flag {FLAG}." in shown and f"programmer {CODER} said" in shown
    found = json.loads(run_cli("search", "--json", "London", data_dir=data_dir).stdout)["hits"]
    assert [Path(h["path"]).name for h in found] == ["parade.txt"]
    assert FAMILY in found[0]["snippet"] and "**London**" in found[0]["snippet"]


def test_a_joiner_is_kept_between_emoji_and_after_a_virama_only():
    assert normalize_text(f"{FAMILY} {FLAG} {CODER}") == f"{FAMILY} {FLAG} {CODER}"
    assert normalize_text("\U0001f9d4\u200d\u2642\ufe0f") == "\U0001f9d4\u200d\u2642\ufe0f"  # 🧔‍♂️
    assert normalize_text("\u0915\u094d\u200d\u0937") == "\u0915\u094d\u200d\u0937"  # क्‍ष, a half form
    stray = "Lon\u200ddon \u200d\U0001f468 \U0001f468\u200d x\u200d\U0001f468"
    assert normalize_text(stray) == "London \U0001f468 \U0001f468 x\U0001f468"
    assert normalize_text("a\u200b\u200db") == "ab"  # not kept by what was dropped beside it
    assert safe_label(f"Parade {FLAG}") == f"Parade {FLAG}"
