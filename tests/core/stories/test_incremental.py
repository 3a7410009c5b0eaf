"""Stories brought up to date after an import or a removal: the same threads, events, copies and related
articles as a build from scratch, reading only the texts the change touches (a real library of about 1,200
BBC articles and the seeds, real index, real files)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reader_app import paths
from reader_app.core import stories
from reader_app.core.library import Library
from reader_app.core.stories import build, incremental, source, store
from reader_app.core.stories.thresholds import NORMAL
from tests.conftest import BBC, BBC_HELD_OUT, run_cli
from tests.core.stories.test_stories import _crowds

JOINS = BBC_HELD_OUT  # added: joins the Yukos thread
YUKOS = "business-yukos-loses-us-bankruptcy-battle.txt"
OTHER_YUKOS = "business-yukos-accused-of-lying-to-court.txt"
RECOPIED = "tech-apple-laptop-is-greatest-gadget.txt"  # re-filed with a line added: a new pair of copies
HELD, HOLDS = "business-uk-interest-rates-held-at-4-75.txt", "business-bank-holds-interest-rate-at-4-75.txt"
UNRELATED = ("Mosses on a glacier moraine\n\nBotanists counted lichens and mosses on a Patagonian moraine "
             "through the austral summer, kneeling among the boulders.\n")


@pytest.fixture
def bbc(bbc_stories_template, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(bbc_stories_template, data)
    lib = Library(paths.resolve(data))
    lib.open()
    yield lib
    lib.close()


def _ids(library: Library) -> dict[str, str]:
    return {r["path"].rsplit("/", 1)[-1]: r["id"] for r in library.list_articles()}


def _add(library: Library, tmp_path: Path) -> dict[str, str]:
    """Three new articles: one of an existing thread, a copy of an existing text, an unrelated one."""
    folder = tmp_path / "new"
    folder.mkdir()
    shutil.copy(BBC / "business" / JOINS.removeprefix("business-"), folder / JOINS)
    text = (BBC / "tech" / RECOPIED.removeprefix("tech-")).read_text().rstrip()
    (folder / "refiled.txt").write_text(text + "\n\nThis report was filed again by the desk.\n")
    (folder / "moraine.txt").write_text(UNRELATED)
    report = library.import_paths([folder])
    assert len(report.added) == 3
    return _ids(library)


def _same(a: stories.Stories, b: stories.Stories) -> None:
    assert [t.to_dict() for t in a.threads] == [t.to_dict() for t in b.threads]
    assert a.copies == b.copies
    assert a.related == b.related
    assert a.articles == b.articles
    assert a.key == b.key


class _Counting:
    """The library's own reader, counting the texts it hands out."""

    def __init__(self, read: incremental.Reader):
        self.read, self.ids = read, []

    def __call__(self, ids):
        for r in self.read(ids):
            self.ids.append(r.id)
            yield r


def _update(library: Library) -> tuple[stories.Stories, list[str]]:
    old = store.load(source.cache_path(library))
    state = store.load_state(store.state_path(source.cache_path(library)), old.key)
    assert old is not None and state is not None
    pairs = source.id_hashes(library)
    with source.reading(library) as read:
        counting = _Counting(read)
        result = incremental.update(old, state, pairs, build.library_key(pairs, "normal"), NORMAL, counting)
    assert result is not None and result[0].how == "update"  # brought up to date, not built again
    return result[0], counting.ids


def test_additions_give_what_a_full_build_gives(bbc, tmp_path):
    before = stories.stories_for(bbc)
    ids = _add(bbc, tmp_path)
    updated, read = _update(bbc)
    full = build.build(source.records(bbc), NORMAL, key=updated.key)
    _same(updated, full)
    # Only the new texts and the candidate copies of the re-filed one were read, not 1,200 texts.
    assert {ids[JOINS], ids["refiled.txt"], ids["moraine.txt"]} <= set(read) and len(read) < 50

    assert updated.thread_of(ids[JOINS]) is updated.thread_of(ids[YUKOS]) is not None
    assert sorted([ids["refiled.txt"], ids[RECOPIED]]) in [sorted(g) for g in updated.copies]
    assert ids["refiled.txt"] not in before.articles
    assert updated.thread_of(ids["moraine.txt"]) is None and ids["moraine.txt"] in updated.articles

    # What the window's builder runs (stories_for) takes the same path and caches the result.
    _same(stories.stories_for(bbc), full)
    _same(stories.cached_stories(bbc), full)


def test_removals_and_additions_give_what_a_full_build_gives(bbc, tmp_path):
    ids = _ids(bbc)
    before = stories.stories_for(bbc)
    removed = ids[YUKOS]
    assert sorted([ids[HELD], ids[HOLDS]]) in [sorted(g) for g in before.copies]
    yukos = before.thread_of(ids[YUKOS])
    bbc.remove(ids[HOLDS])  # a group of copies loses one
    bbc.remove(ids[YUKOS])  # a thread loses one
    ids = _add(bbc, tmp_path)
    updated, _ = _update(bbc)
    full = build.build(source.records(bbc), NORMAL, key=updated.key)
    _same(updated, full)
    assert ids[HELD] not in {a for g in updated.copies for a in g}
    assert YUKOS not in ids and YUKOS not in {a for t in updated.threads for a in t.articles}
    assert updated.thread_of(ids[JOINS]) is updated.thread_of(ids[OTHER_YUKOS]) is not None
    assert set(updated.thread_of(ids[OTHER_YUKOS]).articles) >= set(yukos.articles) - {removed}

    # Removals alone go the same way.
    bbc.remove(ids["moraine.txt"])
    bbc.remove(ids[JOINS])
    updated, read = _update(bbc)
    _same(updated, build.build(source.records(bbc), NORMAL, key=updated.key))
    assert len(read) < 50
    _same(stories.stories_for(bbc), updated)


def test_a_missing_or_damaged_state_means_a_full_build(bbc, tmp_path):
    stories.stories_for(bbc)
    state = store.state_path(source.cache_path(bbc))
    state.write_bytes(state.read_bytes()[:-7])
    old = store.load(source.cache_path(bbc))
    assert store.load_state(state, old.key) is None
    assert store.load_state(state, "another key") is None
    kept = state.read_bytes()
    state.unlink()
    os.mkfifo(state)  # never read, never waited on
    assert store.load_state(state, old.key) is None
    state.unlink()
    state.write_bytes(kept)
    _add(bbc, tmp_path)
    found = stories.stories_for(bbc)  # built in full, and the state written again
    _same(found, build.build(source.records(bbc), NORMAL, key=found.key))
    assert store.load_state(state, found.key) is not None


def test_term_counts_made_in_a_second_pass_give_the_same_stories(bbc):
    # What a large library does (build.COUNT_LATER_FROM): counts only for distinct texts, read again.
    pairs = source.id_hashes(bbc)
    with source.reading(bbc) as read:
        once, state = build.build_with_state(read(a for a, _ in pairs), NORMAL, "k", read=read, counts_later=False)
        later, again = build.build_with_state(read(a for a, _ in pairs), NORMAL, "k", read=read, counts_later=True)
    _same(once, later)
    assert again.sketches == state.sketches and again.counts == state.counts
    assert len(state.counts) < len(pairs)  # copies have none of their own


def test_a_text_changed_in_place_is_read_again(bbc, tmp_path):
    """A corrected headline (or a text cleaned again with furniture learnt later) leaves the file and its hash
    as they were: the update must still see the article changed, as a build from scratch does."""
    ids = _ids(bbc)
    before = stories.stories_for(bbc)
    aid = ids[OTHER_YUKOS]
    assert before.thread_of(aid) is before.thread_of(ids[YUKOS]) is not None
    bbc.edit_details(aid, {"title": "Lichens and mosses on a Patagonian glacier moraine"})
    _add(bbc, tmp_path)  # and something added, so that the stories are brought up to date
    updated, read = _update(bbc)
    assert aid in read
    full = build.build(source.records(bbc), NORMAL, key=updated.key)
    _same(updated, full)
    assert updated.articles[aid].title.startswith("Lichens")


HARBOUR = [  # a small library's story: every text says "harbour", "ferry", "storm"
    ("Storm closes the harbour", "A storm closed the harbour at Kelby on Monday and the ferry stayed tied up at "
     "the quay. The harbour master said the storm was the worst in a decade."),
    ("Ferry service halted by storm", "The island ferry did not sail as the storm battered the harbour wall. "
     "Passengers waited in the harbour cafe for news of the ferry."),
    ("Harbour wall damaged", "Engineers inspected the harbour wall after the storm. The ferry company said "
     "repairs to the harbour would take weeks."),
    ("Islanders cut off", "With the ferry stopped and the harbour shut, islanders relied on a helicopter for "
     "supplies while the storm blew itself out."),
    ("Council counts the cost", "The council put the cost of the storm at two million pounds, most of it for the "
     "harbour wall and the ferry slipway."),
    ("Tomato growers hope for sun", "Greenhouse growers in the valley said a sunny spring would save a tomato "
     "crop hit by a cold winter and dear heating."),
]
# Said only by the new text, in forms of the same words the others never use: the words that stand for
# "harbour" and "ferry" when English word frequencies weigh a small library's terms must not depend on
# which text a process happened to read first.
HARBOURED = ("Ferrying resumes", "Ferrying resumed on Friday. Boats harboured through the stormed week "
             "left the harbours at dawn, and ferries crossed again.")


def _write(folder: Path, items) -> None:
    folder.mkdir()
    for n, (title, body) in enumerate(items):
        (folder / f"harbour-{n}.txt").write_text(f"{title}\n\n{body}\n")


def _cached(data: Path) -> stories.Stories:
    found = store.load(data / source.CACHE_FILE)
    assert found is not None
    return found


def test_an_import_into_a_small_library_gives_what_a_scratch_build_gives(tmp_path):
    """Below vectors.BACKGROUND_UP_TO texts a library is built in full after an import: in the process that
    read the new texts first, that build must give what a fresh process building from scratch gives."""
    data = tmp_path / "data"
    _write(tmp_path / "first", HARBOUR)
    _write(tmp_path / "later", [HARBOURED])
    assert run_cli("import", str(tmp_path / "first"), data_dir=data).returncode == 0
    assert run_cli("stories", "--json", data_dir=data).returncode == 0
    assert run_cli("import", str(tmp_path / "later"), data_dir=data).returncode == 0
    after_import = run_cli("stories", "--json", data_dir=data)
    assert after_import.returncode == 0, after_import.stderr
    scratch = tmp_path / "scratch"
    shutil.copytree(data, scratch)
    (scratch / source.CACHE_FILE).unlink()
    store.state_path(scratch / source.CACHE_FILE).unlink()
    from_scratch = run_cli("stories", "--json", data_dir=scratch)
    assert from_scratch.returncode == 0, from_scratch.stderr

    updated, built = _cached(data), _cached(scratch)
    assert len(built.articles) == len(HARBOUR) + 1 + 5  # and the seeds
    assert any(len(t.articles) >= 5 for t in built.threads)  # the harbour story
    _same(updated, built)
    assert after_import.stdout == from_scratch.stdout


def test_crowds_of_more_than_64_copies_update_as_a_full_build_would(bbc, tmp_path):
    """Groups of 70 copies, and 80 texts sharing one boilerplate paragraph, added, then grown and shrunk: each
    update gives what a build from scratch gives."""
    stories.stories_for(bbc)
    names = _crowds(tmp_path / "crowds", 70)
    bbc.import_paths([tmp_path / "crowds"])
    updated, _ = _update(bbc)
    _same(updated, build.build(source.records(bbc), NORMAL, key=updated.key))
    ids = _ids(bbc)
    assert any({ids[n] for n in names["near"]} <= set(g) for g in updated.copies)  # with the original
    stories.stories_for(bbc)  # cached, with its state

    more = _crowds(tmp_path / "more", 74)
    (tmp_path / "grown").mkdir()
    for n in more["exact"][70:] + more["near"][70:]:
        shutil.copy(tmp_path / "more" / n, tmp_path / "grown" / n)
    bbc.import_paths([tmp_path / "grown"])
    ids = _ids(bbc)
    bbc.remove(ids[names["exact"][3]])
    bbc.remove(ids[names["near"][5]])
    bbc.remove(ids[names["boiler"][7]])
    updated, _ = _update(bbc)
    _same(updated, build.build(source.records(bbc), NORMAL, key=updated.key))
    ids = _ids(bbc)
    assert any({ids[n] for n in more["near"] if n != names["near"][5]} <= set(g) for g in updated.copies)
