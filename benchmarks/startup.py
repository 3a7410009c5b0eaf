"""Start-up time: process start to window shown, and to list populated, reader-app against a bare PySide6
window with the same widgets, in the same run on the same Xvfb screen.

    python benchmarks/startup.py [--runs 7] [--corpus DIR] [--installed]

The library is indexed once before timing (warm start: an existing index, files in the page cache, bytecode
compiled), and each program is launched once untimed. Runs alternate between the two programs. Both write the wall-clock
times of their first paint and of the first paint of the filled list (READER_APP_STARTUP_PROBE), measured
from just before the process is spawned. Prints medians (and min-max) in milliseconds, the ratio of the
medians, and the median of run-by-run ratios (each reader-app run against the bare run just before it, which
cancels most of the noise from other load on the machine).
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
sys.path.insert(0, str(ROOT))

from tools.xdriver import xvfb  # noqa: E402

PROBE_ENV = "READER_APP_STARTUP_PROBE"


def app_command(installed: bool) -> list[str]:
    if installed:
        exe = shutil.which("reader-app", path=os.path.dirname(sys.executable)) or shutil.which("reader-app")
        if exe is None:
            raise SystemExit("startup.py: --installed, but reader-app is not on PATH")
        return [exe]
    return [sys.executable, "-m", "reader_app"]


def launch(cmd: list[str], env: dict[str, str], probe: Path) -> tuple[float, float, int]:
    """Run one start-up; (ms to window shown, ms to list populated, rows)."""
    probe.unlink(missing_ok=True)
    t0 = time.time()
    proc = subprocess.run(cmd, env={**env, PROBE_ENV: str(probe)}, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, timeout=120)
    if proc.returncode != 0 or not probe.exists():
        raise SystemExit(f"startup.py: {cmd[-1]} failed ({proc.returncode}): {proc.stderr[-800:]}")
    marks = json.loads(probe.read_text(encoding="utf-8"))
    return (marks["shown"] - t0) * 1000, (marks["populated"] - t0) * 1000, int(marks["rows"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--corpus", type=Path, help="import this folder of articles first (e.g. the BBC corpus)")
    parser.add_argument("--installed", action="store_true", help="time the installed reader-app command")
    parser.add_argument("--data-dir", type=Path, help="use this existing, indexed data folder as it is")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="reader-app-startup-"))
    data = args.data_dir or work / "data"
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "PYTHONDONTWRITEBYTECODE")}
    # Warm means compiled too: bytecode is cached (outside the checkout), as pip does for an installed app.
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    env["PYTHONPATH"] = str(ROOT)
    env["QT_QPA_PLATFORM"] = "xcb"
    cli = app_command(args.installed)
    try:
        if not args.data_dir:
            subprocess.run([*cli, "--data-dir", str(data), "index"], env=env, check=True, capture_output=True)
        if args.corpus:
            subprocess.run([*cli, "--data-dir", str(data), "import", str(args.corpus)], env=env, check=True,
                           capture_output=True)
        listing = subprocess.run([*cli, "--data-dir", str(data), "list", "--json"], env=env, check=True,
                                 capture_output=True, text=True)
        titles = work / "titles.json"
        titles.write_text(json.dumps([r["title"] for r in json.loads(listing.stdout)]), encoding="utf-8")
        programs = {
            "bare PySide6": [sys.executable, str(ROOT / "benchmarks" / "bare_window.py"), str(titles)],
            "reader-app": [*cli, "--data-dir", str(data)],
        }
        results: dict[str, list[tuple[float, float, int]]] = {name: [] for name in programs}
        with xvfb("1400x900x24") as display:
            env["DISPLAY"] = display
            for cmd in programs.values():  # untimed: warm the page cache and bytecode
                launch(cmd, env, work / "probe.json")
            for _ in range(args.runs):
                for name, cmd in programs.items():
                    results[name].append(launch(cmd, env, work / "probe.json"))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def med(name: str, i: int) -> float:
        return statistics.median(r[i] for r in results[name])

    def span(name: str, i: int) -> str:
        values = [r[i] for r in results[name]]
        return f"{min(values):.0f}-{max(values):.0f}"

    rows = results["reader-app"][0][2]
    print(f"Start-up, warm, {rows:,} articles, medians of {args.runs} runs (ms; min-max in brackets), "
          f"Python {sys.version.split()[0]}")
    print(f"{'program':<14} {'window shown':>22} {'list populated':>22}")
    for name in programs:
        print(f"{name:<14} {med(name, 0):>9.0f} ({span(name, 0):>10}) {med(name, 1):>9.0f} ({span(name, 1):>10})")
    print(f"{'ratio':<14} {med('reader-app', 0) / med('bare PySide6', 0):>21.2f}x "
          f"{med('reader-app', 1) / med('bare PySide6', 1):>21.2f}x   (of the medians; target <= 1.5x)")

    def paired(i: int) -> float:  # each reader-app run against the bare run just before it: shared load cancels
        return statistics.median(a[i] / b[i] for a, b in zip(results["reader-app"], results["bare PySide6"]))

    print(f"{'paired ratio':<14} {paired(0):>21.2f}x {paired(1):>21.2f}x   (median of run-by-run ratios)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
