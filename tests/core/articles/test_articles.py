"""The parser on every seed: every field, no page furniture, every story sentence kept."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reader_app.core.articles.model import ArticleReadError
from reader_app.core.articles.reading import parse_article, read_article
from tests.conftest import SEEDS


def seed(name: str):
    path = next(SEEDS.glob(name + "*"))
    return read_article(path, article_id=path.stem)


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 4]


FURNITURE = [
    "Related article", "Vagram Bagdasaryan", "Original url", "Be the first to comment", "Leave a Reply",
    "Akismet", "Unauthorized use", "©", "Support The Moscow Times", "favor to ask", "Remind me later",
    "paiment methods", "Not ready to support", "Read more", "MoD of Armenia", "EPA/EVGENIA", "(left)",
    "refuse to be silenced", "please support us", "<u>", "](#)", "**", "15 Sep 2012",
]


def test_seeds_are_byte_identical_to_shared():
    shared = Path(__file__).resolve().parents[4] / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    assert sorted(p.name for p in SEEDS.iterdir()) == sorted(p.name for p in shared.iterdir())
    for p in shared.iterdir():
        assert (SEEDS / p.name).read_bytes() == p.read_bytes()


def test_markdown_clipping_with_byline_date_and_url():
    a = seed("000")
    assert a.title == "Armenia Says Wants More Russian Troops on Its Soil"
    assert a.byline == "AFP"
    assert a.date == "2021-04-14"
    assert a.url == "https://www.themoscowtimes.com/2021/04/14/armenia-says-wants-more-russian-troops-on-its-soil-a73596"
    assert a.outlet == "The Moscow Times"
    assert not a.title_derived
    # A paragraph broken mid-sentence in the clipping is one paragraph again.
    assert ("as well as allowing the deployment of Russian peacekeepers in the area." in a.text)
    assert a.text.startswith("Armenia said Wednesday it will seek to expand the presence of Russian troops")
    assert a.text.endswith("have soured relations between the two countries.")


def test_copyright_footer_names_outlet_and_year():
    a = seed("001")
    assert a.title == "Armenia Urges Russian Military Deployment On Azerbaijan Border"
    assert a.outlet == "Global Defense Corp"
    assert a.date == "2021"
    assert a.byline is None and a.url is None
    assert a.text.startswith("Armenian Prime Minister Nikol Pashinyan said Thursday he would request")
    assert a.text.endswith("Russia refused to intervene in the Nagorno-Karabakh conflict.")
    assert "Soldiers from both Armenia and Azerbaijan were wounded in the clashes." in a.text


def test_donation_appeal_is_removed_and_branding_names_outlet():
    a = seed("002")
    assert a.title == "Russia Agrees to Remove Some Troops, Border Guards From Armenia"
    assert a.outlet == "The Moscow Times"
    assert a.date == "2024"  # only the photo caption dates it; the year is what it tells
    assert a.text.startswith("Russia has agreed to remove some of its troops and border guards from Armenia")
    assert a.text.endswith("under an ICC warrant issued for the Russian leader on war crimes charges.")


def test_plain_clipping_with_dateline_and_bare_url():
    a = seed("003")
    assert a.title == "Armenia Seeks Russian Military Aid in New Escalation With Azerbaijan"
    assert a.date == "2021-11-16"
    assert a.outlet == "The Moscow Times"
    assert a.url.startswith("https://www.themoscowtimes.com/2021/11/16/")
    assert "Vardan Toganyan told the Russian state-run TASS news agency" in a.text
    assert "Nearly 2,000 Russian peacekeepers were deployed to Nagorno-Karabakh" in a.text
    assert a.text.endswith("AFP contributed reporting.")


def test_headline_less_file_gets_one_from_its_first_sentence():
    a = seed("004")
    assert a.title_derived
    assert a.title == "Russia will withdraw its troops and border guards from Armenia’s border with Azerbaijan"
    assert a.outlet is None and a.date is None and a.byline is None
    assert len(a.paragraphs) == 7  # single newlines separate its paragraphs


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_no_furniture_and_every_story_sentence_kept(name):
    a = seed(name)
    for junk in FURNITURE:
        assert junk not in a.text, junk
    raw = next(SEEDS.glob(name + "*")).read_text(encoding="utf-8")
    story_sentences = {
        "000": ["Russia helped broker a peace deal between Armenia and its arch-foe Azerbaijan",
                "We are discussing the possibility of expanding the capabilities of Russia's military base."],
        "001": ["Last year Armenia and Azerbaijan fought a six-week war over the breakaway region of Nagorno-Karabakh.",
                "Each side accused others of firing live rounds first towards them."],
        "002": ["Russian guards would remain on Armenia's borders with Turkey and Iran, he added.",
                "The deal does not appear to affect Russia's major military base"],
        "003": ["Moscow has not yet publicly responded to the request.",
                "Both countries traded accusations of opening fire at their border near Karabakh on Sunday."],
        "004": ["This deployment aimed to bolster Armenia’s defense capabilities against potential Azerbaijani attacks.",
                "demanding an end to the Russian military presence."],
    }[name]
    for s in story_sentences:
        assert s in raw.replace("\xa0", " ") or s in raw
        assert s in a.text, s
    assert a.words > 250


def test_inline_marks_keep_real_links_and_emphasis_only():
    a = parse_article(
        "# Title here\n\nA *stressed* word and a [real link](https://example.org/x) and a [dead one](#) "
        "and <u>underlined</u> text.\n",
        article_id="x", path="x.md",
    )
    p = a.paragraphs[0]
    assert p.text == "A stressed word and a real link and a dead one and underlined text."
    kinds = {(m.kind, p.text[m.start:m.end], m.href) for m in p.marks}
    assert ("em", "stressed", None) in kinds
    assert ("link", "real link", "https://example.org/x") in kinds
    assert not any(k == "link" and t == "dead one" for k, t, _ in kinds)


def test_unseen_clipping_patterns():
    raw = (
        "Share this article\n\nFloods Hit Coastal Towns\n\nBy Jane Doe | Staff Writer\n\n"
        "Published: 3 March 2022 14:05\n\nPhoto: John Smith/Reuters\n\n"
        "Heavy rain flooded three coastal towns on Thursday, officials said.\n\n"
        "Read also: Earlier floods in the region\n\n"
        "Residents were evacuated overnight as water levels rose.\n\n"
        "Copyright 2022 Coastal News Ltd. All rights reserved.\n\nLeave a comment\n"
    )
    a = parse_article(raw, article_id="x", path="x.txt")
    assert a.title == "Floods Hit Coastal Towns"
    assert a.byline == "Jane Doe"
    assert a.date == "2022-03-03"
    assert a.text == ("Heavy rain flooded three coastal towns on Thursday, officials said.\n\n"
                      "Residents were evacuated overnight as water levels rose.")


def test_unreadable_inputs_give_reasons(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    for f, reason in ((empty, "empty"), (binary, "binary"), (tmp_path / "missing.txt", "not found")):
        with pytest.raises(ArticleReadError, match=reason):
            read_article(f, article_id="x")


def test_legacy_encoding_and_bom(tmp_path):
    text = "Новости дня\n\nПравительство объявило о новых мерах поддержки экономики в четверг.\n"
    f = tmp_path / "cp.txt"
    f.write_bytes(text.encode("cp1251"))
    a = read_article(f, article_id="x")
    assert a.title == "Новости дня" and a.encoding == "cp1251"
    g = tmp_path / "u16.txt"
    g.write_bytes(text.encode("utf-16"))
    assert read_article(g, article_id="y").title == "Новости дня"


def test_story_paragraphs_that_mention_money_rights_or_agencies_are_kept():
    raw = (
        "Weak dollar hits Reuters\n\n"
        "Revenues at the media group slipped 11% during the year, the company said on Tuesday.\n\n"
        "Russia hopes to finally become a member by early 2006, and we are told talks went well, the US said.\n\n"
        "The Spaniard then donated his prize money to relief efforts for the victims of the tsunami.\n\n"
        "Critics said the unauthorised use of the images was all rights reserved by the agency, he said.\n"
    )
    a = parse_article(raw, article_id="x", path="x.txt")
    assert a.title == "Weak dollar hits Reuters"
    assert len(a.paragraphs) == 4


def test_short_header_lines_are_kept_unless_they_sit_where_an_image_was():
    raw = "Blackburn v Burnley\n\nEwood Park\n\nTuesday, 1 March\n\nBut defender Andy Todd is suspended and could miss the tie.\n"
    a = parse_article(raw, article_id="x", path="x.txt")
    assert "Ewood Park" in a.text and "Tuesday, 1 March" in a.text
    credit = "Big Story Today\n\nMay 2, 2022\n\n\n\nCity Press Office\n\nThe council met on Monday to vote on the budget.\n"
    b = parse_article(credit, article_id="y", path="y.txt")
    assert "City Press Office" not in b.text and b.date == "2022-05-02"


def test_bbc_corpus_loses_no_paragraph():
    """Every paragraph of every BBC article survives cleaning (the corpus has no furniture)."""
    corpus = Path(__file__).resolve().parents[4] / "shared" / "corpora" / "bbc-news"
    if not corpus.is_dir():
        pytest.skip("the BBC corpus is not beside this checkout")
    from reader_app.core.articles import cleanup, text
    from reader_app.core.articles.reading import _units

    lost = []
    for f in sorted(corpus.glob("*/*.txt")):
        a = read_article(f, article_id="x")
        units = _units(text.normalize_text(f.read_text(encoding="utf-8")))
        assert a.title == cleanup.parse_inline(units[0][0]).text, f
        lost += [(f.name, u[:60]) for u, _ in units[1:] if cleanup.parse_inline(u).text[:60] not in a.text]
    assert lost == []


def test_a_heading_over_figures_only_is_its_title_and_the_figures_its_text():
    """"Figures only" over "1 2 3": the figures (a counter to the classifier) are all the file says, so they
    stay as its text and the short line is the title, not the body."""
    a = parse_article("Figures only\n\n1 2 3\n", article_id="x", path="figures.txt")
    assert a.title == "Figures only" and not a.title_derived
    assert [p.text for p in a.paragraphs] == ["1 2 3"]
    lone = parse_article("Figures only\n", article_id="y", path="lone.txt")  # one line alone stays text
    assert [p.text for p in lone.paragraphs] == ["Figures only"] and lone.title_derived


def test_word_count_of_an_article_is_its_whole_texts():
    """Article.words adds up its paragraphs' counts (cached while parsing): the same as counting the text."""
    from reader_app.core.articles.model import word_count

    texts = [p.read_bytes() for p in sorted(SEEDS.iterdir())]
    texts.append("Headline\n\nIt's 3.5% — don't_stop!\n\n* a list item\n\n**Bold** end_\n\n_start of it\n\n"
                 "Ünïcode wörds and 日本語 text.\n".encode())
    for k, raw in enumerate(texts):
        a = parse_article(raw.decode("utf-8", "replace"), article_id=f"t{k}", path=f"t{k}.txt")
        assert a.paragraphs
        assert a.words == word_count(a.text)  # (each Han or kana character one word: test_cjk_count.py)
        if k < len(texts) - 1:  # the seeds are English: runs of word characters
            assert a.words == len(re.findall(r"\w+", a.text))
    assert a.words == len(re.findall(r"\w+", a.text)) - 1 + 3  # 日本語: three words, not one


def test_utf16_without_its_mark_is_read_and_binary_with_zero_bytes_is_not(tmp_path):
    """UTF-16 saved without a byte-order mark, little- or big-endian, in any script, is read as text and noted as
    UTF-16; binary data with zero bytes (images, audio, counters, a sensor's readings) is still refused."""
    import random
    import struct

    texts = {"en": "Talks resume in Geneva\n\nDiplomats from France and Germany met on Monday, officials said — «calm».\n",
             "ru": "Новости дня\n\nПравительство объявило о новых мерах поддержки экономики в четверг.\n",
             "el": "Ειδήσεις\n\nΗ κυβέρνηση ανακοίνωσε νέα μέτρα στήριξης της οικονομίας την Πέμπτη.\n",
             "zh": "新闻\n\n政府周四宣布了一系列支持经济的新措施，一位官员说。\n"}
    for lang, text in texts.items():
        for codec in ("utf-16-le", "utf-16-be"):
            f = tmp_path / f"{lang}-{codec}.txt"
            f.write_bytes(text.encode(codec))
            a = read_article(f, article_id=f"{lang}{codec}")
            assert a.title == text.split("\n")[0] and text.split("\n")[2] in a.text and a.encoding == codec
    odd = tmp_path / "odd.txt"  # an odd number of bytes cannot be UTF-16
    odd.write_bytes(texts["en"].encode("utf-16-le") + b"x")
    rng = random.Random(5)
    samples = (b"\x00\x01\x02" * 100, bytes(range(256)) * 8, b"A\x00\x01\x00" * 200, b"\x89PNG\r\n\x1a\n" + bytes(500),
               bytes(rng.randrange(256) for _ in range(4000)),
               b"RIFF$\x08\x00\x00WAVEfmt " + b"".join(struct.pack("<H", rng.randint(32, 255)) for _ in range(2000)),
               b"".join(struct.pack("<H", 1000 + rng.randint(-50, 50)) for _ in range(2000)),
               b"".join(struct.pack("<h", rng.randint(-3000, 3000)) for _ in range(2000)),
               b"".join(struct.pack("<H", i) for i in range(2000)))
    for k, data in enumerate(samples):
        f = tmp_path / f"bin{k}.txt"
        f.write_bytes(data)
        with pytest.raises(ArticleReadError, match="binary"):
            read_article(f, article_id=f"b{k}")
    with pytest.raises(ArticleReadError, match="binary"):
        read_article(odd, article_id="odd")


def test_a_page_declaring_a_web_only_charset_label_is_read_in_it():
    """"x-mac-cyrillic" and "windows-874" are the web's names (WHATWG) for code pages Python calls mac_cyrillic
    and cp874: a page declaring them is read in them, not guessed."""
    from reader_app.core.articles.reading import article_from_bytes

    body = "Правительство объявило о новых мерах поддержки экономики в четверг, сообщили в министерстве."
    for label, codec in (("x-mac-cyrillic", "mac_cyrillic"), ("X-MAC-CYRILLIC", "mac_cyrillic")):
        page = (f'<html><head><meta charset="{label}"><title>Новости дня</title></head><body><article>'
                f"<h1>Новости дня</h1><p>{body}</p><p>{body}</p></article></body></html>").encode(codec)
        a = article_from_bytes(page, name="page.html", article_id="x", path="page.html")
        assert a.title == "Новости дня" and body in a.text, label


def _page(label: str, body: str) -> str:
    return (f'<html><head><meta charset="{label}"><title>Head line</title></head><body><article><h1>Head line</h1>'
            f"<p>{body}</p><p>{body}</p></article></body></html>")


def test_declared_iso_code_pages_are_read_as_browsers_read_them():
    """A page "in iso-8859-1" uses windows-1252's quotes, dashes and euro sign (browsers read the label so):
    they are kept, not dropped as control characters; the same for iso-8859-9 and euc-kr's Windows supersets."""
    from reader_app.core.articles.reading import article_from_bytes

    for label, codec, body in (
            ("iso-8859-1", "cp1252", "the “new” flood walls held — for now. Costs were put at €3m, officials said."),
            ("ISO-8859-9", "cp1254", "Istanbul’da sel: “yeni” duvarlar dayandı — şimdilik, dedi yetkililer pazartesi."),
            ("euc-kr", "cp949", "서울에서 똠 회의가 열렸다고 정부 관계자가 월요일에 말했다. 회의는 오래 계속되었다.")):
        a = article_from_bytes(_page(label, body).encode(codec), name="p.html", article_id="x", path="p.html")
        assert body in a.text, label


def test_one_stray_byte_in_a_declared_code_page_is_replaced_not_the_page_guessed_again():
    from reader_app.core.articles.reading import article_from_bytes

    body = "Правительство объявило о новых мерах поддержки экономики в четверг, сообщили в министерстве."
    raw = _page("windows-1251", body).encode("cp1251").replace("четверг".encode("cp1251"),
                                                                "четверг".encode("cp1251") + b"\x98", 1)
    a = article_from_bytes(raw, name="p.html", article_id="y", path="p.html")
    assert a.encoding == "cp1251" and "Правительство объявило о новых мерах" in a.text and "четверг\ufffd" in a.text


def test_a_code_page_the_page_declares_is_not_called_a_guess(tmp_path, data_dir):
    """The reader's and `show`'s line says a page's own <meta> charset is what it was read in ("as the page
    declares"); a code page told from the bytes alone (no declaration, or one naming no text encoding) is still
    called a guess (a user trial found a declared windows-1251 page shown as "guessed")."""
    from reader_app.core.articles.encodings import encoding_note
    from reader_app.core.articles.reading import article_from_bytes
    from tests.conftest import run_cli

    body = "Правительство объявило о новых мерах поддержки экономики в четверг, сообщили в министерстве."
    declared = article_from_bytes(_page("windows-1251", body).encode("cp1251"), name="p.html", article_id="d",
                                  path="p.html")
    assert declared.encoding == "cp1251" and declared.encoding_declared
    assert encoding_note(declared.encoding, declared.encoding_declared) == "Text in Windows-1251 (as the page declares)"
    xhtml = ('<?xml version="1.0" encoding="windows-1251"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
             '<title>Head line</title></head><body><article><h1>Head line</h1>'
             f"<p>{body}</p><p>{body}</p></article></body></html>").encode("cp1251")
    from_xml = article_from_bytes(xhtml, name="p.xhtml", article_id="x", path="p.xhtml")
    assert from_xml.encoding == "cp1251" and from_xml.encoding_declared and body in from_xml.text
    undeclared = article_from_bytes(_page("base64", body).encode("cp1251"), name="p.html", article_id="u", path="p.html")
    assert undeclared.encoding == "cp1251" and not undeclared.encoding_declared
    text = article_from_bytes(f"Новости дня\n\n{body}\n\n{body}\n".encode("cp1251"), name="p.txt", article_id="t",
                              path="p.txt")
    assert text.encoding == "cp1251" and not text.encoding_declared
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.html").write_bytes(_page("windows-1251", body).encode("cp1251"))
    assert run_cli("import", str(tmp_path / "in"), data_dir=data_dir).returncode == 0
    listed = run_cli("list", "--json", data_dir=data_dir)
    [aid] = [a["id"] for a in json.loads(listed.stdout) if a["title"] == "Head line"]
    shown = run_cli("show", aid, data_dir=data_dir).stdout
    assert "Text in Windows-1251 (as the page declares)" in shown and "guessed" not in shown


def test_a_page_naming_a_codec_that_is_no_text_encoding_is_read_as_if_it_named_none():
    from reader_app.core.articles.reading import article_from_bytes

    body = "The café council met on Monday — the mayor said the €3m vote was close, and the “new” plan passed."
    for label in ("base64", "rot13", "zlib", "hex", "undefined", "utf-16"):  # (not UTF-8: the label is read)
        a = article_from_bytes(_page(label, body).encode("cp1252"), name="p.html", article_id="z", path="p.html")
        assert body in a.text and a.encoding == "cp1252", label
