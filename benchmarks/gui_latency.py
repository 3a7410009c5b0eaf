"""How long the GUI thread is busy at a stretch while the window works on a real library.

    python benchmarks/gui_latency.py [--corpus DIR] [--runs 3]

A 2 ms heartbeat timer runs on the GUI thread; the longest gap between two beats, minus the interval, is
the longest time the window could not answer the user. Measured for each step: opening the library (list
filled from the index), typing a query key by key (searches run in the worker), opening the first hit
(render, terms marked), re-sorting the whole list, switching theme, opening the Stories pane and the largest
thread's timeline, opening the People / Organisations / Places pane and filtering the list by its first
name, and an idle second (what the machine's load alone costs). Prints the worst stall per step (median of the runs, milliseconds) and the window process's peak
resident memory (the story builder's child process not included). The goal is under ~50 ms for each.
`--json FILE` also writes the figures (benchmarks/scale_bench.py reads them). `--unfolded` sets the
stories aside, so that copies of one text (the copied corpus of benchmarks/scale_bench.py) are not folded
into one row: the list then holds every article, as a library of that many different articles would.
`--trace FILE` (with `--trace-ms`, default 30) writes what ran during each stall over that many milliseconds
(benchmarks/stall_trace.py: the GUI thread's slots and the Python calls Qt made into it, worker tasks' long C
calls, collections); tracing slows the Python it watches, so read its figures for what ran, not for how long.
`--stacks FILE` (with `--trace-ms`) slows nothing: whenever the heartbeat is that late, faulthandler's own
thread (which needs no interpreter) writes every thread's Python stack to FILE, with the step's name: what the
workers were doing while the GUI thread waited.
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bytecode import precompile  # noqa: E402

precompile(ROOT)  # as an installed app has it (see bytecode.py)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402


class Heartbeat:
    """The longest gap between beats of a 2 ms timer since the last `reset()`; with `span_ms`, every gap
    over that is kept in `spans` (perf_counter start, seconds, step) for the tracer."""

    def __init__(self, span_ms: float = 0.0) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer(interval=2, timerType=Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._beat)
        self.worst = 0.0
        self.last = 0
        self.span_ms = span_ms
        self.step = ""
        self.spans: list[tuple[float, float, str]] = []
        self.stacks: Any = None  # a file: every thread's stack when a beat is over span_ms late (faulthandler)

    def start(self) -> None:
        self.clock.start()
        self.last = self.clock.elapsed()
        self.timer.start()

    def reset(self) -> None:
        self.worst, self.last = 0.0, self.clock.elapsed()

    def _beat(self) -> None:
        now = self.clock.elapsed()
        late = now - self.last - self.timer.interval()
        self.worst = max(self.worst, late)
        self.last = now
        if self.span_ms and late > self.span_ms:
            gap = (late + self.timer.interval()) / 1000
            self.spans.append((time.perf_counter() - gap, gap, self.step))
        if self.stacks is not None:
            faulthandler.dump_traceback_later((self.span_ms + self.timer.interval()) / 1000, file=self.stacks)


class _Steps(dict):
    """The figures of a run; storing a step's figure names the heartbeat's spans since the last one."""

    def __init__(self, beat: Heartbeat) -> None:
        super().__init__()
        self.beat, self.named = beat, 0

    def __setitem__(self, step: str, value: float) -> None:
        if self.beat.stacks is not None:  # the next step may begin with a stall, before any beat: armed again
            self.beat.stacks.write(f"=== end of step: {step}\n")
            self.beat.stacks.flush()
            faulthandler.dump_traceback_later((self.beat.span_ms + 2) / 1000, file=self.beat.stacks)
        spans = self.beat.spans
        spans[self.named:] = [(t0, dt, step) for t0, dt, _s in spans[self.named:]]
        self.named = len(spans)
        super().__setitem__(step, value)


def wait_for(signal, timeout_ms: int = 120000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def settle(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def rss_mb() -> float:
    """This process's resident memory now (MB)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def one_run(data: Path, query: str, unfolded: bool = False, trace: Path | None = None,
            trace_ms: float = 30.0, stacks: Any = None) -> dict[str, float]:
    from reader_app import paths
    from reader_app.ui.app import build_window, make_app

    make_app([])
    beat = Heartbeat(trace_ms if trace or stacks else 0.0)
    beat.stacks = stacks
    if trace:
        import stall_trace

        stall_trace.install()
    beat.start()
    stalls: dict[str, float] = _Steps(beat)
    window = build_window(paths.resolve(data))
    if unfolded:  # no stories: every article is a row of its own, copies of one text included
        window.stories.builder.start = lambda setting=None: None
    window.resize(1200, 780)
    window.show()
    settle(50)

    beat.reset()
    window.start()
    wait_for(window.library_ready)
    feature = window.stories
    if feature.stories is None and not unfolded:  # read from the cache (or built in a child process when there is none)
        wait_for(feature.stories_loaded, 600000)
    while window.controller.tasks.busy():
        settle(20)
    settle(100)
    stalls["open library, fill list"] = beat.worst
    memory = [rss_mb()]

    beat.reset()
    box = window.search_bar.box
    box.setFocus()
    for ch in query:
        QTest.keyClick(box, ch)
        settle(60)  # about a fast typist's pace
    wait_for(window.controller.search_done, 20000) if window.list_pane.header.count_label.text() == "Searching…" \
        else None
    settle(100)
    stalls["type a query"] = beat.worst
    memory.append(rss_mb())

    beat.reset()
    QTest.keyClick(box, Qt.Key.Key_Return)
    wait_for(window.article_opened, 20000)
    settle(100)
    stalls["open the first hit"] = beat.worst

    beat.reset()
    QTest.keyClick(box, Qt.Key.Key_Escape)
    settle(50)
    header = window.list_pane.header
    header.sort_combo.setCurrentIndex(header.sort_combo.findData("title"))
    settle(50)
    header.sort_combo.setCurrentIndex(header.sort_combo.findData("date"))
    settle(100)
    while window.list_pane.lister.busy():  # the re-sort's own work ends within its step, not in the next ones
        settle(20)
    settle(50)
    stalls["clear search, re-sort list"] = beat.worst

    beat.reset()
    window.set_theme("dark")
    settle(50)
    window.set_theme("light")
    settle(100)
    stalls["switch theme twice"] = beat.worst

    beat.reset()
    feature.dock.show()
    settle(100)
    if feature.stories is not None and feature.stories.threads:
        thread = max(feature.stories.threads, key=lambda t: len(t.articles))
        feature.open_thread(thread.id)
        wait_for(feature.timeline_shown, 60000)
        settle(100)
        feature.close_view()
    settle(50)
    stalls["Stories pane, a timeline"] = beat.worst
    memory.append(rss_mb())

    beat.reset()
    entities = window.entities
    entities.dock.show()
    settle(100)
    while window.controller.tasks.busy():
        settle(20)
    first = next(iter(entities._library_facets.get("person", {})), None) if entities._library_facets else None
    if first is not None:
        entities.toggle("person", first)  # written into the search box: a search with the filter
        wait_for(window.controller.search_done, 20000)
        settle(100)
        QTest.keyClick(box, Qt.Key.Key_Escape)
        settle(100)
    stalls["entities pane, filter"] = beat.worst
    memory.append(rss_mb())

    beat.reset()
    settle(1000)  # nothing asked of the window: what the machine's load alone costs the GUI thread
    stalls["idle 1 s (load floor)"] = beat.worst

    rows = window.list_pane.library_model.rowCount()
    window.close()
    window.deleteLater()
    settle(50)
    stalls["rows"] = rows
    stalls["rss_mb"] = max(memory)
    stalls["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if stacks is not None:
        faulthandler.cancel_dump_traceback_later()
        beat.stacks = None
    if trace:
        import stall_trace

        stall_trace.uninstall()
        with open(trace, "a", encoding="utf-8") as fh:
            print(f"=== run: stalls over {trace_ms:.0f} ms", file=fh)
            for t0, dt, step in beat.spans:
                print(f"--- {step}", file=fh, end=": ")
                stall_trace.report([(t0, dt)], fh, every=False)
            stall_trace.events.clear()
            stall_trace.gui_calls.clear()
    return dict(stalls)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="import this folder of articles first (e.g. the BBC corpus)")
    parser.add_argument("--data-dir", type=Path, help="use this existing data folder (already indexed) as it is")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--query", default="government")
    parser.add_argument("--json", type=Path, help="also write the runs' figures to this file")
    parser.add_argument("--unfolded", action="store_true",
                        help="without the stories (their cache set aside, none built): copies of one text are "
                             "rows of their own, as in a library of that many different articles")
    parser.add_argument("--trace", type=Path, help="write what ran during each stall to this file")
    parser.add_argument("--stacks", type=Path, help="write every thread's stack to this file at each stall")
    parser.add_argument("--trace-ms", type=float, default=30.0, help="stalls over this are traced (ms)")
    args = parser.parse_args()
    if args.trace:
        args.trace.write_text("")
    stacks = open(args.stacks, "w", encoding="utf-8") if args.stacks else None  # noqa: SIM115 (the runs write it)
    work = Path(tempfile.mkdtemp(prefix="reader-app-latency-"))
    try:
        data = args.data_dir or work / "data"
        cli = [sys.executable, "-m", "reader_app", "--data-dir", str(data)]
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        if not args.data_dir:
            subprocess.run([*cli, "index"], env=env, check=True, capture_output=True)
        if args.corpus:
            subprocess.run([*cli, "import", str(args.corpus)], env=env, check=True, capture_output=True)
        aside = data / "stories.json.aside"
        if args.unfolded and (data / "stories.json").exists():
            (data / "stories.json").rename(aside)
        try:
            runs = [one_run(data, args.query, args.unfolded, args.trace, args.trace_ms, stacks)
                    for _ in range(args.runs)]
        finally:
            if aside.exists():
                aside.rename(data / "stories.json")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"Longest GUI-thread stall per step, {int(runs[0]['rows']):,} articles, median of {args.runs} runs "
          f"(ms; Qt platform {os.environ['QT_QPA_PLATFORM']})")
    for step in runs[0]:
        if step not in ("rows", "rss_mb", "peak_rss_mb"):
            values = [r[step] for r in runs]
            print(f"  {step:<28} {statistics.median(values):6.0f}   (max {max(values):.0f})")
    print(f"  window process resident memory: {max(r['rss_mb'] for r in runs):.0f} MB at the end of a step, "
          f"{runs[-1]['peak_rss_mb']:.0f} MB at its peak")
    if args.json:
        args.json.write_text(json.dumps(runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
