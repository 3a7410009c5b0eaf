"""How the app holds up as the library grows: every figure of issue #18 at several sizes, side by side.

    python benchmarks/scale_bench.py [CORPUS_DIR] [--sizes 2095,20950,100560] [--runs 3] [--quick] [--no-recoll]

CORPUS_DIR defaults to ../shared/corpora/bbc-news (2,095 files). A size is a number of copies of the corpus
(the size divided by the corpus's file count, rounded: 20,950 is 10 copies, 100,560 is 48), made in a
temporary folder as benchmarks/import_bench.py makes them (each file with a line of its own, so no two are
the same); nothing is written into the project. For each size, in a fresh data folder:

- **import**: `reader-app import FOLDER` (the seed index built first, untimed): wall, CPU, peak memory;
- **threads**: the stories built from scratch in a child process (benchmarks/stories_bench.py's `--child`),
  which leaves the cache current for what follows: wall of the build, CPU and peak of the process;
- **entities**: the library's joined entity table built in a child process from the index's column, as the
  first search or the entities pane does in the window's worker (`Library.entities()`): wall, peak; the
  names themselves are extracted per article inside the import's workers (part of the import's time);
- **GUI**: benchmarks/gui_latency.py on that data folder in a child process: the longest GUI-thread stall
  per step (median of the runs) and the window process's peak resident memory; twice: as the app shows it
  (the copies of one text, which the copied corpus is made of, folded into one row of the list, so the list
  has about 2,100 rows at every size) and with `--unfolded` (stories set aside: every article a row, as in a
  library of that many different articles);
- **incremental**: 100 new articles (100 corpus files with another line of their own) imported with the
  command line into the library: the import's wall time, then the stories brought up to date (`stories_for`
  from the current cache, as the window's builder does; whether that reused the cache or recomputed is
  printed), and the entity table joined again (the index has a new state); then 100 more through the
  window's import (benchmarks/import_bench.py's GUI probe): the longest stall during it and after it.

Once, on the corpus as it is: the import of 2,095 files into a new library against `recollindex` on the same
folder (import_bench's runs, alternating which goes first; `--no-recoll` skips it). `--quick` is one run of
everything. The table at the end is what benchmarks/README.md ("Scale") quotes.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from import_bench import app_env, count_files, make_copies, reader_run, recoll_run  # noqa: E402
from stories_bench import run_child  # noqa: E402

EXTRA = 100  # articles in an incremental import


def entity_child(data: str) -> int:
    """In a child: the library's joined entity table, built once (what the window's worker does on its first
    entities or search call after a change); prints its time and size."""
    from reader_app import paths
    from reader_app.core.library import Library

    library = Library(paths.resolve(data))
    library.open(sync=False)
    t0 = time.perf_counter()
    names = library.entities()
    print(json.dumps({"seconds": time.perf_counter() - t0, "names": len(names)}))
    library.close()
    return 0


def stories_update_child(data: str) -> int:
    """In a child: the stories brought up to date from whatever cache there is (the window's builder):
    stories_bench's update child, which prints how ("cache", "update" or "build")."""
    from stories_bench import update_child

    return update_child(data)


def extra_folder(corpus: Path, into: Path, tag: str) -> Path:
    """EXTRA files of the corpus, each with a line of its own (`tag`), so all are new to the library."""
    folder = into / f"extra-{tag}"
    shutil.rmtree(folder, ignore_errors=True)
    for src in sorted(corpus.rglob("*.txt"))[:EXTRA]:
        dst = folder / src.relative_to(corpus)
        dst.parent.mkdir(parents=True, exist_ok=True)
        # the line names the file, so that it is not learnt as the folder's furniture (see make_copies)
        dst.write_bytes(src.read_bytes().rstrip() + f"\n\n(Extra article, {tag}, {dst.name}.)\n".encode())
    return folder


def med(values: list[float]) -> float:
    return statistics.median(values)


def span(values: list[float], digits: int = 1, unit: str = "") -> str:
    m = f"{med(values):.{digits}f}{unit}"
    return m if len(values) < 2 else f"{m} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def me(cmd: list[str]) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), *cmd]


def measure_size(corpus: Path, size: int, work: Path, runs: int) -> dict:
    """Every figure at one size (see the module docstring)."""
    files = count_files(corpus)
    copies = max(1, round(size / files))
    folder = make_copies(corpus, copies, work)
    n = count_files(folder)
    env = app_env(work)
    data = work / f"data-x{copies}"
    shutil.rmtree(data, ignore_errors=True)
    cli = [sys.executable, "-m", "reader_app", "--data-dir", str(data)]
    subprocess.run([*cli, "index"], env=env, check=True, capture_output=True)
    out: dict = {"files": n, "copies": copies}
    wall, cpu, peak, _ = run_child([*cli, "import", str(folder)], env)
    out["import"] = {"wall": wall, "cpu": cpu, "peak": peak}
    print(f"[{n:,}] import {wall:.1f} s, CPU {cpu:.1f} s, peak {peak} MB", flush=True)

    builds = []
    for r in range(runs):
        wall, cpu, peak, text = run_child([sys.executable, str(HERE / "stories_bench.py"), "--child", str(data)],
                                          env)
        built = json.loads(text)
        builds.append({"seconds": built["seconds"], "cpu": cpu, "peak": peak, "threads": built["threads"],
                       "articles": built["articles"]})
        print(f"[{n:,}] stories from scratch, run {r + 1}: {built['seconds']:.1f} s, CPU {cpu:.1f} s, "
              f"peak {peak} MB, {built['threads']} threads", flush=True)
    out["stories"] = builds

    joins = []
    for r in range(runs):
        wall, cpu, peak, text = run_child(me(["--entity-child", str(data)]), env)
        joined = json.loads(text)
        joins.append({"seconds": joined["seconds"], "cpu": cpu, "peak": peak, "names": joined["names"]})
        print(f"[{n:,}] entity table, run {r + 1}: {joined['seconds']:.2f} s, process peak {peak} MB, "
              f"{joined['names']:,} names", flush=True)
    out["entities"] = joins

    gui_env = dict(env, QT_QPA_PLATFORM="offscreen")
    for label, flags in (("gui", []), ("gui_unfolded", ["--unfolded"])):
        report = work / "gui.json"
        report.unlink(missing_ok=True)
        proc = subprocess.run([sys.executable, str(HERE / "gui_latency.py"), "--data-dir", str(data), "--runs",
                               str(runs), "--json", str(report), *flags], env=gui_env, capture_output=True, text=True)
        if proc.returncode != 0 or not report.exists():
            raise SystemExit(f"scale_bench: gui_latency failed: {proc.stderr[-800:]}")
        gui_runs = json.loads(report.read_text())
        out[label] = gui_runs
        print(f"[{n:,}] {label}: " + "; ".join(f"{k} {med([g[k] for g in gui_runs]):.0f}" for k in gui_runs[0]),
              flush=True)

    extra = extra_folder(corpus, work, f"cli {n}")
    wall, cpu, peak, _ = run_child([*cli, "import", str(extra)], env)
    inc: dict = {"import": wall}
    wall, cpu, peak, text = run_child(me(["--stories-update-child", str(data)]), env)
    updated = json.loads(text)
    inc["stories"] = updated["seconds"]
    inc["stories_how"] = updated["how"]
    inc["stories_peak"] = peak
    wall, cpu, peak, text = run_child(me(["--entity-child", str(data)]), env)
    inc["entities"] = json.loads(text)["seconds"]
    print(f"[{n:,}] +{EXTRA} articles: import {inc['import']:.1f} s, stories {inc['stories']:.1f} s "
          f"({updated['how']}), entity table "
          f"{inc['entities']:.2f} s", flush=True)
    extra = extra_folder(corpus, work, f"window {n}")
    probe = work / "gui-import.json"
    probe.unlink(missing_ok=True)
    proc = subprocess.run([sys.executable, str(HERE / "import_bench.py"), "--gui-probe", str(extra), str(data),
                           str(probe)], env=gui_env, capture_output=True, text=True)
    if proc.returncode != 0 or not probe.exists():
        raise SystemExit(f"scale_bench: the window's import failed: {proc.stderr[-800:]}")
    inc["window"] = json.loads(probe.read_text())
    print(f"[{n:,}] +{EXTRA} through the window: {json.dumps(inc['window'])}", flush=True)
    out["incremental"] = inc
    if folder != corpus:
        shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(data, ignore_errors=True)
    return out


def small_import(corpus: Path, work: Path, runs: int) -> dict:
    """reader-app import of the corpus into a new library against recollindex, alternating."""
    times: dict[str, list[float]] = {"reader": [], "recoll": [], "reader_cpu": [], "recoll_cpu": []}
    for r in range(runs):
        order = [("reader", reader_run), ("recoll", recoll_run)]
        for name, fn in (order if r % 2 == 0 else order[::-1]):
            wall, _rss, cpu = fn(corpus, work)
            times[name].append(wall)
            times[f"{name}_cpu"].append(cpu)
        print(f"small import, run {r + 1}: reader-app {times['reader'][-1]:.1f} s (CPU {times['reader_cpu'][-1]:.1f} s), "
              f"recollindex {times['recoll'][-1]:.1f} s (CPU {times['recoll_cpu'][-1]:.1f} s)", flush=True)
    return times


def table(results: list[dict], small: dict | None) -> None:
    sizes = [f"{r['files']:,}" for r in results]
    rows: list[tuple[str, str, list[str]]] = []
    for label, what in (("gui", "copies folded"), ("gui_unfolded", "every article a row")):
        gui = [r.get(label) for r in results]
        if not all(gui):
            continue
        rows.append((f"list rows ({what})", "", [f"{int(runs[0]['rows']):,}" for runs in gui]))
        for step in [k for k in gui[0][0] if k not in ("rows", "rss_mb", "peak_rss_mb")]:
            rows.append((f"GUI stall, {what}: {step}", "< 50 ms at 100k",
                         [f"{med([g[step] for g in runs]):.0f} ms (max {max(g[step] for g in runs):.0f})"
                          for runs in gui]))
        rows.append((f"window peak memory, {what}", "< 400 MB at 100k",
                     [f"{runs[-1]['peak_rss_mb']:.0f} MB" for runs in gui]))
    rows.append(("import (command line)", "", [f"{r['import']['wall']:.0f} s, peak {r['import']['peak']} MB"
                                               for r in results]))
    rows.append(("threads from scratch", "≤ 5 min with entities, 2 cores",
                 [f"{span([b['seconds'] for b in r['stories']])} s, peak {max(b['peak'] for b in r['stories'])} MB"
                  for r in results]))
    rows.append(("entity table (join)", "(same) ≤ 600 MB",
                 [f"{span([j['seconds'] for j in r['entities']], 2)} s, peak {max(j['peak'] for j in r['entities'])} MB"
                  for r in results]))
    rows.append((f"+{EXTRA} articles: import", "seconds", [f"{r['incremental']['import']:.1f} s" for r in results]))
    rows.append((f"+{EXTRA} articles: stories", "seconds, incremental",
                 [f"{r['incremental']['stories']:.1f} s "
                  f"({r['incremental']['stories_how']})" for r in results]))
    rows.append((f"+{EXTRA} articles: entity table", "seconds", [f"{r['incremental']['entities']:.2f} s"
                                                                 for r in results]))
    rows.append((f"+{EXTRA} via window: stall during / after", "< 50 ms",
                 [f"{r['incremental']['window']['stall_import_ms']:.0f} / "
                  f"{r['incremental']['window']['stall_list_ms']:.0f} ms" for r in results]))
    print("\n| measure | target | " + " | ".join(sizes) + " |")
    print("|---|---|" + "---|" * len(sizes))
    for name, target, cells in rows:
        print(f"| {name} | {target} | " + " | ".join(cells) + " |")
    if small:
        ratio = med(small["reader"]) / med(small["recoll"])
        print(f"\nSmall import, 2,095 files into a new library: reader-app {span(small['reader'])} s, recollindex "
              f"{span(small['recoll'])} s; ratio of medians {ratio:.2f} (per run "
              f"{', '.join(f'{a / b:.2f}' for a, b in zip(small['reader'], small['recoll']))}); target ≤ 1.0")
        if small.get("reader_cpu"):
            print(f"CPU time (the process and its workers): reader-app {span(small['reader_cpu'])} s, recollindex "
                  f"{span(small['recoll_cpu'])} s")


def default_corpus() -> Path:
    for base in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if (base / "corpora" / "bbc-news").is_dir():
            return base / "corpora" / "bbc-news"
    return ROOT.parent / "shared" / "corpora" / "bbc-news"


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--entity-child":
        return entity_child(sys.argv[2])
    if len(sys.argv) == 3 and sys.argv[1] == "--stories-update-child":
        return stories_update_child(sys.argv[2])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=default_corpus())
    parser.add_argument("--sizes", default="2095,20950,100560", help="library sizes (articles), comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one run of everything")
    parser.add_argument("--no-recoll", action="store_true", help="skip the small import against recollindex")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        raise SystemExit(f"scale_bench: no corpus at {corpus}")
    if not args.no_recoll and shutil.which("recollindex") is None:
        raise SystemExit("scale_bench: recollindex is not installed (Debian: recollcmd); or pass --no-recoll")
    results: list[dict] = []
    small = None
    with tempfile.TemporaryDirectory(prefix="scale-bench-") as tmp:
        work = Path(tmp)
        if not args.no_recoll:
            small = small_import(corpus, work, max(runs, 2))
        for size in [int(s) for s in args.sizes.split(",") if s]:
            results.append(measure_size(corpus, size, work, runs))
            if args.json:
                args.json.write_text(json.dumps({"sizes": results, "small": small}))
    table(results, small)
    return 0


if __name__ == "__main__":
    sys.exit(main())
