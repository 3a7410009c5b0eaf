"""The headless CLI through real subprocesses on a temporary data folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli


def test_index_list_show_search(data_dir):
    r = run_cli("index", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    assert "5 articles" in r.stdout
    rows = json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)
    assert len(rows) == 5
    assert {"id", "title", "outlet", "byline", "date", "url", "path", "words"} <= set(rows[0])
    titles = {r["title"] for r in rows}
    assert "Armenia Says Wants More Russian Troops on Its Soil" in titles
    one = next(r for r in rows if r["title"].startswith("Armenia Seeks"))
    shown = json.loads(run_cli("show", one["id"], "--json", data_dir=data_dir).stdout)
    assert shown["date"] == "2021-11-16" and "\n\n" in shown["text"]
    assert "Related article" not in shown["text"]
    prefix = run_cli("show", one["id"][:6], data_dir=data_dir)
    assert prefix.returncode == 0 and prefix.stdout.startswith("Armenia Seeks")
    hits = json.loads(run_cli("search", "troops", "--json", data_dir=data_dir).stdout)["hits"]
    assert len(hits) == 4
    assert {"id", "title", "outlet", "date", "path", "score", "snippet"} <= set(hits[0])
    phrase = json.loads(run_cli("search", '"border guards"', "--json", data_dir=data_dir).stdout)["hits"]
    assert len(phrase) == 4


def test_search_from_stdin_one_json_line_per_query(data_dir):
    r = run_cli("search", "-", "--json", data_dir=data_dir, input="troops\nAkismet\n")
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["query"] for x in lines] == ["troops", "Akismet"]
    assert len(lines[0]["hits"]) == 4 and lines[1]["hits"] == []


def test_errors_are_one_line_without_traceback(data_dir):
    r = run_cli("show", "nonexistent", data_dir=data_dir)
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines()[-1].startswith("reader-app: no article")
    r = run_cli("frobnicate", data_dir=data_dir)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1


def test_deleted_index_is_rebuilt_and_said(data_dir):
    run_cli("index", data_dir=data_dir)
    shutil.rmtree(data_dir / "index")
    r = run_cli("list", data_dir=data_dir)
    assert r.returncode == 0 and "Built the index" in r.stderr
    (data_dir / "index").mkdir(exist_ok=True)
    for f in (data_dir / "index").iterdir():
        f.write_bytes(b"garbage")
    r = run_cli("search", "troops", data_dir=data_dir)
    assert r.returncode == 0 and "index" in r.stderr.lower()


def test_import_reports_path(data_dir, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.md").write_text("# Glacier Retreat Speeds Up\n\nThe glacier retreated faster than ever this year.\n")
    (src / "bad.txt").write_bytes(b"")
    r = run_cli("import", str(src), data_dir=data_dir)
    assert r.returncode == 3 and "empty" in r.stderr
    hits = json.loads(run_cli("search", "glacier", "--json", data_dir=data_dir).stdout)["hits"]
    assert hits[0]["path"] == str(src / "a.md")


def test_version_and_env_data_dir(tmp_path):
    r = run_cli("--version")
    assert r.returncode == 0 and r.stdout.startswith("reader-app ")
    d = tmp_path / "envdata"
    r = run_cli("index", env={"READER_APP_DATA_DIR": str(d)})
    assert r.returncode == 0 and (d / "index").is_dir()


def test_headless_commands_do_not_import_qt(data_dir):
    r = run_cli("index", data_dir=data_dir)
    import subprocess
    import sys

    code = (f"import sys; from reader_app.cli import main; main(['--data-dir', {str(data_dir)!r}, 'list']); "
            "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NOQT', file=sys.stderr)")
    from tests.conftest import ROOT

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0 and "NOQT" in out.stderr


def _modules_after(data_dir: Path, *args: str) -> tuple[str, set[str]]:
    """(stdout, the modules loaded) of one command run by `cli.main` in a fresh Python."""
    from tests.conftest import ROOT

    code = ("import sys; from reader_app.cli import main; code = main(sys.argv[1:]); "
            "print('MODULES', *sorted(sys.modules), file=sys.stderr); sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", code, "--data-dir", str(data_dir), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    last = done.stderr.strip().splitlines()[-1].split()
    assert last[0] == "MODULES", done.stderr
    return done.stdout, set(last[1:])


def test_commands_import_only_what_they_run(indexed_data_dir):
    """Each start of a command pays for what it imports (`list` spent 0.3 s of CPU, most of it importing the
    story and name-joining modules it never ran): `list` imports no story, bookmark (SQLite), import or
    name-joining (rapidfuzz) module; `search` folds copies with the stories cache, not the grouping or
    comparing modules."""
    out, loaded = _modules_after(indexed_data_dir, "list")
    assert len(out.splitlines()) == 5 and "Armenia Says Wants More Russian Troops on Its Soil" in out
    assert "reader_app.core.library" in loaded and "reader_app.core.entities.gazetteer" in loaded
    unused = {"reader_app.core.stories", "reader_app.core.entities.aliases", "rapidfuzz", "reader_app.core.bookmarks",
              "sqlite3", "reader_app.core.collection.importer", "reader_app.core.articles.learning"}
    assert not {m for m in loaded if m in unused or m.startswith("reader_app.core.stories.")}

    out, loaded = _modules_after(indexed_data_dir, "search", "troops")
    assert out.startswith("4 results:")
    assert {"reader_app.core.stories.service", "reader_app.core.stories.copies"} <= loaded  # copies were folded
    assert not loaded & {"reader_app.core.stories.build", "reader_app.core.stories.compare",
                         "reader_app.core.stories.incremental", "reader_app.core.stories.sentences",
                         "reader_app.core.bookmarks", "reader_app.core.collection.importer"}


def test_window_without_a_display_says_so_in_one_line(data_dir):
    """No DISPLAY, no WAYLAND_DISPLAY, no QT_QPA_PLATFORM: Qt would abort with a core dump."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    env.pop("READER_APP_DATA_DIR", None)
    done = subprocess.run([sys.executable, "-m", "reader_app", "--data-dir", str(data_dir)], capture_output=True,
                          text=True, env=env, timeout=60)
    assert done.returncode == 1, (done.returncode, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "no display" in lines[0] and "reader-app search" in lines[0] and "--help" in lines[0]


def test_window_with_an_unusable_platform_choice_says_so(data_dir):
    """QT_QPA_PLATFORM=xcb without DISPLAY cannot open a window either; offscreen can (it is not refused)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    env["QT_QPA_PLATFORM"] = "xcb"
    done = subprocess.run([sys.executable, "-m", "reader_app", "--data-dir", str(data_dir)], capture_output=True,
                          text=True, env=env, timeout=60)
    assert done.returncode == 1 and "no display" in done.stderr, (done.returncode, done.stderr)


def test_search_from_stdin_answers_a_blank_line_too(data_dir):
    r = run_cli("search", "-", "--json", data_dir=data_dir, input="troops\n\n   \nAkismet\n")
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["query"] for x in lines] == ["troops", "", "   ", "Akismet"]
    assert lines[1] == {"query": "", "error": "empty query"} and lines[2]["error"] == "empty query"
    assert lines[3]["hits"] == []


def test_show_lists_removed_text_and_restore_puts_a_paragraph_back(data_dir, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Floods Hit Coastal Towns\n\nHeavy rain flooded three coastal towns on Thursday, officials "
                   "said.\n\nPrint this article\n\nResidents were evacuated overnight as water levels rose.\n",
                   encoding="utf-8")
    aid = json.loads(run_cli("import", str(src), "--json", data_dir=data_dir).stdout)["added"][0]["id"]
    shown = json.loads(run_cli("show", aid, "--json", data_dir=data_dir).stdout)
    assert shown["removed"] == ["Print this article"] and "Print this article" not in shown["text"]
    assert run_cli("show", aid, "--removed", data_dir=data_dir).stdout.split() == ["1", "Print", "this", "article"]
    r = run_cli("restore", aid, "1", data_dir=data_dir)
    assert r.returncode == 0 and "Print this article" in r.stdout
    shown = json.loads(run_cli("show", aid, "--json", data_dir=data_dir).stdout)
    assert "Print this article" in shown["text"] and shown["removed"] == []
    bad = run_cli("restore", aid, "5", data_dir=data_dir)
    assert bad.returncode != 0 and bad.stderr.count("\n") == 1 and "no removed paragraph 5" in bad.stderr


def test_restore_takes_the_numbers_shown_and_prints_the_list_numbered_anew(data_dir):
    """The new-user trial: after `restore ID 2` the numbers of `show ID --removed` shifted, and the number
    noted before (5) put back another paragraph. Several numbers are taken at once, all from the list as it
    was shown, and restore prints what is still removed, numbered as the next restore takes it."""
    assert run_cli("index", data_dir=data_dir).returncode == 0
    aid = "90e5eb310408"  # The Moscow Times, May 2024: a caption and a donation appeal removed
    before = json.loads(run_cli("show", aid, "--json", data_dir=data_dir).stdout)["removed"]
    assert len(before) >= 6
    r = run_cli("restore", aid, "2", "5", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    after = json.loads(run_cli("show", aid, "--json", data_dir=data_dir).stdout)
    assert after["removed"] == [t for n, t in enumerate(before, 1) if n not in (2, 5)]
    assert before[1] in after["text"] and before[4] in after["text"]
    listed = [line.split(None, 1) for line in r.stdout.splitlines() if line[:4].strip().isdigit()]
    assert [(int(n), t) for n, t in listed] == list(enumerate(after["removed"], 1))
    again = json.loads(run_cli("restore", aid, "1", "--json", data_dir=data_dir).stdout)
    assert again["restored"] == [after["removed"][0]] and again["removed"] == after["removed"][1:]
    bad = run_cli("restore", aid, "1", "99", data_dir=data_dir)
    assert bad.returncode == 1 and "no removed paragraph 99" in bad.stderr
    assert json.loads(run_cli("show", aid, "--json", data_dir=data_dir).stdout)["removed"] == after["removed"][1:]


@pytest.mark.parametrize("args,env", [
    (("--data-dir", "", "list"), {}),
    (("list", "--data-dir="), {}),
    (("--data-dir=",), {}),  # would open the window
    (("list",), {"READER_APP_DATA_DIR": ""}),
])
def test_an_empty_data_folder_is_a_usage_error_not_the_per_user_folders(tmp_path, args, env):
    home = tmp_path / "home"
    home.mkdir()
    r = run_cli(*args, env=dict(env, HOME=str(home), XDG_DATA_HOME=str(home / "data"),
                                XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"),
                                XDG_STATE_HOME=str(home / "state")))
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("reader-app: ") and "empty" in r.stderr
    assert list(home.iterdir()) == []  # nothing made in the per-user folders


def test_entities_limit_below_one_is_refused_like_search(data_dir):
    """A user trial: `search -n -3 x` exited 1 (an error); a limit below 1 is a usage error (exit status 2), said
    in one line as every usage error, for each command that takes --limit."""
    for limit in ("0", "-1"):
        for command in (("search", "troops"), ("entities",), ("related", "abfb6e8a136a")):
            r = run_cli(*command, "--limit", limit, data_dir=data_dir)
            assert (r.returncode, r.stdout) == (2, ""), (command, r.returncode, r.stderr)
            assert r.stderr == (f"reader-app: argument -n/--limit: must be a positive number (1 or more), not "
                                f"'{limit}' (see reader-app --help)\n"), r.stderr
    for args in (("-n", "-3", "x"), ("-n-3", "x"), ("--limit=-3", "x"), ("x", "-n", "-3")):
        r = run_cli("search", *args, data_dir=data_dir)
        assert r.returncode == 2 and "must be a positive number" in r.stderr and "'-3'" in r.stderr, (args, r.stderr)
    assert not (data_dir / "index").exists()  # refused before any work
    assert len(run_cli("entities", "--limit", "2", "--json", data_dir=data_dir).stdout.strip()) > 2
    assert len(_hit_ids("troops", "-n", "2", data_dir=data_dir)) == 2
    assert _hit_ids("russia -nuclear", data_dir=data_dir) == _hit_ids("russia", "-nuclear", data_dir=data_dir) != []


def test_failing_file_names_are_printed_escaped_and_json_paths_match_list(tmp_path, data_dir):
    """ESC sequences and U+202E in a failing file's name are escaped on stderr; a name that is not UTF-8 is
    written by `import --json` as `list --json` writes it ("caf\\xe9.txt"), never as a lone surrogate."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "evil\x1b[2Jname\u202etxt.exe.txt").write_bytes(b"")  # empty: fails
    good = os.fsencode(src) + b"/caf\xe9.txt"
    with open(good, "wb") as fh:
        fh.write(b"Cafe opens\n\nA new cafe opened on the harbour front on Monday morning.\n")
    r = run_cli("import", str(src), data_dir=data_dir)
    assert "\x1b" not in r.stderr and "\u202e" not in r.stderr, repr(r.stderr)
    assert "evil\\x1b[2Jname\\u202etxt.exe.txt: empty file" in r.stderr, repr(r.stderr)
    r = run_cli("import", str(src), "--json", data_dir=data_dir)
    raw = r.stdout
    report = json.loads(raw)
    dup = report["duplicates"][0]["path"]
    assert dup.endswith("caf\\xe9.txt") and "\\udce9" not in raw, raw
    listed = [a["path"] for a in json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)]
    assert dup in listed


def test_the_export_file_name_is_printed_escaped(tmp_path, data_dir):
    target = tmp_path / "x\x1b[2Jy\u202e.md"
    r = run_cli("bookmarks", "export", "-o", str(target), data_dir=data_dir)
    assert r.returncode == 0 and target.exists(), r.stderr
    assert "\x1b" not in r.stderr and "\u202e" not in r.stderr and "x\\x1b[2Jy\\u202e.md" in r.stderr, repr(r.stderr)


def test_list_help_names_the_columns_the_text_output_prints(data_dir):
    """`list --help` promised byline, url and path, which only --json gives."""
    import re

    helped = run_cli("list", "--help", data_dir=data_dir).stdout
    promised = re.search(r"one a line: ([a-z, ]+)", " ".join(helped.split())).group(1).split(", ")
    r = run_cli("list", data_dir=data_dir)
    lines = [ln for ln in r.stdout.splitlines() if ln.strip()]
    assert len(lines) == 5
    assert all(len(re.split(r"\s{2,}", ln.strip())) == len(promised) for ln in lines), (promised, lines)
    assert "--json" in helped and "byline" in helped.split("--json", 1)[1]


@pytest.mark.parametrize("args", [("list",), ("search", "Russia"), ("bookmarks", "list"), ("index",)])
def test_a_closed_standard_output_is_said_so_not_an_unexpected_error(data_dir, args):
    """`reader-app list >&-` printed "unexpected error: AttributeError: 'NoneType' object has no attribute
    'write'" (Python sets sys.stdout to None when fd 1 is closed)."""
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    env.pop("READER_APP_DATA_DIR", None)
    cmd = [sys.executable, "-m", "reader_app", "--data-dir", str(data_dir), *args]
    r = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh", *cmd], stderr=subprocess.PIPE, text=True, env=env,
                       timeout=120)
    assert r.returncode != 0
    assert r.stderr.strip() == "reader-app: standard output is closed", r.stderr


def test_with_standard_error_closed_errors_do_not_go_into_the_output(data_dir):
    # `reader-app show ID 2>&-`: Python sets sys.stderr to None, and print(file=None) writes to stdout, so the
    # error line went into the data a script reads from stdout.
    from tests.conftest import ROOT

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("READER_APP_DATA_DIR", None)
    for args in (["show", "0000deadbeef"], ["list", "--bogus-option"], ["search", "troops", "--limit", "0"]):
        r = subprocess.run([sys.executable, "-m", "reader_app", "--data-dir", str(data_dir), *args],
                           stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env, timeout=120,
                           preexec_fn=lambda: os.close(2))
        assert r.returncode != 0, args
        assert r.stdout == "", (args, r.stdout)


@pytest.mark.usefixtures("indexed_data_dir")
def test_search_year_must_be_a_year(data_dir):
    """A user trial: `search --year abc` answered "none in abc" as if it were a year (and "--year 20" found
    articles): a year that is not four digits is refused with a clear message and the usage status."""
    for bad in ("abc", "20", "2021-04"):
        r = run_cli("search", "troops", "--year", bad, data_dir=data_dir)
        assert r.returncode == 2 and r.stdout == "", (bad, r.stdout)
        assert f"argument --year: a year is four digits, such as 2021, not '{bad}'" in r.stderr
    r = run_cli("search", "troops", "--year", "2024", "--json", data_dir=data_dir)
    assert r.returncode == 0 and json.loads(r.stdout)["total"] >= 1


def _hit_ids(*args: str, data_dir: Path) -> list[str]:
    r = run_cli("search", *args, "--json", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    return [h["id"] for h in json.loads(r.stdout)["hits"]]


@pytest.mark.usefixtures("indexed_data_dir")
def test_a_word_starting_with_minus_is_part_of_the_query_not_an_option(data_dir):
    # README and the help give `-moscow` as the exclusion; argparse took it for an unknown option
    every = _hit_ids("troops", data_dir=data_dir)
    with_moscow = set(_hit_ids("moscow", data_dir=data_dir))
    without = [i for i in every if i not in with_moscow]
    assert without and len(without) < len(every)  # the seeds tell the two apart
    assert _hit_ids("troops -moscow", data_dir=data_dir) == without  # one argument: as ever
    assert _hit_ids("troops", "-moscow", data_dir=data_dir) == without
    assert _hit_ids("troops", "--limit", "10", "-moscow", data_dir=data_dir) == without  # after an option too
    assert _hit_ids("-moscow", "troops", data_dir=data_dir) == without
    alone = _hit_ids("-moscow", data_dir=data_dir)
    assert alone and not set(alone) & with_moscow
    r = run_cli("search", "--json", "--", "-moscow", data_dir=data_dir)  # the usual way still works
    assert [h["id"] for h in json.loads(r.stdout)["hits"]] == alone
    r = run_cli("search", "troops", "-moscow", "--json", data_dir=data_dir)
    assert json.loads(r.stdout)["query"] == "troops -moscow"  # the words in the order typed
    # -h is help only by itself: "-hamas" was read as -h with "amas" and refused
    r = run_cli("search", "-hamas", data_dir=data_dir)
    assert r.returncode == 0 and "usage" not in r.stdout and "result" in r.stdout, r.stdout + r.stderr
    # -n is the limit only with a number: "-nuclear", "-negotiations" were read as -n with "uclear" and refused
    with_n = set(_hit_ids("negotiations", data_dir=data_dir))
    assert with_n and _hit_ids("troops", "-negotiations", data_dir=data_dir) == [i for i in every if i not in with_n]
    # the options still parse, long, short, abbreviated or with =
    assert len(_hit_ids("troops", "-n", "1", data_dir=data_dir)) == 1
    assert len(_hit_ids("troops", "-n1", data_dir=data_dir)) == 1
    assert len(_hit_ids("troops", "--lim=2", data_dir=data_dir)) == 2
    assert _hit_ids("troops", "--year", "1999", data_dir=data_dir) == []
    r = run_cli("search", "--help", data_dir=data_dir)
    assert r.returncode == 0 and "usage: reader-app search" in r.stdout
    r = run_cli("search", "-h", data_dir=data_dir)
    assert r.returncode == 0 and "usage: reader-app search" in r.stdout
    r = run_cli("search", "-moscow", "--jsn", data_dir=data_dir)  # a mistyped option is still refused
    assert r.returncode == 2 and "unrecognized arguments: --jsn" in r.stderr
    r = run_cli("search", "--json", data_dir=data_dir)
    assert r.returncode == 2 and "required: QUERY" in r.stderr


@pytest.mark.usefixtures("indexed_data_dir")
def test_bookmark_text_may_start_with_minus(data_dir):
    article = json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)[0]["id"]
    r = run_cli("bookmarks", "add", article, "--quote", "the", "--note", "-urgent", "--occurrence", "1",
                data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    listed = run_cli("bookmarks", "list", "--search", "-urgent", "--json", data_dir=data_dir)
    assert listed.returncode == 0, listed.stderr
    assert [b["note"] for b in json.loads(listed.stdout)] == ["-urgent"]
    out = data_dir / "out.md"
    r = run_cli("bookmarks", "export", f"-o{out}", data_dir=data_dir)  # a short option's value attached: as ever
    assert r.returncode == 0 and "-urgent" in out.read_text(encoding="utf-8"), r.stderr


def test_import_of_many_empty_files_says_so_once_per_reason(tmp_path, indexed_data_dir):
    """A user trial: 10,000 empty files printed 10,000 stderr lines and "failed 10000". Empty files are
    skipped and counted so; stderr gives each reason with a few files (natural order: e2 before e10) and how
    many more, --verbose every file; a file that really could not be read is still reported first."""
    src = tmp_path / "src"
    src.mkdir()
    for n in range(1, 251):
        (src / f"e{n}.txt").write_bytes(b"")
    (src / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (src / "story.txt").write_text("A story\n\nThe ferry terminal opens in the spring, the council said.\n")
    r = run_cli("import", str(src), data_dir=indexed_data_dir)
    assert r.returncode == 3, r.stderr  # partly imported, as ever
    assert r.stdout == "Imported 1, updated 0, already in the library 0, failed 1, 250 empty files skipped.\n"
    assert r.stderr.splitlines() == [f"{src / 'picture.txt'}: binary file, not text",
                                     f"{src / 'e1.txt'}: empty file", f"{src / 'e2.txt'}: empty file",
                                     f"{src / 'e3.txt'}: empty file",
                                     "…and 247 more: empty file (--verbose lists them all)"]
    (src / "story.txt").unlink()
    r = run_cli("import", str(src), "--verbose", data_dir=indexed_data_dir)
    assert r.returncode == 1  # nothing imported
    lines = r.stderr.splitlines()
    assert lines == [f"{src / 'picture.txt'}: binary file, not text"] + \
        [f"{src / f'e{n}.txt'}: empty file" for n in range(1, 251)]
    report = json.loads(run_cli("import", str(src), "--json", data_dir=indexed_data_dir).stdout)
    assert len(report["failed"]) == 251  # the JSON has every file, as ever
    assert report["counts"] == {"added": 0, "updated": 0, "duplicates": 0, "unreadable": 1, "empty_skipped": 250,
                                "links_skipped": 0}  # and tells them apart, as the text does


@pytest.mark.usefixtures("indexed_data_dir")
def test_a_query_of_unindexed_words_says_which_and_why(data_dir):
    """A user trial: `search x` said "the query has only operators or very common words"; x is neither, it
    is too short to be indexed."""
    said = {q: run_cli("search", q, data_dir=data_dir).stdout for q in ("x", "the", "x of", "AND")}
    assert said["x"] == "Nothing to search for: 'x' is too short to be indexed (the index leaves out words of one letter).\n"
    assert said["the"] == "Nothing to search for: 'the' is too common to be indexed (the index leaves out very common words).\n"
    assert said["x of"] == ("Nothing to search for: 'x' is too short and 'of' is too common to be indexed (the index "
                            "leaves out words of one letter and very common words).\n")
    assert said["AND"] == "Nothing to search for: the query has only operators.\n"
    r = json.loads(run_cli("search", "x", "--json", data_dir=data_dir).stdout)
    assert r["hits"] == [] and r["note"].startswith("Nothing to search for: 'x' is too short")
    assert len(_hit_ids("x troops", data_dir=data_dir)) > 0  # a short word beside a real one changes nothing


@pytest.mark.usefixtures("indexed_data_dir")
def test_a_query_of_symbols_only_says_it_holds_no_word(data_dir):
    """A user trial: `search 🤝` said "the query has only operators"; it holds no operator, and no word either."""
    refused = run_cli("search", "x", data_dir=data_dir)
    for query, shown in (("🤝", "🤝"), ("!!!", "!!!"), ("-🤝 OR (✨)", "🤝 ✨")):
        r = run_cli("search", query, data_dir=data_dir)
        assert r.stdout == (f"Nothing to search for: '{shown}' holds no word (letters and digits are searched for; "
                            "symbols and emoji are not).\n"), r.stdout
        assert (r.returncode, r.stderr) == (refused.returncode, refused.stderr)  # as another refused query
        note = json.loads(run_cli("search", query, "--json", data_dir=data_dir).stdout)["note"]
        assert note == r.stdout.strip()
    assert run_cli("search", "OR", data_dir=data_dir).stdout == "Nothing to search for: the query has only operators.\n"


def test_show_of_a_removed_article_says_it_was_removed(tmp_path, indexed_data_dir):
    """A user trial: `show ID` of an article removed from the library said "no article with id …"."""
    data_dir = indexed_data_dir
    (tmp_path / "ferry.txt").write_text("Ferry terminal opens\n\nThe ferry terminal opens in the spring, the "
                                        "council said on Monday.\n", encoding="utf-8")
    (tmp_path / "bridge.txt").write_text("Bridge closes for repairs\n\nThe old bridge closes for repairs in "
                                         "May, engineers said on Friday.\n", encoding="utf-8")
    added = json.loads(run_cli("import", str(tmp_path / "ferry.txt"), str(tmp_path / "bridge.txt"), "--json",
                               data_dir=data_dir).stdout)["added"]
    ferry, bridge = (next(a["id"] for a in added if a["path"].endswith(name)) for name in ("ferry.txt", "bridge.txt"))
    assert run_cli("bookmarks", "add", bridge, "--quote", "old bridge", data_dir=data_dir).returncode == 0
    assert run_cli("remove", ferry, bridge, data_dir=data_dir).returncode == 0
    for given in (ferry, ferry[:6]):
        r = run_cli("show", given, data_dir=data_dir)
        assert r.returncode == 1 and r.stdout == ""
        assert r.stderr.startswith(f"reader-app: article '{ferry}' (Ferry terminal opens) was removed from the "
                                   "library on 20"), r.stderr
    # removed before removals were noted: its bookmark still knows it
    (data_dir / "removed.jsonl").unlink()
    r = run_cli("show", bridge, data_dir=data_dir)
    assert r.stderr == f"reader-app: article '{bridge}' was removed from the library (its bookmarks are kept)\n"
    r = run_cli("show", ferry, data_dir=data_dir)
    assert r.stderr == f"reader-app: no article with id '{ferry}'\n"
    assert run_cli("show", "0000ffff", data_dir=data_dir).stderr == "reader-app: no article with id '0000ffff'\n"
