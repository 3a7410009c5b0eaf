"""How long the app's child processes live on after their parent is killed (core/children.py).

    python benchmarks/child_lifetime.py [--runs 7] [--corpus DIR]

Three cases, each run `--runs` times, medians printed with min-max; asserts nothing:

- **import**: `python -m reader_app import FOLDER` into a fresh data folder, SIGKILLed once its two workers
  have copied 300 files; the time from the kill until the last worker is gone (dead or a zombie).
- **rebuild**: `python -m reader_app index --rebuild` of a library of 1,000 of those articles, SIGKILLed once
  Whoosh's two forked writer processes exist; the same time.
- **lifeline alone**: a `Child` whose parent stays alive but cuts the lifeline (what the kernel does when the
  parent dies, and all there is where `prctl` is not): the time until the child has exited.

FOLDER is DIR, or 2,000 articles made of the seeds (tests/faults/lifetime.py) in a temporary folder. Children
are found by an environment marker, as in tests/faults/test_process_lifetime.py.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader_app.core.storage.children import Child  # noqa: E402
from tests.faults.lifetime import make_corpus, marked, new_mark, wait_for  # noqa: E402
from tests.faults.storage.test_children import _sleep  # noqa: E402  (a child's target travels by name)


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def killed_parent(args: list[str], data: Path, ready) -> float:
    """Start reader-app with `args`, SIGKILL it once `ready(env)` holds; seconds until its last child is gone."""
    env = new_mark()
    proc = subprocess.Popen([sys.executable, "-m", "reader_app", "--data-dir", str(data), *args], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT), **env},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not wait_for(lambda: ready(env) or proc.poll() is not None, 120, step=0.005) or proc.poll() is not None:
        raise SystemExit(f"reader-app {' '.join(args)} ended before it could be killed; use a bigger corpus")
    children = [p for p in marked(env) if p != proc.pid]
    proc.send_signal(signal.SIGKILL)
    t0 = time.perf_counter()
    proc.wait()
    while any(alive(p) for p in children):
        if time.perf_counter() - t0 > 30:
            raise SystemExit(f"children still alive 30 s after the kill: {children}")
        time.sleep(0.0005)
    return time.perf_counter() - t0


def lifeline_alone() -> float:
    child = Child(_sleep)
    child.start()
    time.sleep(0.5)  # let it reach its target
    assert child.exitcode is None
    t0 = time.perf_counter()
    child.lifeline.cut()
    child.join()
    took = time.perf_counter() - t0
    child.close()
    return took


def show(name: str, times: list[float]) -> None:
    ms = [t * 1000 for t in times]
    print(f"{name:<16} median {statistics.median(ms):7.1f} ms   (min {min(ms):.1f}, max {max(ms):.1f}, "
          f"{len(ms)} runs)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--corpus", type=Path)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="child-lifetime-") as tmp:
        corpus = a.corpus or make_corpus(Path(tmp) / "corpus", 2000)
        imports = []
        for n in range(a.runs):
            data = Path(tmp) / f"import-{n}"
            copies = data / "articles"
            imports.append(killed_parent(["import", str(corpus)], data, lambda env, copies=copies: len(marked(env))
                                         >= 3 and copies.is_dir() and sum(1 for _ in copies.iterdir()) >= 300))
        show("import", imports)

        library = Path(tmp) / "library"
        first = sorted(corpus.rglob("*.txt"))[:1000]
        subprocess.run([sys.executable, "-m", "reader_app", "--data-dir", str(library), "import",
                        *map(str, first)], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        show("rebuild", [killed_parent(["index", "--rebuild"], library, lambda env: len(marked(env)) >= 3)
                         for _ in range(a.runs)])
        show("lifeline alone", [lifeline_alone() for _ in range(a.runs)])


if __name__ == "__main__":
    main()
