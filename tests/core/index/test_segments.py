"""The fast index writing (core/index_fields.py, core/segments.py) gives what Whoosh's own writer gives.

Both are checked against Whoosh itself, on the seed articles and on texts made to reach the edge cases:
stop words first, words shorter than two letters, non-ASCII case, Han and kana (in pairs of characters)
beside punctuation, full-width forms, emoji and combining marks, terms in more than one posting block
(128 articles), blocks big enough to be compressed, fields that are empty or missing.
"""

from __future__ import annotations

import random
import re
import sys

import pytest
import whoosh.index
from whoosh import fields
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.qparser import QueryParser

from reader_app.core.articles.reading import read_article
from reader_app.core.index.documents import SourceFile, document_for
from reader_app.core.index.fields import FastText, folding, indexer, recent_words, text_analyzer
from reader_app.core.index.fields import postings as text_postings
from reader_app.core.index.segments import SegmentBuilder
from reader_app.core.index.store import STOP_WORDS, make_schema
from reader_app.core.index.words import article_words
from tests.conftest import SEEDS

ODD_TEXTS = [
    "", "   ", "the a of to", "The the quick brown fox", "a b c d e", "I x y zz",
    "Ὀδυσσεύς ΣΊΣΥΦΟΣ İstanbul ǅemal ß STRASSE straße", "3.141 big-time under_score a.b.c U.S. e.g. x.",
    "running runs ran runner; generalisation generalization", "déjà vu — naïve café résumé 東京 Москва",
    "word " * 300, "\t\nline\r\nbreaks\f", "don’t can't won’t it's",
    "ΟΔΟΣ'Α ΟΔΟΣ’ΑΒ ΣΑΣ-ΣΑΣ ΟΔΟΣ.ΑΒ Σ'Σ", "İİ'İ KİLİM", "ǅ'ǅ ǈUBLJANA ẞ'ẞ Ω'K",
]
# Han and kana (indexed in pairs of characters) beside everything they meet in real pages
CJK_TEXTS = [
    "北京大学举办国际气候论坛。与会专家围绕碳排放、城市交通展开讨论。", "東京都は１５日、新たな防災計画を発表した。",
    "の", "か は", "京", "the の a 京 of", "「東京」、『大阪』。名古屋・ジョン・スミス", "２０２０年 ＡＢＣ ａｂｃ １２３",
    "ﾊﾝｶｸｶﾀｶﾅ ｶﾞ", "東京🗼タワー 😀😀 北京😀", "か\u3099き\u309aく ガ", "Tokyo東京 東京Tokyo U.S.東京 abc.東京 東京.abc 3.14東京",
    "々 人々 〆切 〇 ー ーー", "𠮷野家 𠀋 𡈽", "İstanbul 東京 ΣΟΦΙΑ 北京 İİ'京", "서울 한국어 東京",
    "北京" * 200, "a 北 b 京 c", "。、「」", "東 京 大 学", "ｱｲｳｴｵ・カタカナ゠ひらがなゝゞ〻〼",
]
WORDS = ["harbour", "ferry", "terminal", "steel", "flooding", "council", "budget", "election", "minister", "school", "hospital", "river", "bridge", "railway", "station", "museum", "library", "festival", "orchestra", "football", "stadium"]


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SEEDS.iterdir()) if p.is_file()]


@pytest.mark.parametrize("stem, boost", [(True, 2.5), (True, 1.0), (False, 1.0)])
def test_fast_field_indexes_like_whoosh(stem, boost):
    reference = fields.TEXT(analyzer=text_analyzer(stem), field_boost=boost)
    fast = FastText(stem=stem, field_boost=boost)
    for text in seed_texts() + ODD_TEXTS + CJK_TEXTS:
        assert sorted(fast.index(text)) == sorted(reference.index(text)), text[:60]


@pytest.mark.parametrize("stem", [True, False])
def test_texts_without_han_or_kana_are_analysed_as_whoosh_analyses_them(stem):
    """The chain with Han and kana in pairs gives any other text the tokens (words, positions, characters)
    Whoosh's own StandardAnalyzer or StemmingAnalyzer gives it: English takes the same path as before."""
    whoosh_own = folding(StemmingAnalyzer() if stem else StandardAnalyzer())
    ours = text_analyzer(stem)
    for text in seed_texts() + ODD_TEXTS[:9] + ODD_TEXTS[10:]:  # (ODD_TEXTS[9] has 東京)
        want = [(t.text, t.pos, t.startchar, t.endchar) for t in whoosh_own(text, positions=True, chars=True)]
        assert [(t.text, t.pos, t.startchar, t.endchar) for t in ours(text, positions=True, chars=True)] == want


def test_han_and_kana_are_indexed_in_pairs_numbered_in_order():
    tokens = [(t.text, t.pos, t.startchar, t.endchar)
              for t in text_analyzer(True)("The 北京大学 runs, 京 and Tokyo東京", positions=True, chars=True)]
    assert tokens == [("北京", 1, 4, 6), ("京大", 2, 5, 7), ("大学", 3, 6, 8), ("run", 4, 9, 13), ("京", 5, 15, 16),
                      ("tokyo", 6, 21, 26), ("東京", 7, 26, 28)]  # "and" dropped, the rest numbered on
    assert [t.text for t in text_analyzer(False)("「東京」、大阪。ジョン・スミス", mode="query")] == \
        ["東京", "大阪", "ジョ", "ョン", "スミ", "ミス"]


def test_random_texts_of_han_kana_and_the_rest_index_like_whoosh():
    pool = "北京大学東京タワーかなカナｶﾅ々ー・、。「」 ab.İΣ3２ＡＢ😀\u3099\u0301"
    reference = {stem: fields.TEXT(analyzer=text_analyzer(stem)) for stem in (True, False)}
    fast = {stem: FastText(stem=stem) for stem in (True, False)}
    rnd = random.Random(11)
    for n in range(6000):
        text = "".join(rnd.choice(pool) for _ in range(rnd.randint(0, 24)))
        stem = bool(n % 2)
        assert sorted(fast[stem].index(text)) == sorted(reference[stem].index(text)), repr(text)


def test_a_text_field_of_an_older_index_indexes_as_it_did():
    """A field unpickled from an index made before the pairs (no `pairs` attribute) goes on as it was."""
    old = FastText(stem=True)
    del old.pairs
    reference = fields.TEXT(analyzer=folding(StemmingAnalyzer()))
    for text in CJK_TEXTS:
        assert sorted(old.index(text)) == sorted(reference.index(text)), text


def test_lowering_keeps_a_character_of_han_or_kana_and_only_those():
    """What lowering a text before splitting it rests on, for Han and kana too: no character lowers into or
    out of those scripts."""
    from reader_app.core.articles import cjk

    run = re.compile(cjk.CJK_CHAR)
    for c in map(chr, range(sys.maxunicode + 1)):
        low = c.lower()
        assert bool(run.match(c)) == bool(run.match(low[0])), hex(ord(c))


KEYWORD_VALUES = ["", ",", " , ", "tony blair", "tony blair,gordon brown,tony blair", "A, a ,A", "x,,y, ,",
                  "İstanbul,ISTANBUL, straße ", "  spaced  out  ", "東京,Москва"]


@pytest.mark.parametrize("field", [fields.KEYWORD(commas=True, lowercase=True), fields.KEYWORD(commas=True),
                                   fields.KEYWORD(commas=True, field_boost=2.0), fields.ID(), fields.ID(sortable=True),
                                   fields.ID(field_boost=1.5)])
def test_keyword_and_id_fields_index_like_whoosh(field):
    """The names' comma-separated fields and the ID fields, without Whoosh's token generators: the same
    terms, frequencies, weights and values, whatever the commas, spaces and case."""
    fast = indexer(field)
    assert fast != field.index  # (this is the one-pass path, not Whoosh's)
    for value in KEYWORD_VALUES + ["/a/b 123", "2021-01-01"]:
        assert sorted(fast(value)) == sorted(field.index(value)), value
    assert sorted(fast(["a", "b", "a"])) == sorted(field.index(["a", "b", "a"]))  # not a string: Whoosh's own


def test_other_fields_index_through_whoosh():
    for field in (fields.KEYWORD(), fields.ID(analyzer=StandardAnalyzer()), fields.NGRAM()):
        assert indexer(field) == field.index


def test_words_of_a_text_just_indexed_are_the_words_of_the_text():
    """The words for typo tolerance taken from the tokens indexing just found (ASCII texts) are the words the
    text gives when split again, for each of the seeds and the odd texts (non-ASCII ones are split again)."""
    texts = seed_texts() + ODD_TEXTS
    for title, body in zip(texts, texts[1:] + texts[:1]):
        # fresh copies, indexed as an import indexes them, title and body of one article
        title, body = "".join(["", title]) + " ", "".join(["", body]) + " "
        expected = article_words(title, body, STOP_WORDS)
        text_postings(body, True, 1.0)
        text_postings(title, True, 2.5)
        assert recent_words(title) is not None and recent_words(body) is not None
        assert article_words(title, body, STOP_WORDS) == expected, title[:40]
    assert recent_words("a string never indexed " + str(len(texts))) is None


def test_postings_added_to_a_segment_are_the_texts_postings():
    """`add_postings` (what a segment builder keeps per term: document numbers, weights, values) holds, for each
    text, exactly the postings `postings` gives it, and the field's length is the sum of their frequencies."""
    from reader_app.core.index.fields import add_postings

    texts = seed_texts() + ODD_TEXTS + CJK_TEXTS + ["", "the of and", "a b c harbour harbour ferry"]
    for stem, boost, pairs in ((True, 1.0, True), (False, 2.5, True), (True, 1.0, False)):
        terms: dict = {}
        lengths = []
        for docnum, text in enumerate(texts):
            count, length = add_postings(text, stem, boost, docnum, terms, True, pairs)
            expected = text_postings(text, stem, boost, True, pairs)
            assert count == len(expected) and length == sum(p[1] for p in expected)
            lengths.append(length)
        rebuilt: dict = {}
        for docnum, text in enumerate(texts):
            for term, _freq, weight, value in text_postings(text, stem, boost, True, pairs):
                entry = rebuilt.setdefault(term, ([], [], []))
                entry[0].append(docnum)
                entry[1].append(weight)
                entry[2].append(value)
        assert terms == rebuilt


def test_the_terms_table_hash_is_whooshs():
    """The segment writer hashes the terms table's keys without Whoosh's round trip through hex digits."""
    from whoosh.filedb.filetables import md5_hash

    from reader_app.core.index.segments import _md5_low32

    rng = random.Random(7)
    keys = [b"", b"\x00\x01harbour"] + [rng.randbytes(rng.randint(1, 40)) for _ in range(2000)]
    assert [_md5_low32(k) for k in keys] == [md5_hash(k) for k in keys]


def test_lowering_a_character_that_is_no_word_character_leaves_one_such_character():
    """What taking the words from indexing's tokens rests on, for texts whose word characters are all ASCII:
    every other character lowers to one character that is no word character either (nor a dot), so lowering
    the text before splitting it or each token after gives the same words."""
    word, dot = re.compile(r"\w"), "."
    changed = [c for c in map(chr, range(0x80, sys.maxunicode + 1)) if c.lower() != c]  # the rest stay as they are
    assert len(changed) > 1000
    for c in changed:
        if not word.match(c):
            low = c.lower()
            assert len(low) == 1 and not word.match(low) and low != dot, hex(ord(c))


def make_docs() -> list[dict]:
    docs = []
    for i, path in enumerate(sorted(SEEDS.iterdir())):
        if path.is_file():
            article = read_article(path, article_id=f"seed{i}", origin=str(path))
            docs.append(document_for(article, SourceFile(path, article.id, str(path)), path.stat()))
    rng = random.Random(3)
    for i in range(300):  # "minister" and friends are in every article: several blocks of 128 postings
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 400 if i % 50 else 3000)))
        docs.append({"id": f"gen{i:03d}", "title": f"Story {i} about the {WORDS[i % len(WORDS)]}",
                     "body": body + " " + ODD_TEXTS[i % len(ODD_TEXTS)] + " " + CJK_TEXTS[i % len(CJK_TEXTS)],
                     "outlet": "" if i % 3 else "The Paper",
                     "outlet_name": "The Paper", "byline": None if i % 4 else "A. Writer",
                     "date": f"2021-{1 + i % 12:02d}-01", "path": f"/x/{i}.txt", "file": f"/x/{i}.txt", "url": "",
                     "words": len(body.split()), "lede": body[:40], "hash": f"h{i % 290}", "size": 1, "mtime": i,
                     "encoding": "utf-8", "title_derived": False})
    return docs


def build(folder, docs, fast: bool):
    ix = whoosh.index.create_in(str(folder), make_schema(), indexname="articles")
    if not fast:
        with ix.writer() as w:
            for doc in docs:
                w.add_document(**doc)
        return whoosh.index.open_dir(str(folder), indexname="articles")
    holder = ix.writer()  # holds the lock, as ArticleIndex.bulk() does
    builder = SegmentBuilder(ix)
    for doc in docs:
        builder.add_document(**doc)
    segment = builder.finish()
    holder._close_segment()
    holder._commit_toc(holder._merge_segments(None, None, False) + [segment])
    holder._finish()
    return whoosh.index.open_dir(str(folder), indexname="articles")


def postings(reader, fieldname, text) -> list[tuple]:
    m = reader.postings(fieldname, text)
    out = []
    while m.is_active():
        out.append((m.id(), m.weight(), m.value(), m.block_min_length(), m.block_max_length(), m.block_max_weight()))
        m.next()
    return out


def test_a_built_segment_reads_back_like_one_whoosh_wrote(tmp_path):
    docs = make_docs()
    (tmp_path / "stock").mkdir()
    (tmp_path / "fast").mkdir()
    stock, fast = build(tmp_path / "stock", docs, False), build(tmp_path / "fast", docs, True)
    with stock.reader() as a, fast.reader() as b:
        assert a.doc_count() == b.doc_count() == len(docs)
        terms = list(a.all_terms())
        assert terms == list(b.all_terms())
        assert max(a.doc_frequency("body", "minist"), a.doc_frequency("body", "council")) > 256  # several blocks
        assert a.doc_frequency("body", "北京") > 30 and ("body", "京".encode()) in terms  # pairs, and a lone one
        for fieldname, text in terms:
            ia, ib = a.term_info(fieldname, text), b.term_info(fieldname, text)
            assert (ia.weight(), ia.doc_frequency(), ia.min_length(), ia.max_length(), ia.max_weight(),
                    ia.min_id(), ia.max_id()) == (ib.weight(), ib.doc_frequency(), ib.min_length(),
                                                  ib.max_length(), ib.max_weight(), ib.min_id(), ib.max_id())
            assert postings(a, fieldname, text) == postings(b, fieldname, text), (fieldname, text)
        assert list(a.all_stored_fields()) == list(b.all_stored_fields())
        for name in ("title", "body", "outlet", "byline"):
            assert a.field_length(name) == b.field_length(name)
            assert [a.doc_field_length(n, name) for n in range(len(docs))] == \
                [b.doc_field_length(n, name) for n in range(len(docs))]
    for q in ("minister", "troops border", '"border guards"', "harb*", "title:station", "outlet:paper", "北京"):
        with stock.searcher() as sa, fast.searcher() as sb:
            query = QueryParser("body", stock.schema).parse(q)
            ra = [(h.docnum, round(h.score, 6)) for h in sa.search(query, limit=20)]
            rb = [(h.docnum, round(h.score, 6)) for h in sb.search(query, limit=20)]
            assert ra == rb and ra, q



def test_writing_a_segment_asks_its_files_for_their_position_once_per_field(tmp_path, monkeypatch):
    """Where a segment's files stand is kept while writing, not asked for per term: a compound file's tell()
    adds up every block written so far, and the terms table asked it once for every term it added."""
    from whoosh.filedb.structfile import StructFile

    told = []
    real_tell = StructFile.tell
    monkeypatch.setattr(StructFile, "tell", lambda self, *a: told.append(1) or real_tell(self, *a))
    ix = whoosh.index.create_in(str(tmp_path), make_schema(), indexname="articles")
    builder = SegmentBuilder(ix)
    for doc in make_docs():
        builder.add_document(**doc)
    told.clear()
    builder.finish()
    # the terms table's hash writes one per bucket (256) whatever the size; the rest a few per field
    assert 0 < len(told) <= 256 + 5 * len(make_schema().names())


def test_lowering_a_text_then_splitting_it_gives_each_word_lowered_but_for_two_letters():
    """What `postings` lowering a text once rests on: every character but "İ" and capital sigma lowers to one
    character that is a word character (or a dot) exactly when it was one, whatever surrounds it; so splitting
    the lowered text gives the words Whoosh's LowercaseFilter makes of the split text."""
    word = re.compile(r"\w")
    unsafe = {"\u0130", "\u03a3"}
    for c in map(chr, range(sys.maxunicode + 1)):
        if c in unsafe:
            continue
        low = c.lower()
        assert len(low) == 1 and bool(word.match(c)) == bool(word.match(low)) and (c == ".") == (low == "."), hex(ord(c))
    pattern = re.compile(r"\w+(?:\.?\w+)*")  # fields._WORD
    pool = "AbÉéΟΔΩωǅǈẞßﬀ'’.-_ 3\u0307\u00b7İΣ"
    rnd = random.Random(5)
    for _ in range(20_000):
        text = "".join(rnd.choice(pool) for _ in range(rnd.randint(0, 16)))
        text_postings(text, False, 1.0)
        assert recent_words(text) == [w.lower() for w in pattern.findall(text)], repr(text)
