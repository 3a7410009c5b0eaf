"""Titles of Chinese and Japanese text files (core/articles/reading.py): a short headline line over a long line
stays the headline (it was joined to the paragraph, which became the title), and a title derived from the
text is cut at its first 。！？ as an English one is at its first full stop. English files keep their parse.
Real files imported into a real index through the command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

BODY = ("今日は絵文字😀😃😄を使った記事です。東京🗼と大阪🏯で新しいキャンペーンが始まった👍。ファミリー絵文字"
        "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466も含む。")
# two sentences, 72 characters, no headline: the first sentence is the title
UNTITLED = ("大阪市は来年春に新しい地下鉄の駅を開業すると発表した。新駅は梅田と難波の間に設けられ、東京方面への乗り換え"
            "も便利になると市の担当者は話している。")
ASKED = "本当に新しい駅は必要なのか？市議会では反対の声も上がっており、議論は来月まで続く見通しだ。"
ENGLISH = ("Big Storm Hits City\nThe storm that hit the city on Monday was the biggest in years, officials said on "
           "Tuesday.\n")


def test_headlines_over_long_lines_stay_and_derived_titles_end_at_the_first_sentence(tmp_path, data_dir):
    assert len(UNTITLED) == 72 and len(BODY) > 50
    folder = tmp_path / "in"
    folder.mkdir()
    files = {"emoji.txt": f"絵文字のニュース 😀\n{BODY}\n", "plain.txt": f"絵文字のニュース\n{BODY}\n",
             "untitled.txt": UNTITLED + "\n", "asked.md": ASKED + "\n", "en.txt": ENGLISH,
             "huge.txt": "巨大な一行の記事\n" + "東京都内では激しい雨が降り続いた" * 12_000 + "。\n"}
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    done = run_cli("import", str(folder), data_dir=data_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    listed = {Path(a["path"]).name: a for a in json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)
              if Path(a["path"]).parent == folder}
    titles = {name: a["title"] for name, a in listed.items()}
    assert titles["emoji.txt"] == "絵文字のニュース 😀"  # with the emoji or without, the same headline
    assert titles["plain.txt"] == "絵文字のニュース"
    shown = run_cli("show", listed["emoji.txt"]["id"], data_dir=data_dir).stdout
    assert shown.startswith("絵文字のニュース 😀\n\n今日は絵文字")
    assert titles["untitled.txt"] == "大阪市は来年春に新しい地下鉄の駅を開業すると発表した"
    assert titles["asked.md"] == "本当に新しい駅は必要なのか？"
    assert titles["huge.txt"] == "巨大な一行の記事"
    # English keeps its parse: a headline line over a long line in one block is read with it, as ever
    assert titles["en.txt"] == "Big Storm Hits City The storm that hit the city on Monday was the biggest in years"
    found = json.loads(run_cli("search", "--json", "絵文字", data_dir=data_dir).stdout)["hits"]
    assert sorted(Path(h["path"]).name for h in found) == ["emoji.txt", "plain.txt"]
