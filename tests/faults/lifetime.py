"""For the process-lifetime tests: finding every process of one run, however far it wandered (each carries an
environment marker its children inherit; a process whose parent died is re-parented, so the process tree
alone would lose it), and a corpus big enough for an import to be killed mid-way."""

from __future__ import annotations

import os
import random
import time
import uuid
from pathlib import Path

from tests.conftest import SEEDS

MARK = "READER_APP_TEST_RUN"


def new_mark() -> dict[str, str]:
    """Environment entries that mark a run's processes."""
    return {MARK: uuid.uuid4().hex}


def marked(env: dict[str, str]) -> list[int]:
    """Pids of the live processes carrying the run's marker (zombies are dead already and not counted)."""
    needle = f"{MARK}={env[MARK]}".encode()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if needle not in Path(f"/proc/{entry}/environ").read_bytes().split(b"\0"):
                continue
            state = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if state != "Z":
            found.append(int(entry))
    return found


def wait_for(check, timeout: float, step: float = 0.02):
    """`check()`'s first true value within `timeout` seconds, else its last value."""
    deadline = time.monotonic() + timeout
    value = check()
    while not value and time.monotonic() < deadline:
        time.sleep(step)
        value = check()
    return value


def describe(pids: list[int]) -> list[str]:
    out = []
    for pid in pids:
        try:
            out.append(f"{pid}: " + Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:160])
        except OSError:
            out.append(f"{pid}: (gone)")
    return out


def make_corpus(folder: Path, count: int) -> Path:
    """`count` different articles made of the seeds' paragraphs and words, in four subfolders `part0`…`part3`."""
    paragraphs = [p for f in sorted(SEEDS.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n\n")
                  if len(p) > 80 and not p.startswith(("#", "*", "By "))]
    vocabulary = sorted({w for p in paragraphs for w in p.split() if w.isalpha()})
    rng = random.Random(20)
    for n in range(count):
        title = " ".join(rng.choice(vocabulary) for _ in range(6)).capitalize()
        body = "\n\n".join(rng.choice(paragraphs) + " " + " ".join(rng.choices(vocabulary, k=40)) for _ in range(6))
        target = folder / f"part{n % 4}" / f"article-{n:04d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"# {title} {n}\n\nBy Test Desk\n\n{body}\n", encoding="utf-8")
    return folder
