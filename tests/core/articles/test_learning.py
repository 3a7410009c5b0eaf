"""Furniture learnt incrementally (core/articles/learning.py): the same as learning from scratch, and the articles
whose learnt furniture changed cleaned again in one batch, as they would be one at a time."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reader_app import paths
from reader_app.core.articles import furniture, learning
from reader_app.core.collection import importer
from reader_app.core.library import Library
from tests.core.articles.test_furniture import FOOTER, _courier  # the same Valley Courier clippings

LETTER_FOOTER = "This letter reaches eleven thousand readers in the county every week of the year."


def _letter(folder: Path, n: int) -> Path:
    path = folder / f"letter-{n}.txt"
    path.write_text(f"Letter {n} from the county\n\nThe county council met on day {n} to discuss the roads "
                    f"budget, the clerk said.\n\nIts next meeting, number {n + 1}, will be held in the town "
                    f"hall.\n\n{LETTER_FOOTER}\n", encoding="utf-8")
    return path


def _files(tmp_path: Path) -> tuple[list[Path], list[Path]]:
    couriers, letters = tmp_path / "courier", tmp_path / "newsletter"
    couriers.mkdir()
    letters.mkdir()
    return [_courier(couriers, n) for n in range(1, 7)], [_letter(letters, n) for n in range(1, 5)]


def _library(folder: Path) -> Library:
    folder.mkdir()
    lib = Library(paths.resolve(folder))
    lib.open()
    return lib


def _learnt(lib: Library) -> dict:
    return json.loads((lib.paths.data / furniture.FURNITURE_FILE).read_text(encoding="utf-8"))["learnt"]


def _bodies(lib: Library) -> dict[str, str]:
    return {d["id"]: d["body"] for d in lib.index.all_documents()}


def _learnt_as_from_scratch(lib, folder, files, bodies: bool = True) -> None:
    """`lib` learnt what a new library importing `files` at once learns (something), and (`bodies`) cleans
    its articles the same."""
    fresh = _library(folder)
    try:
        fresh.import_paths(files)
        assert _learnt(lib) == _learnt(fresh) != {}
        if bodies:
            assert _bodies(lib) == _bodies(fresh)
    finally:
        fresh.close()


def test_learning_over_three_imports_equals_learning_once_over_all(tmp_path):
    couriers, letters = _files(tmp_path)
    step = _library(tmp_path / "step")
    step.import_paths(couriers[:2] + letters[:1])
    step.import_paths(couriers[2:3] + letters[1:3])
    step.import_paths(couriers[3:] + letters[3:])
    once = _library(tmp_path / "once")
    once.import_paths(couriers + letters)
    assert _learnt(step) == _learnt(once)
    assert furniture.line_key(FOOTER) in next(keys for g, keys in _learnt(once).items() if g.startswith("outlet:"))
    assert _bodies(step) == _bodies(once)
    assert not any(FOOTER in body or LETTER_FOOTER in body for body in _bodies(step).values())

    for lib in (step, once):
        lib.close()


def test_an_article_taken_out_has_its_groups_counted_again_as_from_scratch(tmp_path):
    couriers, letters = _files(tmp_path)
    lib = _library(tmp_path / "lib")
    lib.import_paths(couriers[:3] + letters[:3])
    assert _learnt(lib)
    gone = next(aid for aid, body in _bodies(lib).items() if "plan number 1 " in body)
    lib.remove(gone)  # the courier's footer is in two articles now: not furniture, and put back at once
    assert not lib.learn_furniture()  # (nothing was left for a later learning to do)
    without = _library(tmp_path / "without")
    without.import_paths(couriers[1:3] + letters[:3])
    assert _learnt(lib) == _learnt(without)
    assert _bodies(lib) == _bodies(without)
    assert sum(FOOTER in body for body in _bodies(lib).values()) == 2
    lib.close()
    without.close()


def test_a_footer_learnt_early_is_still_counted_in_the_articles_cleaned_of_it_on_import(tmp_path):
    """Counted from the text before learnt furniture is taken out: with the first three articles gone, the
    three later ones (imported already cleaned of the footer) still teach it, as from scratch."""
    couriers, letters = _files(tmp_path)
    lib = _library(tmp_path / "lib")
    first = lib.import_paths(couriers[:3])
    lib.import_paths(couriers[3:])
    for _, aid in first.added:
        lib.remove(aid)
    lib.learn_furniture()
    later = _library(tmp_path / "later")
    later.import_paths(couriers[3:])
    assert _learnt(lib) == _learnt(later) != {}
    assert _bodies(lib) == _bodies(later)
    assert not any(FOOTER in body for body in _bodies(lib).values())
    lib.close()
    later.close()



@pytest.mark.parametrize("procs", [1, 2])
def test_an_import_counts_its_articles_from_what_its_own_steps_worked_out(tmp_path, monkeypatch, procs):
    """The import's steps (here, or in its worker processes) work out each new article's candidate keys and
    signature while they have its text: the learning after the import reads none of them back from the index
    (a step on its own at the end of every import), and learns what counting them from the index learns."""
    couriers, letters = _files(tmp_path)
    monkeypatch.setattr(importer, "PARALLEL_FROM", 2)
    lib = _library(tmp_path / "lib")
    read_back: list[str] = []
    real = Library._blocks_of
    monkeypatch.setattr(Library, "_blocks_of", lambda self, ids, learnt: real(self, read_back.extend(ids) or ids,
                                                                               learnt))
    report = lib.import_paths(couriers + letters, procs=procs)
    assert len(report.added) == len(couriers + letters)
    assert read_back == []
    learnt, bodies = _learnt(lib), _bodies(lib)
    assert learnt and not any(FOOTER in body or LETTER_FOOTER in body for body in bodies.values())
    learning._state_path(lib.paths.data).unlink()  # counted again, every article read back from the index
    assert lib.learn_furniture() == set()
    assert sorted(read_back) == sorted(bodies)
    assert _learnt(lib) == learnt and _bodies(lib) == bodies
    lib.close()


def test_the_counts_are_kept_apart_from_the_learnt_keys_and_an_old_or_unknown_state_is_counted_again(tmp_path):
    couriers, letters = _files(tmp_path)
    lib = _library(tmp_path / "lib")
    lib.import_paths(couriers[:3] + letters[:3])
    learnt = _learnt(lib)
    assert learnt
    # furniture.json, which every parse reads, holds the learnt keys only, not an entry per article.
    assert set(json.loads((lib.paths.data / furniture.FURNITURE_FILE).read_text(encoding="utf-8"))) == {"learnt"}
    state = lib.paths.data / learning.STATE_FILE
    with sqlite3.connect(state) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == learning.STATE_VERSION
        conn.execute("PRAGMA user_version = 999")  # written by a later reader-app
    conn.close()
    lib.learn_furniture()
    assert _learnt(lib) == learnt
    # A library whose furniture.json is of before (an entry per article, from texts already cleaned) is
    # counted again from its articles.
    old = furniture.LearntFurniture()
    for doc in lib.index.all_documents():
        blocks = doc["body"].split("\n\n")
        old.articles[doc["id"]] = {"groups": furniture.groups_of(doc["outlet"] or None, doc["path"]),
                                   "hash": doc["hash"], "keys": furniture.candidate_keys(blocks),
                                   "sig": furniture.signature(blocks)}
    old.learnt = learnt
    old.save(lib.paths.data)
    state.unlink()
    lib.import_paths(couriers[3:] + letters[3:])
    once = _library(tmp_path / "once")
    once.import_paths(couriers + letters)
    assert _learnt(lib) == _learnt(once)
    assert set(json.loads((lib.paths.data / furniture.FURNITURE_FILE).read_text(encoding="utf-8"))) == {"learnt"}
    lib.close()
    once.close()


def test_a_reclean_in_a_batch_gives_the_same_documents_as_one_at_a_time(tmp_path, monkeypatch):
    couriers, letters = _files(tmp_path)
    lib = _library(tmp_path / "lib")
    lib.import_paths(couriers[:2] + letters[:2])
    # Learnt later: written as the learning would, so the articles above are still indexed with the footers.
    (lib.paths.data / furniture.FURNITURE_FILE).write_text(json.dumps({"learnt": {
        g: [furniture.line_key(FOOTER), furniture.line_key(LETTER_FOOTER)]
        for g in {g for d in lib.index.all_documents() for g in furniture.groups_of(d["outlet"] or None, d["path"])}
    }}), encoding="utf-8")
    lib.index.cleaning = furniture.Cleaning.load(lib.paths.data)
    ids = sorted(_bodies(lib))  # the seeds too: cleaned again where they are, never copied
    assert any(FOOTER in body for body in _bodies(lib).values())
    manifest = (lib.paths.library / "manifest.json").read_bytes()
    files = sorted(p.name for p in lib.paths.library.iterdir())

    def stored() -> dict[str, dict]:
        return {d["id"]: d for d in lib.index.all_documents()}

    assert sorted(lib.reclean(ids, procs=1)) == ids  # in this process
    here = stored()
    monkeypatch.setattr(importer, "PARALLEL_FROM", 2)
    assert sorted(lib.reclean(ids, procs=2)) == ids  # in two worker processes
    workers = stored()
    lib.index.sync(lib.sources(), force=ids)  # one at a time, through Whoosh's writer
    serial = stored()
    assert here == workers == serial
    assert not any(FOOTER in d["body"] or LETTER_FOOTER in d["body"] for d in serial.values())
    assert lib.index.count() == len(ids)
    assert (lib.paths.library / "manifest.json").read_bytes() == manifest
    assert sorted(p.name for p in lib.paths.library.iterdir()) == files
    assert lib.search("council").hits  # the replaced documents are searched as before
    lib.close()


def test_a_state_sqlite_opens_but_missing_a_table_is_counted_again(tmp_path):
    """'no such table: counted' was only logged at every import, and learnt furniture silently stopped."""
    couriers, letters = _files(tmp_path)
    lib = _library(tmp_path / "lib")
    lib.import_paths(couriers[:2] + letters[:2])
    with sqlite3.connect(lib.paths.data / learning.STATE_FILE) as conn:
        conn.execute("DROP TABLE counted")  # the version is still this one's
    conn.close()
    lib.import_paths(couriers[2:] + letters[2:])
    _learnt_as_from_scratch(lib, tmp_path / "once", couriers + letters)
    lib.close()


def test_a_folder_in_place_of_the_state_is_said_once_and_the_counts_kept_beside_it(tmp_path, caplog):
    couriers, letters = _files(tmp_path)
    lib = _library(tmp_path / "lib")
    state = lib.paths.data / learning.STATE_FILE
    state.unlink()
    state.mkdir()
    (state / "not ours.txt").write_text("kept", encoding="utf-8")
    with caplog.at_level("WARNING"):
        lib.import_paths(couriers[:3] + letters[:2])
        lib.import_paths(couriers[3:] + letters[2:])
    said = [r.getMessage() for r in caplog.records if "is a folder" in r.getMessage()]
    assert len(said) == 1 and learning.STATE_ASIDE in said[0], said
    assert not [r for r in caplog.records if "could not learn furniture" in r.getMessage()]
    assert (state / "not ours.txt").read_text(encoding="utf-8") == "kept"
    _learnt_as_from_scratch(lib, tmp_path / "once", couriers + letters)
    lib.close()


def test_a_state_damaged_past_its_first_page_is_counted_again(tmp_path):
    couriers, letters = _files(tmp_path)
    lib = _library(tmp_path / "lib")
    lib.import_paths(couriers[:2] + letters[:2])
    state = lib.paths.data / learning.STATE_FILE
    with sqlite3.connect(state) as conn:
        page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    raw = bytearray(state.read_bytes())
    raw[page:] = b"\xa5" * (len(raw) - page)  # the header and the schema (page 1) read well, the tables do not
    state.write_bytes(bytes(raw))
    lib.import_paths(couriers[2:] + letters[2:])
    _learnt_as_from_scratch(lib, tmp_path / "once", couriers + letters, bodies=False)
    lib.close()


def test_reader_app_remove_unlearns_at_once_what_only_the_removed_article_made_furniture(tmp_path):
    """`reader-app remove` brings the counts up to date itself: the courier's footer, learnt from three
    articles, is furniture no more once one of them is gone, and the two left show it again at once (not at
    the next import), as in a library that never had the removed one; `remove --json` of two ids at once too."""
    from tests.conftest import run_cli

    couriers, letters = _files(tmp_path)
    data = tmp_path / "cli"
    r = run_cli("import", *map(str, couriers[:3] + letters[:4]), data_dir=data)
    assert r.returncode == 0, r.stderr
    lib = Library(paths.resolve(data))
    lib.open(sync=False)
    bodies = _bodies(lib)
    lib.close()
    assert not any(FOOTER in body for body in bodies.values())
    gone = next(aid for aid, body in bodies.items() if "plan number 1 " in body)
    letter = next(aid for aid, body in bodies.items() if "day 4 " in body)
    r = run_cli("remove", gone, letter, "--json", data_dir=data)
    assert r.returncode == 0 and len(json.loads(r.stdout)["removed"]) == 2, r.stderr
    lib = Library(paths.resolve(data))
    lib.open(sync=False)
    without = _library(tmp_path / "without")
    without.import_paths(couriers[1:3] + letters[:3])
    assert _learnt(lib) == _learnt(without)
    assert _bodies(lib) == _bodies(without)
    assert sum(FOOTER in body for body in _bodies(lib).values()) == 2
    assert sum(LETTER_FOOTER in body for body in _bodies(lib).values()) == 0  # still three letters: still learnt
    lib.close()
    without.close()


ONLY_PARAGRAPH = ("The harbour authority said on Tuesday that the new ferry terminal would open next spring, after "
                  "two years of delays caused by flooding.")


def test_copies_of_a_one_paragraph_article_count_once_and_keep_their_paragraph(tmp_path):
    """A user trial: ten copies of a one-paragraph article (the same text, saved ten times) made that
    paragraph furniture of their folder, as each copy was counted: the copies lost their only paragraph (and
    could no longer be read). Copies count once, whether imported together or a few at a time, as in a count
    from scratch (LearntFurniture.relearn); the folder's real footer is still learnt."""
    folder = tmp_path / "clips"
    folder.mkdir()
    copies = []
    for n in range(10):  # bytes differ (line ends, trailing space), so each is imported; the text is the same
        path = folder / f"copy-{n}.txt"
        path.write_text("Harbour ferry terminal to open in spring\n\n" + ONLY_PARAGRAPH + "\n" * (n + 1) + " " * n,
                        encoding="utf-8")
        copies.append(path)
    letters = [_letter(folder, n) for n in range(1, 5)]
    key = furniture.line_key(ONLY_PARAGRAPH)
    together = _library(tmp_path / "together")
    together.import_paths(copies + letters)
    steps = _library(tmp_path / "steps")
    steps.import_paths(copies[:2] + letters)
    steps.import_paths(copies[2:6])
    steps.import_paths(copies[6:])
    for lib in (together, steps):
        learnt = _learnt(lib)
        assert furniture.line_key(LETTER_FOOTER) in learnt[f"folder:{folder}"]
        assert not any(key in keys for keys in learnt.values())
        bodies = [body for body in _bodies(lib).values() if "harbour authority" in body]
        assert len(bodies) == 10 and all(ONLY_PARAGRAPH in body for body in bodies)
        lib.close()
    scratch = furniture.LearntFurniture({str(n): {"groups": ["folder:x"], "keys": [key], "sig": [key]}
                                         for n in range(10)})
    scratch.relearn()
    assert scratch.learnt == {}


def test_a_state_counted_before_copies_counted_once_is_counted_again_once(tmp_path):
    """A library whose counts were made before copies of a one-paragraph article counted once still held the
    paragraph as furniture: its groups with learnt furniture are counted again once, from the state, and the
    articles of a group whose furniture changed are cleaned again."""
    folder = tmp_path / "clips"
    folder.mkdir()
    copies = []
    for n in range(10):
        path = folder / f"copy-{n}.txt"
        path.write_text("Harbour ferry terminal to open in spring\n\n" + ONLY_PARAGRAPH + "\n" * (n + 1),
                        encoding="utf-8")
        copies.append(path)
    lib = _library(tmp_path / "lib")
    lib.import_paths(copies + [_letter(folder, n) for n in range(1, 5)])
    group, key = f"folder:{folder}", furniture.line_key(ONLY_PARAGRAPH)
    assert key not in _learnt(lib)[group]
    ids = [aid for aid, body in _bodies(lib).items() if "harbour authority" in body]
    # the state and the learnt keys as the counting before made them: each copy counted for the paragraph
    state = lib.paths.data / learning.STATE_FILE
    with sqlite3.connect(state) as conn:
        conn.executemany("INSERT OR IGNORE INTO counted VALUES (?, ?, ?)", [(group, key, aid) for aid in ids])
        conn.execute("PRAGMA application_id = 0")
    conn.close()
    learnt = _learnt(lib)
    furniture.LearntFurniture({}, {**learnt, group: sorted(learnt[group] + [key])}).save(lib.paths.data)
    cleaned = lib.learn_furniture()
    assert set(ids) <= cleaned
    assert key not in _learnt(lib)[group] and furniture.line_key(LETTER_FOOTER) in _learnt(lib)[group]
    assert not lib.learn_furniture()  # once
    with sqlite3.connect(state) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == learning.COPIES_ONCE
    conn.close()
    lib.close()


def test_a_damaged_restored_file_is_kept_aside_not_overwritten_by_the_next_put_back(tmp_path):
    """The paragraphs put back before are in a restored.json that no longer reads: the next put back starts a
    new one and keeps the old as restored.json.damaged, to be recovered."""
    from reader_app.core.articles.furniture import RESTORED_FILE, Restored

    (tmp_path / RESTORED_FILE).write_text('{"abc123": ["key one", "key tw', encoding="utf-8")  # cut short
    restored = Restored.load(tmp_path)
    assert restored.by_article == {}
    restored.add("def456", "A paragraph put back now.")
    restored.save(tmp_path)
    assert (tmp_path / (RESTORED_FILE + ".damaged")).read_text(encoding="utf-8") == '{"abc123": ["key one", "key tw'
    assert "def456" in Restored.load(tmp_path).by_article
    restored.add("def456", "Another one.")
    restored.save(tmp_path)  # a good file is simply replaced; the damaged one stays as it was
    assert len(Restored.load(tmp_path).by_article["def456"]) == 2
    assert (tmp_path / (RESTORED_FILE + ".damaged")).exists()
