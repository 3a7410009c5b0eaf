"""A damaged manifest (a line that does not parse, or cut short at a line's end) is said so in one line and
rebuilt from the index, so the next import finds its files unchanged (a user trial: a cut manifest was taken
silently, and the next import re-read 2,500 files and called them "updated")."""

from __future__ import annotations

import json
import shutil

import pytest

from reader_app.core.collection.manifest import MANIFEST
from tests.conftest import run_cli
from tests.core.collection.test_importer import make_corpus


def _import(src, data_dir) -> tuple[dict, str]:
    done = run_cli("import", str(src), "--json", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), done.stderr


@pytest.mark.parametrize("damage", ["cut", "bad line", "header only"])
def test_a_damaged_manifest_is_told_and_rebuilt_from_the_index(tmp_path, data_dir, damage):
    make_corpus(tmp_path / "src", 40)
    first, _ = _import(tmp_path / "src", data_dir)
    assert len(first["added"]) == 40
    path = data_dir / "articles" / MANIFEST
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    whole = json.loads(lines[20])
    if damage == "cut":
        path.write_text("".join(lines[:21]), encoding="utf-8")
    elif damage == "bad line":
        path.write_text("".join(lines[:20] + [lines[20][:40] + "\n"] + lines[21:]), encoding="utf-8")
    else:
        path.write_text(lines[0], encoding="utf-8")
    again, told = _import(tmp_path / "src", data_dir)
    assert (len(again["added"]), len(again["updated"]), len(again["duplicates"])) == (0, 0, 40)
    notice = [line for line in told.splitlines() if "manifest" in line]
    assert len(notice) == 1 and "damaged" in notice[0] and "rebuilt it from the index: 40" in notice[0], told
    assert sum(1 for p in (data_dir / "articles").iterdir() if p.name != MANIFEST) == 40  # no copy lost
    rebuilt = {aid: e for aid, e in (json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()[1:])}
    assert rebuilt[whole[0]]["origin"] == whole[1]["origin"] and rebuilt[whole[0]]["hash"] == whole[1]["hash"]
    third, told = _import(tmp_path / "src", data_dir)
    assert len(third["duplicates"]) == 40 and "manifest" not in told


@pytest.mark.parametrize("outside", ["../../victim/victim.txt", "ABSOLUTE"])
def test_a_manifest_entry_naming_a_file_outside_the_library_reaches_nothing_there(tmp_path, data_dir, outside):
    """An adversarial trial: a manifest line naming "../../victim/victim.txt" (or an absolute path) listed that
    file as an article, and `remove` of its id deleted it. Such a line is damage: the manifest is rebuilt
    from the index, the outside file is neither listed nor removed."""
    make_corpus(tmp_path / "src", 5)
    _import(tmp_path / "src", data_dir)
    victim = tmp_path / "victim" / "victim.txt"
    victim.parent.mkdir()
    victim.write_text("Victim headline\n\nA file of the person's own, outside the library.\n", encoding="utf-8")
    name = str(victim)
    if outside != "ABSOLUTE":  # the data folder is tmp_path/<data>, its copies folder one deeper
        name = "../" * (len((data_dir / "articles").relative_to(tmp_path).parts)) + "victim/victim.txt"
        assert (data_dir / "articles" / name).resolve() == victim.resolve()
    path = data_dir / "articles" / MANIFEST
    lines = path.read_text(encoding="utf-8").splitlines()
    aid, entry = json.loads(lines[-1])  # an entry pointed elsewhere, the header's count still true
    lines[-1] = json.dumps([aid, dict(entry, file=name)])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    listed = run_cli("list", "--json", data_dir=data_dir)
    assert listed.returncode == 0 and "Victim headline" not in listed.stdout
    run_cli("remove", aid, data_dir=data_dir)
    assert victim.read_text(encoding="utf-8").startswith("Victim headline")  # still there
    assert "damaged" in listed.stderr


def test_a_manifest_made_by_a_newer_reader_app_is_refused_and_never_written_over(tmp_path, data_dir):
    """A user trial: a library opened by a later reader-app (its manifest's header says format 99) was taken for
    damage and its manifest rebuilt in the old format. It is left as it is: read and searched from the index,
    one line says why, importing and removing are refused."""
    make_corpus(tmp_path / "src", 5)
    first, _ = _import(tmp_path / "src", data_dir)
    path = data_dir / "articles" / MANIFEST
    head, _, rest = path.read_text(encoding="utf-8").partition("\n")
    newer = json.dumps(dict(json.loads(head), **{"reader-app manifest": 99})) + "\n" + rest
    path.write_text(newer, encoding="utf-8")
    listed = run_cli("list", "--json", data_dir=data_dir)
    assert listed.returncode == 0, listed.stderr
    assert {a["id"] for a in json.loads(listed.stdout)} >= {a["id"] for a in first["added"]}
    told = [line for line in listed.stderr.splitlines() if "manifest" in line]
    assert len(told) == 1 and "made by a newer reader-app" in told[0] and "damaged" not in told[0], listed.stderr
    make_corpus(tmp_path / "more", 2, start=5)
    imported = run_cli("import", str(tmp_path / "more"), data_dir=data_dir)
    assert imported.returncode != 0 and "newer reader-app" in imported.stderr.splitlines()[-1]
    removed = run_cli("remove", first["added"][0]["id"], data_dir=data_dir)
    assert removed.returncode != 0 and "newer reader-app" in removed.stderr
    edited = run_cli("edit", first["added"][0]["id"], "--title", "Another title", data_dir=data_dir)
    assert edited.returncode != 0 and "newer reader-app" in edited.stderr
    assert not (data_dir / "details.jsonl").exists()
    assert path.read_text(encoding="utf-8") == newer  # never written over
    assert sum(1 for p in (data_dir / "articles").iterdir() if p.name != MANIFEST) == 5  # no copy added or lost


def test_a_damaged_manifest_of_a_copied_data_folder_is_rebuilt_from_the_index(tmp_path, data_dir):
    """A user trial: a data folder copied elsewhere (cp -a old new) keeps an index naming the copies in the old
    folder, so a damaged manifest was rebuilt from the copies alone: origins and dates added lost, the next
    import said "updated" for each. The index's copies in the old folder are taken under the same names here."""
    make_corpus(tmp_path / "src", 12)
    _import(tmp_path / "src", data_dir)
    moved = tmp_path / "moved"
    shutil.copytree(data_dir, moved, symlinks=True)
    path = moved / "articles" / MANIFEST
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    whole = {aid: e for aid, e in (json.loads(x) for x in lines[1:])}
    path.write_text("".join(lines[:5]), encoding="utf-8")  # cut short
    again, told = _import(tmp_path / "src", moved)
    assert (len(again["added"]), len(again["updated"]), len(again["duplicates"])) == (0, 0, 12), told
    assert "rebuilt it from the index: 12" in told
    rebuilt = {aid: e for aid, e in (json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()[1:])}
    assert {aid: (e["file"], e["origin"], e["hash"], int(e["imported"])) for aid, e in rebuilt.items()} == \
        {aid: (e["file"], e["origin"], e["hash"], int(e["imported"])) for aid, e in whole.items()}


def test_a_copy_deleted_by_hand_is_named_and_restored_by_importing_its_original(tmp_path, data_dir):
    """A user trial: a copy deleted from the library's folder was reported under the original's path ("skipped
    .../story.txt: No such file", though that file was there), and importing the original again said "already
    in the library", the copy still gone. The missing copy is named, and the import writes it again."""
    make_corpus(tmp_path / "src", 3)
    first, _ = _import(tmp_path / "src", data_dir)
    added = first["added"][0]
    copy = data_dir / "articles" / (added["id"] + ".txt")
    copy.unlink()
    listed = run_cli("list", "--json", data_dir=data_dir)
    told = [line for line in listed.stderr.splitlines() if line.startswith("skipped")]
    assert len(told) == 1 and told[0].startswith(f"skipped {copy}:") and "missing" in told[0], listed.stderr
    again, _ = _import(added["path"], data_dir)
    assert [a["id"] for a in again["updated"]] == [added["id"]] and not again["duplicates"], again
    assert copy.is_file()
    listed = run_cli("list", "--json", data_dir=data_dir)
    assert added["id"] in {a["id"] for a in json.loads(listed.stdout)} and "skipped" not in listed.stderr
    third, _ = _import(added["path"], data_dir)
    assert [a["id"] for a in third["duplicates"]] == [added["id"]]
