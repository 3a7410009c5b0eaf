"""A damaged manifest (a line that does not parse, or cut short at a line's end) is said so in one line and
rebuilt from the index, so the next import finds its files unchanged (a user trial: a cut manifest was taken
silently, and the next import re-read 2,500 files and called them "updated")."""

from __future__ import annotations

import json

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
