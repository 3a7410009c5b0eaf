"""A line break between two Chinese or Japanese characters is no space (core/articles/cjk.py join_lines): in a
page's paragraph, as browsers show it, and in a hard-wrapped text file, whose lines are one paragraph again.
English lines are joined as before. Real files imported into a real index through the command line."""

from __future__ import annotations

import json
from pathlib import Path

from reader_app.core.articles.cjk import join_lines
from tests.conftest import run_cli

WRAPPED_HTML = ("<html><body><article><h1>名古屋の話題</h1><p>名古屋市では新しい博物館が開館した。館長は記者団に"
                "対し、東\n京や大阪からの観光客にも来てほしいと語った。</p>"
                "<p>市によると、開館初日には<b>福</b>\n  <i>岡</i>からも多くの人が訪れたという。</p>"
                "<pre>展示の一覧\n北\n海道の土器</pre></article></body></html>")
WRAPPED_TXT = ("大阪の新しい駅\n\n"
               "大阪市は来年春に新しい地下鉄の駅を開業すると発表した。新駅は梅田と難波の間に設けられ、東\n"
               "京方面への乗り換えも便利になる。市の担当者は「通勤客の負担が大きく減る」と話している。\n")
WRAPPED_MD = ("# 北京举行国际科技博览会\n\n"  # wrapped at 30 characters (60 columns), as an editor wraps it
              "北京国际科技博览会今天在北京大学附近开幕，来自三十多个国家的\n"
              "企业参加了展览。组织者表示，今年的展会重点关注人工智能和新能\n"
              "源汽车，并邀请了上海的企业。\n")
UNEVEN_TXT = ("交通計画のニュース\n\n"  # a second trial: an uneven wrap, the first line 29 characters against 69
              "大阪府は月曜日、新しい交通計画を発表した。計画によると、東\n"
              "京との間の新幹線の本数を二〇三〇年までに増やし、公共交通機関の利用を促進する。専門家は大気汚染が大きく改善されると予測している。\n")
SHORT_TITLE = "大阪で地震\n大阪府北部で震度四の地震があった。津波の心配はない。\n"
ENGLISH = ("Council approves budget\n\n"
           "The city council approved a new budget on Tuesday,\n"
           "adding money for school and road repairs. The mayor\n"
           "said the plan would be reviewed again next spring.\n")


def _import(tmp_path: Path, data_dir: Path, files: dict[str, str]) -> dict[str, dict]:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    done = run_cli("import", str(folder), data_dir=data_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    listed = json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)
    return {Path(a["path"]).name: a for a in listed if Path(a["path"]).parent == folder}


def _show(data_dir: Path, article_id: str) -> str:
    done = run_cli("show", article_id, data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _found(data_dir: Path, query: str) -> list[str]:
    done = run_cli("search", "--json", query, data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    return [Path(h["path"]).name for h in json.loads(done.stdout)["hits"]]


def test_a_line_break_between_han_or_kana_characters_is_no_space_in_pages_and_wrapped_text(tmp_path, data_dir):
    got = _import(tmp_path, data_dir, {"wrapped.html": WRAPPED_HTML, "wrapped.txt": WRAPPED_TXT,
                                       "wrapped.md": WRAPPED_MD, "short.txt": SHORT_TITLE, "en.txt": ENGLISH,
                                       "uneven.txt": UNEVEN_TXT})
    page = _show(data_dir, got["wrapped.html"]["id"])
    assert "に対し、東京や大阪から" in page and "東 京" not in page
    assert "開館初日には福岡からも" in page  # tags and indentation around the break too
    assert "北海道" not in page and "\n海道の土器" in page  # preformatted text keeps its line breaks
    text = _show(data_dir, got["wrapped.txt"]["id"])
    assert got["wrapped.txt"]["title"] == "大阪の新しい駅"
    assert "設けられ、東京方面への乗り換えも便利になる。市の担当者は" in text  # one paragraph again
    md = _show(data_dir, got["wrapped.md"]["id"])
    assert "国家的企业参加了展览。" in md and "新能源汽车" in md and "的 企" not in md
    # A short headline over its paragraph is not a wrapped line: it stays the title
    assert got["short.txt"]["title"] == "大阪で地震"
    assert "大阪で地震" not in _show(data_dir, got["short.txt"]["id"]).split("\n", 2)[2]
    # A line that ends a sentence inside it is prose: cut short mid-word, it is a wrap however short it is
    assert got["uneven.txt"]["title"] == "交通計画のニュース"
    assert "計画によると、東京との間の新幹線" in _show(data_dir, got["uneven.txt"]["id"])
    assert sorted(_found(data_dir, "東京")) == ["uneven.txt", "wrapped.html", "wrapped.txt"]
    assert _found(data_dir, "福岡") == ["wrapped.html"]
    assert _found(data_dir, "能源") == ["wrapped.md"]
    # English lines are joined with a space, as ever
    english = _show(data_dir, got["en.txt"]["id"])
    assert "on Tuesday, adding money" in english and "The mayor said the plan" in english
    assert _found(data_dir, '"tuesday adding"') == ["en.txt"]


def test_lines_are_joined_without_a_space_only_between_wide_characters():
    assert join_lines(["東", "京"]) == "東京"
    assert join_lines(["発表した。", "「新駅」は"]) == "発表した。「新駅」は"  # full-width punctuation closes up
    assert join_lines(["the", "city"]) == "the city"
    assert join_lines(["Sony と", "トヨタ"]) == "Sony とトヨタ"
    assert join_lines(["トヨタ", "Toyota"]) == "トヨタ Toyota"
    assert join_lines(["서울", "시장"]) == "서울 시장"  # Hangul is written with spaces
    assert join_lines(["絵文字😀", "今日"]) == "絵文字😀 今日"  # an emoji is no part of a word
