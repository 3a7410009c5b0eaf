"""Chinese and Japanese articles' length: each Han or kana character counts as a word (core/articles/model.py
word_count), so a short news page is not refused as "no article text found" and the shown count is not one word
a paragraph. English is counted as before. Real imports through the command line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reader_app.core.articles.model import word_count
from reader_app.core.articles.reading import read_article
from tests.conftest import BBC, run_cli

# A short Japanese news item (115 characters), one in two paragraphs (218), a Chinese one (95), an English one
JA_SHORT = ("気象庁は二日、東京都心に大雨警報を発表した。前線の影響で非常に激しい雨が降り、多摩地域では一時間八十ミリを"
            "超える猛烈な雨を観測した。都内一部の路線では運転を見合わせており、気象庁は土砂災害や河川の増水に警戒するよう"
            "呼びかけている。")
JA_TWO = ("大阪市は三日、来年の万博に向けた交通計画の見直しを発表した。会場への主な交通手段となる地下鉄の運行本数を大幅に"
          "増やし、混雑が予想される週末には臨時列車を走らせる。市の担当者は、来場者が安全かつ快適に移動できるよう準備を"
          "進めると話している。",
          "また、会場周辺の道路では大型バス専用の車線を設け、主要な駅からの直通バスも運行する予定だ。市は今後、地元の住民"
          "や企業と協議を重ね、夏までに最終的な計画をまとめる方針で、周辺の渋滞対策も検討を続ける。")
ZH = ("第十届国际经济合作论坛今天在北京开幕，来自六十多个国家和地区的代表出席了会议。与会者围绕全球贸易、数字经济和绿色"
      "发展等议题进行了深入交流，会议将持续三天，并将发表联合声明，呼吁各方加强合作。")
EN = ("The city council approved a new budget on Tuesday, adding money for school and road repairs. The mayor said "
      "the plan would be reviewed again next spring.")


def _page(title: str, *paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<html><head><meta charset="utf-8"><title>{title}</title></head><body><article><h1>{title}</h1>'
            f"{body}</article></body></html>")


def _letters(*texts: str) -> int:
    """The characters that are not punctuation (these texts have no digits or Latin letters)."""
    return sum(c.isalnum() for t in texts for c in t)


def test_each_han_or_kana_character_is_a_word_and_other_words_count_as_before():
    assert word_count("気象庁は二日、大雨警報を発表した。") == 15
    assert word_count("北京大学 2024年 GDP增长") == 4 + 1 + 1 + 1 + 2  # 2024 and GDP are one word each
    assert word_count("Hello world, u.s.a 3.5") == 7  # runs of word characters, as ever
    assert word_count("서울 시장은 말했다") == 3  # Korean is written with spaces: counted by them
    assert word_count("ＮＨＫによると") == 1 + 4  # a full-width Latin word is one word


def test_short_chinese_and_japanese_pages_import_with_their_length_in_characters(tmp_path, data_dir):
    assert (len(JA_SHORT), len("".join(JA_TWO)), len(ZH), len(EN)) == (115, 218, 95, 153)
    folder = tmp_path / "in"
    folder.mkdir()
    pages = {"ja_short.html": _page("東京で大雨警報", JA_SHORT), "ja_two.html": _page("万博へ交通計画", *JA_TWO),
             "zh.html": _page("北京举行国际会议", ZH), "en.html": _page("Council approves budget", EN)}
    for name, page in pages.items():
        (folder / name).write_text(page, encoding="utf-8")
    (folder / "ja.txt").write_text("万博へ交通計画\n\n" + "\n\n".join(JA_TWO) + "\n", encoding="utf-8")
    done = run_cli("import", str(folder), data_dir=data_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no article text" not in done.stdout + done.stderr and "failed 0" in done.stdout
    listed = {Path(a["path"]).name: a["words"] for a in json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)}
    assert listed["ja_short.html"] == _letters(JA_SHORT) == 109
    assert listed["ja_two.html"] == _letters(*JA_TWO) == 205
    assert listed["ja.txt"] == _letters(*JA_TWO)  # a text file: the same paragraphs, the same count
    assert listed["zh.html"] == _letters(ZH) == 88
    assert listed["en.html"] == len(re.findall(r"\w+", EN)) == 27


@pytest.mark.skipif(not BBC.is_dir(), reason="the BBC corpus is not beside the project")
def test_english_counts_are_unchanged_on_the_bbc_corpus():
    """Every BBC article's count is its paragraphs' runs of word characters, as before Han and kana counted."""
    files = sorted(BBC.rglob("*.txt"))
    assert len(files) > 2000
    for path in files:
        article = read_article(path, article_id="x")
        assert article.words == sum(len(re.findall(r"\w+", p.text)) for p in article.paragraphs), path
