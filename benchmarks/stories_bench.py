"""Story threads: building time and memory at two library sizes, the answer time of `stories --json` once
built, and the quality of threads and of related articles on the BBC corpus.

    python benchmarks/stories_bench.py CORPUS_DIR [--copies 1,10] [--runs 3] [--labels benchmarks/stories_labels.json]

For each size the corpus is used as it is (1 copy: with the seeds, 2,101 articles) or as N copies in a
temporary folder, each file with a line of its own appended (made as benchmarks/import_bench.py makes them:
10 copies, 20,950 articles with the seeds) and imported, untimed, into a fresh data folder. Each run then
builds the stories from scratch in a child process (`--child`: the cache removed first) and records its wall
time, its CPU time and peak memory (ru_maxrss from wait4). `stories --json` is then timed as a real process
with the cache in place, and the GUI probe (`--gui-probe`) opens the real window offscreen with no cache and
records the longest delay of a 5 ms timer on the GUI thread while the stories are built (in their process)
and loaded, and while the largest thread's timeline and a comparison open. Medians of the runs, with min-max.

Quality (on the first size only): the labelled stories in `--labels` (identified by reading the corpus)
against the threads, as B-cubed precision and recall (over the labelled articles; "strict" precision counts
every article of a labelled article's thread, labelled or not), and per story how many of its articles share
its largest thread. Related articles: how often the top 5 share the article's BBC section (its folder),
for the index's "more like this" (Whoosh), a plain TF-IDF cosine ranking (all pairs, exact) and the story
vectors that `reader-app related` uses.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

# STORIES_BENCH_CODE: another checkout whose reader_app to measure (a "before" figure), this one by default.
ROOT = Path(os.environ.get("STORIES_BENCH_CODE") or Path(__file__).resolve().parents[1]).resolve()
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

sys.path.insert(0, str(Path(__file__).resolve().parent))  # this checkout's helpers, whichever code is measured
from bytecode import precompile  # noqa: E402

precompile(ROOT)  # as an installed app has it: its GUI probe measures no compiling (bytecode.py)


def child(data: str, setting: str) -> int:
    """In the child: build the stories of the library in `data` from scratch and print what was built."""
    from reader_app import paths
    from reader_app.core.library import Library
    from reader_app.core.stories import source, stories_for

    library = Library(paths.resolve(data))
    library.open(sync=False)
    source.cache_path(library).unlink(missing_ok=True)
    source.cache_path(library).with_name("stories-state.bin").unlink(missing_ok=True)
    t0 = time.perf_counter()
    stories = stories_for(library, setting)
    print(json.dumps({"seconds": time.perf_counter() - t0, "threads": len(stories.threads),
                      "articles": len(stories.articles), "copies": len(stories.copies)}))
    return 0


def update_child(data: str) -> int:
    """In the child: the stories brought up to date from the cache there is, as the window's builder does
    after an import (`stories_for`); prints how (from the cache as it is, an update, or a full build)."""
    from reader_app import paths
    from reader_app.core.library import Library
    from reader_app.core.stories import source, store, stories_for
    from reader_app.core.stories.service import current_key
    from reader_app.core.stories.thresholds import named

    library = Library(paths.resolve(data))
    library.open(sync=False)
    old = store.load(source.cache_path(library))
    how = "build"
    if old is not None and old.key == current_key(library, named(None)):
        how = "cache"
    elif (old is not None and hasattr(store, "load_state")  # the update state (absent before it existed)
          and store.load_state(store.state_path(source.cache_path(library)), old.key) is not None):
        how = "update"
    t0 = time.perf_counter()
    stories = stories_for(library)
    print(json.dumps({"seconds": time.perf_counter() - t0, "how": how, "articles": len(stories.articles),
                      "threads": len(stories.threads), "copies": len(stories.copies)}))
    library.close()
    return 0


def existing_libraries(folders: list[Path], corpus: Path, runs: int, extra: int) -> None:
    """`--library`: for each data folder (copied first; the original is only read), the build from scratch
    `runs` times, then `extra` new articles (corpus files with a line of their own) imported from the
    command line and the stories brought up to date (`update_child`), `runs` times (each on a fresh copy)."""
    from import_bench import app_env
    from scale_bench import extra_folder

    with tempfile.TemporaryDirectory(prefix="stories-bench-") as tmp:
        work = Path(tmp)
        env = app_env(work)
        for folder in folders:
            data = work / "data"
            shutil.rmtree(data, ignore_errors=True)
            shutil.copytree(folder, data)
            walls, cpus, peaks, built = [], [], [], {}
            for r in range(runs):
                wall, cpu, peak, out = run_child([sys.executable, str(Path(__file__).resolve()), "--child",
                                                  str(data), "normal"], env)
                built = json.loads(out)
                walls.append(built["seconds"])
                cpus.append(cpu)
                peaks.append(peak)
                print(f"  {folder.name} run {r + 1}: build {built['seconds']:.2f} s (process {wall:.2f} s), "
                      f"CPU {cpu:.2f} s, peak {peak} MB", flush=True)
            print(f"{built['articles']:,} articles ({folder.name}): build {fmt(walls)} wall, process CPU "
                  f"{fmt(cpus)}, peak {fmt(peaks, 'MB', 0)}; {built['threads']} threads, {built['copies']} "
                  f"groups of copies", flush=True)
            snapshot = work / "snapshot"
            shutil.rmtree(snapshot, ignore_errors=True)
            shutil.copytree(data, snapshot)  # built, with its cache: each update run starts from here
            u_walls, u_cpus, u_peaks = [], [], []
            for r in range(runs):
                shutil.rmtree(data)
                shutil.copytree(snapshot, data)
                more = extra_folder(corpus, work, f"run{r}")
                t0 = time.perf_counter()
                subprocess.run([sys.executable, "-m", "reader_app", "--data-dir", str(data), "import", str(more)],
                               env=env, check=True, capture_output=True)
                imported = time.perf_counter() - t0
                wall, cpu, peak, out = run_child([sys.executable, str(Path(__file__).resolve()), "--update-child",
                                                  str(data)], env)
                got = json.loads(out)
                u_walls.append(got["seconds"])
                u_cpus.append(cpu)
                u_peaks.append(peak)
                print(f"  {folder.name} +{extra} run {r + 1}: import {imported:.1f} s; stories ({got['how']}) "
                      f"{got['seconds']:.2f} s (process {wall:.2f} s), CPU {cpu:.2f} s, peak {peak} MB; "
                      f"{got['articles']:,} articles, {got['threads']} threads", flush=True)
            print(f"+{extra} articles into {folder.name}: stories brought up to date in {fmt(u_walls)} wall, "
                  f"process CPU {fmt(u_cpus)}, peak {fmt(u_peaks, 'MB', 0)}", flush=True)


def gui_probe(data: str, out: str) -> int:
    """In a child: the real window offscreen on `data` with no stories cached; how late a 5 ms timer fires on
    the GUI thread while the stories are built (in their own process) and loaded, and while the largest
    thread's timeline and a comparison are shown."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer

    from reader_app import paths
    from reader_app.ui.app import build_window, make_app

    app = make_app([])
    (Path(data) / "stories.json").unlink(missing_ok=True)
    window = build_window(paths.resolve(data))
    window.show()
    feature = window.stories
    clock = QElapsedTimer()
    clock.start()
    state = {"phase": "opening", "last": 0, "t0": 0.0}
    stall: dict[str, float] = defaultdict(float)
    result: dict[str, float] = {}

    big: list[tuple[float, str, float]] = []  # (seconds since ready, phase, ms) of stalls over 30 ms
    spans: list[tuple[float, float]] = []  # (perf_counter start, seconds) of the same stalls, for the tracer
    trace = os.environ.get("STORIES_BENCH_TRACE")  # a file: what ran during each stall (stall_trace.py)
    if trace:
        import stall_trace

        stall_trace.install()

    def tick() -> None:
        now = clock.nsecsElapsed()
        if state["last"] and state["phase"] != "opening":
            late = (now - state["last"]) / 1e6 - 5.0
            stall[state["phase"]] = max(stall[state["phase"]], late)
            if late > 30:
                big.append((round(time.perf_counter() - state["t0"], 2), state["phase"], round(late, 1)))
                spans.append((time.perf_counter() - late / 1000, late / 1000))
        state["last"] = now

    probe = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=5, timeout=tick)

    def finish() -> None:
        result.update({f"stall_{k}_ms": round(v, 1) for k, v in stall.items()})
        result["stalls_over_30ms"] = big
        Path(out).write_text(json.dumps(result))
        if trace:
            with open(trace, "w", encoding="utf-8") as fh:
                stall_trace.report(spans, fh)
        window.close()
        app.quit()

    def compared(_a: str, _b: str) -> None:
        QTimer.singleShot(300, finish)

    def timeline_shown(_tid: str) -> None:
        state["phase"] = "compare"
        thread = max(feature.stories.threads, key=lambda t: len(t.articles))
        feature.compare(thread.articles[0], thread.articles[-1])

    def loaded() -> None:
        if state["phase"] != "building":
            return
        result["stories_seconds"] = round(time.perf_counter() - state["t0"], 2)
        state["phase"] = "timeline"
        thread = max(feature.stories.threads, key=lambda t: len(t.articles))
        feature.open_thread(thread.id)

    def ready(_library) -> None:
        state["phase"] = "building"
        state["t0"] = time.perf_counter()
        probe.start()

    feature.stories_loaded.connect(loaded)
    feature.timeline_shown.connect(timeline_shown)
    feature.comparison_shown.connect(compared)
    window.library_ready.connect(ready)
    window.start()
    return app.exec()


def run_child(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"stories_bench: {cmd[2:5]} failed: {err.decode(errors='replace')[-600:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, out.decode()


def fmt(values: list[float], unit: str = "s", digits: int = 2) -> str:
    return f"{statistics.median(values):.{digits}f} {unit} (min {min(values):.{digits}f}, max {max(values):.{digits}f})"


def quality(data: Path, corpus: Path, labels_file: Path) -> None:
    """Thread quality against the labelled stories, and related-article section agreement."""
    from whoosh.analysis import STOP_WORDS

    from reader_app import paths
    from reader_app.core.library import Library
    from reader_app.core.stories import source, stories_for

    library = Library(paths.resolve(data))
    library.open(sync=False)
    stories = stories_for(library)
    rows = library.list_articles()
    prefix = str(corpus) + os.sep
    rel = {r["id"]: r["path"][len(prefix):] for r in rows if r["path"].startswith(prefix)}
    id_of = {p: i for i, p in rel.items()}
    section = {i: p.split("/")[0] for i, p in rel.items()}
    labels = json.loads(labels_file.read_text())["stories"]
    gold = {id_of[p]: name for name, ps in labels.items() for p in ps}
    thread_of = {a: t.id for t in stories.threads for a in t.articles}
    members = {t.id: set(t.articles) for t in stories.threads}

    precision = recall = strict = 0.0
    for a, g in gold.items():
        same_gold = {b for b, h in gold.items() if h == g}
        same_pred = {b for b in gold if thread_of.get(b, b) == thread_of.get(a, a)}
        inter = len(same_gold & same_pred)
        precision += inter / len(same_pred)
        recall += inter / len(same_gold)
        whole = members.get(thread_of.get(a, ""), {a})
        strict += sum(gold.get(b) == g for b in whole) / len(whole)
    n = len(gold)
    p, r = precision / n, recall / n
    print(f"\nThreads against {len(labels)} labelled stories ({n} articles): B-cubed precision {p:.3f}, "
          f"recall {r:.3f}, F1 {2 * p * r / (p + r):.3f}; strict precision (all of each thread) {strict / n:.3f}")
    print("| story | articles | in its largest thread | that thread's size |")
    print("|---|---|---|---|")
    for name, ps in labels.items():
        ids = [id_of[x] for x in ps]
        share = Counter(thread_of.get(a, a) for a in ids).most_common(1)[0]
        size = len(members.get(share[0], {share[0]}))
        print(f"| {name} | {len(ids)} | {share[1]} | {size} |")
    print(f"{len(stories.threads)} threads hold {sum(len(t.articles) for t in stories.threads)} of "
          f"{len(stories.articles)} articles; largest {max(len(t.articles) for t in stories.threads)}; "
          f"{len(stories.copies)} groups of copies")

    def agreement(ranked: dict[str, list[str]]) -> float:
        scores = [sum(section.get(b) == section[a] for b in near[:5]) / 5
                  for a, near in ranked.items() if a in section and near]
        return sum(scores) / len(scores)

    ids = sorted(section)
    t0 = time.perf_counter()
    whoosh = {a: [h.id for h in library.engine.related(a, limit=5)] for a in ids}
    t_whoosh = time.perf_counter() - t0
    records = {r.id: r for r in source.records(library) if r.id in section}
    t0 = time.perf_counter()
    word = re.compile(r"\w+")
    counts = {a: Counter(w for w in word.findall((r.title + " " + r.body).lower())
                         if w not in STOP_WORDS and len(w) > 1) for a, r in records.items()}
    df: Counter[str] = Counter()
    for c in counts.values():
        df.update(c.keys())
    total = len(counts)
    vectors = {}
    for a, c in counts.items():
        v = {t: f * math.log(total / df[t]) for t, f in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors[a] = {t: x / norm for t, x in v.items()}
    postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for a, v in vectors.items():
        for t, x in v.items():
            postings[t].append((a, x))
    plain = {}
    for a, v in vectors.items():
        acc: dict[str, float] = defaultdict(float)
        for t, x in v.items():
            for b, y in postings[t]:
                acc[b] += x * y
        acc.pop(a, None)
        plain[a] = [b for b, _ in sorted(acc.items(), key=lambda kv: (-kv[1], kv[0]))[:5]]
    t_plain = time.perf_counter() - t0
    ours = {a: [b for b, _ in stories.related_to(a, 5)] for a in ids}
    print(f"\nRelated articles, top 5 in the article's own BBC section ({len(ids)} articles):")
    print("| ranking | share of the top 5 in the same section |")
    print("|---|---|")
    print(f"| index \"more like this\" (Whoosh, 12 key terms; {t_whoosh:.0f} s for all) | {agreement(whoosh):.3f} |")
    print(f"| plain TF-IDF cosine, exact over all pairs ({t_plain:.0f} s for all) | {agreement(plain):.3f} |")
    print(f"| story vectors (reader-app related) | {agreement(ours):.3f} |")
    library.close()


def main() -> int:
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":
        return child(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "normal")
    if len(sys.argv) == 3 and sys.argv[1] == "--update-child":
        return update_child(sys.argv[2])
    if len(sys.argv) == 4 and sys.argv[1] == "--gui-probe":
        return gui_probe(sys.argv[2], sys.argv[3])
    from import_bench import app_env, make_copies

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--copies", default="1,10")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--labels", type=Path, default=ROOT / "benchmarks" / "stories_labels.json")
    parser.add_argument("--setting", default="normal", choices=("normal", "tight", "loose"))
    parser.add_argument("--no-gui", action="store_true", help="skip the GUI-thread probe")
    parser.add_argument("--no-quality", action="store_true", help="skip the quality measures")
    parser.add_argument("--library", type=Path, action="append", default=[],
                        help="an existing data folder (read only): build from scratch and +--extra update times "
                             "only (100 articles added); may be given more than once")
    args = parser.parse_args()
    corpus = args.corpus.resolve()
    if args.library:
        from scale_bench import EXTRA

        existing_libraries([f.resolve() for f in args.library], corpus, args.runs, EXTRA)
        return 0
    with tempfile.TemporaryDirectory(prefix="stories-bench-") as tmp:
        work = Path(tmp)
        env = app_env(work)
        for n, copies in enumerate(int(c) for c in args.copies.split(",") if c):
            folder = make_copies(corpus, copies, work)
            data = work / f"data-x{copies}"
            shutil.rmtree(data, ignore_errors=True)
            subprocess.run([sys.executable, "-m", "reader_app", "--data-dir", str(data), "import", str(folder)],
                           env=env, check=True, capture_output=True)
            walls, cpus, peaks, built = [], [], [], {}
            for r in range(args.runs):
                wall, cpu, peak, out = run_child([sys.executable, str(Path(__file__).resolve()), "--child",
                                                  str(data), args.setting], env)
                built = json.loads(out)
                walls.append(built["seconds"])
                cpus.append(cpu)
                peaks.append(peak)
                print(f"  x{copies} run {r + 1}: build {built['seconds']:.2f} s (process {wall:.2f} s), "
                      f"CPU {cpu:.2f} s, peak {peak} MB", flush=True)
            answers = []
            for _ in range(args.runs):
                wall, _, _, out = run_child([sys.executable, "-m", "reader_app", "--data-dir", str(data),
                                             "stories", "--json"], env)
                answers.append(wall)
                json.loads(out)
            print(f"{built['articles']:,} articles (x{copies}): build {fmt(walls)} wall, process CPU {fmt(cpus)}, "
                  f"peak {fmt(peaks, 'MB', 0)}; {built['threads']} threads, {built['copies']} groups of copies; "
                  f"`stories --json` once built {fmt(answers)}", flush=True)
            if not args.no_gui:
                for r in range(args.runs):
                    out_file = work / "gui.json"
                    out_file.unlink(missing_ok=True)
                    gui_env = dict(env, QT_QPA_PLATFORM="offscreen")
                    wall, _, peak, _ = run_child([sys.executable, str(Path(__file__).resolve()), "--gui-probe",
                                                  str(data), str(out_file)], gui_env)
                    print(f"  x{copies} GUI run {r + 1}: {out_file.read_text()} (window process peak {peak} MB)",
                          flush=True)
            if n == 0 and not args.no_quality:
                quality(data, corpus if copies == 1 else folder, args.labels)
    return 0


if __name__ == "__main__":
    sys.exit(main())
