"""A small import into a big library: `reader-app import` of 100 new files into a copy of a data folder.

    python benchmarks/import_increment.py DATA_DIR [CORPUS_DIR] [--runs 2] [--profile OUT.prof]

DATA_DIR is a library already built (e.g. /work/libs/data-x48, the BBC corpus copied 48 times); it is never
written to: each run copies it into a temporary folder first and opens the library there (both untimed:
the seeds' folder of this checkout is indexed, and what a newer version does once is done), then imports. The 100 files are
corpus files (CORPUS_DIR, default ../shared/corpora/bbc-news) with a line of their own appended, so all are
new to the library (scale_bench.extra_folder). Prints the wall time, CPU time (the process and the workers
it reaped) and peak memory of each run and their medians; `--profile` runs the import under cProfile
instead (one run) and writes the profile there.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_bench import app_env, run_child  # noqa: E402
from scale_bench import default_corpus, extra_folder  # noqa: E402

PREPARE = """
import sys
from reader_app import paths
from reader_app.core.library import Library
library = Library(paths.resolve(sys.argv[1]))
library.open()
if hasattr(library, "reclean"):
    library.learn_furniture()  # a version with learning's own state counts it once here
library.close()
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="a built library's data folder (copied, never changed)")
    parser.add_argument("corpus", type=Path, nargs="?", default=None, help="where the 100 new files come from")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--profile", type=Path, default=None, help="run once under cProfile, write the profile here")
    args = parser.parse_args()
    corpus = (args.corpus or default_corpus()).resolve()
    walls: list[float] = []
    cpus: list[float] = []
    peaks: list[float] = []
    with tempfile.TemporaryDirectory(prefix="import-increment-") as tmp:
        work = Path(tmp)
        env = app_env(work)
        for r in range(1 if args.profile else args.runs):
            data = work / "data"
            shutil.rmtree(data, ignore_errors=True)
            shutil.copytree(args.data, data, symlinks=True)
            # Untimed: the library opened first, so that what a copy made by another checkout differs in (the seeds'
            # folder) and what a newer version does once (counting the learnt furniture's state) is done.
            subprocess.run([sys.executable, "-c", PREPARE, str(data)], env=env, check=True, capture_output=True)
            extra = extra_folder(corpus, work, f"increment {r + 1} {os.getpid()}")
            load = os.getloadavg()[0]
            cmd = [sys.executable, "-m", "reader_app", "--data-dir", str(data), "import", str(extra)]
            if args.profile:
                cmd[1:3] = ["-m", "cProfile", "-o", str(args.profile), "-m", "reader_app"]
                subprocess.run(cmd, env=env, check=True, capture_output=True)
                print(f"profile written to {args.profile}")
                return 0
            wall, rss, cpu = run_child(cmd, env=env)
            walls.append(wall)
            cpus.append(cpu)
            peaks.append(rss)
            print(f"  run {r + 1}: wall {wall:.1f} s, CPU {cpu:.1f} s, peak {rss} MB (load average before {load:.1f})",
                  flush=True)
    print(f"+100 files into {args.data}: wall {statistics.median(walls):.1f} s ({min(walls):.1f}-{max(walls):.1f}), "
          f"CPU {statistics.median(cpus):.1f} s, peak {statistics.median(peaks):.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
