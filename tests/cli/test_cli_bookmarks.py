"""`reader-app bookmarks ...` as a real process on temporary data folders."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli

# Each test starts where a first `reader-app index` leaves a data folder (its own copy of the seeds' index).
pytestmark = pytest.mark.usefixtures("indexed_data_dir")


def _ok(r):
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    return r


def _article_id(data_dir, title_start: str) -> str:
    rows = json.loads(_ok(run_cli("list", "--json", data_dir=data_dir)).stdout)
    return next(r["id"] for r in rows if r["title"].startswith(title_start))


def test_add_list_export_import_delete(data_dir, tmp_path):
    aid = _article_id(data_dir, "Russia Agrees")
    added = json.loads(_ok(run_cli("bookmarks", "add", aid[:6], "--quote", "the Kremlin said   on Thursday",
                                   "--note", "a note", "--tag", "kremlin", "--tag", "#Russia", "--json",
                                   data_dir=data_dir)).stdout)
    assert added["quote"] == "the Kremlin said on Thursday" and added["article_id"] == aid
    assert added["tags"] == ["kremlin", "Russia"] and added["note"] == "a note"
    second = _ok(run_cli("bookmarks", "add", aid, "--quote", "months of spiraling tensions", data_dir=data_dir))
    second_id = second.stdout.strip()

    listed = json.loads(_ok(run_cli("bookmarks", "list", "--json", data_dir=data_dir)).stdout)
    assert [b["id"] for b in listed] == [second_id, added["id"]]  # newest first
    assert json.loads(_ok(run_cli("bookmarks", "list", "--tag", "russia", "--json", data_dir=data_dir)).stdout)[0] \
        == added
    plain = _ok(run_cli("bookmarks", "list", data_dir=data_dir)).stdout
    assert "“the Kremlin said on Thursday”" in plain and "tags: kremlin, Russia" in plain
    assert _ok(run_cli("bookmarks", data_dir=data_dir)).stdout == plain  # no action: the list (a new-user trial)

    _ok(run_cli("bookmarks", "edit", added["id"], "--note", "edited", data_dir=data_dir))
    cite = _ok(run_cli("bookmarks", "cite", added["id"], data_dir=data_dir)).stdout
    assert cite.startswith("“the Kremlin said on Thursday” — “Russia Agrees")

    out = tmp_path / "bookmarks.json"
    _ok(run_cli("bookmarks", "export", "--format", "json", "-o", str(out), data_dir=data_dir))
    md = _ok(run_cli("bookmarks", "export", "--format", "md", data_dir=data_dir)).stdout
    assert "> the Kremlin said on Thursday" in md and "edited" in md

    other = tmp_path / "other"
    counts = json.loads(_ok(run_cli("bookmarks", "import", str(out), "--json", data_dir=other)).stdout)
    assert (counts["added"], counts["duplicates"], counts["failed"]) == (2, 0, [])
    counts = json.loads(_ok(run_cli("bookmarks", "import", str(out), "--json", data_dir=other)).stdout)
    assert (counts["added"], counts["duplicates"]) == (0, 2)
    mine = json.loads(_ok(run_cli("bookmarks", "list", "--json", data_dir=data_dir)).stdout)
    theirs = json.loads(_ok(run_cli("bookmarks", "list", "--json", data_dir=other)).stdout)
    assert theirs == mine

    _ok(run_cli("bookmarks", "delete", second_id, data_dir=other))
    left = json.loads(_ok(run_cli("bookmarks", "list", "--json", data_dir=other)).stdout)
    assert [b["id"] for b in left] == [added["id"]]


def test_bookmark_errors_are_one_line(data_dir, tmp_path):
    aid = _article_id(data_dir, "Russia Agrees")
    for args in (("bookmarks", "add", aid, "--quote", "not a phrase of this article at all"),
                 ("bookmarks", "add", aid, "--quote", "Armenia"),
                 ("bookmarks", "delete", "nosuchid"),
                 ("bookmarks", "import", str(tmp_path / "missing.json"))):
        r = run_cli(*args, data_dir=data_dir)
        assert r.returncode != 0 and "Traceback" not in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    r = run_cli("bookmarks", "import", str(bad), data_dir=data_dir)
    assert r.returncode != 0 and "not JSON" in r.stderr and "Traceback" not in r.stderr
    assert json.loads(_ok(run_cli("bookmarks", "list", "--json", data_dir=data_dir)).stdout) == []


def test_export_to_dash_writes_standard_output_not_a_file_named_dash(data_dir, tmp_path):
    aid = _article_id(data_dir, "Russia Agrees")
    _ok(run_cli("bookmarks", "add", aid, "--quote", "the Kremlin said on Thursday", data_dir=data_dir))
    r = _ok(run_cli("bookmarks", "export", "--format", "md", "-o", "-", data_dir=data_dir, cwd=tmp_path))
    assert "> the Kremlin said on Thursday" in r.stdout
    assert not (tmp_path / "-").exists()
    assert r.stdout == _ok(run_cli("bookmarks", "export", "--format", "md", data_dir=data_dir)).stdout


def test_a_tag_holding_a_comma_is_refused_at_entry_with_the_reason(data_dir):
    """A trial: `edit --tag "a,b"` was taken, and the export holding it could not be imported again."""
    aid = _article_id(data_dir, "Russia Agrees")
    refused = run_cli("bookmarks", "add", aid, "--quote", "the Kremlin said on Thursday", "--tag", "a,b",
                      data_dir=data_dir)
    assert refused.returncode == 1 and "holds a comma" in refused.stderr and "Traceback" not in refused.stderr
    assert json.loads(_ok(run_cli("bookmarks", "list", "--json", data_dir=data_dir)).stdout) == []
    bid = _ok(run_cli("bookmarks", "add", aid, "--quote", "the Kremlin said on Thursday", "--tag", "kept",
                      data_dir=data_dir)).stdout.strip()
    refused = run_cli("bookmarks", "edit", bid, "--tag", "a,b", data_dir=data_dir)
    assert refused.returncode == 1 and "holds a comma" in refused.stderr
    refused = run_cli("bookmarks", "edit", bid, "--tag", "x" * 201, data_dir=data_dir)
    assert refused.returncode == 1 and "too long" in refused.stderr
    [b] = json.loads(_ok(run_cli("bookmarks", "list", "--json", data_dir=data_dir)).stdout)
    assert b["tags"] == ["kept"]


def test_clear_tags_with_tags_clears_then_adds(data_dir):
    aid = _article_id(data_dir, "Russia Agrees")
    bid = _ok(run_cli("bookmarks", "add", aid, "--quote", "the Kremlin said on Thursday", "--tag", "old",
                      "--tag", "older", data_dir=data_dir)).stdout.strip()
    _ok(run_cli("bookmarks", "edit", bid, "--tag", "ok", "--clear-tags", data_dir=data_dir))
    [b] = json.loads(_ok(run_cli("bookmarks", "list", "--json", data_dir=data_dir)).stdout)
    assert b["tags"] == ["ok"]
    _ok(run_cli("bookmarks", "edit", bid, "--clear-tags", data_dir=data_dir))
    [b] = json.loads(_ok(run_cli("bookmarks", "list", "--json", data_dir=data_dir)).stdout)
    assert b["tags"] == []


def test_an_export_holding_a_tag_with_a_comma_is_imported_with_the_tag_split(data_dir, tmp_path):
    """A tag "a,b" saved by an earlier reader-app: its export comes back in, the bookmark kept, not lost."""
    import sqlite3

    from reader_app import paths

    aid = _article_id(data_dir, "Russia Agrees")
    bid = _ok(run_cli("bookmarks", "add", aid, "--quote", "the Kremlin said on Thursday", "--tag", "kept",
                      data_dir=data_dir)).stdout.strip()
    conn = sqlite3.connect(paths.resolve(data_dir).bookmarks_db)  # as an earlier reader-app let it be saved
    with conn:
        conn.execute("INSERT INTO tags (bookmark_id, tag, pos) VALUES (?, 'a,b', 1)", (bid,))
    conn.close()
    out = tmp_path / "x.json"
    _ok(run_cli("bookmarks", "export", "--format", "json", "-o", str(out), data_dir=data_dir))
    _ok(run_cli("bookmarks", "delete", bid, data_dir=data_dir))
    back = _ok(run_cli("bookmarks", "import", str(out), data_dir=data_dir))
    assert "Imported 1," in back.stdout and "holds a comma" in back.stderr and "kept as 'a', 'b'" in back.stderr
    [b] = json.loads(_ok(run_cli("bookmarks", "list", "--json", data_dir=data_dir)).stdout)
    assert b["id"] == bid and b["tags"] == ["kept", "a", "b"]


def test_a_damaged_log_left_by_a_kill_is_said_on_stderr_and_its_bookmarks_kept(data_dir):
    """The user trial: bookmarks added while another reader-app was reading, that one killed, a byte of the log
    changed; the next command listed one bookmark fewer and said nothing."""
    import signal
    import subprocess
    import sys
    from pathlib import Path

    from reader_app.core.bookmarks.wal import FRAME_HEADER, WAL_HEADER
    from tests.core.bookmarks.test_bookmarks_wal import _flip

    aid = _article_id(data_dir, "Russia Agrees")
    _ok(run_cli("bookmarks", "add", aid, "--quote", "the Kremlin said", data_dir=data_dir))
    db = data_dir / "bookmarks.sqlite3"
    script = ("import sqlite3, sys\n"
              "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
              "c.execute('BEGIN'); c.execute('SELECT count(*) FROM bookmarks').fetchone()\n"
              "print('reading', flush=True); sys.stdin.read()\n")
    other = subprocess.Popen([sys.executable, "-c", script, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True)
    try:
        assert other.stdout is not None and other.stdout.readline() == "reading\n"
        ids = [_ok(run_cli("bookmarks", "add", aid, "--quote", q, data_dir=data_dir)).stdout.strip()
               for q in ("months of spiraling tensions", "two ex-Soviet allies")]
    finally:
        other.send_signal(signal.SIGKILL)
        other.wait(timeout=30)
    wal = Path(f"{db}-wal")
    assert wal.stat().st_size > 0  # the two saves are in the log only
    _flip(wal, (wal.stat().st_size - WAL_HEADER) // (FRAME_HEADER + 4096))  # the last frame
    r = _ok(run_cli("bookmarks", "list", "--json", data_dir=data_dir))
    assert set(ids) <= {b["id"] for b in json.loads(r.stdout)}
    assert "The bookmarks log (bookmarks.sqlite3-wal) was damaged" in r.stderr
    assert "bookmarks.sqlite3.damaged-" in r.stderr
    again = _ok(run_cli("bookmarks", "list", "--json", data_dir=data_dir))
    assert again.stderr == "" and len(json.loads(again.stdout)) == 3


def test_a_text_starting_with_a_dash_is_given_with_equals_or_after_dashes(data_dir, tmp_path):
    """A user trial: `bookmarks add ID --quote Q --note -- -x` was refused ("expected one argument"), and
    `--note=--` failed with an AttributeError. `--note=TEXT` takes any text; `--note -- TEXT` too."""
    aid = _article_id(data_dir, "Russia Agrees")
    notes = {}
    for given, note in ((["--note=-x"], "-x"), (["--note", "--", "-x"], "-x"), (["--note", "-urgent"], "-urgent"),
                        (["--note=--x"], "--x"), (["--note", "--", "--x"], "--x"), (["--note=-h"], "-h"),
                        (["--note=--"], "--"), (["--note", "--", "--"], "--")):
        r = _ok(run_cli("bookmarks", "add", aid, "--quote", "the Kremlin said on Thursday", *given, "--json",
                        data_dir=data_dir))
        added = json.loads(r.stdout)
        assert added["note"] == note, (given, added["note"])
        notes[added["id"]] = note
    # the other texts: the quote, a tag, the edited note, the list's search
    r = _ok(run_cli("bookmarks", "add", aid, "--quote", "--", "months of spiraling tensions", "--tag=-t", "--json",
                    data_dir=data_dir))
    other = json.loads(r.stdout)
    assert other["quote"] == "months of spiraling tensions" and other["tags"] == ["-t"]
    _ok(run_cli("bookmarks", "edit", other["id"], "--note", "--", "--later", data_dir=data_dir))
    found = json.loads(_ok(run_cli("bookmarks", "list", "--search=--later", "--json", data_dir=data_dir)).stdout)
    assert [b["id"] for b in found] == [other["id"]]
    found = json.loads(_ok(run_cli("bookmarks", "list", "--search", "--", "--x", "--json", data_dir=data_dir)).stdout)
    assert {b["id"] for b in found} == {i for i, n in notes.items() if "--x" in n}
    # a plain `--` still ends the options: what follows is a positional, as ever
    r = run_cli("bookmarks", "add", aid, "--", "--quote", "x", data_dir=data_dir)
    assert r.returncode == 2 and "--quote" in r.stderr
    helped = _ok(run_cli("bookmarks", "add", "--help", data_dir=data_dir)).stdout
    assert "--note=-x" in " ".join(helped.split())
