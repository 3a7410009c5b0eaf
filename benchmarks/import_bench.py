"""Import speed, peak memory and GUI-thread stalls: `reader-app import` against `recollindex` on the same folder.

    python benchmarks/import_bench.py CORPUS_DIR [--copies 1,10] [--runs 3] [--gui-copies 1,10] [--no-gui]

For each size, the corpus is used as it is (1) or as N copies in a temporary folder, each file with a line
of its own appended so no two files are the same (the corpus itself is never copied into the project).
Each run imports into a fresh data folder (its index of the seeds built beforehand, untimed, which also
leaves compiled bytecode as an installed app has it; each run's folders are removed only at the end, see below) with
`python -m reader_app import FOLDER`, and indexes the same folder with `recollindex -c CONFDIR` (a fresh
configuration folder whose topdirs is FOLDER); the two alternate which goes first. Times are wall-clock
from spawn to exit; peak memory is the child's ru_maxrss from wait4 (the largest of the process and the
index worker processes it waited for), and CPU time its user+system time with those workers'. Medians
of the runs are printed, with min-max to show the noise; "system" is the part of the CPU time spent in the
kernel (for reader-app mostly creating the 2,095 copies' files).

Why no run's folders are removed before the next run: on an ext4 file system without a journal (this machine's)
the kernel will not reuse an inode freed in the last minute (five while its inode table block is unwritten), and
it finds that out by looking up each such inode again for every file it creates in that block group. Removing
the last run's library (2,100 files) just before the next run's import made each of that import's 2,095 new
files step over up to 2,100 freshly freed inodes: 0.5-2 s of kernel time that a file system with a journal
(or recollindex, which writes a few large files) never pays. Files other processes removed lately still count.

The GUI probe opens the real window offscreen in a child process, imports FOLDER through the window's
import worker, and records how late a 5 ms QTimer fires on the GUI thread: the longest stall during the
import, and the longest while the list of all articles is shown again after it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_child(cmd: list[str], env: dict[str, str] | None = None,
              cwd: str | None = None) -> tuple[float, int, float, float]:
    """(wall seconds, peak RSS in MB of the child and the children it reaped, their CPU seconds, of which system)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 3):
        raise SystemExit(f"import_bench: {cmd[:3]}… failed ({proc.returncode}): {err[-600:].decode(errors='replace')}")
    return wall, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime, usage.ru_stime


def make_copies(corpus: Path, copies: int, into: Path) -> Path:
    """`copies` copies of the corpus's files, each with a line of its own so none is a duplicate.

    The line names the file too: a line shared by a whole folder ("(Copy 3 of 10.)") is learnt as that
    folder's furniture after the import (core/furniture.py), which takes it out of every article again (the
    copies become the same text) and re-cleans the whole library in the importing process."""
    if copies == 1:
        return corpus
    folder = into / f"corpus-x{copies}"
    for k in range(copies):
        for src in corpus.rglob("*.txt"):
            rel = src.relative_to(corpus)
            dst = folder / f"copy{k:02d}" / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_bytes(src.read_bytes().rstrip() + f"\n\n(Copy {k + 1} of {copies}, {rel.as_posix()}.)\n".encode())
    return folder


def count_files(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file())


def app_env(home: Path) -> dict[str, str]:
    """The app's environment: bytecode cached as an installed app has it (the untimed `index` run warms it)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), HOME=str(home), PYTHONPYCACHEPREFIX=str(home / "pycache"))
    for name in ("READER_APP_DATA_DIR", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    return env


def reader_run(folder: Path, work: Path, run: int) -> tuple[float, int, float, float]:
    data = work / f"reader-data-{run}"  # a new one each run, the old ones kept until the end (see the docstring)
    env = app_env(work)
    subprocess.run([sys.executable, "-m", "reader_app", "--data-dir", str(data), "index"], env=env, check=True,
                   capture_output=True)
    return run_child([sys.executable, "-m", "reader_app", "--data-dir", str(data), "import", str(folder)], env=env)


def recoll_run(folder: Path, work: Path, run: int) -> tuple[float, int, float, float]:
    conf = work / f"recoll-conf-{run}"
    conf.mkdir()
    # idxniceprio 0: recollindex lowers its own priority to nice 19 by default, which on a machine busy
    # with other work starves it (reader-app runs at normal priority); both run at the same one here.
    (conf / "recoll.conf").write_text(f"topdirs = {folder}\nloglevel = 1\nidxniceprio = 0\n", encoding="utf-8")
    return run_child(["recollindex", "-c", str(conf)], env=dict(os.environ, HOME=str(work)))


def gui_run(folder: Path, work: Path, run: int) -> dict:
    data = work / f"gui-data-{run}"
    env = app_env(work)
    env["QT_QPA_PLATFORM"] = "offscreen"
    subprocess.run([sys.executable, "-m", "reader_app", "--data-dir", str(data), "index"], env=env, check=True,
                   capture_output=True)
    out = work / "gui-probe.json"
    out.unlink(missing_ok=True)
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--gui-probe", str(folder), str(data),
                             str(out)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0 or not out.exists():
        raise SystemExit(f"import_bench: GUI probe failed: {err[-800:].decode(errors='replace')}")
    result = json.loads(out.read_text())
    result["peak_mb"] = usage.ru_maxrss // 1024
    result["wall"] = time.perf_counter() - t0
    return result


def gui_probe(folder: Path, data: Path, out: Path) -> int:
    """In the child: open the window offscreen, import `folder` through it, and time the GUI thread."""
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer

    from reader_app import paths
    from reader_app.ui.app import build_window, make_app

    app = make_app([])
    window = build_window(paths.resolve(data))
    window.show()
    clock = QElapsedTimer()
    clock.start()
    state = {"phase": "opening", "last": 0, "stall": {"import": 0.0, "list": 0.0}, "ticks": 0, "t0": 0.0}
    late: list[float] = []

    def tick() -> None:
        now = clock.nsecsElapsed()
        if state["last"] and state["phase"] in ("import", "list"):
            lateness = (now - state["last"]) / 1e6 - 5.0
            late.append(lateness)
            state["stall"][state["phase"]] = max(state["stall"][state["phase"]], lateness)
        state["last"] = now
        state["ticks"] += 1

    probe = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=5, timeout=tick)

    def settled() -> None:
        state["phase"] = "done"
        result = {"import_seconds": state["import_s"], "stall_import_ms": round(state["stall"]["import"], 1),
                  "stall_list_ms": round(state["stall"]["list"], 1),
                  "p99_ms": round(sorted(late)[int(len(late) * 0.99)] if late else 0.0, 1),
                  "ticks": state["ticks"], "added": state["added"], "rows": window.list_pane.library_model.rowCount()}
        out.write_text(json.dumps(result))
        window.close()
        app.quit()

    def on_rows(rows: list) -> None:
        if state["phase"] == "list":
            QTimer.singleShot(300, settled)  # keep probing while the list repaints

    def finished(report) -> None:
        state["import_s"] = round(time.perf_counter() - state["t0"], 2)
        state["added"] = len(report.added)
        state["phase"] = "list"
        if not (report.added or report.updated):
            QTimer.singleShot(300, settled)

    def ready(_library) -> None:
        window.controller.rows_ready.connect(on_rows)
        window.imports.finished.connect(finished)
        probe.start()
        state["phase"] = "import"
        state["t0"] = time.perf_counter()
        window.imports.import_paths([folder])

    window.library_ready.connect(ready)
    window.start()
    return app.exec()


def fmt(values: list[float], unit: str = "s", digits: int = 1) -> str:
    return f"{statistics.median(values):.{digits}f} {unit} (min {min(values):.{digits}f}, max {max(values):.{digits}f})"


def main() -> int:
    if len(sys.argv) == 5 and sys.argv[1] == "--gui-probe":
        return gui_probe(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a folder of articles, e.g. ../shared/corpora/bbc-news")
    parser.add_argument("--copies", default="1,10", help="sizes to measure, as numbers of copies (default 1,10)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--gui-copies", default="1,10", help="sizes for the GUI probe (default 1,10)")
    parser.add_argument("--no-gui", action="store_true")
    parser.add_argument("--gui-only", action="store_true", help="only the GUI probe (no command-line runs)")
    args = parser.parse_args()
    if shutil.which("recollindex") is None:
        raise SystemExit("import_bench: recollindex is not installed (Debian: recollcmd)")
    corpus = args.corpus.resolve()
    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        work = Path(tmp)
        for copies in [int(c) for c in args.copies.split(",") if c]:
            folder = make_copies(corpus, copies, work)
            n = count_files(folder)
            times: dict[str, list[float]] = {"reader": [], "recoll": []}
            peaks: dict[str, list[float]] = {"reader": [], "recoll": []}
            cpu: dict[str, list[float]] = {"reader": [], "recoll": []}
            kernel: dict[str, list[float]] = {"reader": [], "recoll": []}
            for r in range(0 if args.gui_only else args.runs):
                order = [("reader", reader_run), ("recoll", recoll_run)]
                for name, fn in (order if r % 2 == 0 else order[::-1]):
                    wall, rss, seconds, system = fn(folder, work, r)
                    times[name].append(wall)
                    peaks[name].append(rss)
                    cpu[name].append(seconds)
                    kernel[name].append(system)
                    print(f"  x{copies} run {r + 1} {name}: {wall:.1f} s, CPU {seconds:.1f} s (system {system:.2f} s), "
                          f"peak {rss} MB", flush=True)
            if times["reader"]:
                ratio = statistics.median(times["reader"]) / statistics.median(times["recoll"])
                ratios = [a / b for a, b in zip(times["reader"], times["recoll"])]
                print(f"{n:,} files (x{copies}): reader-app {fmt(times['reader'])}, recollindex {fmt(times['recoll'])}; "
                      f"ratio {ratio:.2f} (per run {', '.join(f'{x:.2f}' for x in ratios)}); peak memory reader-app "
                      f"{fmt(peaks['reader'], 'MB', 0)}, recollindex {fmt(peaks['recoll'], 'MB', 0)}; CPU time reader-app "
                      f"{fmt(cpu['reader'])}, recollindex {fmt(cpu['recoll'])}; of which system reader-app "
                      f"{fmt(kernel['reader'], digits=2)}, recollindex {fmt(kernel['recoll'], digits=2)}", flush=True)
            if not args.no_gui and copies in [int(c) for c in args.gui_copies.split(",") if c]:
                results = [gui_run(folder, work, k) for k in range(args.runs)]
                for res in results:
                    print(f"  x{copies} GUI: {json.dumps(res)}", flush=True)
                print(f"{n:,} files (x{copies}) through the window: import {fmt([r['import_seconds'] for r in results])}; "
                      f"longest GUI-thread stall during the import {fmt([r['stall_import_ms'] for r in results], 'ms')}, "
                      f"while the list is shown again {fmt([r['stall_list_ms'] for r in results], 'ms')}; "
                      f"GUI process peak {fmt([r['peak_mb'] for r in results], 'MB', 0)}", flush=True)
            if folder != corpus:
                shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
