"""A timeline of one `reader-app import`: when each process is spawned, busy, idle or waiting, and the steps.

    python benchmarks/import_timeline.py CORPUS_DIR [--data DATA_DIR] [--every 0.02] [--out timeline.json]

As import_bench.py does, a fresh data folder gets its seed index first (untimed); then `python -m reader_app
import CORPUS_DIR` runs while this script samples /proc every `--every` seconds: for the import and every process
under it, its state (running, sleeping, disk wait) and its user and system CPU ticks. Steps the app marks
(`READER_APP_TIMELINE`, core/storage/timeline.py) are read back and placed on the same clock. Printed: each
process's life (spawned, ended, CPU), its CPU per slice of `--slice` seconds as a bar, and the marks in order.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TICK = os.sysconf("SC_CLK_TCK")


def boot_time() -> float:
    for line in Path("/proc/stat").read_text().splitlines():
        if line.startswith("btime "):
            return float(line.split()[1])
    raise SystemExit("no btime in /proc/stat")


def stat_of(pid: int) -> tuple[int, str, int, int, int, str] | None:
    """(ppid, state, utime, stime, starttime ticks, name) of a process, or None when it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = raw[raw.index("(") + 1:raw.rindex(")")]
    rest = raw[raw.rindex(")") + 2:].split()
    return int(rest[1]), rest[0], int(rest[11]), int(rest[12]), int(rest[19]), name


def descendants(root: int, known: set[int] | None = None) -> dict[int, tuple]:
    """The stat of `root` and every process under it: all of /proc looked at, or only the `known` pids."""
    found: dict[int, tuple] = {}
    stats = {}
    for entry in (os.listdir("/proc") if known is None else map(str, known)):
        if entry.isdigit():
            s = stat_of(int(entry))
            if s is not None:
                stats[int(entry)] = s
    if known is not None:
        return stats
    wanted = {root}
    changed = True
    while changed:
        changed = False
        for pid, s in stats.items():
            if pid not in wanted and s[0] in wanted:
                wanted.add(pid)
                changed = True
    for pid in wanted:
        if pid in stats:
            found[pid] = stats[pid]
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--data", type=Path, help="data folder (made fresh; default a temporary one)")
    ap.add_argument("--every", type=float, default=0.02, help="seconds between samples")
    ap.add_argument("--slice", type=float, default=0.1, help="seconds per character of the CPU bars")
    ap.add_argument("--out", type=Path, help="write the samples and marks as JSON here")
    ap.add_argument("--keep-data", action="store_true", help="leave the data folder")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="import-timeline-"))
    data = args.data or work / "data"
    shutil.rmtree(data, ignore_errors=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT), HOME=str(work), PYTHONPYCACHEPREFIX=str(work / "pycache"))
    for name in ("READER_APP_DATA_DIR", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    subprocess.run([sys.executable, "-m", "reader_app", "--data-dir", str(data), "index"], env=env, check=True,
                   capture_output=True)
    marks_file = work / "marks.txt"
    env["READER_APP_TIMELINE"] = str(marks_file)
    btime = boot_time()
    t0 = time.time()
    proc = subprocess.Popen([sys.executable, "-m", "reader_app", "--data-dir", str(data), "import",
                             str(args.corpus)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    samples: list[tuple[float, dict[int, tuple]]] = []
    known: set[int] = set()
    scanned = 0.0
    while True:
        now = time.time()
        if now - scanned >= 0.1:  # new processes looked for every 0.1 s (a whole scan costs 2 ms of CPU)
            tree = descendants(proc.pid)
            known, scanned = set(tree), now
        else:
            tree = descendants(proc.pid, known)
        samples.append((now - t0, tree))
        if proc.poll() is not None:
            break
        time.sleep(max(0.0, args.every - (time.time() - now)))
    end = time.time() - t0
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode not in (0, 3):
        raise SystemExit(f"import failed ({proc.returncode}): {err[-600:]}")

    # per process: first and last seen, start time from the kernel, CPU ticks per sample
    procs: dict[int, dict] = {}
    for t, tree in samples:
        for pid, (ppid, state, ut, st, start, name) in tree.items():
            p = procs.setdefault(pid, {"pid": pid, "ppid": ppid, "name": name, "start": start / TICK + btime - t0,
                                       "seen": [], "states": []})
            p["seen"].append((t, ut, st))
            p["states"].append((t, state))
    # the kernel's start times are in ticks since boot, whose second is rounded: placed against the parent's
    # spawn, which is t0 give or take a millisecond
    shift = procs[proc.pid]["start"] if proc.pid in procs else 0.0
    for p in procs.values():
        p["start"] -= shift
    marks = []
    if marks_file.exists():
        for line in marks_file.read_text().splitlines():
            when, pid, cpu, what = line.split(" ", 3)
            marks.append((float(when) - t0, int(pid), float(cpu), what))
    marks.sort()

    print(f"wall {end:.2f} s (spawn to exit, sampled every {args.every * 1000:.0f} ms); load {os.getloadavg()[0]:.2f}")
    slices = int(end / args.slice) + 1
    shades = " .:-=+*#%@"
    for pid, p in sorted(procs.items(), key=lambda kv: kv[1]["start"]):
        seen = p["seen"]
        ut, st = seen[-1][1] - 0, seen[-1][2] - 0
        bar = [0.0] * slices
        prev_c = 0
        for t, u, s in seen:
            c = u + s
            k = min(slices - 1, int(t / args.slice))
            bar[k] += (c - prev_c) / TICK
            prev_c = c
        disk = sum(1 for _, s in p["states"] if s == "D") * args.every
        label = "parent" if pid == proc.pid else f"child {pid}"
        print(f"{label:>12}: {p['name'][:15]:<15} spawned {p['start']:5.2f} s, last seen {seen[-1][0]:5.2f} s, "
              f"user {ut / TICK:.2f} s, system {st / TICK:.2f} s, disk wait ~{disk:.2f} s")
        print(" " * 14 + "|" + "".join(shades[min(9, round(9 * b / args.slice))] for b in bar) + "|")
    print(" " * 14 + "|" + "".join(str(int(k * args.slice) % 10) if (k * args.slice) % 1 < 1e-9 or
                                    abs((k * args.slice) % 1 - 1) < 1e-9 else " " for k in range(slices)) + "|")
    for t, pid, cpu, what in marks:
        who = "parent" if pid == proc.pid else f"{pid}"
        print(f"{t:6.3f} s  {who:>8}  cpu {cpu:6.3f} s  {what}")
    if args.out:
        args.out.write_text(json.dumps({"wall": end, "procs": list(procs.values()), "marks": marks}))
    if not args.keep_data:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"data folder: {data}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
